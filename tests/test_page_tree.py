"""The page tree: where each page type may go, the singletons, the editor's help text, and
creating every page type through the Wagtail admin."""

import pytest
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.models import Page, Site, get_page_models
from wagtail.test.utils import WagtailPageTestCase
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
from tests.factories import (
    AudienceFactory,
    DocumentFactory,
    ReviewPageFactory,
    ThemeFactory,
    UserFactory,
    create_home_page,
    create_site_tree,
    paragraph,
    recommendation_form_data,
    review_form_data,
)

PROJECT_APPS = {"safeguarding_site", "reviews", "learning"}

# The tree of DESIGN.md: each page type -> (its allowed parents, its allowed children).
TREE = {
    HomePage: (
        {Page},
        {ReviewIndexPage, LearningIndexPage, NewsIndexPage, ResourceIndexPage, StandardPage},
    ),
    StandardPage: ({HomePage, StandardPage}, {StandardPage}),
    ReviewIndexPage: ({HomePage}, {ReviewPage}),
    ReviewPage: ({ReviewIndexPage}, set()),
    LearningIndexPage: ({HomePage}, {BriefingPage}),
    BriefingPage: ({LearningIndexPage}, set()),
    NewsIndexPage: ({HomePage}, {NewsPage}),
    NewsPage: ({NewsIndexPage}, set()),
    ResourceIndexPage: ({HomePage}, set()),
}
SINGLETONS = [HomePage, ReviewIndexPage, LearningIndexPage, NewsIndexPage, ResourceIndexPage]

# Models editors fill in: page types, their inline records, snippets and the site settings.
EDITED_MODELS = [
    *TREE,
    Recommendation,
    ReviewDocument,
    BriefingSourceReview,
    NewsDocument,
    NewsLink,
    Theme,
    Audience,
    ExternalResource,
    PartnershipSettings,
]


def project_page_models():
    return {model for model in get_page_models() if model._meta.app_label in PROJECT_APPS}


def fields_declared_by(model):
    """The editable fields ``model`` declares itself (not Page's or a Wagtail mixin's)."""
    inherited = set()
    for base in model.__mro__[1:]:
        meta = getattr(base, "_meta", None)
        if meta is not None:
            inherited |= {field.name for field in meta.get_fields()}
    return [
        field
        for field in model._meta.get_fields(include_parents=False)
        if isinstance(field, models.Field)
        and field.editable
        and not field.auto_created
        and not isinstance(field, ParentalKey)
        and field.name not in inherited
    ]


def test_every_page_type_of_the_project_has_its_place_in_the_tree():
    assert project_page_models() == set(TREE)


@pytest.mark.parametrize("model", list(TREE), ids=lambda model: model.__name__)
def test_page_type_can_only_be_added_under_its_parents(model):
    parents, _ = TREE[model]
    assert set(model.allowed_parent_page_models()) == parents


@pytest.mark.parametrize("model", list(TREE), ids=lambda model: model.__name__)
def test_page_type_only_accepts_its_own_children(model):
    _, children = TREE[model]
    assert set(model.allowed_subpage_models()) == children


@pytest.mark.parametrize("model", SINGLETONS, ids=lambda model: model.__name__)
def test_a_second_singleton_page_cannot_be_added(site_tree, model):
    parent = site_tree.home.get_parent() if model is HomePage else site_tree.home
    assert not model.can_create_at(parent)


@pytest.mark.parametrize(
    "model", [ReviewIndexPage, LearningIndexPage, NewsIndexPage, ResourceIndexPage]
)
def test_a_missing_listing_page_can_be_added_under_the_home_page(db, model):
    home = create_home_page()
    assert model.can_create_at(home)


def test_reviews_are_not_limited_in_number(site_tree):
    ReviewPageFactory.create_batch(2, parent=site_tree.reviews)
    assert ReviewPage.can_create_at(site_tree.reviews)


@pytest.mark.parametrize("model", list(TREE), ids=lambda model: model.__name__)
def test_page_type_describes_itself_to_editors(model):
    assert "page_description" in vars(model), f"{model.__name__} has no page_description"
    assert model.get_page_description().strip()


@pytest.mark.parametrize("model", list(TREE), ids=lambda model: model.__name__)
def test_page_type_is_searchable_by_its_own_fields(model):
    own = {field.field_name for field in model.search_fields} - {
        field.field_name for field in Page.search_fields
    }
    assert own, f"{model.__name__} adds nothing to Page.search_fields"


@pytest.mark.parametrize("model", EDITED_MODELS, ids=lambda model: model.__name__)
def test_every_field_editors_fill_in_has_help_text(model):
    fields = fields_declared_by(model)
    assert fields, f"{model.__name__} declares no editable fields: is the test looking right?"
    missing = [field.name for field in fields if not str(field.help_text).strip()]
    assert missing == [], f"{model.__name__} fields without help_text: {missing}"


class TestEveryPageTypeCanBeCreatedInTheAdmin(WagtailPageTestCase):
    """A superuser fills in the page editor, publishes, and the public sees the page."""

    def setUp(self):
        self.superuser = UserFactory(username="page-tree-admin", is_superuser=True, is_staff=True)
        self.client.force_login(self.superuser)

    def assertPublishedAndPublic(self, model, slug):
        page = model.objects.get(slug=slug)
        self.assertTrue(page.live)
        self.client.logout()
        response = self.client.get(page.url)
        self.assertEqual(response.status_code, 200, page.url)
        self.assertContains(response, page.title)
        return page

    def test_home_page(self):
        root = Page.get_first_root_node()
        self.assertCanCreate(
            root,
            HomePage,
            nested_form_data(
                {
                    "title": "Demo partnership home",
                    "slug": "demo-home",
                    "intro": rich_text(paragraph("Welcome to the demo partnership.")),
                    "body": streamfield([]),
                }
            ),
        )
        home = HomePage.objects.get(slug="demo-home")
        site = Site.objects.get(is_default_site=True)
        site.root_page = home
        site.save()  # as the admin's Sites view saves it: a purge, so every process sees it
        self.client.logout()
        response = self.client.get("/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Welcome to the demo partnership.")

    def test_standard_page(self):
        home = create_home_page()
        self.assertCanCreate(
            home,
            StandardPage,
            nested_form_data(
                {
                    "title": "About the demo partnership",
                    "intro": "Who we are.",
                    "body": streamfield(
                        [
                            ("heading", {"text": "Our partners", "level": "h2"}),
                            ("paragraph", rich_text(paragraph("Three demo partners."))),
                        ]
                    ),
                }
            ),
        )
        page = self.assertPublishedAndPublic(StandardPage, "about-the-demo-partnership")
        self.assertEqual(page.url, "/about-the-demo-partnership/")

    def test_listing_pages(self):
        home = create_home_page()
        for model, slug in [
            (ReviewIndexPage, "reviews"),
            (LearningIndexPage, "learning"),
            (NewsIndexPage, "news"),
            (ResourceIndexPage, "resources"),
        ]:
            with self.subTest(model=model.__name__):
                self.client.force_login(self.superuser)
                self.assertCanCreate(
                    home,
                    model,
                    nested_form_data(
                        {
                            "title": f"Demo {slug}",
                            "slug": slug,
                            "intro": rich_text(paragraph(f"All the {slug}.")),
                        }
                    ),
                )
                page = self.assertPublishedAndPublic(model, slug)
                self.assertEqual(page.url, f"/{slug}/")

    def test_review_page(self):
        tree = create_site_tree()
        theme = ThemeFactory(name="Neglect")
        document = DocumentFactory(title="Demo full report")
        self.assertCanCreate(
            tree.reviews,
            ReviewPage,
            review_form_data(
                themes=[theme],
                recommendations=[recommendation_form_data("R1", "Train staff in bruising.")],
                documents=[{"document": document.pk, "document_type": "full-report"}],
            ),
        )
        page = self.assertPublishedAndPublic(ReviewPage, "demo-review-of-child-r")
        self.assertEqual(list(page.themes.all()), [theme])
        self.assertEqual([item.document for item in page.documents.all()], [document])

    def test_briefing_page(self):
        tree = create_site_tree()
        review = ReviewPageFactory(parent=tree.reviews)
        data = nested_form_data(
            {
                "title": "Demo 7-minute briefing on bruising",
                "summary": "Demo learning about bruising in babies.",
                "published_date": "2025-02-01",
                "review_by": "2026-02-01",
                "background": rich_text(paragraph("Demo background.")),
                "why_it_matters": rich_text(paragraph("Demo why it matters.")),
                "key_information_1_heading": "What we found",
                "key_information_1": rich_text(paragraph("Demo key one.")),
                "key_information_2_heading": "What research says",
                "key_information_2": rich_text(paragraph("Demo key two.")),
                "key_information_3_heading": "Local services",
                "key_information_3": rich_text(paragraph("Demo key three.")),
                "what_to_remember": rich_text(paragraph("Demo remember.")),
                "what_to_do": rich_text(paragraph("Demo what to do.")),
                "reflective_questions": rich_text(paragraph("Demo question?")),
                "source_review_links": inline_formset([{"review": review.pk}]),
            }
        )
        data["themes"] = [ThemeFactory().pk]
        data["audiences"] = [AudienceFactory().pk]
        self.assertCanCreate(tree.learning, BriefingPage, data)
        page = self.assertPublishedAndPublic(BriefingPage, "demo-7-minute-briefing-on-bruising")
        self.assertEqual(page.live_source_reviews, [review])

    def test_news_page(self):
        tree = create_site_tree()
        document = DocumentFactory(title="Demo briefing paper")
        data = nested_form_data(
            {
                "title": "Demo national report published",
                "published_date": "2025-01-20",
                "summary": "The demo national panel published a report.",
                "body": streamfield([("paragraph", rich_text(paragraph("Demo news.")))]),
                "documents": inline_formset([{"document": document.pk, "label": "Paper"}]),
                "links": inline_formset(
                    [{"url": "https://example.org/report/", "title": "The report"}]
                ),
            }
        )
        self.assertCanCreate(tree.news, NewsPage, data)
        page = self.assertPublishedAndPublic(NewsPage, "demo-national-report-published")
        self.assertEqual(page.links.get().url, "https://example.org/report/")
