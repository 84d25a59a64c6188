"""Every page's frame: the main menu follows the page tree, templates link by name, and every
page has a description, an icon and breadcrumbs."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from safeguarding_site.models import PartnershipSettings
from tests.factories import PRIVATE_WORD, StandardPageFactory, restrict_to_members
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
        ("Secure area", "/secure-area/"),  # the settings' entrance to the members' section
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


# Members-only pages in the menu: listed only to readers who may open them, except the
# entrance the partnership settings name, shown to everyone as the way in.


@pytest.fixture
def every_members_only_page_in_menus(private_content):
    """Every members-only page marked "Show in menus", and a second members-only section
    beside the secure area that is not the entrance."""
    board = StandardPageFactory(
        parent=private_content.tree.home,
        title=f"{PRIVATE_WORD} board papers",
        slug="board-papers",
    )
    restrict_to_members(board)
    pages = [*private_content.private_pages, board]
    for page in pages:
        page.show_in_menus = True
        page.save_revision().publish()
    return pages


def frame_links(response):
    """(text, address) of every link in the main menu and the footer."""
    soup = soup_of(response)
    return [
        (link.get_text(strip=True), link["href"])
        for link in soup.select("nav.site-nav a, footer a[href]")
    ]


@pytest.mark.parametrize("reader", ["anonymous", "non-member"])
def test_menu_and_footer_name_no_members_only_page_but_the_entrance(
    client, private_content, every_members_only_page_in_menus, non_member, reader
):
    if reader == "non-member":
        client.force_login(non_member)
    entrance = private_content.secure_area

    for address in ("/", "/reviews/", private_content.public_review.url, "/login/"):
        response = client.get(address, follow=True)  # a signed-in reader is sent on from /login/

        links = frame_links(response)
        assert ("Secure area", entrance.url) in links  # the menu
        assert ("Secure area (for members)", entrance.url) in links  # the footer
        frame = " ".join(
            str(part) for part in soup_of(response).select("nav.site-nav, footer, header")
        )
        for page in every_members_only_page_in_menus:
            if page.pk != entrance.pk:
                assert page.title not in frame, (address, page.title)
                assert page.url not in frame, (address, page.url)


def test_a_member_sees_every_members_only_section_in_the_menu(
    client, private_content, every_members_only_page_in_menus, member
):
    client.force_login(member)

    links = menu(client.get("/"))

    top_level = [
        page
        for page in every_members_only_page_in_menus
        if page.depth == private_content.tree.reviews.depth
    ]
    assert len(top_level) == 2
    for page in top_level:
        assert (page.title, page.url) in links


def test_a_members_menu_is_never_cached_for_anonymous_readers(
    client, private_content, every_members_only_page_in_menus, member, page_cache
):
    board = every_members_only_page_in_menus[-1]
    client.force_login(member)
    assert (board.title, board.url) in menu(client.get("/"))
    assert (board.title, board.url) in menu(client.get("/"))
    client.logout()

    first, second = client.get("/"), client.get("/")

    assert (board.title, board.url) not in menu(first)
    assert [first["X-Page-Cache"], second["X-Page-Cache"]] == ["miss", "hit"]
    assert (board.title, board.url) not in menu(second)


def test_without_an_entrance_no_members_only_page_is_shown_to_anonymous_readers(
    client, private_content
):
    partnership = PartnershipSettings.for_site(private_content.tree.site)
    partnership.secure_area_entrance = None
    partnership.save()

    response = client.get("/")

    assert private_content.secure_area.url not in [href for _text, href in frame_links(response)]


def test_an_entrance_that_is_not_live_is_not_shown(client, private_content):
    private_content.secure_area.unpublish()

    response = client.get("/")

    assert private_content.secure_area.url not in [href for _text, href in frame_links(response)]


def queries_of(client, address):
    """The SQL of one request for ``address``."""
    with CaptureQueriesContext(connection) as context:
        assert client.get(address).status_code == 200
    return [query["sql"] for query in context.captured_queries]


def test_menu_and_site_are_read_once_a_generation_and_follow_every_change(client, site_tree):
    """Each process reads the menu's pages and Wagtail's site once until the next purge: the
    second request asks for neither, and a page published, made live by a script, unpublished
    or moved, or a site saved, shows at once."""
    first = queries_of(client, "/")
    second = queries_of(client, "/")
    assert any("wagtailcore_site" in sql for sql in first)
    assert not any("wagtailcore_site" in sql for sql in second)
    assert len(second) < len(first)

    about = StandardPageFactory(parent=site_tree.home, title="About us", show_in_menus=True)
    assert ("About us", about.url) in menu(client.get("/"))  # made live by a script's save

    about.unpublish()
    assert ("About us", about.url) not in menu(client.get("/"))

    about.save_revision().publish()
    about.move(site_tree.learning, pos="last-child")
    assert ("About us", "/about-us/") not in menu(client.get("/"))

    site = site_tree.site
    site.site_name = "Renamed"
    site.root_page = site_tree.learning
    site.save()
    assert client.get("/").context["page"].pk == site_tree.learning.pk
