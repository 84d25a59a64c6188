"""The page editor as partnership staff use it, in a real browser: the preview panel shows the
page, the checks panel counts its words and runs the content checks, including the warning
for a public page that links members-only material."""

import json

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

REVIEW_SLUG = "child-q"
SECURE_PAGE_SLUG = "case-review-group-minutes"
LINK_TEXT = "the case review group's minutes"


def page_id(live_site, slug):
    return int(
        live_site.run_python(
            f"from wagtail.models import Page; print(Page.objects.get(slug={slug!r}).pk)"
        )
    )


def open_side_panel(page, name):
    page.click(f"[data-side-panel-toggle='{name}']")
    expect(page.locator(f"[data-side-panel='{name}']")).to_be_visible()


# One page of every page type in the demo content, by slug.
PAGE_TYPES = {
    "home page": "home",
    "review listing": "reviews",
    "review": REVIEW_SLUG,
    "briefing listing": "learning",
    "briefing": "childhood-neglect",
    "news listing": "news",
    "news item": "new-report-safeguarding-children-under-1-male-carers",
    "resources": "resources",
    "standard page": "about",
    "secure area page": SECURE_PAGE_SLUG,
}


@pytest.mark.parametrize("slug", list(PAGE_TYPES.values()), ids=list(PAGE_TYPES))
def test_preview_panel_shows_the_page_and_checks_panel_counts_its_words(open_page, live_site, slug):
    page_pk = page_id(live_site, slug)
    page = open_page(as_admin=True).page
    page.goto(f"{live_site.url}/admin/pages/{page_pk}/edit/")

    open_side_panel(page, "preview")
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.locator("main h1")).not_to_be_empty(timeout=15_000)

    open_side_panel(page, "checks")
    words = page.locator("[data-content-word-count]")
    expect(words).not_to_have_text("-", timeout=15_000)
    assert int(words.inner_text().replace(",", "")) > 20


@pytest.fixture
def review_draft_linking_the_secure_area(live_site):
    """A draft of the demo review whose partnership response links a members-only page."""
    secure_id = page_id(live_site, SECURE_PAGE_SLUG)
    response = f'<p>Read <a linktype="page" id="{secure_id}">{LINK_TEXT}</a>.</p>'
    code = (
        "from reviews.models import ReviewPage\n"
        f"review = ReviewPage.objects.get(slug={REVIEW_SLUG!r})\n"
        "draft = review.get_latest_revision_as_object()\n"
        f"draft.partnership_response = {json.dumps(response)}\n"
        "draft.save_revision()\n"
        "print(review.pk)\n"
    )
    review_id = int(live_site.run_python(code))
    yield review_id
    live_site.run_python(  # back to the published version, for the other browser tests
        "from reviews.models import ReviewPage\n"
        f"review = ReviewPage.objects.get(slug={REVIEW_SLUG!r})\n"
        "review.live_revision.as_object().save_revision()\n"
    )


def test_editor_is_warned_of_a_members_only_link_in_the_editor_and_the_checks_panel(
    open_page, live_site, review_draft_linking_the_secure_area
):
    page = open_page(as_admin=True).page
    page.goto(f"{live_site.url}/admin/pages/{review_draft_linking_the_secure_area}/edit/")

    warning = page.locator(".messages").get_by_text("This public page links members-only")
    expect(warning).to_be_visible()
    expect(page.locator(".messages")).to_contain_text("Case review group minutes (demo)")

    open_side_panel(page, "preview")
    open_side_panel(page, "checks")
    checks = page.locator("[data-side-panel='checks']")
    expect(checks).to_contain_text("Link to members-only material on a public page", timeout=15_000)
    expect(checks).to_contain_text("Readers who are not members see this link's text only")


@pytest.mark.parametrize("typed", ["31/02/2025", "14/13/2025", "yesterday"])
def test_a_mistyped_date_is_kept_and_refused_never_replaced(open_page, live_site, typed):
    """The date picker must not turn what an editor typed into today, or roll 31 February on
    to March: the box keeps the text and saving says it is not a date."""
    review_id = page_id(live_site, REVIEW_SLUG)
    page = open_page(as_admin=True).page
    page.goto(f"{live_site.url}/admin/pages/{review_id}/edit/")
    page.click("[role=tab]:has-text('Publication')")
    date_box = page.locator("#id_published_date")

    date_box.fill("")
    date_box.type(typed)
    page.keyboard.press("Tab")

    expect(date_box).to_have_value(typed)
    page.click("button:has-text('Save draft')")
    errors = page.locator("[id$='published_date-errors']")
    expect(errors).to_contain_text("Enter a valid date", timeout=15_000)
