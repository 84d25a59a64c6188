"""Theme hubs: every theme's reviews, briefings, resources and news, and its recurrence."""

from datetime import date

import pytest
from wagtail.models import PageViewRestriction

from tests.factories import (
    BriefingPageFactory,
    ExternalResourceFactory,
    NewsPageFactory,
    ReviewPageFactory,
    ThemeFactory,
)
from tests.html import section_headed, soup_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def neglect():
    return ThemeFactory(name="Neglect", slug="neglect", description="When needs go unmet.")


def tagged(page, theme):
    page.themes.set([theme])
    page.save()
    return page


def review_on(site_tree, theme, **fields):
    """A live review carrying ``theme``."""
    return tagged(ReviewPageFactory(parent=site_tree.reviews, **fields), theme)


def test_theme_index_lists_every_theme_with_its_counts(client, site_tree, neglect):
    ThemeFactory(name="Safer sleep", slug="safer-sleep")
    for year in (2020, 2021):
        review_on(site_tree, neglect, published_date=date(year, 1, 1))
    tagged(BriefingPageFactory(parent=site_tree.learning), neglect)
    ExternalResourceFactory(themes=[neglect])

    response = client.get("/themes/")
    assert response.status_code == 200
    rows = {
        row.th.get_text(strip=True): [cell.get_text(strip=True) for cell in row.find_all("td")]
        for row in soup_of(response).select("tbody tr")
    }
    assert rows == {"Neglect": ["2", "1", "1"], "Safer sleep": ["0", "0", "0"]}


def test_theme_hub_gathers_reviews_briefings_resources_and_news(client, site_tree, neglect):
    review = review_on(site_tree, neglect, title="Review of Baby N")
    briefing = tagged(
        BriefingPageFactory(parent=site_tree.learning, title="Neglect briefing"), neglect
    )
    resource = ExternalResourceFactory(title="National neglect toolkit", themes=[neglect])
    news = tagged(NewsPageFactory(parent=site_tree.news, title="New neglect strategy"), neglect)
    ReviewPageFactory(parent=site_tree.reviews, title="Review without the theme")

    soup = soup_of(client.get("/themes/neglect/"))
    assert soup.h1.get_text(strip=True) == "Neglect"
    assert [a.get_text(strip=True) for a in section_headed(soup, "Reviews (1)").select("h3 a")] == [
        review.title
    ]
    assert briefing.title in section_headed(soup, "7-minute briefings (1)").get_text()
    assert resource.title in section_headed(soup, "Resources (1)").get_text()
    assert news.title in section_headed(soup, "News").get_text()


def test_theme_hub_charts_the_theme_year_by_year_with_a_text_equivalent(client, site_tree, neglect):
    for year in (2019, 2019, 2019, 2022):
        review_on(site_tree, neglect, published_date=date(year, 3, 1))

    soup = soup_of(client.get("/themes/neglect/"))
    chart = soup.select_one("figure.chart svg")
    assert chart["role"] == "img"
    assert "2019: 3; 2020: 0; 2021: 0; 2022: 1" in chart.title.get_text()
    bars = chart.select("rect.chart__bar")
    assert len(bars) == 4  # the years between are shown, at zero
    heights = [float(bar["height"]) for bar in bars]
    assert heights[0] == max(heights) and heights[1] == 0 and 0 < heights[3] < heights[0]
    table = {
        row.th.get_text(strip=True): row.td.get_text(strip=True)
        for row in soup.select("table.chart-table tbody tr")
    }
    assert table == {"2019": "3", "2020": "0", "2021": "0", "2022": "1"}


def test_theme_hub_without_reviews_says_so(client, site_tree, neglect):
    soup = soup_of(client.get("/themes/neglect/"))
    assert soup.select_one("figure.chart") is None
    assert "No published review has raised this theme yet." in soup.get_text()


def test_theme_hub_leaves_out_drafts_and_private_pages(client, site_tree, neglect):
    draft = review_on(site_tree, neglect, title="Draft review")
    draft.unpublish()
    private = review_on(site_tree, neglect, title="Private review")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    text = client.get("/themes/neglect/").content.decode()
    assert "Draft review" not in text and "Private review" not in text
    assert "Reviews (0)" in text


@pytest.mark.parametrize("slug", ["unknown", "a" * 300, "neglect-"])
def test_an_unknown_theme_is_not_found(client, site_tree, neglect, slug):
    assert client.get(f"/themes/{slug}/").status_code == 404


def test_theme_hub_links_to_all_reviews_when_it_shows_only_some(client, site_tree, neglect):
    for day in range(1, 15):
        review_on(site_tree, neglect, published_date=date(2024, 1, day))
    soup = soup_of(client.get("/themes/neglect/"))
    assert len(section_headed(soup, "Reviews (14)").select("article.card")) == 12
    assert soup.find("a", href="/reviews/?theme=neglect") is not None
