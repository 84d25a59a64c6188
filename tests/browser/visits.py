"""One visit per page, measured once, asserted on by many tests.

Opening a page is most of a browser test's cost, so every page of ``site.PAGES`` is opened
once, in a desktop window, and the visit records what the tests check: every request and
response, Content Security Policy violations and script errors, the page's outline
(language, skip link, headings, landmarks), axe-core's findings, text drawn over other text,
the first two Tab stops; then, with the window narrowed to a phone's width, axe-core's
findings and overlapping text again; then, at 320 pixels, anything sticking out. The server
sends the same page whatever the width and the site's script does not depend on it, so
narrowing the window is the same as opening the page on a phone: the layout, from the CSS
media queries, is recomputed for the new width.
"""

from dataclasses import dataclass, field

from tests.browser.site import (
    DESKTOP,
    PHONE,
    REMEMBER_UNFOCUSED_STYLES,
    WEIGHED_TYPES,
    axe_violations,
    focused,
    visit,
)

NARROWEST = {"width": 320, "height": 640}

PAGE_OUTLINE = """() => {
    const skipLink = document.querySelector("a.skip-link");
    const targetId = skipLink && skipLink.getAttribute("href").replace(/^#/, "");
    const target = targetId && document.getElementById(targetId);
    const firstLink = document.querySelector("body a");
    return {
        lang: document.documentElement.getAttribute("lang"),
        firstLink: firstLink && firstLink.outerHTML,
        skipLinkTarget: target ? target.tagName.toLowerCase() : null,
        h1s: [...document.querySelectorAll("h1")].map((h1) => h1.innerText.trim()),
        mains: document.querySelectorAll("main, [role=main]").length,
    };
}"""

# Elements past the right edge of the window, except inside a region that scrolls on its
# own (a wide table) and the skip link, which waits off screen until focused.
OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    const wide = [];
    for (const element of document.querySelectorAll("body *")) {
        if (element.closest(".table-scroll, .skip-link, .visually-hidden")) {
            continue;
        }
        const right = Math.round(element.getBoundingClientRect().right);
        if (right > width + 1) {
            const name = `<${element.tagName.toLowerCase()} class="${element.className}">`;
            wide.push(`${name} to ${right}`);
        }
    }
    return {scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 10)};
}"""

# Pairs of text boxes drawn over each other: for each visible piece of text, the boxes of its
# lines; two boxes overlap when they share more than half the height of the shorter one (more
# than the touching of tightly set lines) and more than a sliver of width.
OVERLAPPING_TEXT = """() => {
    const boxes = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        const element = node.parentElement;
        if (!node.textContent.trim() || !element) continue;
        if (element.closest(".visually-hidden, .skip-link, [hidden], script, style, template")) {
            continue;
        }
        if (getComputedStyle(element).visibility === "hidden") continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const rect of range.getClientRects()) {
            if (rect.width >= 1 && rect.height >= 1) {
                boxes.push({rect, text: node.textContent.trim().slice(0, 40)});
            }
        }
    }
    const overlaps = [];
    for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
            const a = boxes[i].rect;
            const b = boxes[j].rect;
            const width = Math.min(a.right, b.right) - Math.max(a.left, b.left);
            const height = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
            if (width > 2 && height > Math.min(a.height, b.height) / 2) {
                overlaps.push(`"${boxes[i].text}" and "${boxes[j].text}"`);
            }
        }
    }
    return overlaps.slice(0, 10);
}"""

# Runs before the page's own code in every document of the context.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(`${event.violatedDirective}: ${event.blockedURI}`);
});
"""


@dataclass
class PageVisit:
    """What one visit of one page recorded."""

    axe_violations: dict = field(default_factory=dict)  # window width -> violations
    outline: dict = field(default_factory=dict)
    first_tab_stops: list = field(default_factory=list)
    overflow_at_320: dict = field(default_factory=dict)
    overlapping_text: dict = field(default_factory=dict)  # window width -> overlapping pairs
    requested: list = field(default_factory=list)  # every URL the page asked for
    foreign_requests: list = field(default_factory=list)  # answered by a stub, never sent
    weighed: dict = field(default_factory=dict)  # HTML, CSS and JS: address -> bytes
    csp_violations: list = field(default_factory=list)
    script_errors: list = field(default_factory=list)
    quick_exit_hint_shown: bool = False

    @property
    def weight(self):
        return sum(self.weighed.values())


def record_visit(open_page, live_site, site_page):
    """Open ``site_page`` and record everything the tests check."""
    result = PageVisit()
    opened = open_page(DESKTOP, as_member=site_page.as_member)
    result.foreign_requests = opened.foreign_requests
    page = opened.page
    try:
        record(page, live_site, site_page, result)
    finally:
        page.context.close()
    return result


def record(page, live_site, site_page, result):
    page.add_init_script(RECORD_CSP_VIOLATIONS)
    finished = []
    page.on("request", lambda request: result.requested.append(request.url))
    page.on("requestfinished", lambda request: finished.append(request))
    page.on("pageerror", lambda error: result.script_errors.append(str(error)))

    visit(page, live_site, site_page)

    # The bytes of each response body as it came over the network (the test server does not
    # compress, so these are the bytes the browser decoded too). A later response for the
    # same address (the login page after a wrong password) replaces the earlier one.
    for request in finished:
        if request.resource_type in WEIGHED_TYPES:
            address = request.url.removeprefix(live_site.url)
            result.weighed[address] = request.sizes()["responseBodySize"]
    result.outline = page.evaluate(PAGE_OUTLINE)
    result.csp_violations = page.evaluate("window.__cspViolations")
    result.quick_exit_hint_shown = page.locator("[data-quick-exit-hint]").is_visible()
    result.axe_violations[DESKTOP["width"]] = axe_violations(page)
    result.overlapping_text[DESKTOP["width"]] = page.evaluate(OVERLAPPING_TEXT)

    page.evaluate(REMEMBER_UNFOCUSED_STYLES)
    for _ in range(2):
        page.keyboard.press("Tab")
        result.first_tab_stops.append(focused(page))
    page.evaluate("document.activeElement.blur()")

    page.set_viewport_size(PHONE)
    result.axe_violations[PHONE["width"]] = axe_violations(page)
    result.overlapping_text[PHONE["width"]] = page.evaluate(OVERLAPPING_TEXT)

    page.set_viewport_size(NARROWEST)
    result.overflow_at_320 = page.evaluate(OVERFLOW)
