"""External resources (links to learning published elsewhere) and their page, /resources/."""

from django import forms
from django.db import models
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, Page, RevisionMixin
from wagtail.search import index

from learning.choices import LinkStatus, Publisher, ResourceType
from learning.models.taxonomy import Theme
from safeguarding_site.mixins import MenuTitleMixin
from safeguarding_site.rich_text_features import SECTION_FEATURES


class ExternalResourceQuerySet(models.QuerySet):
    def public(self):
        """What the public may be sent to: published, and not known to be broken."""
        return self.filter(live=True).exclude(link_status=LinkStatus.BROKEN)


class ExternalResource(DraftStateMixin, RevisionMixin, index.Indexed, ClusterableModel):
    """A link to learning published elsewhere: the NSPCC repository, a national panel report."""

    Publisher = Publisher
    ResourceType = ResourceType
    LinkStatus = LinkStatus

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

    objects = ExternalResourceQuerySet.as_manager()

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title


class ResourceIndexPage(MenuTitleMixin, Page):
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
            ExternalResource.objects.public()
            .prefetch_related("themes")
            .order_by("resource_type", "title")
        )
        labels = dict(ResourceType.choices)
        groups = {}
        for resource in resources:
            groups.setdefault(resource.resource_type, []).append(resource)
        context["resource_groups"] = [(labels[key], groups[key]) for key in labels if key in groups]
        return context
