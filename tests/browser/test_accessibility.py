"""WCAG 2.2 AA in a real browser: axe-core on every page type at desktop and phone widths (and
on the public forms with their errors), the landmarks every page needs, no text drawn over
other text, and text that reflows on a narrow phone."""

import pytest

from tests.browser.site import (
    DESKTOP,
    PAGE,
    PAGES,
    PHONE,
    axe_violations,
    describe_violations,
    params,
    visit,
)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("site_page", params(PAGES))
def test_every_page_type_has_no_axe_violations_at_desktop_width(page_visits, site_page):
    violations = page_visits(site_page).axe_violations[DESKTOP["width"]]

    assert not violations, (
        f"axe found WCAG 2.2 AA violations on {site_page.path} at 1280 px:\n"
        + describe_violations(violations)
    )


@pytest.mark.parametrize("site_page", params(PAGES))
def test_every_page_type_has_no_axe_violations_at_phone_width(page_visits, site_page):
    violations = page_visits(site_page).axe_violations[PHONE["width"]]

    assert not violations, (
        f"axe found WCAG 2.2 AA violations on {site_page.path} at 375 px:\n"
        + describe_violations(violations)
    )


@pytest.mark.parametrize("width", [DESKTOP["width"], PHONE["width"]], ids=["desktop", "phone"])
@pytest.mark.parametrize("site_page", params(PAGES))
def test_no_text_is_drawn_over_other_text(page_visits, site_page, width):
    overlaps = page_visits(site_page).overlapping_text[width]

    assert overlaps == [], f"on {site_page.path} at {width} px, text overlaps: {overlaps}"


@pytest.mark.parametrize("site_page", params(PAGES))
def test_every_page_has_a_skip_link_one_h1_a_main_landmark_and_british_english(
    page_visits, site_page
):
    outline = page_visits(site_page).outline

    assert outline["lang"] == "en-GB"
    assert "skip-link" in outline["firstLink"], f"the first link is {outline['firstLink']}"
    assert outline["skipLinkTarget"] == "main", "the skip link does not lead to <main>"
    assert len(outline["h1s"]) == 1, f"h1 headings: {outline['h1s']}"
    assert outline["h1s"][0], "the h1 is empty"
    assert outline["mains"] == 1


@pytest.mark.parametrize("site_page", params(PAGES))
def test_no_page_scrolls_sideways_on_a_320_pixel_wide_screen(page_visits, site_page):
    """WCAG 1.4.10 Reflow: at 320 CSS pixels (1280 zoomed to 400%) reading needs no
    sideways scrolling; a wide table may scroll inside its own region."""
    overflow = page_visits(site_page).overflow_at_320

    assert overflow["scrollWidth"] <= overflow["width"], (
        f"{site_page.path} is {overflow['scrollWidth']} px wide in a 320 px window: "
        f"{overflow['wide']}"
    )


# Pages reached from a page rather than at a fixed address: the "We used this briefing" form
# (its address carries the briefing's id) and "Was this page useful?" on a page of its own,
# each as it first opens and as it comes back with errors.


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_use_record_form_has_no_axe_violations_empty_or_with_errors(
    open_page, live_site, viewport
):
    page = open_page(viewport).page
    visit(page, live_site, PAGE["briefing"])
    with page.expect_navigation():
        page.click("text=Record that you used this briefing")
    assert page.locator("h1").inner_text() == "We used this briefing"
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)

    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.locator(".error-summary").is_visible()
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_feedback_form_with_errors_has_no_axe_violations(open_page, live_site, viewport):
    page = open_page(viewport).page
    visit(page, live_site, PAGE["review"])
    with page.expect_navigation():
        page.click("form.feedback-form button[type=submit]")  # no answer chosen
    assert page.locator(".error-summary").is_visible()
    assert page.locator("h1").inner_text() == "Feedback on this page"
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
