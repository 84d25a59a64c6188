"""Machine-readable forms of the learning: RSS feeds, CSV and JSON exports, sitemap, robots."""

import csv
import io
import json
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from django.conf import settings
from django.urls import resolve
from wagtail.models import PageViewRestriction

from reviews.exports import COLUMNS
from tests.factories import (
    BriefingPageFactory,
    RecommendationFactory,
    ReviewPageFactory,
    StandardPageFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def neglect():
    return ThemeFactory(name="Neglect", slug="neglect")


def make_reviews(site_tree, count, theme=None, **fields):
    reviews = []
    for number in range(count):
        review = ReviewPageFactory(
            parent=site_tree.reviews,
            published_date=date(2019 + number % 7, 1 + number % 12, 1),
            **fields,
        )
        if theme:
            review.themes.set([theme])
            review.save()
        reviews.append(review)
    return reviews


def rss_items(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    return channel, channel.findall("item")


def test_review_feed_carries_the_latest_twenty_reviews_newest_first(client, site_tree, neglect):
    make_reviews(site_tree, 25, theme=neglect)
    channel, items = rss_items(client.get("/reviews/feed/"))
    assert len(items) == 20
    assert channel.findtext("title") == "Reviews"
    first = items[0]
    assert "Neglect" in [category.text for category in first.findall("category")]
    newest = max(site_tree.reviews.get_children().specific(), key=lambda page: page.published_date)
    assert first.findtext("title") == newest.title


def test_theme_feed_has_only_that_themes_reviews(client, site_tree, neglect):
    make_reviews(site_tree, 3, theme=neglect)
    make_reviews(site_tree, 4)
    channel, items = rss_items(client.get("/reviews/feed/?theme=neglect"))
    assert len(items) == 3
    assert channel.findtext("title") == "Reviews: Neglect"


@pytest.mark.parametrize("theme", ["no-such-theme", "<script>", "neglect&theme=x"])
def test_a_feed_for_an_unknown_theme_is_a_400_that_names_the_filter(
    client, site_tree, neglect, theme
):
    response = client.get("/reviews/feed/", {"theme": theme})

    assert response.status_code == 400
    assert response.content.decode() == "Invalid filter: choose a listed value for Theme.\n"


def test_a_feed_with_an_empty_theme_is_the_whole_feed(client, site_tree, neglect):
    make_reviews(site_tree, 2, theme=neglect)
    make_reviews(site_tree, 1)

    _, items = rss_items(client.get("/reviews/feed/", {"theme": ""}))

    assert len(items) == 3


@pytest.mark.parametrize("address", ["/reviews/feed/", "/learning/feed/"])
def test_a_feed_keeps_nothing_of_one_request_for_the_next(client, site_tree, address):
    """The feed object is shared by every request (and thread) that the URL serves: a request
    it kept could give one reader's links another's host."""
    feed = resolve(address).func

    response = client.get(address, HTTP_HOST="localhost")

    assert response.status_code == 200
    assert not hasattr(feed, "request")


PUBLIC_ADDRESS = "https://lscp.example.net"
INTERNAL_HOST = "web-2.internal"  # a host name a request may come in by, behind the proxy


@pytest.mark.parametrize("address", ["/reviews/feed/?theme=neglect", "/learning/feed/"])
def test_feed_links_name_the_public_address_whatever_host_was_asked(
    client, site_tree, settings, neglect, address
):
    settings.SITE_URL = PUBLIC_ADDRESS
    settings.ALLOWED_HOSTS = [INTERNAL_HOST]
    review = make_reviews(site_tree, 1, theme=neglect)[0]
    briefing = BriefingPageFactory(parent=site_tree.learning, themes=[neglect])

    channel, items = rss_items(client.get(address, HTTP_HOST=INTERNAL_HOST))

    item = review if address.startswith("/reviews/") else briefing
    assert [entry.findtext("link") for entry in items] == [PUBLIC_ADDRESS + item.url]
    assert channel.findtext("link") == PUBLIC_ADDRESS + item.get_parent().url
    self_link = channel.find("{http://www.w3.org/2005/Atom}link")
    assert self_link.get("href") == PUBLIC_ADDRESS + address
    assert INTERNAL_HOST not in client.get(address, HTTP_HOST=INTERNAL_HOST).content.decode()


@pytest.mark.parametrize("export", ["csv", "json"])
def test_export_urls_name_the_public_address_whatever_host_was_asked(
    client, site_tree, settings, export
):
    settings.SITE_URL = PUBLIC_ADDRESS
    settings.ALLOWED_HOSTS = [INTERNAL_HOST]
    review = make_reviews(site_tree, 1)[0]

    response = client.get(f"/reviews/export.{export}", HTTP_HOST=INTERNAL_HOST)

    assert response.status_code == 200
    if export == "csv":
        rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    else:
        rows = json.loads(response.content)["reviews"]
    assert [row["url"] for row in rows] == [PUBLIC_ADDRESS + review.url]


def test_briefing_feed_lists_briefings(client, site_tree):
    for number in range(6):
        BriefingPageFactory(parent=site_tree.learning, title=f"Briefing {number}")
    _, items = rss_items(client.get("/learning/feed/"))
    assert len(items) == 6


def test_feeds_leave_out_drafts_and_private_reviews(client, site_tree):
    public, draft, private = make_reviews(site_tree, 3)
    draft.unpublish()
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    _, items = rss_items(client.get("/reviews/feed/"))
    assert [item.findtext("title") for item in items] == [public.title]


def test_csv_export_has_one_row_per_review_with_recommendation_counts(client, site_tree, neglect):
    review = make_reviews(site_tree, 1, theme=neglect)[0]
    for status, due in [
        ("completed", date(2025, 3, 31)),
        ("completed", date(2025, 3, 31)),
        ("in-progress", date(2025, 3, 31)),  # overdue: due date passed, not completed
        ("in-progress", date(2100, 3, 31)),
    ]:
        RecommendationFactory(review=review, status=status, due_date=due)
    make_reviews(site_tree, 2)

    response = client.get("/reviews/export.csv?theme=neglect")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 1
    row = rows[0]
    assert row["title"] == review.title
    assert row["themes"] == "Neglect"
    assert row["url"].endswith(review.url)
    assert row["recommendations"] == "4"
    assert row["recommendations_completed"] == "2"
    assert row["recommendations_overdue"] == "1"
    assert row["recommendations_in_progress"] == "1"
    assert row["recommendations_not_started"] == "0"


def test_json_export_applies_the_listing_filters(client, site_tree, neglect):
    make_reviews(site_tree, 3, theme=neglect, age_band="under-1")
    make_reviews(site_tree, 2, age_band="11-15")
    data = json.loads(client.get("/reviews/export.json?age=11-15").content)
    assert data["count"] == 2
    assert {review["age_band"] for review in data["reviews"]} == {"11 to 15"}
    assert set(data["reviews"][0]) >= {"title", "pseudonym", "review_type", "published_date"}
    everything = json.loads(client.get("/reviews/export.json").content)
    assert everything["count"] == 5


@pytest.mark.parametrize("address", ["/reviews/export.csv", "/reviews/export.json"])
def test_an_export_with_a_bad_filter_is_a_400_that_names_it(client, site_tree, address):
    response = client.get(address, {"year": "nineteen", "type": "<b>x</b>"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Year published" in body and "Type of review" in body
    assert response["Content-Type"].startswith("text/plain")


def exported_csv(client):
    return list(csv.reader(io.StringIO(client.get("/reviews/export.csv").content.decode())))


# Cells a spreadsheet would read as a formula or command: the four formula characters, DDE's
# pipe, the separator some spreadsheets split on, their full-width and other compatibility
# forms, and each after quotes, white space or invisible characters a spreadsheet may skip.
FORMULAS = {
    "equals": '=HYPERLINK("http://x")',
    "plus": "+1+cmd|' /C calc'!A0",
    "minus": "-1+1",
    "at": "@SUM(A1:A9)",
    "pipe": "|cmd",
    "semicolon": ";=1+1",
    "tab": "\t=1+1",
    "carriage return": "\r=1+1",
    "line feed": "\n=1+1",
    "full-width equals": "＝1+1",
    "full-width plus": "＋1+1",
    "full-width minus": "－1+1",
    "full-width at": "＠SUM(A1)",
    "full-width pipe": "｜cmd",
    "small equals": "﹦1+1",
    "superscript minus": "⁻1+1",
    "minus sign": "−1+1",
    "quote": "'=1+1",
    "double quote": '"=1+1',
    "full-width quote": "＂=1+1",
    "typographic quotes": "“=1+1”",
    "space": " =1+1",
    "no-break space": "\u00a0=1+1",
    "ideographic space and full-width equals": "\u3000＝1+1",
    "zero-width space": "\u200b=1+1",
    "quote and space": "' =1+1",
}


@pytest.mark.parametrize("title", FORMULAS.values(), ids=FORMULAS.keys())
def test_csv_export_never_lets_a_spreadsheet_formula_through(client, site_tree, title):
    ReviewPageFactory(parent=site_tree.reviews, title=title, slug="formula")

    assert exported_csv(client)[1][0] == "'" + title


@pytest.mark.parametrize(
    "title", ["Child Q", "2023 thematic review", "(Thematic) neglect", "Child R – 2024", "Ünal"]
)
def test_csv_export_leaves_ordinary_text_as_it_is(client, site_tree, title):
    ReviewPageFactory(parent=site_tree.reviews, title=title, slug="ordinary")

    assert exported_csv(client)[1][0] == title


def test_csv_export_quotes_every_cell_and_makes_each_theme_safe(client, site_tree):
    """A spreadsheet that splits cells on ";" keeps a quoted cell whole, and a theme name
    after the separator is made safe as well."""
    review = ReviewPageFactory(parent=site_tree.reviews, title="Child S")
    review.themes.set([ThemeFactory(name="Neglect"), ThemeFactory(name="=1+1")])
    review.save()

    response = client.get("/reviews/export.csv")
    lines = response.content.decode().splitlines()

    assert all(line.startswith('"') and line.endswith('"') for line in lines)
    assert exported_csv(client)[1][COLUMNS.index("themes")] == "'=1+1; Neglect"  # by name


def test_exports_leave_out_drafts_and_private_reviews(client, site_tree):
    public, draft, private = make_reviews(site_tree, 3)
    draft.unpublish()
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    data = json.loads(client.get("/reviews/export.json").content)
    assert [review["title"] for review in data["reviews"]] == [public.title]


def test_sitemap_lists_public_reviews_and_briefings_only(client, site_tree):
    public = make_reviews(site_tree, 1)[0]
    draft = make_reviews(site_tree, 1)[0]
    draft.unpublish()
    briefing = BriefingPageFactory(parent=site_tree.learning)
    secure = StandardPageFactory(parent=site_tree.home, title="Secure area", slug="secure-area")
    members_page = StandardPageFactory(parent=secure, title="Minutes", slug="minutes")
    PageViewRestriction.objects.create(page=secure, restriction_type=PageViewRestriction.LOGIN)

    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [
        loc.text for loc in ET.fromstring(response.content).findall("s:url/s:loc", namespace)
    ]
    paths = {location.removeprefix("http://localhost") for location in locations}
    assert {public.url, briefing.url, "/reviews/", "/learning/"} <= paths
    assert draft.url not in paths
    assert not {secure.url, members_page.url} & paths


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, site_tree):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in lines


def test_health_check_answers_when_the_database_does(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
