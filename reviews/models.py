"""Reviews: Child Safeguarding Practice Reviews and other reviews, with their recommendations."""

from django import forms
from django.db import models
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from learning.models import SECTION_FEATURES, BriefingPage, ExternalResource, Theme
from safeguarding_site.listing import build_listing


class ReviewIndexPage(Page):
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

    def get_reviews(self):
        """Every live, public review under this page."""
        return ReviewPage.objects.live().public().descendant_of(self).prefetch_related("themes")

    def get_context(self, request, *args, **kwargs):
        from reviews.forms import ReviewFilterForm  # the form's choices come from this module

        context = super().get_context(request, *args, **kwargs)
        context["listing"] = build_listing(request, self.get_reviews(), form_class=ReviewFilterForm)
        return context


class LearningPointBlock(blocks.StructBlock):
    """One thing the review found that practitioners should learn from."""

    title = blocks.CharBlock(max_length=200, help_text="The learning point in one line.")
    detail = blocks.RichTextBlock(
        features=SECTION_FEATURES, required=False, help_text="What the review found, briefly."
    )

    class Meta:
        icon = "list-ul"
        template = "reviews/blocks/learning_point_block.html"


class ReviewPage(Page):
    """One review: what happened, what was learned, what the partnership will change."""

    class ReviewType(models.TextChoices):
        LOCAL_CSPR = "local-cspr", "Local Child Safeguarding Practice Review"
        RAPID_REVIEW = "rapid-review", "Rapid review"
        SERIOUS_CASE_REVIEW = "scr", "Serious Case Review (legacy)"
        NATIONAL_PANEL = "national-panel", "National panel review"
        SAFEGUARDING_ADULTS = "sar", "Safeguarding Adults Review"
        DOMESTIC_HOMICIDE = "dhr", "Domestic Homicide Review"
        THEMATIC = "thematic", "Thematic or learning review"

    class Status(models.TextChoices):
        PUBLISHED = "published", "Published"
        DELAYED = "delayed", "Delayed by parallel proceedings"
        SUMMARY_ONLY = "summary-only", "Summary only"
        ARCHIVED = "archived", "Archived: summary kept, full report on request"

    class AgeBand(models.TextChoices):
        UNBORN = "unborn", "Unborn"
        UNDER_1 = "under-1", "Under 1"
        AGE_1_4 = "1-4", "1 to 4"
        AGE_5_10 = "5-10", "5 to 10"
        AGE_11_15 = "11-15", "11 to 15"
        AGE_16_17 = "16-17", "16 to 17"

    pseudonym = models.CharField(
        max_length=100,
        blank=True,
        help_text="The name the review uses for the child or family, e.g. 'Child Q'. "
        "Never a real name.",
    )
    review_type = models.CharField(
        max_length=20, choices=ReviewType.choices, help_text="The kind of review."
    )
    # null only so that a draft can be saved before the date is known; publishing needs it.
    published_date = models.DateField(
        null=True, help_text="The date the partnership published the review."
    )
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        default=Status.PUBLISHED,
        help_text="Whether the full report is published, delayed, a summary only or archived.",
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

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("pseudonym"),
                FieldPanel("review_type"),
                FieldPanel("status"),
                FieldPanel("published_date"),
                FieldPanel("age_band"),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
            ],
            heading="About this review",
        ),
        FieldPanel("summary"),
        FieldPanel("learning_points"),
        InlinePanel("recommendations", heading="Recommendations", label="Recommendation"),
        FieldPanel("partnership_response"),
        InlinePanel("documents", heading="Documents", label="Document"),
        FieldPanel("related_resources", widget=forms.CheckboxSelectMultiple),
    ]
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

    class Meta:
        # The listing's default order: newest first, then by id, read from the index.
        indexes = [models.Index(fields=["published_date", "page_ptr"], name="review_newest_first")]

    @cached_property
    def related_briefings(self):
        """Live, public briefings that name this review as a source, with their printables."""
        return list(
            BriefingPage.objects.live()
            .public()
            .filter(source_review_links__review=self)
            .prefetch_related("themes", "printables")
            .order_by("-published_date")
            .distinct()
        )

    @cached_property
    def document_list(self):
        """The review's documents in the editor's order, each with its file's record."""
        return list(self.documents.select_related("document__collection"))

    @cached_property
    def live_related_resources(self):
        """Related external resources that are live and not known to be broken."""
        return list(
            self.related_resources.filter(live=True)
            .exclude(link_status=ExternalResource.LinkStatus.BROKEN)
            .prefetch_related("themes")
            .order_by("title")
        )


class Recommendation(Orderable):
    """One recommendation of a review, tracked until the owning agency completes it."""

    class Status(models.TextChoices):
        NOT_STARTED = "not-started", "Not started"
        IN_PROGRESS = "in-progress", "In progress"
        COMPLETED = "completed", "Completed"
        OVERDUE = "overdue", "Overdue"

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
        choices=Status.choices,
        default=Status.NOT_STARTED,
        help_text="Where the work on this recommendation stands.",
    )
    due_date = models.DateField(null=True, blank=True, help_text="When the work is due.")
    progress_note = models.TextField(
        blank=True, help_text="A short public note on progress, updated as the work goes on."
    )

    panels = [
        FieldPanel("reference"),
        FieldPanel("text"),
        FieldPanel("owning_agency"),
        FieldPanel("status"),
        FieldPanel("due_date"),
        FieldPanel("progress_note"),
    ]

    def __str__(self):
        return f"{self.reference}: {self.text[:60]}"


class ReviewDocument(Orderable):
    """A document of a review: the full report, executive summary, action plan or briefing."""

    class DocumentType(models.TextChoices):
        FULL_REPORT = "full-report", "Full report"
        EXECUTIVE_SUMMARY = "executive-summary", "Executive summary"
        ACTION_PLAN = "action-plan", "Action plan"
        LEARNING_BRIEFING = "learning-briefing", "Learning briefing"

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
