"""Reviews: Child Safeguarding Practice Reviews and other reviews, with their recommendations."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from learning.models import BriefingPage, ExternalResource, Theme
from reviews import publication, report_requests, tracking
from reviews.choices import (
    AgeBand,
    DocumentType,
    RecommendationStatus,
    ReportStatus,
    ReviewType,
    TrackedStatus,
)
from reviews.forms import RecommendationFilterForm, ReviewFilterForm
from safeguarding_site.listing import ListingPageMixin, build_listing
from safeguarding_site.mixins import (
    PUBLISHED_DATE_HELP,
    DatedPageMixin,
    DocumentListMixin,
    MenuTitleMixin,
    PartnershipPrivacyMixin,
)
from safeguarding_site.querysets import DatedPageManager, through
from safeguarding_site.rich_text_features import SECTION_FEATURES

# Addresses under /reviews/ that are views, not reviews (reviews/urls.py): a review with one
# of these slugs could never be reached, so its slug is refused.
RESERVED_REVIEW_SLUGS = frozenset({"feed", "recommendations"})


class ReviewIndexPage(ListingPageMixin, MenuTitleMixin, PartnershipPrivacyMixin, Page):
    """The list of published reviews at ``/reviews/``."""

    intro = RichTextField(
        blank=True, features=SECTION_FEATURES, help_text="Shown above the list of reviews."
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["safeguarding_site.HomePage"]
    subpage_types = ["reviews.ReviewPage"]
    max_count = 1
    listing_noun = "reviews"  # what the listing calls its items, in sentences
    page_description = "The list of published reviews. There is one, at /reviews/."

    def listed_reviews(self):
        """Which reviews this page lists, as a condition on pages: live, public, under it."""
        reviews = ReviewPage.objects.all()
        return reviews.live_q() & ~reviews.private_q() & reviews.descendant_of_q(self)

    def get_reviews(self):
        """Every live, public review under this page."""
        return ReviewPage.objects.filter(self.listed_reviews()).prefetch_related("themes")

    def get_recommendations(self):
        """Every recommendation of every live, public review under this page, with its
        review and its tracked status (``RecommendationQuerySet.with_tracked_status``)."""
        return (
            # Joined, so that the tracker reads reviews newest first by their index.
            Recommendation.objects.filter(through(self.listed_reviews(), "review"))
            .select_related("review")
            # The review's long text is never shown beside its recommendations.
            .defer("review__learning_points", "review__partnership_response")
            .with_tracked_status()
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = ReviewFilterForm(request.GET, themes=Theme.objects.options())
        context["listing"] = build_listing(request, self.get_reviews(), form=form)
        return context

    @classmethod
    def counted_listings(cls):
        """(queryset, facets) of the review listing and the recommendation tracker, whose
        option counts are counted again after every change (``option_counts.refresh``)."""
        for listing_page in cls.objects.live().public():
            yield listing_page.get_reviews(), ReviewFilterForm.facets
            yield listing_page.get_recommendations(), RecommendationFilterForm.facets


class LearningPointBlock(blocks.StructBlock):
    """One thing the review found that practitioners should learn from."""

    title = blocks.CharBlock(max_length=200, help_text="The learning point in one line.")
    detail = blocks.RichTextBlock(
        features=SECTION_FEATURES, required=False, help_text="What the review found, briefly."
    )

    class Meta:
        icon = "list-ul"
        template = "reviews/blocks/learning_point_block.html"


class ReviewPage(
    DatedPageMixin, DocumentListMixin, RoutablePageMixin, PartnershipPrivacyMixin, Page
):
    """One review: what happened, what was learned, what the partnership will change."""

    # The choices, also here for callers that name them through the page type.
    ReviewType = ReviewType
    Status = ReportStatus
    AgeBand = AgeBand

    pseudonym = models.CharField(
        max_length=100,
        blank=True,
        help_text="The name the review uses for the child or family, e.g. 'Child Q'. "
        "Never a real name.",
    )
    review_type = models.CharField(
        max_length=20, choices=ReviewType.choices, help_text="The kind of review."
    )
    # Empty until the review goes live, which dates it if the editor did not (DatedPageMixin).
    published_date = models.DateField(
        null=True,
        blank=True,
        help_text=f"The date the partnership published the review. {PUBLISHED_DATE_HELP}",
    )
    status = models.CharField(
        "report status",
        max_length=20,
        choices=ReportStatus.choices,
        default=ReportStatus.PUBLISHED,
        help_text="Whether the full report is published, delayed, a summary only or archived. "
        "(Not whether this page is live: that is 'Publish' below.)",
    )
    national_panel_notified = models.DateField(
        "national panel notified",
        null=True,
        blank=True,
        help_text="When the partnership sent the report to the Child Safeguarding Practice "
        "Review Panel and the Secretary of State, as Working Together requires before "
        "publication.",
    )
    keep_published_until = models.DateField(
        null=True,
        blank=True,
        help_text="The page stays published at least until this date: one year or more after "
        "it was published. It cannot be unpublished or set to expire before then.",
    )
    summary = models.CharField(
        max_length=255, help_text="One line on what the review is about, shown in lists and feeds."
    )
    age_band = models.CharField(
        max_length=10,
        choices=AgeBand.choices,
        blank=True,
        help_text="The child's age at the time of the incident.",
    )
    themes = ParentalManyToManyField(
        Theme,
        blank=True,
        related_name="reviews",
        help_text="The learning themes the review raises.",
    )
    learning_points = StreamField(
        [("learning_point", LearningPointBlock())],
        blank=True,
        help_text="What the review found that practitioners should learn from, one point each.",
    )
    partnership_response = RichTextField(
        blank=True,
        features=SECTION_FEATURES,
        help_text="What the safeguarding partners have done or will do in response.",
    )
    related_resources = ParentalManyToManyField(
        ExternalResource,
        blank=True,
        related_name="reviews",
        help_text="National resources that help practitioners act on this review's learning.",
    )

    # The editor in tabs, in the order the business unit fills a review in.
    about_panels = [
        *Page.content_panels,
        FieldPanel("pseudonym"),
        FieldPanel("review_type"),
        FieldPanel("age_band"),
        FieldPanel("summary"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
    ]
    learning_panels = [FieldPanel("learning_points"), FieldPanel("partnership_response")]
    recommendation_panels = [
        InlinePanel("recommendations", heading="Recommendations", label="Recommendation")
    ]
    document_panels = [
        InlinePanel("documents", heading="Documents", label="Document"),
        FieldPanel("related_resources", widget=forms.CheckboxSelectMultiple),
    ]
    publication_panels = [
        FieldPanel("status"),
        FieldPanel("published_date"),
        FieldPanel("national_panel_notified"),
        FieldPanel("keep_published_until"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(about_panels, heading="About"),
            ObjectList(learning_panels, heading="Learning"),
            ObjectList(recommendation_panels, heading="Recommendations"),
            ObjectList(document_panels, heading="Documents and resources"),
            ObjectList(publication_panels, heading="Publication"),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("pseudonym", boost=2),
        index.SearchField("summary", boost=2),
        index.SearchField("learning_points"),
        index.SearchField("partnership_response"),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.RelatedFields("recommendations", [index.SearchField("text")]),
        index.FilterField("review_type"),
        index.FilterField("age_band"),
        index.FilterField("published_date"),
    ]

    parent_page_types = ["reviews.ReviewIndexPage"]
    subpage_types = []
    page_description = "A published review with its learning, recommendations and documents."

    objects = DatedPageManager()

    class Meta:
        # The listing's default order: newest first, then by id, read from the index.
        indexes = [models.Index(fields=["published_date", "page_ptr"], name="review_newest_first")]

    def clean(self):
        """A review stays published at least a year, and may not expire before its date."""
        super().clean()
        errors = {}
        if self.slug in RESERVED_REVIEW_SLUGS:
            errors["slug"] = (
                f"The address /reviews/{self.slug}/ is taken by the site: choose another slug."
            )
        keep = self.keep_published_until
        if keep and keep < publication.earliest_keep_until(self):
            errors["keep_published_until"] = (
                "Keep a review published for at least a year: choose "
                f"{publication.earliest_keep_until(self):%-d %B %Y} or later."
            )
        if keep and self.expire_at and timezone.localdate(self.expire_at) < keep:
            errors["expire_at"] = (
                f"This review must stay published until {keep:%-d %B %Y}: expire it then or later."
            )
        if errors:
            raise ValidationError(errors)

    @path("request-full-report/", name="request_full_report")
    def request_full_report(self, request):
        """The public form to ask for the full report of this review, if it is archived."""
        return report_requests.request_form(request, self)

    @path("request-full-report/sent/", name="full_report_request_sent")
    def full_report_request_sent(self, request):
        """What the requester sees once their request is sent."""
        return report_requests.request_sent(request, self)

    @cached_property
    def accepts_report_requests(self):
        """Whether the public may ask for this review's full report on the form."""
        return report_requests.accepts_requests(self)

    @cached_property
    def related_briefings(self):
        """Live, public briefings that name this review as a source, with their printables."""
        return list(
            BriefingPage.objects.live()
            .public()
            .filter(source_review_links__review=self)
            .prefetch_related("themes", "printables")
            .newest_first()
            .distinct()
        )

    @cached_property
    def tracked_recommendations(self):
        """The recommendations in the editors' order (a preview's are the draft's, in memory,
        so their tracked status is worked out in Python: ``Recommendation.tracked_status``)."""
        return list(self.recommendations.all())

    @cached_property
    def recommendation_progress(self):
        """How far the recommendations have got: "5 of 7 complete, 1 overdue"."""
        return tracking.Progress.of(self.tracked_recommendations)

    @cached_property
    def live_related_resources(self):
        """Related external resources that are live and not known to be broken."""
        return list(
            ExternalResource.objects.public()
            .filter(reviews=self)
            .prefetch_related("themes")
            .order_by("title")
        )


class RecommendationQuerySet(models.QuerySet):
    """Recommendations, with the tracker's questions asked in SQL by the rule of
    ``reviews.tracking``."""

    def with_tracked_status(self, on=None):
        """Each with ``tracked_status`` (overdue, else the recorded status) and ``is_overdue``
        worked out in the database, as of ``on`` (today in London)."""
        on = on or tracking.today()
        return self.annotate(
            tracked_status=tracking.tracked_status_expression(on),
            is_overdue=tracking.is_overdue_expression(on),
        )

    def overdue(self, on=None):
        """The recommendations that are overdue on ``on`` (today in London)."""
        return self.filter(tracking.overdue_q(on))

    def agencies(self):
        """The owning agencies these recommendations name, A to Z: what an agency filter
        offers (of public reviews' recommendations, never an agency only a members-only
        review names)."""
        return list(
            self.order_by("owning_agency").values_list("owning_agency", flat=True).distinct()
        )

    def overdue_first(self):
        """Overdue first, then the work still to do, then the completed, each by due date
        (soonest first, none last): the order staff work through them. After
        ``with_tracked_status``."""
        completed = models.ExpressionWrapper(
            models.Q(status=RecommendationStatus.COMPLETED), output_field=models.BooleanField()
        )
        return self.order_by(
            F("is_overdue").desc(),
            completed.asc(),
            F("due_date").asc(nulls_last=True),
            "review__title",
            "sort_order",
            "pk",
        )

    def progress_by_review(self, on=None):
        """{review id: ``tracking.Progress``} over these recommendations, in one query."""
        on = on or tracking.today()
        rows = (
            self.order_by()
            .values("review_id")
            .annotate(
                total=models.Count("pk"),
                completed=models.Count(
                    "pk", filter=tracking.tracked_status_q(TrackedStatus.COMPLETED, on)
                ),
                overdue=models.Count("pk", filter=tracking.overdue_q(on)),
            )
        )
        return {
            row["review_id"]: tracking.Progress(row["total"], row["completed"], row["overdue"])
            for row in rows
        }


class Recommendation(Orderable):
    """One recommendation of a review, tracked until the owning agency completes it.

    Whether it is overdue is worked out, never stored (``reviews.tracking``); ``last_updated``
    is set when its status, due date or progress note really changes.
    """

    Status = RecommendationStatus
    # What the public is told has changed: the work's state, its deadline and the note on it.
    # A reworded recommendation or a renamed agency is an edit, not progress.
    TRACKED_FIELDS = ("status", "due_date", "progress_note")

    review = ParentalKey(ReviewPage, on_delete=models.CASCADE, related_name="recommendations")
    reference = models.CharField(
        max_length=20, help_text="The review's own number for it, e.g. 'R1'."
    )
    text = models.TextField(help_text="The recommendation as the review states it.")
    owning_agency = models.CharField(
        max_length=150, help_text="The agency responsible, e.g. 'Integrated Care Board'."
    )
    status = models.CharField(
        max_length=20,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.NOT_STARTED,
        help_text="Where the work stands. Leave it as it is when the due date passes: the site "
        "shows the recommendation as overdue by itself until it is completed.",
    )
    due_date = models.DateField(null=True, blank=True, help_text="When the work is due.")
    progress_note = models.TextField(
        blank=True, help_text="A short public note on progress, updated as the work goes on."
    )
    # Empty only where nobody knows: recommendations recorded before the site tracked changes.
    last_updated = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When the status, due date or progress note last changed on the live site.",
    )

    panels = [
        FieldPanel("reference"),
        FieldPanel("text"),
        FieldPanel("owning_agency"),
        FieldPanel("status"),
        FieldPanel("due_date"),
        FieldPanel("progress_note"),
    ]

    objects = RecommendationQuerySet.as_manager()

    def __str__(self):
        return f"{self.reference}: {self.text[:60]}"

    # Worked out in Python for a recommendation that was not read with
    # ``with_tracked_status()``; that annotation, when present, takes the attribute's place.
    @cached_property
    def tracked_status(self):
        """Overdue, else the recorded status (``reviews.tracking``)."""
        return tracking.tracked_status(self.status, self.due_date)

    @cached_property
    def is_overdue(self):
        return self.tracked_status == TrackedStatus.OVERDUE

    def get_tracked_status_display(self):
        return TrackedStatus(self.tracked_status).label

    def save(self, *args, **kwargs):
        self.last_updated = self.last_updated_on_save()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "last_updated" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "last_updated"]
        super().save(*args, **kwargs)

    def last_updated_on_save(self):
        """Now if a tracked field differs from the stored row, or there is no stored row;
        otherwise the stored time.

        modelcluster saves every recommendation of a review each time the review is
        published, from the revision's copy (whose ``last_updated`` may be older than the
        row's), so only a comparison with the row itself tells a real change from a
        republish.
        """
        stored = None
        if self.pk is not None:
            stored = (
                type(self)
                ._base_manager.filter(pk=self.pk)
                .values(*self.TRACKED_FIELDS, "last_updated")
                .first()
            )
        if stored is None:
            return timezone.now()
        for name in self.TRACKED_FIELDS:
            value = self._meta.get_field(name).to_python(getattr(self, name))
            if value != stored[name]:
                return timezone.now()
        return stored["last_updated"]


class ReviewDocument(Orderable):
    """A document of a review: the full report, executive summary, action plan or briefing."""

    DocumentType = DocumentType

    review = ParentalKey(ReviewPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The document.",
    )
    document_type = models.CharField(
        max_length=20,
        choices=DocumentType.choices,
        default=DocumentType.FULL_REPORT,
        help_text="What the document is.",
    )

    panels = [FieldPanel("document_type"), FieldPanel("document")]
