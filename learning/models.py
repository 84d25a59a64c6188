"""Learning: themes, 7-minute briefings, external resources and news.

``learning`` imports nothing from ``reviews`` or the site shell's models. A briefing names its
source reviews through a page chooser limited to review pages by name, not by import.
"""

from django import forms
from django.db import models
from django.http import FileResponse, Http404
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import DraftStateMixin, Orderable, Page, RevisionMixin
from wagtail.search import index

from learning.printable import printable_for
from safeguarding_site.blocks import BodyBlock
from safeguarding_site.listing import build_listing

SECTION_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class Theme(index.Indexed, models.Model):
    """A learning theme, such as 'Neglect': the one vocabulary shared by reviews, briefings,
    resources and news. Each theme has a hub page at ``/themes/<slug>/``."""

    name = models.CharField(
        max_length=100, unique=True, help_text="The theme's name, e.g. 'Neglect'."
    )
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text="Used in addresses and filters (/themes/<slug>/). Lower case, hyphens only.",
    )
    description = models.TextField(
        blank=True, help_text="One or two sentences shown at the top of the theme's hub page."
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Audience(models.Model):
    """A group of practitioners a briefing is written for, such as 'Health' or 'Education'."""

    name = models.CharField(
        max_length=100, unique=True, help_text="The audience, e.g. 'Early years'."
    )

    panels = [FieldPanel("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ExternalResource(DraftStateMixin, RevisionMixin, index.Indexed, ClusterableModel):
    """A link to learning published elsewhere: the NSPCC repository, a national panel report."""

    class Publisher(models.TextChoices):
        NSPCC = "nspcc", "NSPCC"
        NATIONAL_PANEL = "national-panel", "Child Safeguarding Practice Review Panel"
        GOVERNMENT = "government", "Government department"
        OTHER = "other", "Other"

    class ResourceType(models.TextChoices):
        REPOSITORY = "repository", "Repository"
        NATIONAL_REVIEW = "national-review", "National review"
        BRIEFING_PAPER = "briefing-paper", "Briefing paper"
        PRESENTATION = "presentation", "Presentation"
        RESEARCH = "research", "Research"
        PROCEDURES = "procedures", "Procedures"

    class LinkStatus(models.TextChoices):
        UNCHECKED = "unchecked", "Not checked yet"
        WORKING = "working", "Working"
        BROKEN = "broken", "Broken"
        MOVED = "moved", "Moved"

    title = models.CharField(
        max_length=255, help_text="The resource's title as its publisher gives it."
    )
    url = models.URLField(max_length=500, help_text="The full address, starting https://.")
    publisher = models.CharField(
        max_length=20,
        choices=Publisher.choices,
        default=Publisher.NSPCC,
        help_text="Who publishes it.",
    )
    resource_type = models.CharField(
        max_length=20,
        choices=ResourceType.choices,
        default=ResourceType.REPOSITORY,
        help_text="What kind of resource it is; resources are grouped by this on /resources/.",
    )
    description = models.TextField(
        blank=True, help_text="One or two sentences on what a practitioner will find there."
    )
    themes = ParentalManyToManyField(
        Theme, blank=True, related_name="resources", help_text="The themes this resource covers."
    )
    last_checked = models.DateField(
        null=True, blank=True, help_text="When someone last checked that the link works."
    )
    link_status = models.CharField(
        max_length=20,
        choices=LinkStatus.choices,
        default=LinkStatus.UNCHECKED,
        help_text="The result of the last check. Broken links are hidden from the public.",
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("url"),
        FieldPanel("publisher"),
        FieldPanel("resource_type"),
        FieldPanel("description"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [FieldPanel("last_checked"), FieldPanel("link_status")], heading="Link check"
        ),
    ]
    search_fields = [
        index.SearchField("title", boost=2),
        index.AutocompleteField("title"),
        index.SearchField("description"),
        index.FilterField("live"),
        index.FilterField("resource_type"),
        index.FilterField("link_status"),
    ]

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title


class LearningIndexPage(Page):
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
        from learning.forms import BriefingFilterForm  # the form reads Theme from this module

        context = super().get_context(request, *args, **kwargs)
        context["listing"] = build_listing(
            request, self.get_briefings(), form_class=BriefingFilterForm
        )
        return context


class BriefingPage(RoutablePageMixin, Page):
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
    # null only so that a draft can be saved before the date is known; publishing needs it.
    published_date = models.DateField(
        null=True, help_text="The date the briefing was first published."
    )
    review_by = models.DateField(
        null=True,
        blank=True,
        help_text="When the partnership will check that the briefing is still current.",
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
    def printable(self):
        """The generated PDF of the published version, if it has been made.

        Reads ``printables`` through the prefetch cache when a listing prefetched it.
        """
        return next(
            (item for item in self.printables.all() if item.revision_id == self.live_revision_id),
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


class ResourceIndexPage(Page):
    """The page at ``/resources/`` listing external resources, grouped by type."""

    intro = RichTextField(
        blank=True, features=SECTION_FEATURES, help_text="Shown above the list of resources."
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["safeguarding_site.HomePage"]
    subpage_types = []
    max_count = 1
    page_description = "The list of national and external resources. There is one, at /resources/."

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        resources = (
            ExternalResource.objects.filter(live=True)
            .exclude(link_status=ExternalResource.LinkStatus.BROKEN)
            .prefetch_related("themes")
            .order_by("resource_type", "title")
        )
        labels = dict(ExternalResource.ResourceType.choices)
        groups = {}
        for resource in resources:
            groups.setdefault(resource.resource_type, []).append(resource)
        context["resource_groups"] = [(labels[key], groups[key]) for key in labels if key in groups]
        return context


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
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["briefing", "revision"], name="one_pdf_per_revision")
        ]

    def __str__(self):
        return f"{self.briefing} (revision {self.revision_id})"


class NewsIndexPage(Page):
    """The list of announcements at ``/news/``."""

    intro = RichTextField(
        blank=True, features=SECTION_FEATURES, help_text="Shown above the news list."
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["safeguarding_site.HomePage"]
    subpage_types = ["learning.NewsPage"]
    max_count = 1
    listing_noun = "news items"  # what the listing calls its items, in sentences
    page_description = "The list of announcements. There is one, at /news/."

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news = (
            NewsPage.objects.live().public().descendant_of(self).order_by("-published_date", "-pk")
        )
        context["listing"] = build_listing(request, news)
        return context


class NewsPage(Page):
    """An announcement of new learning, such as a national panel report, with its documents."""

    # null only so that a draft can be saved before the date is known; publishing needs it.
    published_date = models.DateField(null=True, help_text="The date of the announcement.")
    summary = models.CharField(max_length=255, help_text="One line shown in lists and feeds.")
    themes = ParentalManyToManyField(
        Theme, blank=True, related_name="news", help_text="The themes this announcement is about."
    )
    body = StreamField(BodyBlock(), blank=True, help_text="The announcement itself.")

    content_panels = Page.content_panels + [
        FieldPanel("published_date"),
        FieldPanel("summary"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
        InlinePanel("documents", heading="Documents", label="Document"),
        InlinePanel("links", heading="Links", label="Link"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.FilterField("published_date"),
    ]

    parent_page_types = ["learning.NewsIndexPage"]

    @cached_property
    def document_list(self):
        """The attached documents in the editor's order, each with its file's record."""
        return list(self.documents.select_related("document__collection"))

    subpage_types = []
    page_description = "An announcement, such as a new national report, with documents and links."


class NewsDocument(Orderable):
    """A document attached to a news item, such as a briefing paper or a presentation."""

    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The document.",
    )
    label = models.CharField(
        max_length=200,
        blank=True,
        help_text="Link text, e.g. 'Our briefing paper'; the title if empty.",
    )

    panels = [FieldPanel("document"), FieldPanel("label")]


class NewsLink(Orderable):
    """A link from a news item to another website, such as the full national report."""

    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="links")
    url = models.URLField(max_length=500, help_text="The full address, starting https://.")
    title = models.CharField(max_length=200, help_text="Link text that makes sense on its own.")

    panels = [FieldPanel("url"), FieldPanel("title")]
