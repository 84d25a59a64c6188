"""Email alerts in a real browser: each of their forms goes through (a browser sends the Origin
header and cookies that the CSRF check reads, which the test client does not), and the pages
reached only by a signed link from an email have no axe violations.

The live site signs with the test settings' key, so this process can make the confirmation
link that the site would have emailed."""

import pytest

from alerts import tokens
from safeguarding_site.form_guard import MIN_SECONDS
from tests.browser.site import axe_violations, describe_violations

pytestmark = pytest.mark.browser

EMAIL = "browser.alerts@example.org"


def heading(page):
    return page.locator("main h1").inner_text().strip()


def no_axe_violations(page):
    violations = axe_violations(page)
    assert not violations, f"{page.url}:\n{describe_violations(violations)}"


def press(page, name):
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name=name, exact=True).click()
    assert navigation.value.status == 200, navigation.value.status


def test_subscribing_confirming_changing_and_unsubscribing_work_in_a_browser(open_page, live_site):
    page = open_page().page

    page.goto(live_site.url + "/alerts/?theme=neglect")
    page.get_by_label("Your email address").fill(EMAIL)
    page.wait_for_timeout(MIN_SECONDS * 1000 + 500)  # the form refuses quicker than a person
    with page.expect_navigation():
        page.get_by_role("button", name="Send me a link to confirm").click()
    assert heading(page) == "Check your email"

    choices = tokens.Choices((), ("rapid-review",), True, "daily")
    page.goto(f"{live_site.url}/alerts/confirm/{tokens.confirmation_token(EMAIL, choices)}/")
    assert heading(page) == "Confirm your email alerts"
    no_axe_violations(page)
    press(page, "Confirm")
    assert heading(page) == "Your email alerts are confirmed"

    with page.expect_navigation():
        page.get_by_role("link", name="Change your choices now").click()
    assert heading(page) == "Your email alerts"
    no_axe_violations(page)
    page.get_by_label("Serious Case Review (legacy)").check()
    press(page, "Save my choices")
    assert "Your choices are saved" in page.locator("main").inner_text()
    assert page.get_by_label("Serious Case Review (legacy)").is_checked()
    page.get_by_label("Rapid review").uncheck()
    page.get_by_label("Serious Case Review (legacy)").uncheck()
    page.get_by_label("Every new 7-minute briefing, whatever its themes").uncheck()
    press(page, "Save my choices")
    assert page.locator(".error-summary").is_visible()
    no_axe_violations(page)

    with page.expect_navigation():
        page.get_by_role("link", name="Unsubscribe from every alert").click()
    no_axe_violations(page)
    press(page, "Unsubscribe")
    assert heading(page) == "You are unsubscribed"
    no_axe_violations(page)
