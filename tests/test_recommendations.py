"""Recommendations tracked across reviews: overdue is worked out from the due date (never
typed), each recommendation records when it really changed, the public tracker at
``/reviews/recommendations/`` and its CSV list every public review's recommendations with
their progress, and staff get a report and a dashboard panel in the admin."""

import csv
import importlib
import io
from datetime import UTC, date, datetime, timedelta

import openpyxl
import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision

from reviews import tracking
from reviews.choices import RecommendationStatus, TrackedStatus
from reviews.models import Recommendation, ReviewPage
from reviews.views import TRACKER_PER_PAGE
from tests.factories import (
    RecommendationFactory,
    ReviewPageFactory,
    UserFactory,
    create_member,
    recommendation_form_data,
    restrict_to_members,
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
    each review: a row group of its table, headed by the review."""
    groups = []
    for group in soup_of(response).select("main table tbody"):
        heading = group.select_one("th[scope=rowgroup]")
        rows = [
            (text_of(row.find("th")), text_of(row.select("td")[1]), text_of(row.select("td")[2]))
            for row in group.select("tr")
            if row.find("td")
        ]
        groups.append(
            (
                text_of(heading.find("a")),
                text_of(heading.select_one(".progress-line")),
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
    assert first_row[3].endswith(f"Updated {timezone.localdate(late.last_updated):%-d %B %Y}")


@pytest.mark.parametrize("slug", ["recommendations", "feed"])
def test_a_review_cannot_take_an_address_the_site_uses_under_reviews(site_tree, slug):
    review = ReviewPageFactory.build(slug=slug, published_date=date(2025, 1, 1))

    with pytest.raises(ValidationError) as error:
        review.clean()

    assert "slug" in error.value.message_dict


# The public tracker -------------------------------------------------------------------------------


def test_the_tracker_lists_every_public_reviews_recommendations_by_review(client, site_tree):
    older = ReviewPageFactory(
        parent=site_tree.reviews, title="Demo older review", published_date=date(2022, 5, 1)
    )
    newer = ReviewPageFactory(
        parent=site_tree.reviews, title="Demo newer review", published_date=date(2025, 5, 1)
    )
    recommendation(older, reference="R1", owning_agency="Demo Police", status=COMPLETED)
    recommendation(older, reference="R2", owning_agency="Demo Police", due_in=-3)
    recommendation(newer, reference="R1", owning_agency="Demo Health", due_in=None)

    response = client.get(TRACKER)

    assert response.status_code == 200
    assert tracker_groups(response) == [
        (
            "Demo newer review",
            "0 of 1 complete.",
            [("R1", "Demo Health", "In progress No due date")],
        ),
        (
            "Demo older review",
            "1 of 2 complete, 1 overdue.",
            [
                ("R1", "Demo Police", f"Completed Due {days_from_today(30):%-d %B %Y}"),
                (
                    "R2",
                    "Demo Police",
                    f"Overdue Was due {days_from_today(-3):%-d %B %Y}; in progress",
                ),
            ],
        ),
    ]
    soup = soup_of(response)
    assert soup.find("h1").get_text(strip=True) == "Recommendations and progress"
    table = soup.select_one("main table")
    assert text_of(table.find("caption")) == "Recommendations, by review"
    assert [th["scope"] for th in table.select("thead th")] == ["col"] * 5
    scopes = [th["scope"] for th in table.select("tbody th")]
    assert scopes == ["rowgroup", "row", "rowgroup", "row", "row"]


def test_the_tracker_leaves_out_drafts_and_members_only_reviews(client, site_tree):
    public = ReviewPageFactory(parent=site_tree.reviews, title="Demo public review")
    draft = ReviewPageFactory(parent=site_tree.reviews, title="Demo draft review")
    private = ReviewPageFactory(parent=site_tree.reviews, title="Demo members' review")
    recommendation(public, owning_agency="Demo public agency")
    recommendation(draft, owning_agency="Demo draft agency")
    recommendation(private, owning_agency="Demo members' agency")
    draft.unpublish()
    restrict_to_members(private)

    page = client.get(TRACKER)
    rows = csv_rows(client.get(TRACKER_CSV))

    assert [title for title, _, _ in tracker_groups(page)] == ["Demo public review"]
    assert set(option_labels(page, "agency")) == {"", "Demo public agency"}
    assert [row["review_title"] for row in rows] == ["Demo public review"]


def test_the_tracker_filters_by_agency_status_and_year_due_with_counts(client, review):
    recommendation(review, reference="R1", owning_agency="Demo Police", due_in=-400)
    recommendation(review, reference="R2", owning_agency="Demo Police", status=COMPLETED)
    recommendation(review, reference="R3", owning_agency="Demo Health", due_in=-400)
    overdue_year = days_from_today(-400).year

    response = client.get(TRACKER, {"agency": "Demo Police", "status": "overdue"})

    groups = tracker_groups(response)
    assert [reference for reference, _, _ in groups[0][2]] == ["R1"]
    assert groups[0][1] == "1 of 3 complete, 2 overdue."  # the whole review, whatever the filter
    assert option_labels(response, "status")["overdue"] == "Overdue (1)"
    assert option_labels(response, "status")["completed"] == "Completed (1)"
    assert option_labels(response, "agency")["Demo Health"] == "Demo Health (1)"
    assert option_labels(response, "year")[str(overdue_year)] == f"{overdue_year} (1)"

    by_year = client.get(TRACKER, {"year": overdue_year})
    assert [ref for ref, _, _ in tracker_groups(by_year)[0][2]] == ["R1", "R3"]


def test_the_tracker_pages_through_recommendations_keeping_the_filters(client, site_tree):
    for number in range(TRACKER_PER_PAGE + 3):
        review = ReviewPageFactory(parent=site_tree.reviews, title=f"Demo review {number:02d}")
        recommendation(review, owning_agency="Demo Police")

    first = client.get(TRACKER, {"agency": "Demo Police"})
    second = client.get(TRACKER, {"agency": "Demo Police", "page": 2})

    assert sum(len(rows) for _, _, rows in tracker_groups(first)) == TRACKER_PER_PAGE
    assert sum(len(rows) for _, _, rows in tracker_groups(second)) == 3
    next_link = soup_of(first).select_one(".pagination a[rel=next]")["href"]
    assert "agency=Demo+Police" in next_link and "page=2" in next_link
    assert client.get(TRACKER, {"page": 9}).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        {"year": "abc"},
        {"year": "1066"},
        {"status": "late"},
        {"agency": "<script>alert(1)</script>"},
        {"agency": "No such agency"},
    ],
    ids=["year not a number", "year out of range", "status", "markup", "unknown agency"],
)
@pytest.mark.parametrize("address", [TRACKER, TRACKER_CSV])
def test_a_bad_filter_is_a_400_on_the_tracker_and_its_csv(client, review, address, query):
    recommendation(review, owning_agency="Demo Police")

    response = client.get(address, query)

    assert response.status_code == 400
    assert "<script>" not in response.content.decode()


def test_the_tracker_is_cached_under_its_validated_filters_only(client, page_cache, review):
    recommendation(review, owning_agency="Demo Police")

    first = client.get(TRACKER, {"status": "overdue"})
    again = client.get(TRACKER, {"status": "overdue"})
    bad = [client.get(TRACKER, {"status": "late"}) for _ in range(2)]

    assert (first["X-Page-Cache"], again["X-Page-Cache"]) == ("miss", "hit")
    assert [response.status_code for response in bad] == [400, 400]
    assert not any(response.has_header("X-Page-Cache") for response in bad)


def test_the_review_listing_and_each_review_link_to_the_tracker(client, review):
    recommendation(review)
    tracker = reverse("recommendation_tracker")

    listing = soup_of(client.get("/reviews/"))
    page = soup_of(client.get(review.url))

    assert listing.select_one(f"main a[href='{tracker}']") is not None
    assert section_headed(page, "Recommendations").select_one(f"a[href='{tracker}']")


# The CSV ------------------------------------------------------------------------------------------


def test_the_csv_has_one_row_per_recommendation_for_the_yearly_report(client, review):
    late = recommendation(
        review,
        reference="R7",
        text="Demo: audit the protocol.",
        owning_agency="Demo Police",
        due_in=-1,
        progress_note="Demo: the audit has started.",
    )
    recommendation(review, status=COMPLETED, owning_agency="Demo Health")

    rows = csv_rows(client.get(TRACKER_CSV, {"status": "overdue"}))

    assert rows == [
        {
            "review_title": "Demo review of Child A",
            "review_url": f"{settings.SITE_URL}{review.url}",
            "review_type": "Local Child Safeguarding Practice Review",
            "published_date": review.published_date.isoformat(),
            "reference": "R7",
            "recommendation": "Demo: audit the protocol.",
            "owning_agency": "Demo Police",
            "status": "Overdue",
            "recorded_status": "In progress",
            "due_date": late.due_date.isoformat(),
            "overdue": "yes",
            "progress_note": "Demo: the audit has started.",
            "last_updated": timezone.localdate(late.last_updated).isoformat(),
        }
    ]
    assert len(csv_rows(client.get(TRACKER_CSV))) == 2


def test_the_csv_never_hands_a_spreadsheet_a_formula(client, review):
    recommendation(
        review,
        reference="=1+1",
        text='=HYPERLINK("http://example.org/x","Click")',
        owning_agency="+cmd|' /C calc'!A0",
        progress_note="@SUM(A1:A9)",
    )

    row = csv_rows(client.get(TRACKER_CSV))[0]

    for column in ["reference", "recommendation", "owning_agency", "progress_note"]:
        assert row[column].startswith("'"), column


def test_the_review_export_counts_recommendations_by_the_status_the_site_shows(client, review):
    for status, due_in in [(COMPLETED, -5), (IN_PROGRESS, -5), (IN_PROGRESS, 5), (NOT_STARTED, 5)]:
        recommendation(review, status=status, due_in=due_in)

    row = csv_rows(client.get("/reviews/export.csv"))[0]

    assert row["recommendations"] == "4"
    assert [
        row[f"recommendations_{name}"]
        for name in ["not_started", "in_progress", "completed", "overdue"]
    ] == ["1", "1", "1", "1"]


# The admin report ---------------------------------------------------------------------------------


@pytest.fixture
def tracked(site_tree):
    """Recommendations of a live review (two overdue, one due later, one completed), of a
    members-only live review (one overdue) and of a draft (one overdue)."""
    live = ReviewPageFactory(parent=site_tree.reviews, title="Demo live review")
    members = ReviewPageFactory(parent=site_tree.reviews, title="Demo members' review")
    draft = ReviewPageFactory(parent=site_tree.reviews, title="Demo draft review")
    recommendation(live, reference="R1", due_in=60)
    recommendation(live, reference="R2", due_in=-10, owning_agency="Demo Police")
    recommendation(live, reference="R3", due_in=-100)
    recommendation(live, reference="R4", due_in=-200, status=COMPLETED)
    recommendation(members, reference="M1", due_in=-50)
    recommendation(draft, reference="D1", due_in=-50)
    restrict_to_members(members)
    draft.unpublish()
    return live


def report_rows(response):
    assert response.status_code == 200, response.status_code
    return [
        [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
        for row in soup_of(response).select("table tbody tr")
    ]


def test_the_report_lists_live_reviews_recommendations_overdue_first_then_by_due_date(
    superuser_client, tracked
):
    rows = report_rows(superuser_client.get(REPORT))

    assert [(row[0], row[1]) for row in rows] == [
        ("Demo live review", "R3"),
        ("Demo members' review", "M1"),
        ("Demo live review", "R2"),
        ("Demo live review", "R1"),
        ("Demo live review", "R4"),  # completed: after the work still to do
    ]
    assert [row[3] for row in rows] == ["Overdue"] * 3 + ["In progress", "Completed"]


def test_the_report_links_each_recommendation_to_its_reviews_editor(superuser_client, tracked):
    soup = soup_of(superuser_client.get(REPORT))

    links = {link.get_text(strip=True): link["href"] for link in soup.select("table tbody td a")}
    assert links["Demo live review"] == reverse("wagtailadmin_pages:edit", args=[tracked.pk])


@pytest.mark.parametrize(
    ("query", "references"),
    [
        ({"overdue": "true"}, ["R3", "M1", "R2"]),
        ({"overdue": "false"}, ["R1", "R4"]),
        ({"status": "completed"}, ["R4"]),
        ({"agency": "Demo Police"}, ["R2"]),
    ],
    ids=["overdue", "not overdue", "status", "agency"],
)
def test_the_report_filters_by_overdue_status_and_agency(
    superuser_client, tracked, query, references
):
    rows = report_rows(superuser_client.get(REPORT, query))

    assert [row[1] for row in rows] == references


def test_the_report_downloads_as_a_spreadsheet_that_is_safe_to_open(superuser_client, tracked):
    Recommendation.objects.filter(reference="R2").update(progress_note="=HYPERLINK(1)")

    rows = csv_rows(superuser_client.get(REPORT, {"export": "csv"}))
    workbook = superuser_client.get(REPORT, {"export": "xlsx"})

    assert [row["Ref"] for row in rows] == ["R3", "M1", "R2", "R1", "R4"]
    assert rows[2]["Overdue"] == "yes" and rows[2]["Status"] == "Overdue"
    assert rows[2]["Progress note"] == "'=HYPERLINK(1)"
    assert rows[0]["Review address"].startswith("http")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(workbook.streaming_content))).active
    assert [cell.value for cell in sheet[1]][:3] == ["Review", "Review address", "Ref"]
    assert sheet.max_row == 6


@pytest.fixture
def admin_only_user(db):
    """A user who may sign in to the admin but edit no page."""
    group = Group.objects.create(name="Demo admin access only")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    return UserFactory(groups=[group.name])


def test_a_member_who_is_not_staff_cannot_see_the_report(client, tracked):
    client.force_login(create_member())

    response = client.get(REPORT)

    assert response.status_code == 302
    assert "Demo live review" not in response.content.decode()


def test_a_user_who_cannot_edit_reviews_cannot_see_the_report_or_its_menu(
    client, tracked, admin_only_user
):
    client.force_login(admin_only_user)

    assert client.get(REPORT).status_code in (302, 403)
    assert client.get(REPORT, {"export": "csv"}).status_code in (302, 403)
    assert REPORT not in client.get("/admin/").content.decode()


def test_editors_see_the_report_and_its_menu_item(client, tracked, editor):
    client.force_login(editor)

    assert len(report_rows(client.get(REPORT))) == 5
    assert REPORT in client.get("/admin/").content.decode()


# The dashboard panel ------------------------------------------------------------------------------


def test_the_dashboard_panel_shows_the_overdue_recommendations(superuser_client, tracked):
    panel = soup_of(superuser_client.get("/admin/")).select_one("#overdue-recommendations-section")

    assert panel is not None
    assert panel.find("p").get_text(" ", strip=True).startswith("3 recommendations")
    rows = [[td.get_text(strip=True) for td in row("td")] for row in panel.select("tbody tr")]
    assert [row[1] for row in rows] == ["R3", "M1", "R2"]
    edit = reverse("wagtailadmin_pages:edit", args=[tracked.pk])
    assert panel.select_one("tbody a")["href"] == edit
    assert panel.select_one(f"a[href='{REPORT}?overdue=true']") is not None


def test_the_dashboard_panel_says_when_nothing_is_overdue(superuser_client, review):
    recommendation(review, due_in=10)

    panel = soup_of(superuser_client.get("/admin/")).select_one("#overdue-recommendations-section")

    assert "No recommendation of a live review is overdue" in panel.get_text(" ", strip=True)


def test_the_dashboard_panel_is_not_shown_to_a_user_who_cannot_edit_reviews(
    client, tracked, admin_only_user
):
    client.force_login(admin_only_user)

    response = client.get("/admin/")

    assert response.status_code == 200
    assert soup_of(response).select_one("#overdue-recommendations-section") is None


def test_the_tracker_lists_the_recommendations_of_the_reviews_the_listing_lists(
    private_content,
):
    """The tracker reads recommendations through a join (``querysets.through``), so the
    database can walk reviews newest first: it selects exactly the recommendations of the
    reviews the listing lists, leaving out those of members-only reviews, reviews in the
    secure area, drafts and other listings."""
    index = private_content.tree.reviews
    ReviewPageFactory(parent=index, title="Demo tracker draft", live=False)
    RecommendationFactory(review=ReviewPage.objects.get(title="Demo tracker draft"))

    through_join = set(index.get_recommendations().values_list("pk", flat=True))
    by_subquery = Recommendation.objects.filter(review__in=index.get_reviews().values("pk"))

    assert through_join == set(by_subquery.values_list("pk", flat=True))
    assert Recommendation.objects.exclude(pk__in=through_join).count() >= 3
