"""Keyboard only: the skip link, the navigation, the review filters, pagination and the
briefing download, each reached with Tab and used with Enter, with focus always visible."""

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.site import (
    PAGE,
    PAGES,
    REMEMBER_UNFOCUSED_STYLES,
    WIDTHS,
    SitePage,
    focus_problem,
    focused,
    params,
    tab_to,
    visit,
)

pytestmark = pytest.mark.browser

NAVIGATION = [
    "Reviews",
    "7-minute learning",
    "Resources",
    "News",
    "About the partnership",
    "Secure area",
]


def query(url):
    return parse_qs(urlsplit(url).query)


# After a wrong password (or any form's errors) focus starts on the error summary instead
# (the test below).
OPENING_PAGES = [page for page in PAGES if not page.shows_errors]


@pytest.mark.parametrize("site_page", params(OPENING_PAGES))
def test_first_tab_stops_are_the_skip_link_then_the_quick_exit(page_visits, site_page):
    skip_link, quick_exit = page_visits(site_page).first_tab_stops

    assert skip_link is not None and skip_link["href"] == "#main-content", skip_link
    assert skip_link["text"] == "Skip to main content"
    assert focus_problem(skip_link) is None, focus_problem(skip_link)
    assert quick_exit is not None and quick_exit["text"].startswith("Emergency: Exit this page")
    assert focus_problem(quick_exit) is None, focus_problem(quick_exit)


def test_a_wrong_password_puts_focus_on_the_error_summary(open_page, live_site):
    page = open_page().page
    visit(page, live_site, PAGE["login-wrong-password"])

    summary = focused(page)
    page.keyboard.press("Tab")
    next_stop = focused(page)

    assert summary is not None, "nothing has focus after the wrong password"
    assert summary["text"].startswith("There is a problem"), summary["description"]
    assert summary["hasIndicator"], "the focused error summary has no outline"
    assert next_stop["id"] == "id_username", next_stop["description"]


@pytest.mark.parametrize("viewport", WIDTHS)
def test_skip_link_moves_focus_to_the_main_content(open_page, live_site, viewport):
    page = open_page(viewport).page
    visit(page, live_site, PAGE["review-listing"])

    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    on_main = focused(page)
    page.keyboard.press("Tab")
    next_stop = focused(page)

    assert on_main is not None, "focus stayed on the page itself, not on <main>"
    assert on_main["id"] == "main-content", f"focus went to {on_main['description']}"
    # The breadcrumbs and navigation are skipped: the next stop is the listing's search box.
    assert next_stop["inMain"] and next_stop["id"] == "id_q", next_stop


def test_main_navigation_is_reached_in_order_and_followed_with_enter(open_page, live_site):
    page = open_page().page
    visit(page, live_site, PAGE["home"])
    page.evaluate(REMEMBER_UNFOCUSED_STYLES)

    stops = tab_to(page, lambda element: element["inNav"] and element["text"] == NAVIGATION[-1])
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert [stop["text"] for stop in stops if stop["inNav"]] == NAVIGATION
    # The secure area asks an anonymous reader to sign in.
    assert page.url == live_site.url + "/login/?next=/secure-area/"


def test_review_filters_work_with_the_keyboard_alone(open_page, live_site):
    page = open_page().page
    visit(page, live_site, PAGE["review-listing"])
    page.evaluate(REMEMBER_UNFOCUSED_STYLES)
    unfiltered = page.locator(".result-count").inner_text()

    tab_to(page, lambda element: element["id"] == "id_theme")
    page.keyboard.type("Neglect")  # a closed select picks the option that starts so
    tab_to(page, lambda element: element["id"] == "id_age")
    page.keyboard.type("Under 1")
    tab_to(page, lambda element: element["text"] == "Apply filters")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert query(page.url)["theme"] == ["neglect"]
    assert query(page.url)["age"] == ["under-1"]
    assert page.locator(".result-count").inner_text() != unfiltered
    cards = page.locator(".listing__results .card")
    assert cards.count() >= 1
    for card in cards.all():
        assert "Neglect" in card.locator(".tags").inner_text()
    active = page.locator(".active-filters").inner_text()
    assert "Theme: Neglect" in active
    assert "Under 1" in active


def test_pagination_is_reached_with_tab_and_keeps_the_filters(open_page, live_site):
    page = open_page().page
    visit(page, live_site, SitePage("review-listing", "/reviews/?sort=title"))
    page.evaluate(REMEMBER_UNFOCUSED_STYLES)

    tab_to(page, lambda element: element["text"] == "Next page")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert query(page.url) == {"sort": ["title"], "page": ["2"]}
    current = page.locator(".pagination [aria-current=page]").text_content()
    assert " ".join(current.split()) == "Page 2"


def test_briefing_download_is_reached_with_tab_and_enter_downloads_the_pdf(open_page, live_site):
    page = open_page().page
    visit(page, live_site, PAGE["briefing"])
    page.evaluate(REMEMBER_UNFOCUSED_STYLES)

    tab_to(page, lambda element: (element["href"] or "").endswith("/download/"))
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    download = download_info.value

    assert download.suggested_filename == "childhood-neglect-7-minute-briefing.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


# What is on top at the middle of the focused element, if it is the quick exit.
COVERED_BY_QUICK_EXIT = """() => {
    const element = document.activeElement;
    const box = element.getBoundingClientRect();
    const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    const covered = top && top.closest(".quick-exit") && !element.closest(".quick-exit");
    return covered ? (element.innerText || element.tagName).trim().slice(0, 60) : null;
}"""


@pytest.mark.parametrize("viewport", WIDTHS)
def test_sticky_quick_exit_never_covers_the_focused_element(open_page, live_site, viewport):
    """WCAG 2.4.11 Focus Not Obscured: going back up a long page with Shift+Tab scrolls each
    stop to the top of the window, under the quick exit that stays there."""
    page = open_page(viewport).page
    visit(page, live_site, PAGE["review"])
    count = page.evaluate("document.querySelectorAll('a[href], button, [tabindex]').length")

    covered = []
    for _ in range(count):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("document.activeElement !== document.body"):
            covered.append(page.evaluate(COVERED_BY_QUICK_EXIT))
    covered = [name for name in covered if name]

    assert count > 20
    assert not covered, f"the quick exit covers these when focused: {covered}"


FOCUS_PAGES = [
    "home",
    "review-listing-filtered",
    "review",
    "briefing",
    "theme-index",
    "search-results",
    "login-wrong-password",
    "not-found",
]


@pytest.mark.parametrize("site_page", params([page for page in PAGES if page.name in FOCUS_PAGES]))
def test_every_tab_stop_shows_where_the_focus_is(open_page, live_site, site_page):
    """Each stop has an outline or box-shadow when focused that it lacks when not."""
    page = open_page(as_member=site_page.as_member).page
    visit(page, live_site, site_page)
    page.evaluate("document.activeElement.blur()")  # the login page focuses its form
    page.evaluate(REMEMBER_UNFOCUSED_STYLES)
    count = page.evaluate(
        "document.querySelectorAll('a[href], button, input:not([type=hidden]), select,"
        ' textarea, [tabindex]:not([tabindex="-1"])\').length'
    )

    # Tab goes round the page and back to the top, so every stop is seen whatever the start.
    seen, problems = set(), set()
    for _ in range(count + 2):
        page.keyboard.press("Tab")
        element = focused(page)
        if element is not None:
            seen.add(element["description"])
            problems.add(focus_problem(element))
    problems.discard(None)

    assert len(seen) > 10, seen
    assert not problems, "\n".join(sorted(problems))
