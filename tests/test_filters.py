"""Finding reviews and briefings: search, combined filters, counts, active filters, sorting."""

import re
from datetime import date
from urllib.parse import parse_qs, urlparse

import pytest
from django import forms

from reviews.models import ReviewPage
from safeguarding_site.listing import ListingSelect
from tests.factories import BriefingPageFactory, ReviewPageFactory, ThemeFactory
from tests.html import soup_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def themes():
    return {
        "neglect": ThemeFactory(name="Neglect", slug="neglect"),
        "domestic-abuse": ThemeFactory(name="Domestic abuse", slug="domestic-abuse"),
        "safer-sleep": ThemeFactory(name="Safer sleep", slug="safer-sleep"),
    }


@pytest.fixture
def reviews(site_tree, themes):
    """Six reviews that differ in theme, type, year, age band and words."""
    specs = [
        ("Baby A", "neglect", "rapid-review", 2021, "under-1", "Neglect of a baby at home"),
        ("Baby B", "neglect", "local-cspr", 2023, "under-1", "A baby left without care"),
        ("Child C", "neglect", "local-cspr", 2023, "5-10", "School noticed hunger"),
        ("Child D", "domestic-abuse", "local-cspr", 2024, "11-15", "Violence at home"),
        ("Young person E", "domestic-abuse", "thematic", 2025, "16-17", "Coercive control"),
        ("Baby F", "safer-sleep", "rapid-review", 2025, "under-1", "An unsafe sleep baby"),
    ]
    made = {}
    for title, theme, review_type, year, age, summary in specs:
        review = ReviewPageFactory(
            parent=site_tree.reviews,
            title=f"Review of {title}",
            review_type=review_type,
            published_date=date(year, 5, 1),
            age_band=age,
            summary=summary,
        )
        review.themes.set([themes[theme]])
        review.save()
        made[title] = review
    return made


def titles(response):
    return [link.get_text(strip=True) for link in soup_of(response).select("main .card__title a")]


def option_labels(response, name):
    select = soup_of(response).find("select", attrs={"name": name})
    assert select is not None, f"no {name} filter"
    return {option["value"]: option.get_text(strip=True) for option in select.find_all("option")}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("theme=neglect", {"Review of Baby A", "Review of Baby B", "Review of Child C"}),
        ("type=rapid-review", {"Review of Baby A", "Review of Baby F"}),
        ("year=2025", {"Review of Young person E", "Review of Baby F"}),
        ("age=under-1", {"Review of Baby A", "Review of Baby B", "Review of Baby F"}),
        ("q=baby", {"Review of Baby A", "Review of Baby B", "Review of Baby F"}),
        ("theme=neglect&age=under-1", {"Review of Baby A", "Review of Baby B"}),
        ("theme=neglect&year=2023&type=local-cspr", {"Review of Baby B", "Review of Child C"}),
        ("q=baby&theme=neglect&age=under-1&year=2021", {"Review of Baby A"}),
        ("q=baby&theme=domestic-abuse", set()),
    ],
)
def test_each_filter_and_combination_narrows_the_review_listing(client, reviews, query, expected):
    response = client.get(f"/reviews/?{query}")
    assert response.status_code == 200
    assert set(titles(response)) == expected
    count = soup_of(response).select_one(".result-count").get_text(" ", strip=True)
    assert count.startswith(f"{len(expected)} review")


def test_each_option_says_how_many_reviews_it_would_give(client, reviews):
    response = client.get("/reviews/?age=under-1")
    themes = option_labels(response, "theme")
    # With "under 1" chosen: two neglect reviews and one safer-sleep review are babies.
    assert themes["neglect"] == "Neglect (2)"
    assert themes["safer-sleep"] == "Safer sleep (1)"
    assert themes["domestic-abuse"] == "Domestic abuse (0)"
    # A facet's own choice does not narrow its counts: every age band is still offered.
    ages = option_labels(response, "age")
    assert ages["under-1"] == "Under 1 (3)"
    assert ages["16-17"] == "16 to 17 (1)"
    years = option_labels(response, "year")
    assert list(years)[1:] == ["2025", "2023", "2021"]  # newest first, after "Any"


def test_active_filters_are_listed_with_a_link_that_removes_each(client, reviews):
    response = client.get("/reviews/?theme=neglect&age=under-1")
    links = {
        link.get_text(" ", strip=True): link["href"]
        for link in soup_of(response).select(".active-filters a")
    }
    assert set(links) == {"Remove filter Theme: Neglect", "Remove filter Child's age: Under 1"}
    assert parse_qs(urlparse(links["Remove filter Theme: Neglect"]).query) == {"age": ["under-1"]}


@pytest.mark.parametrize(
    ("sort", "expected_first"),
    [("newest", "Review of Baby F"), ("oldest", "Review of Baby A"), ("title", "Review of Baby A")],
)
def test_reviews_can_be_sorted(client, reviews, sort, expected_first):
    response = client.get(f"/reviews/?sort={sort}")
    assert titles(response)[0] == expected_first


def test_newest_first_is_the_default_order(client, reviews):
    shown = titles(client.get("/reviews/"))
    dates = [ReviewPage.objects.get(title=title).published_date for title in shown]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("theme=no-such-theme", "theme"),
        ("type=murder", "type"),
        ("year=last-year", "year"),
        ("year=1066", "year"),
        ("age=adult", "age"),
        ("sort=random", "sort"),
        ("q=" + "x" * 101, "q"),
    ],
)
def test_a_bad_filter_value_is_a_400_with_a_clear_form_error_and_is_ignored(
    client, reviews, query, field
):
    response = client.get(f"/reviews/?{query}")
    assert response.status_code == 400
    error = soup_of(response).find(id=f"id_{field}_error")
    assert error is not None and error.get_text(strip=True)
    assert len(titles(response)) == len(reviews)  # the bad value narrows nothing


def test_pagination_links_keep_every_filter(client, site_tree, themes):
    for number in range(15):
        review = ReviewPageFactory(
            parent=site_tree.reviews, published_date=date(2024, 1, 1 + number)
        )
        review.themes.set([themes["neglect"]])
        review.save()
    response = client.get("/reviews/?theme=neglect&age=under-1&sort=oldest")
    next_link = soup_of(response).select_one(".pagination a[rel=next]")
    assert parse_qs(urlparse(next_link["href"]).query) == {
        "theme": ["neglect"],
        "age": ["under-1"],
        "sort": ["oldest"],
        "page": ["2"],
    }
    second = client.get("/reviews/" + next_link["href"])
    assert len(titles(second)) == 3


def test_drafts_and_private_reviews_are_not_counted_in_options(client, reviews, themes):
    draft = reviews["Baby A"]
    draft.unpublish()
    response = client.get("/reviews/")
    assert option_labels(response, "theme")["neglect"] == "Neglect (2)"
    assert "Review of Baby A" not in titles(response)


def test_briefings_can_be_searched_and_filtered_by_theme(client, site_tree, themes):
    neglect = BriefingPageFactory(parent=site_tree.learning, title="Childhood neglect")
    neglect.themes.set([themes["neglect"]])
    neglect.save()
    sleep = BriefingPageFactory(
        parent=site_tree.learning, title="Safer sleep", summary="Where babies should sleep"
    )
    sleep.themes.set([themes["safer-sleep"]])
    sleep.save()

    assert titles(client.get("/learning/?theme=neglect")) == ["Childhood neglect"]
    assert titles(client.get("/learning/?q=sleep")) == ["Safer sleep"]
    assert titles(client.get("/learning/?q=sleep&theme=neglect")) == []
    labels = option_labels(client.get("/learning/"), "theme")
    assert labels["neglect"] == "Neglect (1)"
    response = client.get("/learning/?theme=unknown")
    assert soup_of(response).find(id="id_theme_error") is not None


def test_listing_pages_advertise_their_feeds(client, site_tree):
    for address, feed in [("/reviews/", "/reviews/feed/"), ("/learning/", "/learning/feed/")]:
        link = soup_of(client.get(address)).find("link", rel="alternate")
        assert link is not None and link["href"] == feed
        assert link["type"] == "application/rss+xml"


def test_filter_selects_carry_djangos_own_markup():
    """The listings' selects are written in Python for speed: the same elements, attributes,
    escaping and chosen option as Django's own template gives."""

    choices = [("", "Any"), ('a"<', "Abuse & neglect (3)"), ("b", "Bruising (0)")]
    attrs = {"aria-describedby": "id_theme_helptext", "disabled": True, "hidden": False}
    for value in ('a"<', "b", None):
        django_select = forms.Select(choices=choices, attrs=attrs)
        ours = ListingSelect(choices=choices, attrs=attrs)
        expected = django_select.render("theme", value, {"id": "id_theme"})
        drawn = ours.render("theme", value, {"id": "id_theme"})
        assert drawn == re.sub(r">\s+<", "><", expected).strip(), value
