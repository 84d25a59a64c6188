"""The demo content command: idempotent, what the seed page names, the secure area, the two
accounts, and a demo site whose every page answers (generated reviews:
``test_generated_reviews``).

The command runs once for the module (in a transaction rolled back at the end); each test then
runs in a savepoint inside it, so tests that run it again leave nothing behind.
"""

import io
import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils.html import strip_tags
from wagtail.documents import get_document_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    Revision,
    Site,
)
from wagtail.rich_text import expand_db_html

from learning.models import BriefingPage, ExternalResource, NewsPage, Theme
from reviews.models import Recommendation, ReviewPage
from safeguarding_site.models import HomePage, PartnershipSettings
from tests.html import linked_pages, section_headed, soup_of

ADMIN_PASSWORD = "demo-admin-password-for-tests-8817"  # noqa: S105
MEMBER_PASSWORD = "demo-member-password-for-tests-3309"  # noqa: S105
MEMBERS = "Partnership members"
SEED_BRIEFINGS = [
    "Abusive Head Trauma",
    "Childhood Obesity Awareness",
    "Fractures in Infants",
    "Childhood Neglect",
    "Children with Disabilities",
]
NEWS_TITLE_WORDS = "male carers"


def load_demo_content(**options):
    call_command("load_demo_content", stdout=io.StringIO(), stderr=io.StringIO(), **options)


@pytest.fixture(autouse=True)
def media_in_tmp_path(settings, module_media_root):
    """Overrides the suite's per-test media folder: the module's documents live here."""
    settings.MEDIA_ROOT = module_media_root


@pytest.fixture(scope="module")
def demo_content(module_transaction):
    """The demo site, built once for this module and rolled back after it."""
    with pytest.MonkeyPatch.context() as environment:
        environment.setenv("DJANGO_SUPERUSER_PASSWORD", ADMIN_PASSWORD)
        environment.setenv("DEMO_MEMBER_PASSWORD", MEMBER_PASSWORD)
        load_demo_content()


@pytest.fixture
def demo(demo_content, db):
    """Database access for one test, in a savepoint inside the module's demo content."""


def squeeze(text):
    """Text without any whitespace, to compare what is shown whatever the markup between."""
    return re.sub(r"\s+", "", text)


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "documents": get_document_model().objects.count(),
        "collections": Collection.objects.count(),
        "users": get_user_model().objects.count(),
        "themes": Theme.objects.count(),
        "resources": ExternalResource.objects.count(),
        "recommendations": Recommendation.objects.count(),
        "page restrictions": PageViewRestriction.objects.count(),
        "sites": Site.objects.count(),
    }


def test_running_the_command_again_changes_nothing(demo, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", ADMIN_PASSWORD)
    monkeypatch.setenv("DEMO_MEMBER_PASSWORD", MEMBER_PASSWORD)
    first = counts()

    load_demo_content()

    assert counts() == first
    assert first["pages"] > 20


def test_home_page_is_the_default_sites_root(demo):
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert Site.objects.count() == 1
    assert Page.objects.filter(depth=2).count() == 1  # Wagtail's welcome page is gone


def test_there_are_enough_reviews_to_exercise_filters_and_paging(demo):
    reviews = ReviewPage.objects.live().public()
    years = {review.published_date.year for review in reviews}

    assert reviews.count() >= 14
    assert reviews.values("review_type").distinct().count() >= 5
    assert min(years) == 2019 and max(years) == 2026
    assert years <= set(range(2019, 2027))
    assert Theme.objects.count() >= 6


def test_the_five_seed_briefings_have_all_seven_sections(demo):
    briefings = list(BriefingPage.objects.live().public())

    for name in SEED_BRIEFINGS:
        matching = [b for b in briefings if name.lower() in b.title.lower()]
        assert len(matching) == 1, f"{name!r}: {[b.title for b in matching]}"
        briefing = matching[0]
        for number, heading, text in briefing.sections:
            assert heading.strip(), f"{briefing.title}: section {number} has no heading"
            assert strip_tags(text).strip(), f"{briefing.title}: section {number} is empty"


def test_the_national_panel_news_item_has_its_briefing_paper_and_presentation(demo, client):
    news = NewsPage.objects.live().public().get(title__icontains=NEWS_TITLE_WORDS)
    documents = [item.document for item in news.documents.all()]

    assert len(documents) == 2
    response = client.get(news.url)
    section = section_headed(soup_of(response), "Documents")
    for document in documents:
        link = section.find("a", href=document.url)
        assert link is not None, document.title
        assert document.file_size, f"{document.title} has no stored size"
        assert client.get(document.url).status_code == 200


def test_secure_area_is_for_partnership_members_only(demo, client):
    members = Group.objects.get(name=MEMBERS)
    restriction = PageViewRestriction.objects.get(page__url_path__endswith="/secure-area/")
    secure_area = restriction.page

    assert restriction.restriction_type == PageViewRestriction.GROUPS
    assert list(restriction.groups.all()) == [members]
    assert secure_area.get_children().live().count() >= 2
    assert client.get("/secure-area/").status_code == 302

    client.force_login(get_user_model().objects.get(username="member"))
    assert client.get("/secure-area/").status_code == 200
    for child in secure_area.get_children().live():
        assert client.get(child.url).status_code == 200


def test_secure_area_has_a_private_document_in_a_restricted_collection(demo, client):
    members = Group.objects.get(name=MEMBERS)
    restriction = CollectionViewRestriction.objects.get(groups=members)
    documents = get_document_model().objects.filter(collection=restriction.collection)
    document = documents.first()

    assert restriction.restriction_type == CollectionViewRestriction.GROUPS
    assert document is not None
    assert client.get(document.url).status_code == 302  # to the login page
    client.force_login(get_user_model().objects.get(username="member"))
    response = client.get(document.url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_admin_is_a_superuser_with_the_password_from_the_environment(demo):
    admin = get_user_model().objects.get(username="admin")

    assert admin.is_superuser and admin.is_active
    assert admin.check_password(ADMIN_PASSWORD)


def test_member_is_a_partnership_member_and_not_staff(demo):
    member = get_user_model().objects.get(username="member")

    assert list(member.groups.values_list("name", flat=True)) == [MEMBERS]
    assert not member.is_superuser and not member.is_staff
    assert member.check_password(MEMBER_PASSWORD)


def test_home_page_shows_the_latest_reviews_briefings_and_news(demo, client):
    response = client.get("/")

    latest = ReviewPage.objects.live().public().order_by("-published_date", "title")[:3]
    assert linked_pages(response, list(latest)) == list(latest)
    briefings = BriefingPage.objects.live().public()
    assert linked_pages(response, list(briefings)), "no briefing on the home page"


@pytest.mark.parametrize("address", ["/", "/reviews/", "/learning/", "/resources/", "/news/"])
def test_demo_site_page_answers(demo, client, address):
    assert client.get(address).status_code == 200


def test_demo_briefing_shows_its_seven_sections(demo, client):
    briefing = BriefingPage.objects.live().public().get(title__icontains=SEED_BRIEFINGS[0])

    response = client.get(briefing.url)

    assert response.status_code == 200
    soup = soup_of(response)
    shown_text = squeeze(soup.select_one("main").get_text())
    headings = [" ".join(h2.get_text(" ").split()) for h2 in soup.select("main h2")]
    for number, heading, section in briefing.sections:
        assert any(heading in shown for shown in headings), f"section {number}: {heading}"
        section_text = squeeze(BeautifulSoup(expand_db_html(section), "html.parser").get_text())
        assert section_text and section_text in shown_text, f"section {number} is not shown"


def test_demo_review_shows_its_recommendations(demo, client):
    review = (
        ReviewPage.objects.live().public().filter(recommendations__isnull=False).distinct().first()
    )

    response = client.get(review.url)

    rows = section_headed(soup_of(response), "Recommendations").select("tbody tr")
    recommendations = list(review.recommendations.all())
    assert len(rows) == len(recommendations) > 0
    for recommendation, row in zip(recommendations, rows, strict=True):
        assert recommendation.reference in row.get_text(" ", strip=True)


def test_demo_recommendations_are_overdue_by_their_dates_never_by_a_typed_status(demo, client):
    """The demo's late recommendations are in progress or not started with a due date that
    has passed: the tracker works them out as overdue."""
    overdue = Recommendation.objects.overdue()

    assert overdue.count() >= 4
    assert set(overdue.values_list("status", flat=True)) == {
        Recommendation.Status.IN_PROGRESS,
        Recommendation.Status.NOT_STARTED,
    }
    assert set(Recommendation.objects.values_list("status", flat=True)) <= set(
        Recommendation.Status.values
    )
    tracker = client.get("/reviews/recommendations/?status=overdue")
    assert tracker.status_code == 200
    assert len(soup_of(tracker).select("main tbody th[scope=row]")) == overdue.count()


def test_demo_resources_page_links_every_public_resource(demo, client):
    resources = ExternalResource.objects.filter(live=True).exclude(
        link_status=ExternalResource.LinkStatus.BROKEN
    )
    nspcc = resources.filter(publisher=ExternalResource.Publisher.NSPCC)

    response = client.get("/resources/")

    hrefs = {link["href"] for link in soup_of(response).select("main a[href]")}
    assert nspcc.count() >= 2
    assert {resource.url for resource in resources} <= hrefs


def test_demo_news_listing_and_item_answer(demo, client):
    news = NewsPage.objects.live().public().get(title__icontains=NEWS_TITLE_WORDS)

    assert linked_pages(client.get("/news/"), [news]) == [news]
    assert client.get(news.url).status_code == 200


def test_unknown_address_answers_with_the_sites_own_404_page(demo, client):
    response = client.get("/no-such-page-in-the-demo/")

    assert response.status_code == 404
    assert "404.html" in [template.name for template in response.templates]
    soup = soup_of(response)
    assert soup.find("html")["lang"] == "en-GB"
    assert re.search(r"not found", soup.find("h1").get_text(), re.IGNORECASE)


def test_the_secure_area_is_the_members_way_in_shown_to_everyone(demo, client):
    secure_area = PageViewRestriction.objects.get(page__url_path__endswith="/secure-area/").page
    settings = PartnershipSettings.objects.get(site__is_default_site=True)

    assert settings.secure_area_entrance_id == secure_area.pk
    footer = soup_of(client.get("/")).select_one("footer")
    assert footer.find("a", href=secure_area.url).get_text(strip=True).endswith("(for members)")
