"""Page weight and privacy in the browser: every public page is under 60 KB of HTML, CSS and
JavaScript; no page asks any other host for anything; no page breaks its Content Security
Policy or throws a script error."""

import pytest

from tests.browser.site import PAGES, PUBLIC_PAGES, WEIGHT_BUDGET_BYTES, params

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("site_page", params(PUBLIC_PAGES))
def test_every_public_page_is_under_60_kb_of_html_css_and_javascript(page_visits, site_page):
    visit = page_visits(site_page)
    sizes = {address: f"{size / 1024:.1f} KB" for address, size in visit.weighed.items()}

    assert len(visit.weighed) >= 3, f"expected the page, its stylesheet and script: {sizes}"
    assert visit.weight < WEIGHT_BUDGET_BYTES, (
        f"{site_page.path} weighs {visit.weight / 1024:.1f} KB (budget 60 KB): {sizes}"
    )


@pytest.mark.parametrize("site_page", params(PAGES))
def test_no_page_requests_anything_from_another_host(page_visits, live_site, site_page):
    requested = page_visits(site_page).requested
    elsewhere = [url for url in requested if not url.startswith(live_site.url + "/")]

    assert requested, "no request was recorded"
    assert not elsewhere, f"{site_page.path} asked other hosts for {elsewhere}"


@pytest.mark.parametrize("site_page", params(PAGES))
def test_no_page_breaks_its_content_security_policy_or_throws_a_script_error(
    page_visits, site_page
):
    visit = page_visits(site_page)

    assert not visit.csp_violations, f"blocked by the CSP: {visit.csp_violations}"
    assert not visit.script_errors
    assert visit.quick_exit_hint_shown, "site.js did not run: the Shift hint is still hidden"
