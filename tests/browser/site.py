"""The pages of the demo site the browser tests visit, and what the tests measure on a page.

Every page type appears with the demo content of ``manage.py load_demo_content``: a test that
visits one checks its status first, so a renamed demo page fails loudly instead of quietly
scanning a "Page not found" page.
"""

from dataclasses import dataclass

import pytest
from axe_playwright_python.sync_playwright import Axe

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}
WIDTHS = [pytest.param(DESKTOP, id="desktop"), pytest.param(PHONE, id="phone")]

# WCAG 2.0, 2.1 and 2.2, levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

WEIGHT_BUDGET_BYTES = 60 * 1024
WEIGHED_TYPES = ("document", "stylesheet", "script")

WRONG_PASSWORD = "not-the-password-1234"  # noqa: S105 (never anyone's password)


@dataclass(frozen=True)
class SitePage:
    """One page of the demo site, as a reader reaches it."""

    name: str
    path: str
    status: int = 200
    as_member: bool = False  # signed in as the demo partnership member
    wrong_password: bool = False  # the login form, after a wrong password
    sent_empty: bool = False  # its form, sent at once with nothing filled in

    @property
    def public(self):
        return not self.as_member

    @property
    def shows_errors(self):
        """Whether the page is a form answering with errors (focus starts on their summary)."""
        return self.wrong_password or self.sent_empty


PAGES = [
    SitePage("home", "/"),
    SitePage("review-listing", "/reviews/"),
    SitePage("review-listing-filtered", "/reviews/?theme=non-accidental-injury&age=under-1"),
    SitePage("review-listing-page-2", "/reviews/?sort=title&page=2"),
    SitePage("review-listing-no-results", "/reviews/?q=zzzz"),
    SitePage("review-listing-invalid-filter", "/reviews/?year=abc", status=400),
    SitePage("briefing-listing", "/learning/"),
    SitePage("briefing-listing-filtered", "/learning/?theme=neglect"),
    SitePage("briefing-listing-no-results", "/learning/?q=zzzz"),
    SitePage("review", "/reviews/child-q/"),
    SitePage("recommendation-tracker", "/reviews/recommendations/"),
    SitePage("recommendation-tracker-filtered", "/reviews/recommendations/?status=overdue"),
    SitePage("archived-review", "/reviews/child-n/"),
    SitePage("full-report-request", "/reviews/child-n/request-full-report/"),
    SitePage("full-report-request-sent", "/reviews/child-n/request-full-report/sent/"),
    SitePage("briefing", "/learning/childhood-neglect/"),
    SitePage("resources", "/resources/"),
    SitePage("resources-filtered", "/resources/?theme=neglect"),
    SitePage("theme-index", "/themes/"),
    SitePage("theme-hub", "/themes/neglect/"),
    SitePage("news-listing", "/news/"),
    SitePage("news-item", "/news/new-report-safeguarding-children-under-1-male-carers/"),
    SitePage("search-results", "/search/?q=neglect"),
    SitePage("search-no-results", "/search/?q=zzzz"),
    SitePage("search-empty-query", "/search/?q=", status=400),
    SitePage("login", "/login/"),
    SitePage("login-wrong-password", "/login/", wrong_password=True),
    SitePage("not-found", "/no-such-page/", status=404),
    SitePage("standard-page", "/accessibility-statement/"),
    SitePage("alerts-subscribe", "/alerts/?theme=neglect"),
    SitePage("alerts-subscribe-errors", "/alerts/", sent_empty=True),
    SitePage("alerts-check-email", "/alerts/check-your-email/"),
    SitePage("alerts-privacy-notice", "/privacy/email-alerts/"),
    SitePage("secure-area-as-member", "/secure-area/", as_member=True),
    SitePage("secure-page-as-member", "/secure-area/case-review-group-minutes/", as_member=True),
]
PUBLIC_PAGES = [page for page in PAGES if page.public]
PAGE = {page.name: page for page in PAGES}


def params(pages, marks=None):
    """``pages`` as pytest parameters named after each page; ``marks`` maps a page name to
    the marks that page's test carries."""
    marks = marks or {}
    return [pytest.param(page, id=page.name, marks=marks.get(page.name, ())) for page in pages]


def visit(page, live_site, site_page):
    """Open ``site_page`` in ``page`` as a reader would and check it answered as expected."""
    response = page.goto(live_site.url + site_page.path)
    if site_page.wrong_password:
        page.fill("#id_username", "member")
        page.fill("#id_password", WRONG_PASSWORD)
        with page.expect_navigation() as navigation:
            page.click("main button[type=submit]")
        response = navigation.value
        assert page.locator(".error-summary").is_visible(), "no error after a wrong password"
    if site_page.sent_empty:
        with page.expect_navigation() as navigation:
            page.click("main form button[type=submit]")
        response = navigation.value
        assert page.locator(".error-summary").is_visible(), "no error after an empty form"
    assert response is not None
    assert response.status == site_page.status, (
        f"{site_page.path} answered {response.status}, not {site_page.status}. Has the demo "
        f"content changed? The server's log ends:\n{live_site.log.read_text()[-3000:]}"
    )
    assert page.url == live_site.url + site_page.path, f"{site_page.path} went to {page.url}"
    return response


def axe_violations(page):
    """The WCAG 2.2 A and AA violations axe-core finds on the page as it stands."""
    results = (
        Axe()
        .run(
            page,
            options={
                "runOnly": {"type": "tag", "values": WCAG_TAGS},
                "resultTypes": ["violations"],
            },
        )
        .response
    )
    assert results["passes"], "axe checked nothing: is the page empty?"
    return results["violations"]


def describe_violations(violations):
    """axe's violations as readable lines: rule, impact, help and each failing node."""
    lines = []
    for violation in violations:
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']} "
            f"<{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {node['target']}: {summary}")
    return "\n".join(lines)


# Focus ------------------------------------------------------------------------------------

# Run on load, with nothing focused: every focusable element's look when it is not focused.
REMEMBER_UNFOCUSED_STYLES = """() => {
    window.__unfocused = new Map();
    const selector = "a[href], button, input, select, textarea, summary, [tabindex]";
    for (const element of document.querySelectorAll(selector)) {
        const style = getComputedStyle(element);
        window.__unfocused.set(element, {
            outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
            boxShadow: style.boxShadow,
        });
    }
}"""

# The focused element, its focus indicator and its look when it was not focused.
FOCUSED = """() => {
    const element = document.activeElement;
    if (!element || element === document.body) {
        return null;
    }
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    const transparent = (colour) => colour === "transparent" || /,\\s*0\\)$/.test(colour);
    const outlineShows = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0
        && !transparent(style.outlineColor);
    const name = (element.getAttribute("aria-label") || element.innerText || element.value
        || element.id || "").replace(/\\s+/g, " ").trim();
    return {
        description: `<${element.tagName.toLowerCase()}> "${name.slice(0, 60)}"`,
        tag: element.tagName.toLowerCase(),
        id: element.id,
        text: name,
        href: element.getAttribute("href"),
        inMain: Boolean(element.closest("main")),
        inNav: Boolean(element.closest("nav.site-nav")),
        visibleBox: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
            && box.top < window.innerHeight && box.left < window.innerWidth,
        focused: {
            outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
            boxShadow: style.boxShadow,
        },
        hasIndicator: outlineShows || style.boxShadow !== "none",
        unfocused: window.__unfocused ? window.__unfocused.get(element) || null : null,
    };
}"""


def focused(page):
    """What has focus now (None for the page itself), with its focus indicator."""
    return page.evaluate(FOCUSED)


def focus_problem(element):
    """Why the focused element's focus is not visible, or None if it is."""
    if not element["visibleBox"]:
        return f"{element['description']} is focused off screen"
    if not element["hasIndicator"]:
        return f"{element['description']} has no outline or box-shadow when focused"
    if element["unfocused"] is None:
        return f"{element['description']} was not on the page when it loaded"
    if element["focused"] == element["unfocused"]:
        return (
            f"{element['description']} looks the same focused and unfocused: {element['focused']}"
        )
    return None


def tab_to(page, matches, *, limit=200):
    """Press Tab until ``matches(focused element)`` holds; every stop on the way must show
    visible focus. Returns the stops passed, the last one matching."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = focused(page)
        assert element is not None, f"Tab left the page after {[s['text'] for s in stops]}"
        problem = focus_problem(element)
        assert problem is None, problem
        stops.append(element)
        if matches(element):
            return stops
    raise AssertionError(f"not reached with {limit} presses of Tab")
