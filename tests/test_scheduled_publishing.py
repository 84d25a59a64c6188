"""Scheduled publishing: an editor schedules a page in the admin; when the scheduler runs
`publish_scheduled` after its go-live time the page is live, dated its go-live day in London
unless the editor gave a date, listed publicly and no longer stale in the page cache. The date
sticks: the editor sees it on opening the page, a later publish keeps it, and a briefing's
printable PDF carries it. Publishing now without a date takes today."""

import io
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from learning.models import BriefingPage, NewsPage
from reviews.models import ReviewPage
from tests.factories import (
    briefing_form_data,
    news_form_data,
    publish_in_admin,
    review_form_data,
)
from tests.html import linked_pages, soup_of

LONDON = ZoneInfo("Europe/London")


def london(text):
    return datetime.fromisoformat(text).replace(tzinfo=LONDON)


# The editor schedules at 23:50 on 14 June 2030, London time, for 00:30 the next morning: in
# UTC that is still 14 June, so a date taken in UTC, or on the day of scheduling, is a day out.
SCHEDULED_AT = london("2030-06-14 23:50")
GO_LIVE = "2030-06-15 00:30"  # as the editor types it, in London time
AFTER_GO_LIVE = london("2030-06-15 00:31")
GO_LIVE_DAY = date(2030, 6, 15)


@dataclass(frozen=True)
class DatedPageType:
    """A page type with a published date, and how the editor adds one in the admin."""

    model: type
    form_data: object
    parent: str  # the SiteTree attribute of its listing

    def add_url(self, tree):
        meta = self.model._meta
        parent = getattr(tree, self.parent)
        return reverse("wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, parent.pk])


REVIEW = DatedPageType(ReviewPage, review_form_data, "reviews")
BRIEFING = DatedPageType(BriefingPage, briefing_form_data, "learning")
NEWS = DatedPageType(NewsPage, news_form_data, "news")
PAGE_TYPES = [
    pytest.param(REVIEW, id="review"),
    pytest.param(BRIEFING, id="briefing"),
    pytest.param(NEWS, id="news item"),
]


@pytest.fixture
def clock():
    """The time, held still at SCHEDULED_AT until a test moves it on."""
    with time_machine.travel(SCHEDULED_AT, tick=False) as traveller:
        yield traveller


@pytest.fixture
def editor_client(clock, client, superuser):
    """A superuser signed in to the admin at SCHEDULED_AT (a session begun later than the
    clock would have expired before it)."""
    client.force_login(superuser)
    return client


def run_the_scheduler():
    """What `make run`'s scheduler does each minute (and the cron line for publish_scheduled)."""
    call_command("run_scheduler", "--once", stdout=io.StringIO())


def schedule(editor_client, tree, page_type, **fields):
    """An editor schedules a new page of ``page_type`` for GO_LIVE; the page."""
    publish_in_admin(editor_client, page_type.add_url(tree), page_type.form_data(**fields), GO_LIVE)
    return page_type.model.objects.get()


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_a_page_scheduled_without_a_date_goes_live_dated_its_london_go_live_day(
    site_tree, editor_client, clock, page_cache, page_type
):
    reader = Client()
    listing_url = getattr(site_tree, page_type.parent).url
    reader.get(listing_url)
    assert reader.get(listing_url)["X-Page-Cache"] == "hit"  # the listing, cached

    page = schedule(editor_client, site_tree, page_type, published_date="")
    run_the_scheduler()  # before its time: nothing changes
    page.refresh_from_db()
    assert not page.live
    assert page.published_date is None

    clock.move_to(AFTER_GO_LIVE)
    run_the_scheduler()

    page.refresh_from_db()
    assert page.live
    assert page.published_date == GO_LIVE_DAY
    assert page.live_revision.content["published_date"] == GO_LIVE_DAY.isoformat()
    listing = reader.get(listing_url)
    assert listing["X-Page-Cache"] == "miss"  # purged: the cached copy lacked the page
    assert linked_pages(listing, [page]) == [page]
    shown = reader.get(page.url)
    assert shown.status_code == 200
    assert "15 June 2030" in soup_of(shown).select_one("main").get_text(" ")


def test_an_editors_own_date_is_kept_when_the_page_goes_live(site_tree, editor_client, clock):
    review = schedule(editor_client, site_tree, REVIEW, published_date="2030-05-01")

    clock.move_to(AFTER_GO_LIVE)
    run_the_scheduler()

    review.refresh_from_db()
    assert review.live
    assert review.published_date == date(2030, 5, 1)


def test_publishing_now_without_a_date_takes_todays_london_date(site_tree, editor_client, clock):
    clock.move_to(london("2030-06-16 00:20"))  # 15 June in UTC

    publish_in_admin(editor_client, REVIEW.add_url(site_tree), review_form_data(published_date=""))

    review = ReviewPage.objects.get()
    assert review.live
    assert review.published_date == date(2030, 6, 16)


def test_the_go_live_date_is_in_the_editor_and_a_later_publish_keeps_it(
    site_tree, editor_client, clock
):
    review = schedule(editor_client, site_tree, REVIEW, published_date="")
    clock.move_to(AFTER_GO_LIVE)
    run_the_scheduler()
    clock.move_to(london("2030-06-22 10:00"))  # a week later, the editor corrects a typo
    edit_url = reverse("wagtailadmin_pages:edit", args=[review.pk])

    editor = soup_of(editor_client.get(edit_url))
    shown = editor.select_one("input[name=published_date]")["value"]
    assert shown == "15/06/2030"
    # Published as the editor sees it, then with the date emptied by mistake.
    for date_field in (shown, ""):
        publish_in_admin(editor_client, edit_url, review_form_data(published_date=date_field))
        review.refresh_from_db()
        assert review.published_date == GO_LIVE_DAY
        assert review.live_revision.content["published_date"] == GO_LIVE_DAY.isoformat()


def test_a_scheduled_briefings_printable_pdf_carries_its_go_live_date(
    site_tree, editor_client, clock
):
    briefing = schedule(editor_client, site_tree, BRIEFING, published_date="")
    clock.move_to(AFTER_GO_LIVE)
    run_the_scheduler()

    response = Client().get(f"{BriefingPage.objects.get().url}download/")

    assert response.status_code == 200
    pdf = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert "Published 15 June 2030" in text
    assert briefing.title in text


def test_a_draft_saved_without_a_date_stays_undated(site_tree, editor_client):
    editor_client.post(REVIEW.add_url(site_tree), review_form_data(published_date=""))

    review = ReviewPage.objects.get()
    assert not review.live
    assert review.published_date is None
    assert review.get_latest_revision().content["published_date"] is None
