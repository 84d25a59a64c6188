"""Small behaviours that several page types share."""

from django.db import models
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel, MultiFieldPanel


class DocumentListMixin:
    """A page with inline document records (a ``documents`` child relation, each record with
    a ``document``), listed in the editor's order with each file's collection fetched at once:
    the documents section asks the privacy rule about each collection."""

    @cached_property
    def document_list(self):
        return list(self.documents.select_related("document__collection"))


class MenuTitleMixin(models.Model):
    """A page that can be a section of the main menu, with a shorter name for it."""

    menu_title = models.CharField(
        max_length=40,
        blank=True,
        help_text="A short name for the main menu, e.g. 'Reviews'. The page title if empty. "
        "The page is in the menu when it sits under the home page and 'Show in menus' is on.",
    )

    promote_panels = [
        MultiFieldPanel(
            [FieldPanel("slug"), FieldPanel("seo_title"), FieldPanel("search_description")],
            heading="For search engines",
        ),
        MultiFieldPanel(
            [FieldPanel("show_in_menus"), FieldPanel("menu_title")], heading="For site menus"
        ),
    ]

    class Meta:
        abstract = True

    @property
    def menu_label(self):
        return self.menu_title or self.title
