"""Every listing, hub, feed and export runs a fixed number of SQL queries, whatever the size.

Each test measures an address with a few items and again with many, and asserts the counts
are equal (and stay under the measured bound).
"""

from datetime import date

import pytest
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


def count_queries(client, address):
    client.get(address)  # the first request of a process warms Wagtail's site-root cache
    with CaptureQueriesContext(connection) as context:
        response = client.get(address)
    assert response.status_code == 200, (address, response.status_code)
    return len(context.captured_queries)


def test_every_listing_hub_feed_and_export_runs_a_fixed_number_of_queries(
    client, site_tree, django_assert_max_num_queries
):
    theme = ThemeFactory(name="Neglect", slug="neglect")
    add_content(site_tree, theme, 13)
    few = {address: count_queries(client, address) for address in ADDRESSES}

    add_content(site_tree, theme, 27, start=100)
    many = {address: count_queries(client, address) for address in ADDRESSES}

    assert many == few
    for address, bound in few.items():
        with django_assert_max_num_queries(bound):
            client.get(address)
