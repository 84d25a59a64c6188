"""7-minute learning briefings: their listing at /learning/, the briefings, the reviews each
draws on, the generated printable PDF of each published revision, and how often it is
downloaded (a count a day, kept on the server).

A briefing names its source reviews through a page chooser limited to review pages by name,
not by import: ``learning`` imports nothing from ``reviews``.
"""

from datetime import timedelta

from django import forms
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from learning.forms import BriefingFilterForm
from learning.models.taxonomy import Audience, Theme
from learning.printable import printable_for
from safeguarding_site.listing import ListingPageMixin, build_listing
from safeguarding_site.mixins import (
    PUBLISHED_DATE_HELP,
    DatedPageMixin,
    MenuTitleMixin,
    PartnershipPrivacyMixin,
)
from safeguarding_site.querysets import DatedPageQuerySet
from safeguarding_site.rich_text_features import SECTION_FEATURES

DUE_SOON_DAYS = 30


class BriefingQuerySet(DatedPageQuerySet):
    def due_for_review(self, within_days=DUE_SOON_DAYS):
        """Briefings whose "review by" date has passed or falls within ``within_days``."""
        return self.filter(review_by__lte=timezone.localdate() + timedelta(days=within_days))


BriefingManager = PageManager.from_queryset(BriefingQuerySet)


class LearningIndexPage(ListingPageMixin, MenuTitleMixin, PartnershipPrivacyMixin, Page):
    """The list of 7-minute briefings at ``/learning/``."""

    intro = RichTextField(
        blank=True, features=SECTION_FEATURES, help_text="Shown above the list of briefings."
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["safeguarding_site.HomePage"]
    subpage_types = ["learning.BriefingPage"]
    max_count = 1
    listing_noun = "briefings"  # what the listing calls its items, in sentences
    page_description = "The list of 7-minute learning briefings. There is one, at /learning/."

    def get_briefings(self):
        """Every live, public briefing under this page."""
        return BriefingPage.objects.live().public().descendant_of(self).prefetch_related("themes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = BriefingFilterForm(request.GET, themes=Theme.objects.options())
        context["listing"] = build_listing(request, self.get_briefings(), form=form)
        return context

    @classmethod
    def counted_listings(cls):
        """(queryset, facets) of the briefing listing, whose option counts are counted again
        after every change (``option_counts.refresh``)."""
        for listing_page in cls.objects.live().public():
            yield listing_page.get_briefings(), BriefingFilterForm.facets


class BriefingPage(DatedPageMixin, RoutablePageMixin, PartnershipPrivacyMixin, Page):
    """A 7-minute learning briefing: seven short sections a team reads together in seven
    minutes, with reflective questions, and a printable one-page version."""

    summary = models.CharField(
        max_length=255,
        help_text="One line of context shown in lists, e.g. 'Learning from three local reviews "
        "about babies with unexplained bruising'.",
    )
    themes = ParentalManyToManyField(
        Theme, blank=True, related_name="briefings", help_text="The themes this briefing covers."
    )
    audiences = ParentalManyToManyField(
        Audience,
        blank=True,
        related_name="briefings",
        help_text="Who this briefing is written for.",
    )
    # Empty until the briefing goes live, which dates it if the editor did not (DatedPageMixin).
    published_date = models.DateField(
        null=True,
        blank=True,
        help_text=f"The date the briefing was first published. {PUBLISHED_DATE_HELP}",
    )
    review_by = models.DateField(
        null=True,
        blank=True,
        help_text="When the partnership will check that the briefing is still current. After "
        "this date the page and its printable version say that it is being reviewed, until "
        "you set a new date.",
    )
    last_reviewed = models.DateField(
        null=True,
        blank=True,
        help_text="When the partnership last confirmed the briefing is still current. Empty: "
        "never since it was published.",
    )
    background = RichTextField(
        features=SECTION_FEATURES,
        help_text="Section 1: background - what happened, or why this topic.",
    )
    why_it_matters = RichTextField(
        features=SECTION_FEATURES, help_text="Section 2: why it matters to practitioners."
    )
    key_information_1_heading = models.CharField(
        max_length=120, default="Key information", help_text="Heading for section 3."
    )
    key_information_1 = RichTextField(
        features=SECTION_FEATURES, help_text="Section 3: key information."
    )
    key_information_2_heading = models.CharField(
        max_length=120, default="Key information", help_text="Heading for section 4."
    )
    key_information_2 = RichTextField(
        features=SECTION_FEATURES, help_text="Section 4: key information."
    )
    key_information_3_heading = models.CharField(
        max_length=120, default="Key information", help_text="Heading for section 5."
    )
    key_information_3 = RichTextField(
        features=SECTION_FEATURES, help_text="Section 5: key information."
    )
    what_to_remember = RichTextField(
        features=SECTION_FEATURES, help_text="Section 6: what to note and remember."
    )
    what_to_do = RichTextField(
        features=SECTION_FEATURES,
        help_text="Section 7: what to do - the practice change asked for.",
    )
    reflective_questions = RichTextField(
        blank=True,
        features=SECTION_FEATURES,
        help_text="Questions for a team or supervision discussion, as a list.",
    )
    uploaded_pdf = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional: a PDF version made by the partnership. A printable version of this "
        "page is generated automatically as well.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("published_date"),
                FieldPanel("review_by"),
                FieldPanel("last_reviewed"),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
            ],
            heading="About this briefing",
        ),
        MultiFieldPanel(
            [
                FieldPanel("background"),
                FieldPanel("why_it_matters"),
                FieldPanel("key_information_1_heading"),
                FieldPanel("key_information_1"),
                FieldPanel("key_information_2_heading"),
                FieldPanel("key_information_2"),
                FieldPanel("key_information_3_heading"),
                FieldPanel("key_information_3"),
                FieldPanel("what_to_remember"),
                FieldPanel("what_to_do"),
            ],
            heading="The seven sections",
        ),
        FieldPanel("reflective_questions"),
        InlinePanel("source_review_links", heading="Source reviews", label="Source review"),
        FieldPanel("uploaded_pdf"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("background"),
        index.SearchField("why_it_matters"),
        index.SearchField("key_information_1"),
        index.SearchField("key_information_2"),
        index.SearchField("key_information_3"),
        index.SearchField("what_to_remember"),
        index.SearchField("what_to_do"),
        index.SearchField("reflective_questions"),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.FilterField("published_date"),
    ]

    parent_page_types = ["learning.LearningIndexPage"]
    subpage_types = []
    page_description = (
        "A 7-minute learning briefing: seven short sections and reflective questions."
    )

    objects = BriefingManager()

    @property
    def sections(self):
        """The seven sections in order, as (number, heading, text) for templates and the PDF."""
        return [
            (1, "Background", self.background),
            (2, "Why it matters", self.why_it_matters),
            (3, self.key_information_1_heading, self.key_information_1),
            (4, self.key_information_2_heading, self.key_information_2),
            (5, self.key_information_3_heading, self.key_information_3),
            (6, "What to note and remember", self.what_to_remember),
            (7, "What to do", self.what_to_do),
        ]

    @property
    def is_under_review(self):
        """Whether the briefing is past its "review by" date: readers are told it is being
        reviewed, and when it was last confirmed current."""
        return bool(self.review_by and self.review_by < timezone.localdate())

    @property
    def last_confirmed(self):
        """The date the briefing was last confirmed current: reviewed, or else published."""
        return self.last_reviewed or self.published_date

    @property
    def printable(self):
        """The generated PDF of the published version as readers get it today (it says when
        the briefing is under review), if it has been made.

        Reads ``printables`` through the prefetch cache when a listing prefetched it.
        """
        return next(
            (
                item
                for item in self.printables.all()
                if item.revision_id == self.live_revision_id
                and item.under_review == self.is_under_review
            ),
            None,
        )

    @path("download/")
    def download(self, request):
        """The printable PDF of the published briefing (never of a draft)."""
        if getattr(request, "is_preview", False):
            raise Http404("Drafts have no printable version.")
        printable = printable_for(self)
        if printable is None:  # live, but never published through a revision
            raise Http404("This briefing has no printable version yet.")
        if request.method == "GET":  # a HEAD only asks about the file
            BriefingDownloadCount.count_one(self)
        return FileResponse(
            printable.file.open("rb"),
            as_attachment=True,
            filename=f"{self.slug}-7-minute-briefing.pdf",
            content_type="application/pdf",
        )

    @cached_property
    def live_source_reviews(self):
        """The published, public reviews this briefing draws on, in the editor's order."""
        review_ids = [link.review_id for link in self.source_review_links.all()]
        reviews = {
            page.pk: page
            for page in Page.objects.live().public().filter(pk__in=review_ids).specific()
        }
        return [reviews[pk] for pk in review_ids if pk in reviews]


class BriefingSourceReview(Orderable):
    """A review that a briefing draws its learning from."""

    briefing = ParentalKey(
        BriefingPage, on_delete=models.CASCADE, related_name="source_review_links"
    )
    review = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="A published review this briefing draws on.",
    )

    panels = [PageChooserPanel("review", page_type="reviews.ReviewPage")]


class PrintableBriefing(models.Model):
    """The generated one-page PDF of one published revision of a briefing."""

    briefing = models.ForeignKey(
        BriefingPage, on_delete=models.CASCADE, related_name="printables", help_text="The briefing."
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The published revision the PDF was made from.",
    )
    file = models.FileField(upload_to="printable-briefings/", help_text="The generated PDF.")
    size = models.PositiveIntegerField(help_text="The file's size in bytes.")
    pages = models.PositiveSmallIntegerField(help_text="How many A4 pages the PDF has.")
    under_review = models.BooleanField(
        default=False,
        help_text="Made after the briefing's review date: it says the briefing is being reviewed.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["briefing", "revision", "under_review"], name="one_pdf_per_revision"
            )
        ]

    def __str__(self):
        return f"{self.briefing} (revision {self.revision_id})"


class BriefingDownloadCount(models.Model):
    """How many times a briefing's printable PDF was downloaded on one day (London time).

    Counted on the server by the download view, one row per briefing per day: nothing about
    who downloaded it (no cookie, no address, no browser), and no third party. A download
    served from a browser's or proxy's copy is not counted; one by a search engine's crawler is.
    """

    briefing = models.ForeignKey(
        BriefingPage,
        on_delete=models.CASCADE,
        related_name="download_counts",
        help_text="The briefing whose printable PDF was downloaded.",
    )
    day = models.DateField(help_text="The day of the downloads, in London.")
    downloads = models.PositiveIntegerField(default=0, help_text="How many that day.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["briefing", "day"], name="one_download_count_a_day")
        ]
        verbose_name = "briefing download count"

    def __str__(self):
        return f"{self.briefing}, {self.day}: {self.downloads}"

    @classmethod
    def count_one(cls, briefing):
        """Add one to today's count for ``briefing``, in the database (``F()``), so downloads
        at the same moment on other workers are all counted."""
        today = timezone.localdate()
        counts = cls.objects.filter(briefing=briefing, day=today)
        if counts.update(downloads=F("downloads") + 1):
            return
        try:
            with transaction.atomic():
                cls.objects.create(briefing=briefing, day=today, downloads=1)
        except IntegrityError:  # another worker made today's row first
            counts.update(downloads=F("downloads") + 1)
