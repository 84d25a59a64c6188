"""Reading rendered pages the way a reader sees them: parsed HTML, not substrings."""

from bs4 import BeautifulSoup


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def linked_pages(response, pages):
    """The pages of ``pages`` that the main content links to, in the order shown."""
    assert response.status_code == 200, response.status_code
    by_url = {page.url: page for page in pages}
    shown = []
    for link in soup_of(response).select("main a[href]"):
        page = by_url.get(link["href"])
        if page is not None and page not in shown:
            shown.append(page)
    return shown


def section_headed(soup, heading):
    """The <section> whose h2 reads ``heading``."""
    h2 = soup.find("h2", string=lambda text: text and text.strip() == heading)
    assert h2 is not None, f"no section headed {heading!r}"
    return h2.find_parent("section")
