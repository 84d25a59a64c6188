"""Announcements of new learning at /news/: news items with their documents and links."""

from django import forms
from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from learning.models.taxonomy import Theme
from safeguarding_site.blocks import BodyBlock
from safeguarding_site.editor_forms import PartnershipPageForm
from safeguarding_site.listing import build_listing
from safeguarding_site.mixins import (
    PUBLISHED_DATE_HELP,
    DatedPageMixin,
    DocumentListMixin,
    MenuTitleMixin,
    PartnershipPrivacyMixin,
)
from safeguarding_site.querysets import DatedPageManager
from safeguarding_site.rich_text_features import SECTION_FEATURES


class NewsIndexPage(MenuTitleMixin, PartnershipPrivacyMixin, Page):
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
        news = NewsPage.objects.live().public().descendant_of(self).newest_first()
        context["listing"] = build_listing(request, news)
        return context


class NewsPage(DatedPageMixin, DocumentListMixin, PartnershipPrivacyMixin, Page):
    """An announcement of new learning, such as a national panel report, with its documents."""

    # Empty until the item goes live, which dates it if the editor did not (DatedPageMixin).
    published_date = models.DateField(
        null=True, blank=True, help_text=f"The date of the announcement. {PUBLISHED_DATE_HELP}"
    )
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
    base_form_class = PartnershipPageForm  # refuses typed addresses of members-only material

    parent_page_types = ["learning.NewsIndexPage"]
    subpage_types = []
    page_description = "An announcement, such as a new national report, with documents and links."

    objects = DatedPageManager()


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
