"""Briefings stay current: past its "review by" date a briefing's page and printable PDF say
it is being reviewed and when it was last confirmed current; staff see the briefings due in a
report and on the dashboard, and are warned when they save a past date."""

import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from learning.models import BriefingPage
from tests.factories import BriefingPageFactory, create_member
from tests.html import soup_of

pytestmark = pytest.mark.django_db

UNDER_REVIEW = "This briefing is being reviewed"


def days_from_today(days):
    return timezone.localdate() + timedelta(days=days)


def published_briefing(site_tree, **fields):
    briefing = BriefingPageFactory(parent=site_tree.learning, **fields)
    briefing.save_revision().publish()
    briefing.refresh_from_db()
    return briefing


def pdf_text(response):
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    return " ".join(page.extract_text() for page in reader.pages)


def test_a_briefing_past_its_review_date_says_it_is_being_reviewed(client, site_tree):
    briefing = published_briefing(
        site_tree,
        published_date=date(2024, 1, 10),
        last_reviewed=date(2025, 2, 3),
        review_by=days_from_today(-1),
    )

    response = client.get(briefing.url)

    soup = soup_of(response)
    notice = soup.select_one("main .notice").get_text(" ", strip=True)
    assert UNDER_REVIEW in notice
    assert "3 February 2025" in notice  # when it was last confirmed current
    terms = [term.get_text(strip=True) for term in soup.select("dl.summary-list dt")]
    assert "Review by" not in terms  # a date in the past is not shown as a promise


def test_a_briefing_never_reviewed_was_last_confirmed_when_published(client, site_tree):
    briefing = published_briefing(
        site_tree, published_date=date(2024, 1, 10), review_by=days_from_today(-5)
    )

    notice = soup_of(client.get(briefing.url)).select_one("main .notice").get_text(" ")

    assert "10 January 2024" in notice


def test_a_current_briefing_shows_its_review_date_and_no_notice(client, site_tree):
    due = days_from_today(40)
    briefing = published_briefing(site_tree, review_by=due)

    soup = soup_of(client.get(briefing.url))

    assert soup.select_one("main .notice") is None
    assert f"{due:%-d %B %Y}" in soup.select_one("dl.summary-list").get_text(" ")


def test_the_printable_made_before_the_review_date_is_replaced_once_it_passes(
    client, site_tree, monkeypatch
):
    briefing = published_briefing(
        site_tree, published_date=date(2024, 1, 10), review_by=days_from_today(10)
    )
    before = pdf_text(client.get(briefing.url + "download/"))

    # Eleven days on: the same published briefing, now past its review date.
    later = days_from_today(11)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: later)
    after = pdf_text(client.get(briefing.url + "download/"))

    assert UNDER_REVIEW not in before
    assert "Review by" in before
    assert UNDER_REVIEW in after
    assert "10 January 2024" in after
    assert briefing.printables.count() == 1  # the old one is no longer kept


@pytest.fixture
def briefings_by_due_date(site_tree):
    return {
        "overdue": published_briefing(
            site_tree, title="Demo overdue", review_by=days_from_today(-3)
        ),
        "due soon": published_briefing(
            site_tree, title="Demo due soon", review_by=days_from_today(20)
        ),
        "later": published_briefing(
            site_tree, title="Demo due later", review_by=days_from_today(90)
        ),
        "no date": published_briefing(site_tree, title="Demo no date", review_by=None),
    }


def test_report_lists_briefings_overdue_and_due_within_30_days_soonest_first(
    superuser_client, briefings_by_due_date
):
    response = superuser_client.get(reverse("learning_briefings_due_report"))

    titles = [link.get_text(strip=True) for link in soup_of(response).select("tbody td.title a")]
    assert titles == ["Demo overdue", "Demo due soon"]
    text = soup_of(response).select_one("tbody").get_text(" ")
    assert "Overdue by 3 days" in text
    assert "Due in 20 days" in text


def test_report_downloads_as_csv(superuser_client, briefings_by_due_date):
    response = superuser_client.get(reverse("learning_briefings_due_report") + "?export=csv")

    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0].startswith("Briefing,Review by,When")
    assert len(lines) == 3
    assert lines[1].startswith("Demo overdue,")


def test_report_is_for_staff_only(client, briefings_by_due_date):
    client.force_login(create_member(username="demo-member"))

    response = client.get(reverse("learning_briefings_due_report"))

    assert response.status_code in (302, 403)


def test_dashboard_shows_the_briefings_due(superuser_client, briefings_by_due_date):
    response = superuser_client.get(reverse("wagtailadmin_home"))

    panel = soup_of(response).find(id="briefings-due-section")
    assert panel is not None
    text = soup_of(response).get_text(" ")
    assert "Briefings due for review" in text
    assert "Demo overdue" in text
    assert "Demo due later" not in text


def test_saving_a_briefing_with_a_past_review_date_warns_the_editor(superuser_client, site_tree):
    briefing = published_briefing(site_tree, review_by=days_from_today(100))
    opened = superuser_client.get(reverse("wagtailadmin_pages:edit", args=[briefing.pk]))
    assert "has passed" not in soup_of(opened).get_text()
    edit = BriefingPage.objects.get(pk=briefing.pk)

    data = nested_form_data(
        {
            "title": edit.title,
            "slug": edit.slug,
            "summary": edit.summary,
            "published_date": f"{edit.published_date:%Y-%m-%d}",
            "review_by": "2020-05-01",  # a mistyped year
            "last_reviewed": "",
            "background": rich_text(edit.background),
            "why_it_matters": rich_text(edit.why_it_matters),
            "key_information_1_heading": edit.key_information_1_heading,
            "key_information_1": rich_text(edit.key_information_1),
            "key_information_2_heading": edit.key_information_2_heading,
            "key_information_2": rich_text(edit.key_information_2),
            "key_information_3_heading": edit.key_information_3_heading,
            "key_information_3": rich_text(edit.key_information_3),
            "what_to_remember": rich_text(edit.what_to_remember),
            "what_to_do": rich_text(edit.what_to_do),
            "reflective_questions": rich_text(edit.reflective_questions),
            "source_review_links": inline_formset([]),
        }
    )
    response = superuser_client.post(
        reverse("wagtailadmin_pages:edit", args=[briefing.pk]), data, follow=True
    )

    assert "The 'Review by' date, 1 May 2020, has passed" in soup_of(response).get_text()
