"""The site shell: the home page, standard pages and the partnership's site settings."""

from django.db import models
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from learning.models import BriefingPage, NewsPage
from reviews.models import ReviewPage
from safeguarding_site.blocks import BodyBlock, LinkBlock
from safeguarding_site.cache import MissedPurge  # noqa: F401 - kept by that module
from safeguarding_site.editor_forms import PartnershipModelForm, PartnershipPageForm
from safeguarding_site.mixins import MenuTitleMixin, PartnershipPrivacyMixin
from safeguarding_site.option_counts import ListingCounts  # noqa: F401 - kept by that module
from safeguarding_site.rich_text_features import LINE_FEATURES, SECTION_FEATURES

HOME_LATEST_COUNT = 3


class HomePage(PartnershipPrivacyMixin, Page):
    """The home page: what the partnership publishes, its latest learning, reporting a concern."""

    intro = RichTextField(
        blank=True,
        features=SECTION_FEATURES,
        help_text="A short welcome: who the partnership is and what this site publishes.",
    )
    body = StreamField(
        BodyBlock(), blank=True, help_text="Optional further content below the latest learning."
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    base_form_class = PartnershipPageForm  # refuses typed addresses of members-only material

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "reviews.ReviewIndexPage",
        "learning.LearningIndexPage",
        "learning.NewsIndexPage",
        "learning.ResourceIndexPage",
        "safeguarding_site.StandardPage",
    ]
    max_count = 1
    page_description = "The home page. There is one, at the root of the site."

    @cached_property
    def latest_reviews(self):
        return list(
            ReviewPage.objects.live()
            .public()
            .prefetch_related("themes")
            .newest_first()[:HOME_LATEST_COUNT]
        )

    @cached_property
    def latest_briefings(self):
        return list(
            BriefingPage.objects.live()
            .public()
            .prefetch_related("themes")
            .newest_first()[:HOME_LATEST_COUNT]
        )

    @cached_property
    def latest_news(self):
        return list(NewsPage.objects.live().public().newest_first()[:HOME_LATEST_COUNT])


class StandardPage(MenuTitleMixin, PartnershipPrivacyMixin, Page):
    """An ordinary content page: about the partnership, accessibility, privacy, the secure area."""

    intro = models.CharField(
        max_length=255,
        blank=True,
        help_text="Optional: one line shown under the title and in search results.",
    )
    body = StreamField(BodyBlock(), blank=True, help_text="The page's content.")

    content_panels = Page.content_panels + [
        HelpPanel(
            content="<p><strong>Secure area:</strong> a page under the secure area is read only "
            "by signed-in members. Its documents are protected only if they are in the members' "
            "collection: a document in any other collection can be downloaded by anyone who has "
            "its address, even if you link it only from here. Documents you upload while editing "
            "a page in the secure area go to the members' collection unless you choose another; "
            "you are warned before publishing if the page links a public document. Images are "
            "never protected: attach members-only material as documents.</p>"
        ),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    base_form_class = PartnershipPageForm  # refuses typed addresses of members-only material

    parent_page_types = ["safeguarding_site.HomePage", "safeguarding_site.StandardPage"]
    subpage_types = ["safeguarding_site.StandardPage"]

    @cached_property
    def child_pages(self):
        """Live pages under this one, for a contents list.

        Under a public page only public children are listed. In the secure area every child is
        returned: the template lists only those its reader may open (``privacy_tags.viewable``),
        as a child may be restricted to a group that not every member is in.
        """
        children = self.get_children().live().order_by("path")
        if not self.get_view_restrictions().exists():
            children = children.public()
        return list(children.specific())

    page_description = (
        "An ordinary page, such as About us or the accessibility statement. Pages under the "
        "Secure area are for partnership members only: never upload sensitive images there, "
        "attach documents instead."
    )


@register_setting(icon="site")
class PartnershipSettings(BaseSiteSetting):
    """The partnership's name, contact details, 'report a concern' block, quick exit, footer
    links and the entrance to the secure area."""

    partnership_name = models.CharField(
        max_length=150,
        default="Safeguarding Children Partnership",
        help_text="Shown in the header, footer, page titles and generated PDFs.",
    )
    email = models.EmailField(blank=True, help_text="The partnership's public contact email.")
    phone = models.CharField(
        max_length=40, blank=True, help_text="The partnership office's phone number."
    )
    address = models.TextField(blank=True, help_text="The partnership's postal address.")
    concern_heading = models.CharField(
        max_length=120,
        default="Worried about a child?",
        help_text="Heading of the 'report a concern' block shown on every page.",
    )
    concern_text = RichTextField(
        blank=True,
        features=LINE_FEATURES,
        help_text="What to do if you are worried about a child, in one or two sentences.",
    )
    children_services_phone = models.CharField(
        max_length=40, blank=True, help_text="Children's services front door, office hours."
    )
    out_of_hours_phone = models.CharField(
        max_length=40, blank=True, help_text="The emergency duty team, evenings and weekends."
    )
    emergency_text = models.CharField(
        max_length=255,
        default="If a child is in immediate danger, call 999.",
        help_text="The emergency line shown first in the 'report a concern' block.",
    )
    # Where the quick exit goes unless an editor chooses another neutral site.
    QUICK_EXIT_DEFAULT = "https://www.bbc.co.uk/weather"

    quick_exit_url = models.URLField(
        default=QUICK_EXIT_DEFAULT,
        help_text="Where the 'Exit this page' button goes: a neutral site that looks ordinary.",
    )
    footer_links = StreamField(
        [("link", LinkBlock())],
        blank=True,
        help_text="Links to other sites shown in the footer, e.g. the local authority.",
    )
    secure_area_entrance = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The members' way in, e.g. the Secure area: shown to everyone, in the footer "
        "(and in the main menu if it is a section there), by its menu title or title only. "
        "Choose a page whose name gives nothing away. Other members-only pages are listed "
        "only to readers who may open them.",
    )

    panels = [
        FieldPanel("partnership_name"),
        MultiFieldPanel(
            [FieldPanel("email"), FieldPanel("phone"), FieldPanel("address")],
            heading="Contact details",
        ),
        MultiFieldPanel(
            [
                FieldPanel("concern_heading"),
                FieldPanel("emergency_text"),
                FieldPanel("concern_text"),
                FieldPanel("children_services_phone"),
                FieldPanel("out_of_hours_phone"),
            ],
            heading="Report a concern",
        ),
        FieldPanel("quick_exit_url"),
        FieldPanel("footer_links"),
        FieldPanel("secure_area_entrance"),
    ]
    base_form_class = PartnershipModelForm  # refuses typed addresses of members-only material

    class Meta:
        verbose_name = "Partnership settings"
