"""The one shape of demo data: frozen dataclasses, written in ``demo.data`` and read by
``demo.loader`` (and, for generated reviews, ``demo.bulk``).

Rich text is HTML in the form Wagtail stores, except that a link to another demo page names
the page's public address (``demo.data.common.page_link``); the loader swaps in the page's id.
Themes, audiences, resources and source reviews are named by slug, name or key, so the data
modules need not import one another.
"""

from dataclasses import dataclass
from datetime import date

from demo.data.common import REVIEW_NOTICE, notice
from reviews.models import ReviewPage

# Vocabulary -------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoTheme:
    """A learning theme (``learning.Theme``)."""

    slug: str
    name: str
    description: str


@dataclass(frozen=True)
class DemoResource:
    """An external resource (``learning.ExternalResource``); reviews name it by ``key``."""

    key: str
    title: str
    url: str
    publisher: str
    resource_type: str
    description: str
    themes: tuple[str, ...]  # theme slugs
    last_checked: date


# Documents --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoSlide:
    """One page of a presentation PDF."""

    heading: str
    html: str


@dataclass(frozen=True)
class DemoDocument:
    """A Wagtail document whose PDF is generated from this text (see ``demo.pdfs``).

    ``title`` is the document's title in the admin, ``heading`` the title printed in the PDF.
    With ``slides`` it is a landscape presentation of a title slide and one page a slide;
    otherwise a portrait document of ``html`` under ``heading`` and ``subtitle``.
    """

    title: str
    filename: str
    heading: str
    created: date
    html: str = ""
    subtitle: str = ""
    slides: tuple[DemoSlide, ...] = ()


# StreamField blocks (safeguarding_site.blocks.BodyBlock) ----------------------------------


@dataclass(frozen=True)
class DemoHeading:
    """A heading block."""

    text: str
    level: str = "h2"


@dataclass(frozen=True)
class DemoParagraph:
    """A rich-text paragraph block."""

    html: str


@dataclass(frozen=True)
class DemoCallout:
    """A callout block: a title and rich text, set apart from the body."""

    title: str
    html: str


@dataclass(frozen=True)
class DemoLink:
    """A link to another website: a body block, a news item's link or a footer link."""

    url: str
    title: str
    description: str = ""


@dataclass(frozen=True)
class DemoDocumentLink:
    """A body block that links to a document, which is made when the page is."""

    document: DemoDocument
    label: str = ""


DemoBlock = DemoHeading | DemoParagraph | DemoCallout | DemoLink | DemoDocumentLink


def paragraph(*html):
    """A paragraph block of one or more pieces of rich text, joined."""
    return DemoParagraph("".join(html))


def callout(title, *html):
    return DemoCallout(title, "".join(html))


# Pages ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoPage:
    """A page of the site shell: the home page, an index page or a standard page.

    A ``members_only`` page gets a view restriction for the "Partnership members" group, and
    the documents its subtree links to go to the members' private collection.
    """

    slug: str
    title: str
    intro: str
    body: tuple[DemoBlock, ...] = ()
    show_in_menus: bool = False
    menu_title: str = ""  # a shorter name for the main menu
    members_only: bool = False
    children: tuple["DemoPage", ...] = ()


@dataclass(frozen=True)
class DemoSettings:
    """The partnership's site settings (``safeguarding_site.PartnershipSettings``)."""

    partnership_name: str
    email: str
    phone: str
    address: str
    concern_heading: str
    concern_text: str
    children_services_phone: str
    out_of_hours_phone: str
    emergency_text: str
    quick_exit_url: str
    footer_links: tuple[DemoLink, ...]


@dataclass(frozen=True)
class DemoLearningPoint:
    """One thing a review found that practitioners should learn from."""

    title: str
    detail: str  # rich text


@dataclass(frozen=True)
class DemoRecommendation:
    """One recommendation of a review: references (R1, R2...) follow the review's order."""

    text: str
    agency: str
    status: str
    due: date
    note: str = ""


@dataclass(frozen=True)
class DemoReview:
    """One review (``reviews.ReviewPage``) and what is published with it."""

    slug: str
    title: str
    pseudonym: str
    review_type: str
    published_date: date
    status: str
    age_band: str
    themes: tuple[str, ...]  # theme slugs
    summary: str
    learning_points: tuple[DemoLearningPoint, ...]
    response: str  # rich text, before the demo notice
    recommendations: tuple[DemoRecommendation, ...]
    executive_summary: bool = False
    resources: tuple[str, ...] = ()  # DemoResource keys
    demo_notice: str = REVIEW_NOTICE

    @property
    def has_full_report(self):
        """Delayed reviews have no report yet; summary-only and archived ones publish only an
        executive summary (an archived full report is available on request)."""
        return self.status == ReviewPage.Status.PUBLISHED

    @property
    def has_executive_summary(self):
        return self.executive_summary or self.status in (
            ReviewPage.Status.SUMMARY_ONLY,
            ReviewPage.Status.ARCHIVED,
        )

    @property
    def response_html(self):
        return self.response + notice(self.demo_notice)


@dataclass(frozen=True)
class DemoBriefing:
    """A 7-minute learning briefing (``learning.BriefingPage``): its seven sections and
    reflective questions are rich text, named as the page's fields."""

    slug: str
    title: str
    summary: str
    published_date: date
    review_by: date
    themes: tuple[str, ...]  # theme slugs
    audiences: tuple[str, ...]  # audience names
    source_reviews: tuple[str, ...]  # review slugs
    background: str
    why_it_matters: str
    key_information_1_heading: str
    key_information_1: str
    key_information_2_heading: str
    key_information_2: str
    key_information_3_heading: str
    key_information_3: str
    what_to_remember: str
    what_to_do: str
    reflective_questions: str


@dataclass(frozen=True)
class DemoAttachment:
    """A document attached to a news item, with the label shown next to it."""

    document: DemoDocument
    label: str


@dataclass(frozen=True)
class DemoNews:
    """An announcement (``learning.NewsPage``)."""

    slug: str
    title: str
    published_date: date
    summary: str
    themes: tuple[str, ...]  # theme slugs
    body: tuple[DemoBlock, ...]
    links: tuple[DemoLink, ...] = ()
    documents: tuple[DemoAttachment, ...] = ()
