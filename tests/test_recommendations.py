"""Recommendations tracked across reviews: overdue is worked out from the due date (never
typed), each recommendation records when it really changed, the public tracker at
``/reviews/recommendations/`` and its CSV list every public review's recommendations with
their progress, and staff get a report and a dashboard panel in the admin."""

import csv
import importlib
import io
from datetime import UTC, date, datetime, timedelta

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision

from reviews import tracking
from reviews.choices import RecommendationStatus, TrackedStatus
from reviews.models import Recommendation, ReviewPage
from tests.factories import (
    RecommendationFactory,
    ReviewPageFactory,
    recommendation_form_data,
    review_form_data,
)
from tests.html import section_headed, soup_of

pytestmark = pytest.mark.django_db

TRACKER = "/reviews/recommendations/"
TRACKER_CSV = "/reviews/recommendations.csv"
REPORT = "/admin/reports/recommendations/"
LONG_AGO = datetime(2020, 1, 1, 9, 0, tzinfo=UTC)

NOT_STARTED = RecommendationStatus.NOT_STARTED
IN_PROGRESS = RecommendationStatus.IN_PROGRESS
COMPLETED = RecommendationStatus.COMPLETED


def days_from_today(days):
    return tracking.today() + timedelta(days=days)


def recommendation(review, *, due_in=30, status=IN_PROGRESS, **fields):
    """A recommendation of ``review`` due ``due_in`` days from today (None: no due date)."""
    due = None if due_in is None else days_from_today(due_in)
    return RecommendationFactory(review=review, status=status, due_date=due, **fields)


def csv_rows(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("text/csv")
    content = getattr(response, "streaming_content", None)
    body = b"".join(content) if content is not None else response.content
    return list(csv.DictReader(io.StringIO(body.decode())))


def text_of(element):
    """An element's text as a reader sees it: runs of white space as one space."""
    return " ".join(element.get_text().split())


def tracker_groups(response):
    """(review title, progress line, [(reference, agency, status cell)]) as the tracker shows
    each review."""
    groups = []
    for section in soup_of(response).select("main .tracker-review"):
        rows = [
            (
                text_of(row.find("th")),
                text_of(row.select("td")[1]),
                text_of(row.select("td")[2]),
            )
            for row in section.select("tbody tr")
        ]
        groups.append(
            (
                section.find("h2").get_text(strip=True),
                section.select_one(".progress-line").get_text(strip=True),
                rows,
            )
        )
    return groups


def option_labels(response, name):
    select = soup_of(response).select_one(f"select[name={name}]")
    return {option["value"]: option.get_text(strip=True) for option in select.select("option")}


@pytest.fixture
def review(site_tree):
    return ReviewPageFactory(parent=site_tree.reviews, title="Demo review of Child A")


# Overdue is worked out ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "due_in", "overdue"),
    [
        pytest.param(IN_PROGRESS, -1, True, id="due yesterday, in progress"),
        pytest.param(NOT_STARTED, -1, True, id="due yesterday, not started"),
        pytest.param(COMPLETED, -1, False, id="due yesterday, completed"),
        pytest.param(COMPLETED, -400, False, id="completed long after it was due"),
        pytest.param(IN_PROGRESS, 0, False, id="due today"),
        pytest.param(NOT_STARTED, 1, False, id="due tomorrow"),
        pytest.param(IN_PROGRESS, None, False, id="no due date"),
    ],
)
def test_overdue_is_worked_out_from_the_due_date_and_status(review, status, due_in, overdue):
    item = recommendation(review, status=status, due_in=due_in)

    in_python = Recommendation.objects.get(pk=item.pk)
    in_sql = Recommendation.objects.with_tracked_status().get(pk=item.pk)

    assert in_python.is_overdue is overdue
    assert in_sql.is_overdue is overdue
    assert Recommendation.objects.overdue().filter(pk=item.pk).exists() is overdue
    expected = TrackedStatus.OVERDUE if overdue else status
    assert in_python.tracked_status == in_sql.tracked_status == expected


def test_a_recommendation_stops_being_overdue_when_it_is_marked_completed(review):
    item = recommendation(review, due_in=-10)
    assert Recommendation.objects.overdue().count() == 1

    item.status = COMPLETED
    item.save()

    assert Recommendation.objects.overdue().count() == 0


def test_the_day_that_counts_is_the_day_in_london(monkeypatch):
    """At 23:30 UTC on 1 July it is already 2 July in London (summer time)."""
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 7, 1, 23, 30, tzinfo=UTC))

    assert tracking.today() == date(2026, 7, 2)
    assert tracking.is_overdue(IN_PROGRESS, date(2026, 7, 1))


def test_every_status_count_adds_up_to_the_whole(review):
    for status, due_in in [(NOT_STARTED, 5), (IN_PROGRESS, -5), (IN_PROGRESS, None)]:
        recommendation(review, status=status, due_in=due_in)
    recommendation(review, status=COMPLETED, due_in=-5)

    by_status = {
        status: Recommendation.objects.filter(tracking.tracked_status_q(status)).count()
        for status in TrackedStatus.values
    }

    assert by_status == {"not-started": 1, "in-progress": 1, "completed": 1, "overdue": 1}


def test_overdue_cannot_be_typed(review):
    item = recommendation(review, status="overdue")

    with pytest.raises(ValidationError) as error:
        item.full_clean()

    assert "status" in error.value.message_dict


# When a recommendation was last updated -----------------------------------------------------------


def publish(page):
    """Publish ``page`` as the editor's Publish button does: a revision of it, published."""
    page.save_revision().publish()


def stored_last_updated(review):
    return dict(Recommendation.objects.filter(review=review).values_list("pk", "last_updated"))


@pytest.fixture
def review_with_history(review):
    """A review with three recommendations, recorded long ago."""
    for reference in ["R1", "R2", "R3"]:
        recommendation(review, reference=reference)
    Recommendation.objects.filter(review=review).update(last_updated=LONG_AGO)
    return ReviewPage.objects.get(pk=review.pk)


def test_a_new_recommendation_records_when_it_was_added(review):
    before = timezone.now()

    item = recommendation(review)

    assert before <= item.last_updated <= timezone.now()


def test_publishing_a_review_again_leaves_its_recommendations_last_updated_alone(
    review_with_history,
):
    publish(review_with_history)
    publish(ReviewPage.objects.get(pk=review_with_history.pk))

    assert set(stored_last_updated(review_with_history).values()) == {LONG_AGO}


def test_a_changed_progress_note_updates_only_that_recommendation(review_with_history):
    draft = review_with_history.get_latest_revision_as_object()
    items = list(draft.recommendations.all())
    changed = items[1]
    changed.progress_note = "Demo: the new protocol is in use."
    draft.recommendations = items  # as the editor's form hands them to the page

    publish(draft)

    updated = stored_last_updated(review_with_history)
    assert updated.pop(changed.pk) > LONG_AGO
    assert set(updated.values()) == {LONG_AGO}


@pytest.mark.parametrize(
    ("field", "value", "counts"),
    [
        pytest.param("status", COMPLETED, True, id="status"),
        pytest.param("due_date", date(2031, 1, 31), True, id="due date"),
        pytest.param("text", "Demo: the recommendation reworded.", False, id="wording"),
        pytest.param("owning_agency", "Demo renamed agency", False, id="agency"),
    ],
)
def test_only_status_due_date_and_progress_note_count_as_an_update(
    review_with_history, field, value, counts
):
    draft = review_with_history.get_latest_revision_as_object()
    items = list(draft.recommendations.all())
    changed = items[0]
    setattr(changed, field, value)
    draft.recommendations = items

    publish(draft)

    assert (stored_last_updated(review_with_history)[changed.pk] > LONG_AGO) is counts


def test_an_edit_in_the_admin_updates_only_the_recommendation_it_changes(
    superuser_client, review_with_history
):
    items = list(review_with_history.recommendations.all())
    rows = [
        {
            **recommendation_form_data(item.reference, item.text, item.owning_agency),
            "id": item.pk,
            "status": item.status,
            "due_date": item.due_date.isoformat(),
            "progress_note": item.progress_note,
        }
        for item in items
    ]
    rows[2]["progress_note"] = "Demo: two of three teams trained."
    data = review_form_data(
        recommendations=rows, title=review_with_history.title, slug=review_with_history.slug
    )
    data["recommendations-INITIAL_FORMS"] = str(len(rows))
    data["action-publish"] = "action-publish"

    response = superuser_client.post(
        reverse("wagtailadmin_pages:edit", args=[review_with_history.pk]), data
    )

    assert response.status_code == 302, response.context["form"].errors
    updated = stored_last_updated(review_with_history)
    assert updated[items[2].pk] > LONG_AGO
    assert updated[items[0].pk] == updated[items[1].pk] == LONG_AGO


# The migration that stopped "overdue" being typed -------------------------------------------------

migration = importlib.import_module("reviews.migrations.0007_overdue_is_worked_out")


def test_a_typed_overdue_becomes_in_progress_with_a_note_and_not_started_without(review):
    with_note = recommendation(review, progress_note="Demo: half the teams trained.")
    without_note = recommendation(review, progress_note="")
    Recommendation.objects.filter(review=review).update(status="overdue")

    migration.replace_typed_overdue(apps, None)

    with_note.refresh_from_db()
    without_note.refresh_from_db()
    assert (with_note.status, without_note.status) == (IN_PROGRESS, NOT_STARTED)


def test_a_typed_overdue_in_an_unpublished_draft_is_replaced_too(review):
    recommendation(review, progress_note="")
    draft = ReviewPage.objects.get(pk=review.pk)
    revision = draft.save_revision()
    content = revision.content
    content["recommendations"][0]["status"] = "overdue"
    Revision.objects.filter(pk=revision.pk).update(content=content)

    migration.replace_typed_overdue(apps, None)

    revision.refresh_from_db()
    assert revision.content["recommendations"][0]["status"] == NOT_STARTED


def test_last_updated_is_read_from_the_revision_since_which_nothing_changed(review):
    item = recommendation(review)
    times = [datetime(2024, month, 1, 9, 0, tzinfo=UTC) for month in (1, 2, 3)]
    notes = ["Demo: started.", "Demo: half done.", "Demo: half done."]
    for when, note in zip(times, notes, strict=True):
        Recommendation.objects.filter(pk=item.pk).update(progress_note=note)
        revision = ReviewPage.objects.get(pk=review.pk).save_revision()
        revision.publish()
        Revision.objects.filter(pk=revision.pk).update(created_at=when)
    Recommendation.objects.filter(pk=item.pk).update(last_updated=None)

    migration.backfill_last_updated(apps, None)

    item.refresh_from_db()
    assert item.last_updated == times[1]  # the note has read "half done" since February


# The review page ----------------------------------------------------------------------------------


def test_the_review_page_shows_the_worked_out_status_progress_and_when_each_was_updated(
    client, review
):
    late = recommendation(review, due_in=-2, status=NOT_STARTED)
    recommendation(review, status=COMPLETED)

    section = section_headed(soup_of(client.get(review.url)), "Recommendations")

    progress = section.select_one(".progress-line")
    assert progress.get_text(strip=True) == "1 of 2 complete, 1 overdue."
    first_row = [text_of(cell) for cell in section.select("tbody tr")[0]("td")]
    assert first_row[2] == f"Overdue Was due {late.due_date:%-d %B %Y}; not started"
    assert first_row[4].endswith(f"Updated {timezone.localdate(late.last_updated):%-d %B %Y}")


@pytest.mark.parametrize("slug", ["recommendations", "feed"])
def test_a_review_cannot_take_an_address_the_site_uses_under_reviews(site_tree, slug):
    review = ReviewPageFactory.build(slug=slug, published_date=date(2025, 1, 1))

    with pytest.raises(ValidationError) as error:
        review.clean()

    assert "slug" in error.value.message_dict
