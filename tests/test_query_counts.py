"""Every listing, hub, feed and export runs a fixed number of SQL queries, whatever the size.

Each test measures an address with a few items and again with many, each time with the caches
cold (no kept option table stored nor held by the process, as just after a change; Wagtail's
site roots and content types not cached) and warm, and asserts the counts are equal (and stay
under the measured bound).
"""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from safeguarding_site import option_counts
from safeguarding_site.cache import forget_local_pages
from tests.factories import (
    BriefingPageFactory,
    ExternalResourceFactory,
    NewsPageFactory,
    RecommendationFactory,
    ReviewPageFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

ADDRESSES = [
    "/reviews/?theme=neglect",
    "/reviews/?q=demo&theme=neglect&age=under-1&year=2024&type=local-cspr&sort=oldest",
    "/reviews/?theme=neglect&page=2",
    "/learning/?q=demo&theme=neglect",
    "/themes/",
    "/themes/neglect/",
    "/reviews/feed/",
    "/reviews/feed/?theme=neglect",
    "/learning/feed/",
    "/reviews/export.csv?theme=neglect",
    "/reviews/export.json",
    "/reviews/recommendations/",
    "/reviews/recommendations/?agency=Demo+Integrated+Care+Board&status=overdue&year=2025",
    "/reviews/recommendations.csv?status=overdue",
    "/search/?q=demo",
    "/",
    "/resources/",
]


def add_content(site_tree, theme, count, start=0):
    for number in range(start, start + count):
        review = ReviewPageFactory(
            parent=site_tree.reviews,
            title=f"Demo review {number}",
            published_date=date(2024, 1 + number % 12, 1),
        )
        review.themes.set([theme])
        review.save()
        RecommendationFactory(review=review)
        briefing = BriefingPageFactory(parent=site_tree.learning, title=f"Demo briefing {number}")
        briefing.themes.set([theme])
        briefing.save()
        ExternalResourceFactory(themes=[theme])
        news = NewsPageFactory(parent=site_tree.news)
        news.themes.set([theme])
        news.save()


def queries_of(client, address):
    with CaptureQueriesContext(connection) as context:
        response = client.get(address)
    assert response.status_code == 200, (address, response.status_code)
    return len(context.captured_queries)


def forget_everything():
    """Every cache empty: the kept option tables (stored, and this process's copies) and
    items, the frame kept once a generation, the cache (Wagtail's site roots), and the content
    types' process-wide cache."""
    option_counts.ListingCounts.objects.all().delete()
    option_counts._in_process.clear()
    option_counts._items_in_process.clear()
    forget_local_pages()  # the menu's pages and the site, kept once a generation
    cache.clear()
    ContentType.objects.clear_cache()


def count_queries(client, address):
    """(cold, warm): the queries of a first request with every cache empty, and of the same
    request again once they are filled."""
    forget_everything()
    cold = queries_of(client, address)
    warm = queries_of(client, address)
    return cold, warm


def test_every_listing_hub_feed_and_export_runs_a_fixed_number_of_queries(
    client, site_tree, django_assert_max_num_queries
):
    theme = ThemeFactory(name="Neglect", slug="neglect")
    add_content(site_tree, theme, 13)
    few = {address: count_queries(client, address) for address in ADDRESSES}

    add_content(site_tree, theme, 27, start=100)
    many = {address: count_queries(client, address) for address in ADDRESSES}

    assert many == few
    for address, (cold, warm) in few.items():
        assert warm <= cold, address
        forget_everything()
        with django_assert_max_num_queries(cold):
            client.get(address)


# Unsearched listings and hubs: what their options and charts count.
COUNTED = [
    "/reviews/",
    "/reviews/?theme=neglect",
    "/reviews/?theme=neglect&age=under-1&year=2024&type=local-cspr&sort=oldest",
    "/learning/?theme=neglect",
    "/resources/?theme=neglect",
    "/reviews/recommendations/?status=overdue",
    "/themes/",
    "/themes/neglect/",
]


def grouped(address, client):
    """The grouped counting queries (``COUNT(DISTINCT ...)``) of one request for ``address``."""
    with CaptureQueriesContext(connection) as context:
        assert client.get(address).status_code == 200
    return [query["sql"] for query in context.captured_queries if "COUNT(DISTINCT" in query["sql"]]


def test_filter_options_are_counted_once_per_change_never_per_request(client, site_tree):
    """A cold request counts a listing's options (its kept table is missing, as just after a
    change); every request after it, filtered or not, counts nothing."""
    add_content(site_tree, ThemeFactory(name="Neglect", slug="neglect"), 3)

    for address in COUNTED:
        forget_everything()
        assert grouped(address, client), address
        assert not grouped(address, client), address
    forget_everything()
    for address in COUNTED:  # each listing's table is counted once
        client.get(address)
    for address in COUNTED:  # and kept: none is counted again
        assert not grouped(address, client), address
