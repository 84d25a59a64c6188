"""Quick exit: the button and Shift pressed three times both leave the site at once, and the
page left behind is replaced in the history, so Back does not return to it.

The exit address (BBC Weather in the demo settings) and the page the reader came from are
answered by a local stub page (``open_page``): no request leaves the machine.
"""

import pytest

from tests.browser.site import PAGE, PHONE, visit

pytestmark = pytest.mark.browser

CAME_FROM = "https://search.example/results?q=safeguarding"
REVIEW = PAGE["review"]


def arrive_from_another_site(open_page, live_site, **options):
    """A reader who came to a review from a search engine; returns the page and the exit
    address the page's quick exit button goes to."""
    opened = open_page(**options)
    opened.page.goto(CAME_FROM)
    visit(opened.page, live_site, REVIEW)
    exit_url = opened.page.get_attribute(".quick-exit__button", "href")
    assert not exit_url.startswith(live_site.url), f"the quick exit stays on the site: {exit_url}"
    return opened, exit_url


def test_quick_exit_button_leaves_the_site_and_back_does_not_return(open_page, live_site):
    opened, exit_url = arrive_from_another_site(open_page, live_site)
    page = opened.page
    assert exit_url == "https://www.bbc.co.uk/weather"  # the demo's setting
    history_length = page.evaluate("history.length")

    page.click(".quick-exit__button")
    page.wait_for_url(exit_url)

    assert page.evaluate("history.length") == history_length, "the exit added to the history"
    page.go_back()
    assert page.url == CAME_FROM, f"Back returned to {page.url}"
    assert set(opened.foreign_requests) == {CAME_FROM, exit_url}  # all answered by the stub


def test_quick_exit_button_is_uncovered_and_works_at_phone_width(open_page, live_site):
    opened, exit_url = arrive_from_another_site(open_page, live_site, viewport=PHONE)
    page = opened.page
    history_length = page.evaluate("history.length")

    page.click(".quick-exit__button")  # fails if anything covers the button
    page.wait_for_url(exit_url)

    assert page.evaluate("history.length") == history_length


def test_pressing_shift_three_times_leaves_the_site_and_back_does_not_return(open_page, live_site):
    opened, exit_url = arrive_from_another_site(open_page, live_site)
    page = opened.page
    history_length = page.evaluate("history.length")

    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_url(exit_url)

    assert page.evaluate("history.length") == history_length
    page.go_back()
    assert page.url == CAME_FROM, f"Back returned to {page.url}"


def test_typing_capital_letters_in_the_search_box_does_not_leave_the_site(open_page, live_site):
    opened, exit_url = arrive_from_another_site(open_page, live_site)
    page = opened.page

    page.click("#site-search-q")
    for key in ("Shift+B", "a", "b", "y", " ", "Shift+Q", " ", "Shift+K"):
        page.keyboard.press(key)
    page.wait_for_timeout(200)

    assert page.url == live_site.url + REVIEW.path
    assert page.input_value("#site-search-q") == "Baby Q K"
    assert exit_url not in opened.foreign_requests


def test_quick_exit_link_leaves_the_site_without_javascript(open_page, live_site):
    opened, exit_url = arrive_from_another_site(open_page, live_site, javascript=False)

    opened.page.click(".quick-exit__button")
    opened.page.wait_for_url(exit_url)

    assert opened.page.url == exit_url
