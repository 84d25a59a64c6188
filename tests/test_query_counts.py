"""Every listing, hub, feed and export runs a fixed number of SQL queries, whatever the size.

Each test measures an address with a few items and again with many, each time with the caches
cold (the filter-option counts and Wagtail's site roots not yet cached) and warm, and asserts
the counts are equal (and stay under the measured bound).
"""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

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


def count_queries(client, address):
    """(cold, warm): the queries of a first request with every cache empty (option counts,
    Wagtail's site roots, content types), and of the same request again once they are
    filled."""
    cache.clear()
    ContentType.objects.clear_cache()  # a process-wide cache of its own
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
        cache.clear()
        ContentType.objects.clear_cache()
        with django_assert_max_num_queries(cold):
            client.get(address)


def test_filter_option_counts_are_counted_when_the_cache_is_cold(client, site_tree):
    """The counts of a listing's filter options are queries of their own: a cold request runs
    them, a warm one reads them from the cache (so a test that warms first cannot see them)."""
    add_content(site_tree, ThemeFactory(name="Neglect", slug="neglect"), 3)

    cold, warm = count_queries(client, "/reviews/?theme=neglect")

    assert cold > warm
