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
from learning.forms import ResourceFilterForm
from learning.models.taxonomy import Theme
from safeguarding_site.editor_forms import PartnershipModelForm
from safeguarding_site.listing import ListingPageMixin, build_listing
from safeguarding_site.mixins import MenuTitleMixin, PartnershipPrivacyMixin
from safeguarding_site.rich_text_features import SECTION_FEATURES

# Resources are few and read as one page, grouped by type: never split over pages.
ALL_ON_ONE_PAGE = 1000


class ExternalResourceQuerySet(models.QuerySet):
    def public(self):
        """What the public may be sent to: published, and not known to be broken."""
        return self.filter(live=True).exclude(link_status=LinkStatus.BROKEN)

    def broken(self):
        return self.filter(link_status=LinkStatus.BROKEN)

    def failing(self):
        """Links whose last checks failed, not (or not yet) enough to call them broken."""
        return self.exclude(link_status=LinkStatus.BROKEN).filter(failing_since__isnull=False)

    def needing_attention(self):
        """What staff should look at: broken, failing, or not confirmed to work yet."""
        return self.filter(
            models.Q(link_status__in=[LinkStatus.BROKEN, LinkStatus.UNCHECKED])
            | models.Q(failing_since__isnull=False)
        )


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
    # What the nightly link check found (manage.py check_links, learning/link_checks.py). These
    # belong to the address as it is now, not to a revision: see with_content_json and save.
    last_checked = models.DateField(
        null=True, blank=True, help_text="The date the link check last tried the address."
    )
    link_status = models.CharField(
        max_length=20,
        choices=LinkStatus.choices,
        default=LinkStatus.UNCHECKED,
        help_text="What the link checks have found. Broken links are hidden from the public.",
    )
    http_status = models.PositiveSmallIntegerField(
        "HTTP status",
        null=True,
        blank=True,
        help_text="The HTTP status code of the last check's answer; empty when no answer came.",
    )
    moved_to = models.URLField(
        max_length=2000,
        blank=True,
        help_text="Where the address redirects permanently: the address to change it to.",
    )
    check_note = models.CharField(
        "what the last check found",
        max_length=255,
        blank=True,
        help_text="What the last check found wrong, in words; empty when the link worked.",
    )
    failing_since = models.DateField(
        null=True,
        blank=True,
        help_text="The date of the first of the failed checks in a row; empty while it works.",
    )
    failed_checks = models.PositiveSmallIntegerField(
        default=0,
        help_text="How many checks in a row have failed. Two in a row make a link broken.",
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("url"),
        FieldPanel("publisher"),
        FieldPanel("resource_type"),
        FieldPanel("description"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldPanel(name, read_only=True)
                for name in ("link_status", "last_checked", "http_status", "moved_to", "check_note")
            ],
            heading="Link check",
            help_text="Filled in by the nightly link check; changing the address starts afresh.",
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
    base_form_class = PartnershipModelForm  # refuses typed addresses of members-only material

    objects = ExternalResourceQuerySet.as_manager()

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def with_content_json(self, content):
        """The object as a revision saved it, with the link check's findings as they are now:
        publishing or reverting to an older revision must not bring back an old result."""
        obj = super().with_content_json(content)
        for name in LINK_CHECK_FIELDS:
            setattr(obj, name, getattr(self, name))
        return obj

    def save(self, *args, **kwargs):
        """Saves; a new address starts with no findings, as the old one's do not apply to it."""
        update_fields = kwargs.get("update_fields")
        if self.pk is not None and (update_fields is None or "url" in update_fields):
            stored_url = (
                ExternalResource.objects.filter(pk=self.pk).values_list("url", flat=True).first()
            )
            if stored_url is not None and stored_url != self.url:
                self.forget_link_check()
                if update_fields is not None:
                    kwargs["update_fields"] = {*update_fields, *LINK_CHECK_FIELDS}
        super().save(*args, **kwargs)

    def forget_link_check(self):
        for name in LINK_CHECK_FIELDS:
            setattr(self, name, self._meta.get_field(name).get_default())


# The fields the link check writes (and nothing else does).
LINK_CHECK_FIELDS = (
    "last_checked",
    "link_status",
    "http_status",
    "moved_to",
    "check_note",
    "failing_since",
    "failed_checks",
)


class ResourceIndexPage(ListingPageMixin, MenuTitleMixin, PartnershipPrivacyMixin, Page):
    """The page at ``/resources/`` listing external resources, grouped by type, with a theme
    filter."""

    intro = RichTextField(
        blank=True, features=SECTION_FEATURES, help_text="Shown above the list of resources."
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["safeguarding_site.HomePage"]
    subpage_types = []
    max_count = 1
    page_description = "The list of national and external resources. There is one, at /resources/."
    listing_noun = "resources"  # what the listing calls its items, in sentences

    def get_resources(self):
        """Every resource the public may be sent to."""
        return ExternalResource.objects.public().prefetch_related("themes")

    @classmethod
    def counted_listings(cls):
        """(queryset, facets) of the resource listing, whose option counts are counted again
        after every change (``option_counts.refresh``)."""
        for listing_page in cls.objects.live().public():
            yield listing_page.get_resources(), ResourceFilterForm.facets

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = ResourceFilterForm(request.GET, themes=Theme.objects.options())
        listing = build_listing(request, self.get_resources(), form=form, per_page=ALL_ON_ONE_PAGE)
        labels = dict(ResourceType.choices)
        groups = {}
        for resource in listing.items:
            groups.setdefault(resource.resource_type, []).append(resource)
        context["listing"] = listing
        context["resource_groups"] = [(labels[key], groups[key]) for key in labels if key in groups]
        return context
