"""A review's whole journey through the admin, as partnership staff make it, in a real browser
against the live site (gunicorn and the scheduler beside it, as ``make run`` serves them).

An editor drafts a review with a recommendation and a document, and submits it; a moderator
finds it waiting on the dashboard and approves it; the public then read it with its progress
line and download its document, and the public tracker, the admin report and the dashboard
list its overdue recommendation. A moderator schedules another review a minute or two ahead,
and it goes live with no command typed.
"""

import re
import secrets
import time
import urllib.error
import urllib.request
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import new_browser_page

pytestmark = pytest.mark.browser

SITE_TIME_ZONE = ZoneInfo("Europe/London")
# The scheduler looks every minute; the go-live time is up to two minutes ahead.
LONGEST_WAIT_TO_GO_LIVE = 200
A_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@pytest.fixture(scope="module")
def staff(live_site):
    """An editor (Editors group) and a moderator (Moderators group), as the partnership's
    administrator would add them; their shared password."""
    password = secrets.token_urlsafe(18)
    live_site.run_python(
        "from django.contrib.auth import get_user_model\n"
        "from django.contrib.auth.models import Group\n"
        "for name, group in (('journey-editor', 'Editors'), ('journey-moderator', 'Moderators')):\n"
        "    user = get_user_model().objects.create_user(\n"
        f"        name, name + '@example.org', {password!r}\n"
        "    )\n"
        "    user.groups.add(Group.objects.get(name=group))\n"
    )
    return password


@pytest.fixture
def sign_in(browser, live_site, staff):
    """``sign_in(username)``: a browser page of its own, signed in to the admin as that user."""
    contexts = []

    def sign_in(username):
        page = new_browser_page(browser, live_site).page
        contexts.append(page.context)
        page.goto(f"{live_site.url}/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", staff)
        with page.expect_navigation():
            page.click("button[type=submit]")
        assert page.url == f"{live_site.url}/admin/", f"{username} could not sign in: {page.url}"
        return page

    yield sign_in
    for context in contexts:
        context.close()


def reviews_listing_id(live_site):
    return int(
        live_site.run_python(
            "from reviews.models import ReviewIndexPage; print(ReviewIndexPage.objects.get().pk)"
        )
    )


def start_a_review(page, live_site, title, review_type):
    """Open a new review under the listing, type its title (as a person types: the address is
    made from it as they go) and what every review needs, and save the draft."""
    page.goto(
        f"{live_site.url}/admin/pages/add/reviews/reviewpage/{reviews_listing_id(live_site)}/",
        wait_until="networkidle",
    )
    page.locator("#id_title").press_sequentially(title)
    page.select_option("#id_review_type", review_type)
    page.fill("#id_summary", f"What happened, and what {title.split(':')[0]} teaches.")
    page.locator("#id_themes input[type=checkbox]").first.check()
    # Wagtail 8 autosaves half a second after typing stops, creating the page itself; a click
    # while that is under way posts the new page a second time ("slug already in use"). As a
    # person would, let the autosave finish: the form then saves the page it made.
    page.wait_for_timeout(1000)
    expect(page.locator("#w-autosave-indicator")).not_to_have_attribute(
        "data-w-autosave-state-value", "saving"
    )
    with page.expect_navigation():
        page.click("footer button:has-text('Save draft')")
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(page.locator(".messages")).not_to_contain_text("could not")
    expect(page.locator(".messages")).to_contain_text(re.compile("created|updated|saved"))
    return int(page.url.rstrip("/").split("/")[-2])  # /admin/pages/<id>/edit/


def choose_from_footer_menu(page, action):
    page.click("footer .w-dropdown-button [data-w-dropdown-target='toggle']")
    with page.expect_navigation():
        page.click(f"footer .w-dropdown__content button:has-text('{action}')")


def anonymous_status(live_site, path):
    try:
        with urllib.request.urlopen(live_site.url + path, timeout=10) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_an_editors_review_is_approved_by_a_moderator_and_read_by_the_public(
    sign_in, open_page, live_site, tmp_path
):
    title = "Child V: a baby left with an unknown adult"
    editor = sign_in("journey-editor")
    review_id = start_a_review(editor, live_site, title, "local-cspr")

    editor.click("role=tab[name='Recommendations']")
    editor.click("text=Add Recommendation")
    editor.fill("#id_recommendations-0-reference", "V1")
    editor.fill(
        "#id_recommendations-0-text", "Health visitors ask who else lives in or visits the home."
    )
    editor.fill("#id_recommendations-0-owning_agency", "Northshire health visiting service")
    editor.select_option("#id_recommendations-0-status", "in-progress")
    editor.fill("#id_recommendations-0-due_date", "31/01/2026")  # past: overdue today
    editor.keyboard.press("Tab")

    report = Path(tmp_path) / "child-v-summary-report.pdf"
    report.write_bytes(A_PDF)
    editor.click("role=tab[name='Documents and resources']")
    editor.click("text=Add Document")
    editor.select_option("#id_documents-0-document_type", "executive-summary")
    editor.click("text=Choose a document")
    editor.click("role=tab[name='Upload']")
    editor.fill("#id_document-chooser-upload-title", "Child V: summary report")
    editor.set_input_files("#id_document-chooser-upload-file", str(report))
    editor.click("form button[type=submit]:has-text('Upload')")
    expect(editor.locator("[data-chooser-title]").first).to_have_text("Child V: summary report")

    choose_from_footer_menu(editor, "Submit to Moderators approval")
    expect(editor.locator(".messages")).to_contain_text("submitted for moderation")
    assert anonymous_status(live_site, "/reviews/child-v-a-baby-left-with-an-unknown-adult/") == 404

    moderator = sign_in("journey-moderator")
    waiting = moderator.locator("section:has(h2:has-text('Awaiting approval'))")
    expect(waiting).to_contain_text(title)
    expect(waiting).to_contain_text("journey-editor")
    waiting.locator(f"a:has-text('{title}')").click()
    assert moderator.url.endswith(f"/admin/pages/{review_id}/edit/")
    choose_from_footer_menu(moderator, "Approve and Publish")
    expect(moderator.locator(".messages")).to_contain_text(title)

    reader = open_page().page
    reader.goto(f"{live_site.url}/reviews/child-v-a-baby-left-with-an-unknown-adult/")
    expect(reader.locator("main h1")).to_have_text(title)
    expect(reader.locator(".progress-line")).to_have_text("0 of 1 complete, 1 overdue.")
    expect(reader.locator("table.recommendations")).to_contain_text("V1")
    download = reader.locator("a.documents__link:has-text('Child V: summary report')")
    answer = reader.request.get(live_site.url + download.get_attribute("href"))
    assert answer.status == 200
    assert answer.body() == A_PDF

    reader.goto(f"{live_site.url}/reviews/recommendations/?status=overdue")
    expect(reader.locator("main")).to_contain_text(title)

    moderator.goto(f"{live_site.url}/admin/reports/recommendations/?overdue=true")
    expect(moderator.locator("main")).to_contain_text(title)
    expect(moderator.locator("main")).to_contain_text("Northshire health visiting service")
    moderator.goto(f"{live_site.url}/admin/")
    overdue_panel = moderator.locator("section:has(h2:has-text('Overdue recommendations'))")
    expect(overdue_panel).to_contain_text("V1")


def test_a_scheduled_review_goes_live_at_its_time_with_no_command_typed(sign_in, live_site):
    title = "Child W: a scheduled review"
    address = "/reviews/child-w-a-scheduled-review/"
    moderator = sign_in("journey-moderator")
    start_a_review(moderator, live_site, title, "rapid-review")

    go_live = datetime.now(SITE_TIME_ZONE) + timedelta(minutes=2)
    moderator.click("[data-side-panel-toggle='status']")
    moderator.click("button:has-text('Set schedule')")
    moderator.fill("#id_go_live_at", go_live.strftime("%d/%m/%Y %H:%M"))
    moderator.keyboard.press("Tab")  # out of the box; the date picker follows the focus
    moderator.locator("button:has-text('Save schedule')").press("Enter")
    expect(moderator.locator(".messages")).to_contain_text("has been updated")
    choose_from_footer_menu(moderator, "Schedule to publish")
    expect(moderator.locator(".messages")).to_contain_text("scheduled for publishing")

    assert anonymous_status(live_site, address) == 404
    moderator.goto(f"{live_site.url}/admin/")
    scheduled = moderator.locator("section:has(h2:has-text('Scheduled to go live'))")
    expect(scheduled).to_contain_text(title)

    deadline = time.monotonic() + LONGEST_WAIT_TO_GO_LIVE
    while anonymous_status(live_site, address) != 200:
        assert time.monotonic() < deadline, (
            f"not live {LONGEST_WAIT_TO_GO_LIVE} s after scheduling for {go_live:%H:%M}; "
            f"scheduler log:\n{live_site.scheduler_log.read_text()}"
        )
        time.sleep(5)
    assert datetime.now(SITE_TIME_ZONE) >= go_live.replace(second=0, microsecond=0)
