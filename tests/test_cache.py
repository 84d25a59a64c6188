"""The anonymous page cache (safeguarding_site/cache.py) never serves what is no longer public.

The cache is off in test settings; every test here switches it on. A page is cached while
public, then made private, unpublished, deleted or moved into the secure area: from that moment
no anonymous visitor may get the old copy, from its own address or from any listing, feed,
hub or search that showed it.
"""

import threading

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client

from safeguarding_site.cache import GENERATION_KEY
from tests.factories import (
    ReviewPageFactory,
    StandardPageFactory,
    ThemeFactory,
    restrict_to_members,
)
from tests.html import soup_of

WORD = "Moonwort"  # in the title of the page that stops being public


@pytest.fixture
def review(site_tree):
    theme = ThemeFactory(name="Demo theme cached")
    return ReviewPageFactory(
        parent=site_tree.reviews,
        title=f"Demo {WORD} review",
        summary=f"Demo {WORD} summary.",
        themes=[theme],
    )


def addresses_showing(review):
    """Every anonymous route that shows the review while it is public."""
    slug = review.themes.get().slug
    return [
        review.url,
        "/",
        "/reviews/",
        f"/reviews/?theme={slug}",
        f"/themes/{slug}/",
        "/themes/",
        f"/search/?q={WORD}",
        "/reviews/feed/",
        "/sitemap.xml",
    ]


def warm(client, addresses):
    """Request each address twice: the second answer must come from the cache."""
    for address in addresses:
        first = client.get(address)
        assert first.status_code == 200, address
        second = client.get(address)
        assert second.get("X-Page-Cache") == "hit", address


def shows_word(response):
    body = response.content.decode()
    if response["Content-Type"].startswith("text/html"):
        # The search box repeats the query; what matters is the page's listed content.
        body = " ".join(a.get_text() for a in soup_of(response).select("main a"))
    return WORD in body


def test_anonymous_visitors_get_public_pages_from_the_cache(client, page_cache, review):
    first = client.get(review.url)
    second = client.get(review.url)

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda review, tree: restrict_to_members(review), id="made private"),
        pytest.param(
            lambda review, tree: restrict_to_members(tree.reviews), id="listing made private"
        ),
        pytest.param(lambda review, tree: review.unpublish(), id="unpublished"),
        pytest.param(lambda review, tree: review.delete(), id="deleted"),
    ],
)
def test_page_cached_while_public_is_never_served_once_it_is_not(
    client, page_cache, site_tree, review, change
):
    addresses = addresses_showing(review)
    warm(client, addresses)

    change(review, site_tree)

    for address in addresses:
        response = client.get(address)
        assert response.get("X-Page-Cache") != "hit", address
        if address == review.url:
            assert response.status_code in (302, 404)
        elif response.status_code == 200:
            assert not shows_word(response), address


def test_page_moved_into_the_secure_area_is_not_served_from_the_cache(
    client, page_cache, site_tree
):
    secure_area = StandardPageFactory(
        parent=site_tree.home, title="Secure area", slug="secure-area"
    )
    restrict_to_members(secure_area)
    page = StandardPageFactory(parent=site_tree.home, title=f"{WORD} notes")
    warm(client, [page.url])

    page.move(secure_area, pos="last-child")
    page.refresh_from_db()

    response = client.get(page.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_pages_cached_before_the_cache_lost_its_generation_are_not_served_again(
    client, page_cache, review
):
    """If the cache evicts (or restarts without) the generation number, counting must not
    start again at a number whose pages are still stored: they may be long out of date."""
    cache.clear()  # a fresh cache, as after a deployment: pages are stored under generation 1
    warm(client, [review.url])
    restrict_to_members(review)  # a new generation: the copy above is out of date
    cache.delete(GENERATION_KEY)  # evicted, or lost, while page copies remain

    response = client.get(review.url)

    assert response.status_code == 302


def theme_option(response, theme):
    return soup_of(response).find("option", value=theme.slug).get_text(strip=True)


def test_filter_counts_drop_a_review_as_soon_as_it_is_made_private(client, review):
    """The listing keeps its option counts in the cache (with or without the page cache)."""
    theme = review.themes.get()
    assert theme_option(client.get("/reviews/"), theme) == f"{theme.name} (1)"

    restrict_to_members(review)

    assert theme_option(client.get("/reviews/"), theme) == f"{theme.name} (0)"


def test_signed_in_visitors_responses_are_never_stored_nor_kept_by_browsers(
    client, page_cache, review, member
):
    client.force_login(member)

    signed_in = client.get(review.url)
    anonymous = Client().get(review.url)

    assert "no-store" in signed_in["Cache-Control"]
    assert "private" in signed_in["Cache-Control"]
    assert "X-Page-Cache" not in signed_in
    assert anonymous["X-Page-Cache"] == "miss"  # the member's copy was not stored


def test_member_copy_of_a_private_page_is_never_served_to_anyone_else(
    client, page_cache, review, member
):
    restrict_to_members(review)
    client.force_login(member)
    assert client.get(review.url).status_code == 200

    anonymous = Client().get(review.url)

    assert anonymous.status_code == 302


@pytest.mark.parametrize(
    ("redis_url", "cached"), [(None, False), ("redis://127.0.0.1:6379/15", True)]
)
def test_production_caches_pages_only_in_a_cache_every_worker_shares(
    monkeypatch, redis_url, cached
):
    """A purge reaches only the process that made it: a per-process cache (locmem) would let
    the other gunicorn workers serve a page that has just been made private for an hour."""
    import importlib

    monkeypatch.setenv("DJANGO_SECRET_KEY", "x" * 60)
    if redis_url:
        monkeypatch.setenv("REDIS_URL", redis_url)
    else:
        monkeypatch.delenv("REDIS_URL", raising=False)
    # base.py chooses the cache from the environment; production.py builds on it.
    base = importlib.import_module("safeguarding_site.settings.base")
    try:
        importlib.reload(base)
        production = importlib.reload(
            importlib.import_module("safeguarding_site.settings.production")
        )
        enabled = production.PAGE_CACHE_ENABLED
        backend = production.CACHES["default"]["BACKEND"]
    finally:
        monkeypatch.undo()
        importlib.reload(base)  # as the environment has it, for the tests that follow

    assert enabled is cached
    if cached:
        assert backend == "django_redis.cache.RedisCache"


@pytest.mark.skipif(
    django_settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="needs a second connection reading while the first writes (PostgreSQL)",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_page_cached_by_a_request_during_the_change_is_not_served_after_it(page_cache):
    """An anonymous request that reads the page while an editor's change is still being saved
    sees the old, public page and caches it; once the change is saved that copy must go."""
    from tests.factories import create_site_tree

    tree = create_site_tree()
    page = StandardPageFactory(parent=tree.home, title=f"{WORD} notes")
    anonymous = Client()
    warm(anonymous, [page.url])

    def read_meanwhile():
        try:
            assert anonymous.get(page.url).status_code == 200
        finally:
            connection.close()

    with transaction.atomic():
        restrict_to_members(page)
        reader = threading.Thread(target=read_meanwhile)
        reader.start()
        reader.join(timeout=30)

    response = anonymous.get(page.url)
    assert response.status_code == 302
