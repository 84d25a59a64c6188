"""Factories for the site's content, and the site tree the real site has.

Pages are built with wagtail-factories: ``ReviewPageFactory(parent=tree.reviews)`` adds a live
review under the review listing. Everything made here is plainly invented demo text.
"""

from dataclasses import dataclass, fields, replace
from datetime import date

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Model
from django.utils.text import slugify
from factory.django import DjangoModelFactory
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction, Site
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from learning.models import (
    Audience,
    BriefingPage,
    BriefingSourceReview,
    ExternalResource,
    LearningIndexPage,
    NewsDocument,
    NewsIndexPage,
    NewsLink,
    NewsPage,
    ResourceIndexPage,
    Theme,
)
from reviews.models import Recommendation, ReviewDocument, ReviewIndexPage, ReviewPage
from safeguarding_site.models import HomePage, PartnershipSettings, StandardPage

TEST_PASSWORD = "a-long-test-password-0192"  # noqa: S105 - test users only

# A few bytes that start like a PDF: the site never parses uploaded documents.
PDF_BYTES = b"%PDF-1.4\n% demo document for tests\n" + b"0" * 2048 + b"\n%%EOF\n"


def paragraph(text):
    return f"<p>{text}</p>"


class UserFactory(DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password(TEST_PASSWORD)

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        """``groups=["Editors"]`` puts the user in existing groups, by name."""
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))


class ThemeFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Demo theme {n}")
    slug = factory.LazyAttribute(lambda theme: slugify(theme.name))
    description = factory.LazyAttribute(
        lambda theme: f"Demo reviews and briefings on {theme.name}."
    )

    class Meta:
        model = Theme
        django_get_or_create = ("slug",)


class AudienceFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Demo audience {n}")

    class Meta:
        model = Audience
        django_get_or_create = ("name",)


class ExternalResourceFactory(DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Demo national resource {n}")
    url = factory.Sequence(lambda n: f"https://example.org/resources/{n}/")
    publisher = ExternalResource.Publisher.NSPCC
    resource_type = ExternalResource.ResourceType.REPOSITORY
    description = "A demo resource for practitioners."
    link_status = ExternalResource.LinkStatus.WORKING

    class Meta:
        model = ExternalResource
        skip_postgeneration_save = True

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)
            self.save()


def root_collection():
    return Collection.get_first_root_node()


class DocumentFactory(wagtail_factories.DocumentFactory):
    """A small real PDF file in the root collection (or ``collection=...``)."""

    title = factory.Sequence(lambda n: f"Demo document {n}")
    collection = factory.LazyFunction(root_collection)
    file = factory.django.FileField(filename="demo-document.pdf", data=PDF_BYTES)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # As the admin's upload form does: size and hash are read once, stored with the record.
        document = model_class(*args, **kwargs)
        document._set_document_file_metadata()
        document.save()
        return document


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    slug = "home"
    intro = paragraph("The demo safeguarding children partnership publishes its learning here.")

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Demo standard page {n}")
    intro = "A demo page."
    body = factory.LazyFunction(
        lambda: [
            ("heading", {"text": "About this page", "level": "h2"}),
            ("paragraph", RichText(paragraph("Demo text about the partnership."))),
        ]
    )

    class Meta:
        model = StandardPage


class ReviewIndexPageFactory(wagtail_factories.PageFactory):
    title = "Reviews"
    slug = "reviews"
    intro = paragraph("Reviews the partnership has published.")

    class Meta:
        model = ReviewIndexPage


class ReviewPageFactory(wagtail_factories.PageFactory):
    """A live review. Pass ``themes=[...]`` and ``related_resources=[...]`` as lists."""

    title = factory.Sequence(lambda n: f"Demo review {n}")
    pseudonym = factory.Sequence(lambda n: f"Child D{n}")
    review_type = ReviewPage.ReviewType.LOCAL_CSPR
    status = ReviewPage.Status.PUBLISHED
    published_date = date(2024, 6, 1)
    summary = factory.LazyAttribute(lambda review: f"Demo summary of {review.title}.")
    age_band = ReviewPage.AgeBand.UNDER_1
    learning_points = factory.LazyFunction(
        lambda: [
            (
                "learning_point",
                {"title": "Demo learning point", "detail": RichText(paragraph("Demo detail."))},
            )
        ]
    )
    partnership_response = paragraph("The demo partners agreed an action plan.")

    class Meta:
        model = ReviewPage


class RecommendationFactory(DjangoModelFactory):
    review = None  # required: RecommendationFactory(review=page)
    sort_order = factory.Sequence(lambda n: n)
    reference = factory.Sequence(lambda n: f"R{n + 1}")
    text = factory.Sequence(lambda n: f"Demo recommendation number {n + 1}.")
    owning_agency = "Demo Integrated Care Board"
    status = Recommendation.Status.IN_PROGRESS
    due_date = date(2025, 3, 31)
    progress_note = "Demo progress note."

    class Meta:
        model = Recommendation


class ReviewDocumentFactory(DjangoModelFactory):
    review = None  # required: ReviewDocumentFactory(review=page)
    sort_order = factory.Sequence(lambda n: n)
    document = factory.SubFactory(DocumentFactory)
    document_type = ReviewDocument.DocumentType.FULL_REPORT

    class Meta:
        model = ReviewDocument


class LearningIndexPageFactory(wagtail_factories.PageFactory):
    title = "7-minute learning"
    slug = "learning"
    intro = paragraph("Short briefings for team meetings.")

    class Meta:
        model = LearningIndexPage


class BriefingPageFactory(wagtail_factories.PageFactory):
    """A live 7-minute briefing with all seven sections and reflective questions filled in."""

    title = factory.Sequence(lambda n: f"Demo briefing {n}")
    summary = factory.LazyAttribute(lambda briefing: f"Demo context for {briefing.title}.")
    published_date = date(2024, 6, 1)
    review_by = date(2026, 6, 1)
    background = paragraph("Section one text: the demo background.")
    why_it_matters = paragraph("Section two text: why the demo topic matters.")
    key_information_1_heading = "What the demo reviews found"
    key_information_1 = paragraph("Section three text: first key information.")
    key_information_2_heading = "What the research says"
    key_information_2 = paragraph("Section four text: second key information.")
    key_information_3_heading = "Local services"
    key_information_3 = paragraph("Section five text: third key information.")
    what_to_remember = paragraph("Section six text: what to note and remember.")
    what_to_do = paragraph("Section seven text: what to do.")
    reflective_questions = "<ul><li>What would you do differently?</li></ul>"

    class Meta:
        model = BriefingPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "News"
    slug = "news"
    intro = paragraph("Announcements of new learning.")

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Demo announcement {n}")
    published_date = date(2024, 6, 1)
    summary = factory.LazyAttribute(lambda news: f"Demo summary of {news.title}.")
    body = factory.LazyFunction(lambda: [("paragraph", RichText(paragraph("Demo news text.")))])

    class Meta:
        model = NewsPage


class NewsDocumentFactory(DjangoModelFactory):
    page = None  # required: NewsDocumentFactory(page=news)
    sort_order = factory.Sequence(lambda n: n)
    document = factory.SubFactory(DocumentFactory)
    label = ""

    class Meta:
        model = NewsDocument


class NewsLinkFactory(DjangoModelFactory):
    page = None  # required: NewsLinkFactory(page=news)
    sort_order = factory.Sequence(lambda n: n)
    url = factory.Sequence(lambda n: f"https://example.org/news-link/{n}/")
    title = factory.Sequence(lambda n: f"Demo link {n}")

    class Meta:
        model = NewsLink


class ResourceIndexPageFactory(wagtail_factories.PageFactory):
    title = "Resources"
    slug = "resources"
    intro = paragraph("National and external resources.")

    class Meta:
        model = ResourceIndexPage


@dataclass
class SiteTree:
    site: Site
    home: HomePage
    reviews: ReviewIndexPage
    learning: LearningIndexPage
    news: NewsIndexPage
    resources: ResourceIndexPage


def create_home_page(**kwargs):
    """A HomePage as the default site's root, replacing Wagtail's 'Welcome' page."""
    root = Page.get_first_root_node()
    for page in root.get_children():
        page.delete()  # Wagtail's welcome page; its Site goes with it
    home = HomePageFactory(parent=root, **kwargs)
    Site.objects.create(
        hostname="localhost",
        port=80,
        site_name="Demo partnership",
        root_page=home,
        is_default_site=True,
    )
    return home


def create_site_tree():
    """The tree the real site has: home at the root, the four listings under it."""
    home = create_home_page()
    site = Site.objects.get(is_default_site=True)
    PartnershipSettings.objects.get_or_create(site=site)  # as the real site has them
    in_menu = {"show_in_menus": True}  # the main menu is the home page's children in menus
    return SiteTree(
        site=site,
        home=home,
        reviews=ReviewIndexPageFactory(parent=home, **in_menu),
        learning=LearningIndexPageFactory(parent=home, **in_menu),
        news=NewsIndexPageFactory(parent=home, **in_menu),
        resources=ResourceIndexPageFactory(parent=home, **in_menu),
    )


# Admin form data: what the Wagtail page editor posts, built with Wagtail's form_data helpers.


def review_form_data(*, themes=(), recommendations=(), documents=(), **fields):
    """POST data for the review editor; ``fields`` override the defaults (None drops one)."""
    data = {
        "title": "Demo review of Child R",
        "slug": "demo-review-of-child-r",
        "pseudonym": "Child R",
        "review_type": ReviewPage.ReviewType.LOCAL_CSPR,
        "status": ReviewPage.Status.PUBLISHED,
        "published_date": "2025-03-14",
        "age_band": ReviewPage.AgeBand.UNDER_1,
        "summary": "A demo review about a baby with unexplained bruising.",
        "learning_points": streamfield(
            [
                (
                    "learning_point",
                    {
                        "title": "Bruising in a baby who is not mobile is never minor",
                        "detail": rich_text(paragraph("Demo detail of the learning point.")),
                    },
                )
            ]
        ),
        "recommendations": inline_formset(list(recommendations)),
        "partnership_response": rich_text(paragraph("The demo partners agreed an action plan.")),
        "documents": inline_formset(list(documents)),
    }
    return editor_form_data(data, fields, themes=themes)


def editor_form_data(data, fields, **choices):
    """``data`` updated with ``fields`` (None drops one) as the page editor posts it, with each
    of ``choices`` (a many-to-many field's chosen objects) as a list of ids."""
    data = {**data, **fields}
    form = nested_form_data({key: value for key, value in data.items() if value is not None})
    for name, chosen in choices.items():
        form[name] = [item.pk for item in chosen]
    return form


def briefing_form_data(*, themes=(), **fields):
    """POST data for the briefing editor: all seven sections filled in."""
    sections = {
        name: rich_text(paragraph(f"Demo text of {name.replace('_', ' ')}."))
        for name in (
            "background",
            "why_it_matters",
            "key_information_1",
            "key_information_2",
            "key_information_3",
            "what_to_remember",
            "what_to_do",
        )
    }
    data = {
        "title": "Demo briefing on bruising in babies",
        "slug": "demo-briefing-on-bruising-in-babies",
        "summary": "Demo learning from reviews about babies with bruising.",
        "published_date": "2025-03-14",
        "review_by": "",
        "key_information_1_heading": "What the demo reviews found",
        "key_information_2_heading": "What the research says",
        "key_information_3_heading": "Local services",
        "reflective_questions": rich_text("<ul><li>What would you do differently?</li></ul>"),
        "source_review_links": inline_formset([]),
        **sections,
    }
    return editor_form_data(data, fields, themes=themes, audiences=())


def news_form_data(*, themes=(), **fields):
    """POST data for the news item editor."""
    data = {
        "title": "Demo announcement of a national report",
        "slug": "demo-announcement-of-a-national-report",
        "published_date": "2025-03-14",
        "summary": "The demo national panel published a report.",
        "body": streamfield([("paragraph", rich_text(paragraph("Demo news text.")))]),
        "documents": inline_formset([]),
        "links": inline_formset([]),
    }
    return editor_form_data(data, fields, themes=themes)


def publish_in_admin(client, url, data, go_live_at=""):
    """Press "Publish" in the page editor at ``url`` (``go_live_at``, in London time as an editor
    types it, schedules it instead); the response, a redirect, or the form's errors fail."""
    data = {**data, "go_live_at": go_live_at, "action-publish": "action-publish"}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert "login" not in response["Location"], "the editor's session ran out"
    return response


def recommendation_form_data(reference, text, agency="Demo Integrated Care Board"):
    return {
        "reference": reference,
        "text": text,
        "owning_agency": agency,
        "status": Recommendation.Status.NOT_STARTED,
        "due_date": "2025-12-31",
        "progress_note": "",
    }


# The secure area: group restrictions for the "Partnership members" group (made by migration
# safeguarding_site 0002) on pages and document collections, and users on either side of it.

MEMBERS_GROUP_NAME = "Partnership members"
EDITORS_GROUP_NAME = "Editors"  # made by Wagtail's own migrations, with admin access


def members_group():
    return Group.objects.get(name=MEMBERS_GROUP_NAME)


def restrict_to_members(page):
    """A Wagtail GROUPS view restriction on ``page`` (and so its subtree) for members."""
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([members_group()])
    return restriction


def create_members_collection(name="Partnership members' documents"):
    """A collection under the root that only members may download from."""
    collection = root_collection().add_child(name=name)
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set([members_group()])
    return collection


def create_member(**kwargs):
    return UserFactory(groups=[MEMBERS_GROUP_NAME], **kwargs)


def create_editor(**kwargs):
    return UserFactory(groups=[EDITORS_GROUP_NAME], **kwargs)


# Every private item's title (and so its slug and file name) carries PRIVATE_WORD; every
# public twin carries PUBLIC_WORD; both share SHARED_WORD so one search finds both.
PRIVATE_WORD = "Quillfeather"
PUBLIC_WORD = "Openmeadow"
SHARED_WORD = "Harbourlight"


@dataclass
class PrivateContent:
    """Public pages and their members-only twins, in one site tree, sharing one theme."""

    tree: SiteTree
    theme: Theme
    public_review: ReviewPage
    public_briefing: BriefingPage
    public_news: NewsPage
    public_document: object
    secure_area: StandardPage
    secure_page: StandardPage
    private_review: ReviewPage
    members_reviews: ReviewIndexPage
    members_review: ReviewPage
    private_briefing: BriefingPage
    private_news: NewsPage
    private_document: object

    def fresh(self):
        """A copy with every page and document read again from the database: a test that
        changes one in memory must not leave the change to the next test (the rows roll back,
        the objects would not)."""
        changes = {}
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, Model):
                changes[item.name] = type(value).objects.get(pk=value.pk)
        return replace(self, **changes)

    @property
    def private_pages(self):
        """Every page an anonymous visitor must never see, with the restriction on it or above."""
        return [
            self.secure_area,
            self.secure_page,
            self.private_review,
            self.members_reviews,
            self.members_review,
            self.private_briefing,
            self.private_news,
        ]


def create_private_content(tree):
    """Private pages of every listed type, each with a public twin that routes must show.

    - the secure area (a StandardPage restricted to members, the settings' entrance to it)
      with a page under it and a review listing of its own, with a review under that
      (restricted by an ancestor);
    - a review, a briefing and a news item each with their own restriction, in the public
      listings, with the public items' theme, type, year and age band;
    - a recommendation of each review, its text and agency naming the review's word;
    - a public briefing whose source review is the private one, and a private briefing that
      names the public review as its source;
    - a document in the members' collection and one in the public root collection.
    """
    theme = ThemeFactory(name=f"Demo theme {SHARED_WORD}")
    common = {"published_date": date(2024, 6, 1)}

    def review(parent, title):
        return ReviewPageFactory(
            parent=parent,
            title=title,
            summary=f"Demo {SHARED_WORD} summary of {title}.",
            review_type=ReviewPage.ReviewType.LOCAL_CSPR,
            age_band=ReviewPage.AgeBand.UNDER_1,
            themes=[theme],
            **common,
        )

    def briefing(title):
        return BriefingPageFactory(
            parent=tree.learning,
            title=title,
            summary=f"Demo {SHARED_WORD} context of {title}.",
            themes=[theme],
            **common,
        )

    def news(title):
        return NewsPageFactory(
            parent=tree.news,
            title=title,
            summary=f"Demo {SHARED_WORD} news: {title}.",
            themes=[theme],
            **common,
        )

    public_review = review(tree.reviews, f"Demo {PUBLIC_WORD} review")
    private_review = review(tree.reviews, f"Demo {PRIVATE_WORD} review")
    restrict_to_members(private_review)

    secure_area = StandardPageFactory(
        parent=tree.home, title="Secure area", slug="secure-area", show_in_menus=True
    )
    restrict_to_members(secure_area)
    # The members' way in, shown to everyone (as the demo content and the real site have it).
    partnership = PartnershipSettings.for_site(tree.site)
    partnership.secure_area_entrance = secure_area
    partnership.save()
    secure_page = StandardPageFactory(parent=secure_area, title=f"{PRIVATE_WORD} meeting notes")
    members_reviews = ReviewIndexPageFactory(
        parent=secure_area,
        title=f"{PRIVATE_WORD} members' reviews",
        slug=f"{PRIVATE_WORD.lower()}-members-reviews",
    )
    members_review = review(members_reviews, f"Demo {PRIVATE_WORD} members' review")
    # Recommendations (tracked at /reviews/recommendations/), each naming its review's word in
    # its text and agency: an agency only a members-only review names must not be offered.
    for page, word in [
        (public_review, PUBLIC_WORD),
        (private_review, PRIVATE_WORD),
        (members_review, PRIVATE_WORD),
    ]:
        RecommendationFactory(
            review=page,
            text=f"Demo {word} recommendation.",
            owning_agency=f"Demo {word} agency",
            due_date=date(2025, 3, 31),
        )

    public_briefing = briefing(f"Demo {PUBLIC_WORD} briefing")
    BriefingSourceReview.objects.create(briefing=public_briefing, review=public_review)
    BriefingSourceReview.objects.create(briefing=public_briefing, review=private_review)
    private_briefing = briefing(f"Demo {PRIVATE_WORD} briefing")
    BriefingSourceReview.objects.create(briefing=private_briefing, review=public_review)
    restrict_to_members(private_briefing)

    public_news = news(f"Demo {PUBLIC_WORD} announcement")
    private_news = news(f"Demo {PRIVATE_WORD} announcement")
    restrict_to_members(private_news)

    private_document = DocumentFactory(
        title=f"{PRIVATE_WORD} minutes",
        collection=create_members_collection(),
        file=factory.django.FileField(
            filename=f"{PRIVATE_WORD.lower()}-minutes.pdf", data=PDF_BYTES
        ),
    )
    public_document = DocumentFactory(
        title=f"{PUBLIC_WORD} leaflet",
        file=factory.django.FileField(
            filename=f"{PUBLIC_WORD.lower()}-leaflet.pdf", data=PDF_BYTES
        ),
    )
    return PrivateContent(
        tree=tree,
        theme=theme,
        public_review=public_review,
        public_briefing=public_briefing,
        public_news=public_news,
        public_document=public_document,
        secure_area=secure_area,
        secure_page=secure_page,
        private_review=private_review,
        members_reviews=members_reviews,
        members_review=members_review,
        private_briefing=private_briefing,
        private_news=private_news,
        private_document=private_document,
    )
