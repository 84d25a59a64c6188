"""The anonymous page cache (safeguarding_site/cache.py) never serves what is no longer public.

The cache is off in test settings; every test here switches it on. A page is cached while
public, then made private, unpublished, deleted or moved into the secure area: from that moment
no anonymous visitor may get the old copy, from its own address or from any listing, feed,
hub or search that showed it.
"""

import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client

from safeguarding_site import cache as page_cache
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


READ_GENERATION = """
import django
django.setup()
from safeguarding_site.cache import generation
print(generation())
"""


def generation_in_another_process():
    """The page cache's generation as another process of this host (a gunicorn worker) reads it
    with the same settings: the same Redis (``REDIS_URL``) or the same folder."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "safeguarding_site.settings.test",
        "DJANGO_PAGE_CACHE_DIR": str(django_settings.PAGE_CACHE_DIR),
    }
    output = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-c", READ_GENERATION],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    return int(output.stdout.split()[-1])


def test_a_purge_in_one_process_is_seen_by_every_other_at_once(db):
    """What lets each process keep its own copies: every process reads the one generation, in
    Redis or (one host, no Redis) in a file, so a purge anywhere ends every copy everywhere."""
    before = page_cache.generation()
    assert generation_in_another_process() == before

    page_cache.purge_all()

    assert generation_in_another_process() == page_cache.generation() != before


@pytest.mark.parametrize("redis_url", [None, "redis://127.0.0.1:6379/15"])
def test_production_caches_pages_with_or_without_redis(monkeypatch, redis_url):
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

    assert enabled
    if redis_url:
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


# How early a copy is served, and what every answer lets browsers, proxies and CDNs keep.


def test_a_cached_page_is_served_without_reading_the_database(
    client, page_cache, review, django_assert_num_queries
):
    """A copy is served before sessions, sign-in, the secure area's checks and redirects run:
    none of them is needed for an anonymous visitor's copy (safeguarding_site/cache.py)."""
    addresses = addresses_showing(review)
    warm(client, addresses)

    for address in addresses:
        with django_assert_num_queries(0):
            assert client.get(address)["X-Page-Cache"] == "hit"


def cache_control(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


def test_public_answers_tell_browsers_briefly_and_cdns_longer_to_keep_them(
    client, page_cache, review, settings
):
    settings.PAGE_CACHE_BROWSER_SECONDS = 60
    settings.PAGE_CACHE_CDN_SECONDS = 600
    settings.PAGE_CACHE_STALE_SECONDS = 30
    for address in addresses_showing(review):
        answers = [client.get(address), client.get(address)]

        assert [answer["X-Page-Cache"] for answer in answers] == ["miss", "hit"], address
        for answer in answers:
            assert cache_control(answer) == {
                "public",
                "max-age=60",
                "s-maxage=600",
                "stale-while-revalidate=30",
            }, address
            assert "Cookie" in answer["Vary"], address


def never_kept(response):
    return {"private", "no-store"} <= cache_control(response) and "public" not in cache_control(
        response
    )


READERS_WITH_A_SESSION = [
    pytest.param(lambda client, member: client.force_login(member), id="signed-in member"),
    pytest.param(
        lambda client, member: client.cookies.load({"sessionid": "an-anonymous-session"}),
        id="session cookie, not signed in",
    ),
    pytest.param(
        lambda client, member: client.cookies.load({"messages": "a-message-for-this-reader"}),
        id="messages cookie",
    ),
]


@pytest.mark.parametrize("with_a_session", READERS_WITH_A_SESSION)
def test_public_pages_answered_to_a_reader_with_a_session_are_kept_by_no_shared_cache(
    client, page_cache, review, member, with_a_session
):
    warm(Client(), addresses_showing(review))
    with_a_session(client, member)

    for address in addresses_showing(review):
        response = client.get(address)
        assert response.status_code == 200, address
        assert "X-Page-Cache" not in response, address
        assert never_kept(response), address


def test_answers_the_page_cache_does_not_keep_are_kept_by_no_shared_cache(
    client, page_cache, review
):
    slug = review.themes.get().slug
    client.get(f"/reviews/?q=demo&theme={slug}")
    answers = {
        "junk parameter": client.get(f"{review.url}?utm_source=mail"),
        "not found": client.get("/no-such-page/"),
        "invalid filter": client.get("/reviews/?year=abc"),
        "redirect to the address with a slash": client.get("/reviews"),
        "the cached page, parameters in another order": client.get(
            f"/reviews/?theme={slug}&q=demo"
        ),
    }

    assert answers["the cached page, parameters in another order"]["X-Page-Cache"] == "hit"
    assert [name for name, answer in answers.items() if not never_kept(answer)] == []


# A front-end cache (a CDN) purged with the page cache, through Wagtail's HTTP backend.


class PurgeRecorder(http.server.BaseHTTPRequestHandler):
    """A caching proxy's purge endpoint: notes each PURGE (its path and Host)."""

    purged = []

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.purged.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def front_end_cache(settings):
    """A local HTTP server standing in for a CDN's purge endpoint, configured as production
    configures one (``FRONTEND_CACHE_PURGE_URL``); yields the purges it received."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    PurgeRecorder.purged = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    yield PurgeRecorder.purged
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda review: restrict_to_members(review), id="made private"),
        pytest.param(lambda review: review.save_revision().publish(), id="published again"),
        pytest.param(lambda review: review.unpublish(), id="unpublished"),
    ],
)
def test_every_address_answered_as_public_is_purged_from_the_cdn_once_the_change_is_saved(
    client, page_cache, review, front_end_cache, django_capture_on_commit_callbacks, change
):
    addresses = addresses_showing(review)
    warm(client, addresses)
    assert front_end_cache == []

    with django_capture_on_commit_callbacks(execute=True):
        change(review)

    site = urlsplit(django_settings.SITE_URL).netloc
    assert {(site, address) for address in addresses} <= set(front_end_cache)


def test_nothing_is_purged_from_the_cdn_twice_for_one_copy(
    client, page_cache, review, front_end_cache, django_capture_on_commit_callbacks
):
    warm(client, [review.url])
    with django_capture_on_commit_callbacks(execute=True):
        ThemeFactory()  # any change: a theme added
    purged = len(front_end_cache)

    with django_capture_on_commit_callbacks(execute=True):
        ThemeFactory()

    assert purged >= 1
    assert len(front_end_cache) == purged  # no page was answered as public in between
