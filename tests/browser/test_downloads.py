"""Documents in the browser: a briefing's printable version downloads as a named PDF file and
a review's full report opens as a PDF, both through the site's own addresses."""

import pytest

from tests.browser.site import PAGE, visit

pytestmark = pytest.mark.browser


def download_pdf(page, link):
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    with open(download.path(), "rb") as pdf:
        return download.suggested_filename, pdf.read()


def test_briefing_printable_version_downloads_as_a_pdf(open_page, live_site):
    page = open_page().page
    visit(page, live_site, PAGE["briefing"])
    link = page.get_by_role("link", name="Printable version of Childhood Neglect")

    filename, content = download_pdf(page, link)

    assert filename == "childhood-neglect-7-minute-briefing.pdf"
    assert content.startswith(b"%PDF-")
    assert content.rstrip().endswith(b"%%EOF")


def test_review_full_report_opens_as_a_pdf(open_page, live_site):
    """Wagtail serves PDFs inline (WAGTAILDOCS_INLINE_CONTENT_TYPES): the browser shows the
    report in its PDF viewer rather than saving it."""
    page = open_page().page
    visit(page, live_site, PAGE["review"])
    link = page.locator(".documents__item", has_text="Full report").locator("a")

    with page.expect_response(lambda response: "/documents/" in response.url) as info:
        link.click()
    response = info.value

    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert int(response.headers["content-length"]) > 1000
    page.wait_for_url("**/child-q-full-report.pdf")
