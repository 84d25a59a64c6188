"""Every page's frame: the main menu follows the page tree, templates link by name, and every
page has a description, an icon and breadcrumbs."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import StandardPageFactory
from tests.html import soup_of

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# An address inside the site typed into a template: href="/...", action="/...", src="/...", or
# a page's address with a path glued on ({{ page.url }}download/).
LITERAL_ADDRESS = re.compile(r"""(?:href|action|src)=["']/|\.url \}\}[\w/]""")


def menu(response):
    return [
        (link.get_text(strip=True), link["href"])
        for link in soup_of(response).select("nav.site-nav a")
    ]


def test_main_menu_lists_the_home_pages_children_in_menus_in_tree_order(client, private_content):
    tree = private_content.tree

    response = client.get("/")

    assert menu(response) == [
        (tree.reviews.title, "/reviews/"),
        (tree.learning.title, "/learning/"),
        (tree.news.title, "/news/"),
        (tree.resources.title, "/resources/"),
        ("Secure area", "/secure-area/"),  # the entrance to the members' section
    ]


def test_show_in_menus_adds_and_removes_a_page_from_the_main_menu(client, site_tree):
    about = StandardPageFactory(parent=site_tree.home, title="About us", show_in_menus=True)
    assert ("About us", about.url) in menu(client.get("/"))

    about.show_in_menus = False
    about.save_revision().publish()

    assert ("About us", about.url) not in menu(client.get("/"))


def test_main_menu_follows_a_renamed_section_and_uses_its_menu_title(client, site_tree):
    reviews = site_tree.reviews
    reviews.slug = "published-reviews"
    reviews.menu_title = "Reviews"
    reviews.title = "Child Safeguarding Practice Reviews"
    reviews.save_revision().publish()

    response = client.get("/")

    assert ("Reviews", "/published-reviews/") in menu(response)
    links = [link["href"] for link in soup_of(response).select("main a[href]")]
    assert "/published-reviews/" in links  # "All reviews" follows the section too
    assert "/reviews/" not in links


def test_main_menu_marks_the_section_the_reader_is_in(client, site_tree):
    response = client.get("/reviews/")

    current = soup_of(response).select("nav.site-nav a[aria-current]")
    assert [link["href"] for link in current] == ["/reviews/"]


def test_templates_hold_no_literal_internal_address():
    found = [
        f"{path.relative_to(TEMPLATES)}:{number}: {line.strip()}"
        for path in TEMPLATES.rglob("*.html")
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if LITERAL_ADDRESS.search(line)
    ]

    assert found == []


@pytest.fixture
def frame_addresses(private_content):
    about = StandardPageFactory(parent=private_content.tree.home, title="About", intro="")
    return [
        "/",
        "/reviews/",
        private_content.public_review.url,
        "/learning/",
        private_content.public_briefing.url,
        "/resources/",
        "/news/",
        private_content.public_news.url,
        "/themes/",
        f"/themes/{private_content.theme.slug}/",
        "/search/?q=demo",
        "/login/",
        about.url,
        "/no-such-page/",
    ]


def test_every_page_has_one_description_an_icon_and_breadcrumbs(client, frame_addresses):
    for address in frame_addresses:
        response = client.get(address)
        soup = soup_of(response)

        descriptions = soup.select("meta[name=description]")
        assert len(descriptions) == 1, address
        assert len(descriptions[0]["content"]) > 20, address
        icon = soup.select_one("link[rel=icon]")
        assert client.get(icon["href"]).status_code == 200, address
        if address != "/":
            crumbs = soup.select("nav.breadcrumbs li")
            assert crumbs, address
            assert crumbs[0].get_text(strip=True) == "Home", address
            assert crumbs[-1].get("aria-current") == "page", address


def test_theme_hub_breadcrumbs_lead_home_through_the_themes(client, private_content):
    response = client.get(f"/themes/{private_content.theme.slug}/")

    crumbs = [
        (item.get_text(strip=True), item.a["href"] if item.a else None)
        for item in soup_of(response).select("nav.breadcrumbs li")
    ]
    assert crumbs == [
        ("Home", "/"),
        ("Themes", "/themes/"),
        (private_content.theme.name, None),
    ]
