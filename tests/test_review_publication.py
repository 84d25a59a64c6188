"""Publishing a review, as Working Together asks: the date the national panel was told, and a
review kept up at least a year, which no route in the admin can take down early. The editor
is in tabs, in the order a review is filled in."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from reviews.models import ReviewPage
from tests.factories import ReviewPageFactory, review_form_data
from tests.html import soup_of


def add_review_url(reviews):
    return reverse("wagtailadmin_pages:add", args=["reviews", "reviewpage", reviews.pk])


def publish(client, reviews, **fields):
    data = review_form_data(**fields)
    data["action-publish"] = "action-publish"
    return client.post(add_review_url(reviews), data)


def errors(response):
    return response.context["form"].errors if response.status_code == 200 else {}


def test_a_review_kept_published_less_than_a_year_is_refused(site_tree, superuser_client):
    response = publish(
        superuser_client,
        site_tree.reviews,
        published_date="2025-03-14",
        keep_published_until="2026-03-13",
    )

    assert "keep_published_until" in errors(response)
    assert "14 March 2026 or later" in str(errors(response)["keep_published_until"])
    assert not ReviewPage.objects.exists()


def test_a_review_kept_published_a_year_is_published_with_its_duties(site_tree, superuser_client):
    response = publish(
        superuser_client,
        site_tree.reviews,
        published_date="2025-03-14",
        keep_published_until="2026-03-14",
        national_panel_notified="2025-03-03",
    )

    assert response.status_code == 302, errors(response)
    review = ReviewPage.objects.get()
    assert review.live
    assert review.keep_published_until == date(2026, 3, 14)
    assert review.national_panel_notified == date(2025, 3, 3)


def test_a_review_may_not_expire_before_its_keep_published_date(site_tree, superuser_client):
    response = publish(
        superuser_client,
        site_tree.reviews,
        published_date="2025-03-14",
        keep_published_until="2026-06-01",
        expire_at="2026-01-01 09:00",
    )

    assert "expire_at" in errors(response)


@pytest.fixture
def review_to_keep(site_tree):
    """A live review that must stay published for another month."""
    return ReviewPageFactory(
        parent=site_tree.reviews,
        keep_published_until=timezone.localdate() + timedelta(days=30),
    )


def still_live(review):
    review.refresh_from_db()
    return review.live


def test_unpublishing_a_review_before_its_date_is_refused(superuser_client, review_to_keep):
    response = superuser_client.post(
        reverse("wagtailadmin_pages:unpublish", args=[review_to_keep.pk]), follow=True
    )

    assert still_live(review_to_keep)
    assert "must stay published" in soup_of(response).get_text()


def test_unpublishing_the_listing_above_it_is_refused(site_tree, superuser_client, review_to_keep):
    superuser_client.post(
        reverse("wagtailadmin_pages:unpublish", args=[site_tree.reviews.pk]),
        {"include_descendants": "on"},
    )

    assert still_live(review_to_keep)


def test_deleting_a_review_before_its_date_is_refused(superuser_client, review_to_keep):
    superuser_client.post(reverse("wagtailadmin_pages:delete", args=[review_to_keep.pk]))

    assert ReviewPage.objects.filter(pk=review_to_keep.pk).exists()


@pytest.mark.parametrize("action", ["unpublish", "delete"])
def test_a_bulk_action_cannot_take_a_review_down_early(superuser_client, review_to_keep, action):
    url = (
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", action])
        + f"?id={review_to_keep.pk}&next=/admin/"
    )

    superuser_client.post(url, {"include_descendants": "on"})

    assert ReviewPage.objects.filter(pk=review_to_keep.pk, live=True).exists()


def test_a_review_past_its_date_can_be_unpublished(superuser_client, site_tree):
    review = ReviewPageFactory(
        parent=site_tree.reviews, keep_published_until=timezone.localdate() - timedelta(days=1)
    )

    superuser_client.post(reverse("wagtailadmin_pages:unpublish", args=[review.pk]))

    assert not still_live(review)


def test_the_review_editor_is_in_tabs_in_the_order_a_review_is_written(site_tree, superuser_client):
    review = ReviewPageFactory(parent=site_tree.reviews)

    response = superuser_client.get(reverse("wagtailadmin_pages:edit", args=[review.pk]))

    # Each tab's name, without its (hidden) count of errors.
    tabs = [
        re.sub(r"\(\d*\)$", "", tab.get_text(strip=True))
        for tab in soup_of(response).select("[role=tab]")
    ]
    assert tabs[:5] == [
        "About",
        "Learning",
        "Recommendations",
        "Documents and resources",
        "Publication",
    ]
    labels = [label.get_text(" ", strip=True) for label in soup_of(response).select("label")]
    assert any(label.startswith("Report status") for label in labels)


def test_the_review_page_says_report_status(client, site_tree):
    review = ReviewPageFactory(parent=site_tree.reviews)

    response = client.get(review.url)

    terms = [term.get_text(strip=True) for term in soup_of(response).select("dl.summary-list dt")]
    assert "Report status" in terms
    assert "Status" not in terms
