"""The listings at /reviews/, /learning/ and /news/: live public items, newest first, twelve
a page, a 404 for any page that does not exist, and a fixed number of queries."""

import random
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from safeguarding_site.listing import PER_PAGE
from tests.factories import (
    BriefingPageFactory,
    NewsPageFactory,
    ReviewPageFactory,
    ThemeFactory,
)
from tests.html import linked_pages, soup_of

NEWEST = date(2026, 3, 1)


class Kind:
    """One listing: its address, the index page in the site tree, and how to add an item."""

    def __init__(self, name, factory, themed):
        self.name = name
        self.factory = factory
        self.themed = themed

    @property
    def address(self):
        return f"/{self.name}/"

    def __repr__(self):
        return self.name


KINDS = [
    Kind("reviews", ReviewPageFactory, themed=True),
    Kind("learning", BriefingPageFactory, themed=True),
    Kind("news", NewsPageFactory, themed=False),
]


SEARCHABLE = [kind for kind in KINDS if kind.name in ("reviews", "learning")]


@pytest.fixture(params=KINDS, ids=repr)
def kind(request):
    return request.param


@pytest.fixture(params=SEARCHABLE, ids=repr)
def searchable(request):
    """A listing with a search box (/news/ has none)."""
    return request.param


def add_items(site_tree, kind, count, *, start=0, **fields):
    """``count`` live items with distinct dates, created in shuffled date order."""
    parent = getattr(site_tree, kind.name)
    offsets = list(range(start, start + count))
    random.Random(count).shuffle(offsets)
    themes = [ThemeFactory(name="Neglect"), ThemeFactory(name="Domestic abuse")]
    if kind.themed:
        fields.setdefault("themes", themes)
    return [
        kind.factory(
            parent=parent,
            title=f"Demo {kind.name} item {offset:03d}",
            published_date=NEWEST - timedelta(days=7 * offset),
            **fields,
        )
        for offset in offsets
    ]


def newest_first(items):
    return sorted(items, key=lambda item: item.published_date, reverse=True)


def test_listing_shows_live_items_newest_first(site_tree, client, kind):
    items = add_items(site_tree, kind, 5)

    response = client.get(kind.address)

    assert linked_pages(response, items) == newest_first(items)


def test_listing_shows_twelve_items_a_page_and_the_rest_on_page_two(site_tree, client, kind):
    items = newest_first(add_items(site_tree, kind, 13))

    first = client.get(kind.address)
    second = client.get(kind.address, {"page": "2"})

    assert linked_pages(first, items) == items[:12]
    assert linked_pages(second, items) == items[12:]
    next_link = soup_of(first).select_one('main a[rel="next"]')
    assert next_link is not None and "page=2" in next_link["href"]
    assert client.get(kind.address, {"page": "3"}).status_code == 404


BAD_PAGES = {
    "letters": "abc",
    "zero": "0",
    "negative": "-1",
    "past-the-end": "99",
    "decimal": "1.5",
    "nul": "\x00",
    "5000-digits": "9" * 5000,
    "sql": "2 OR 1=1",
    "exponent": "1e3",
}


def test_page_that_does_not_exist_is_not_found(site_tree, client, kind, subtests):
    add_items(site_tree, kind, PER_PAGE + 1)

    for name, page in BAD_PAGES.items():
        with subtests.test(page=name):
            assert client.get(kind.address, {"page": page}).status_code == 404


@pytest.mark.parametrize("query", ['"unclosed', 'say "hello', "(", "*", "a AND OR NOT", "'"])
def test_listing_search_accepts_quotes_and_operators_without_error(
    site_tree, client, searchable, query
):
    add_items(site_tree, searchable, 2)

    response = client.get(searchable.address, {"q": query})

    assert response.status_code == 200


def test_listing_search_finds_items_by_a_word_in_their_summary(site_tree, client, searchable):
    items = add_items(site_tree, searchable, 3)
    wanted = searchable.factory(
        parent=getattr(site_tree, searchable.name), summary="A demo baby with hypothermia."
    )

    response = client.get(searchable.address, {"q": "hypothermia"})

    assert linked_pages(response, [*items, wanted]) == [wanted]


def test_empty_page_number_means_the_first_page(site_tree, client, kind):
    items = newest_first(add_items(site_tree, kind, PER_PAGE + 1))

    response = client.get(kind.address, {"page": ""})

    assert linked_pages(response, items) == items[:PER_PAGE]


def test_unpublished_and_members_only_items_are_never_listed(site_tree, client, kind):
    public = add_items(site_tree, kind, 2)
    draft = add_items(site_tree, kind, 1, start=10, live=False)[0]
    private = add_items(site_tree, kind, 1, start=20)[0]
    restriction = PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name="Partnership members")])

    response = client.get(kind.address)

    assert linked_pages(response, [*public, draft, private]) == newest_first(public)
    assert client.get(private.url)["Location"].startswith("/login/")
    assert client.get(draft.url).status_code == 404


def test_items_under_a_private_listing_are_never_listed_elsewhere(site_tree, client, kind):
    """A restriction on the listing page itself hides everything under it, e.g. on the home
    page's 'latest' lists."""
    items = add_items(site_tree, kind, 2)
    listing = getattr(site_tree, kind.name)
    PageViewRestriction.objects.create(page=listing, restriction_type=PageViewRestriction.LOGIN)

    assert linked_pages(client.get("/"), items) == []
    assert client.get(kind.address)["Location"].startswith("/login/")


def count_queries(client, address):
    """[queries with every cache cold, queries straight after] for one request of ``address``.

    The site's first request creates its settings row, which empties the page and facet
    caches: it is made once before counting.
    """
    client.get(address)
    cache.clear()
    counts = []
    for _ in ("cold", "warm"):
        with CaptureQueriesContext(connection) as context:
            response = client.get(address)
        assert response.status_code == 200
        counts.append(len(context.captured_queries))
    return counts


def test_listing_runs_the_same_number_of_queries_for_5_or_60_items(
    site_tree, client, kind, django_assert_max_num_queries
):
    add_items(site_tree, kind, 5)
    few = count_queries(client, kind.address)

    add_items(site_tree, kind, 55, start=100)
    many = count_queries(client, kind.address)

    assert many == few, f"[cold, warm] queries: {few} for 5 items, {many} for 60"
    cache.clear()
    with django_assert_max_num_queries(max(few)):
        assert client.get(kind.address, {"page": "5"}).status_code == 200
