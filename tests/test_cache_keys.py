"""Nobody can fill the page cache: pages are stored under validated query parameters only.

A page is looked up by its path and its non-empty parameters in name order, and stored only
when its view validated the query and declared it canonical. A query with an unknown
parameter, an invalid or oddly spelled value, or a repeated name is answered, but adds nothing
to the cache (no page), nor to the stored filter-option counts (kept per listing). Entries are
counted in whatever cache the run has: local memory, or with ``REDIS_URL`` set the run's own
Redis database.

Valid free text (a search nobody repeats) is a new page each time; Redis's memory limit and
eviction policy bound that. Those tests start a Redis of their own (``PrivateRedis``) with the
settings README's "Production" section gives.
"""

import re
from datetime import date
from pathlib import Path

import pytest
import time_machine
from django.core.cache import cache
from django.core.checks import Tags, run_checks
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from safeguarding_site.cache import local_pages
from safeguarding_site.listing import PER_PAGE
from safeguarding_site.option_counts import ListingCounts
from tests import deployment
from tests.factories import (
    BriefingPageFactory,
    RecommendationFactory,
    ReviewPageFactory,
    ThemeFactory,
)
from tests.html import soup_of

WORD = "Larkspur"  # in every review's and briefing's title
THEME = "demo-theme-keyed"
README = Path(__file__).resolve().parent.parent / "README.md"
ONE_PAGE = 64 * 1024  # bytes: more than any cached page here takes in Redis


@pytest.fixture
def listed(site_tree, page_cache):
    """Enough reviews for two pages of the listing and of search results, and briefings, all
    with one theme; the page cache on. Returns one review."""
    theme = ThemeFactory(name="Demo theme keyed", slug=THEME)
    reviews = [
        ReviewPageFactory(
            parent=site_tree.reviews,
            title=f"Demo {WORD} review {number}",
            published_date=date(2024, 6, number),
            themes=[theme],
        )
        for number in range(1, PER_PAGE + 2)
    ]
    for number in range(2):
        BriefingPageFactory(
            parent=site_tree.learning, title=f"Demo {WORD} briefing {number}", themes=[theme]
        )
    return reviews[0]


def cache_keys():
    """Every key in the cache (the run's own Redis database, or this process's memory), and
    every page this process keeps in its own memory."""
    # django-redis lists its keys; LocMemCache keeps its entries in a dict.
    shared = set(cache.keys("*")) if hasattr(cache, "keys") else set(cache._cache)
    return shared | {("page in this process", *address) for address in local_pages.pages}


def is_cached(client, address):
    """Ask twice: whether the second answer came from the cache."""
    client.get(address)
    return client.get(address).get("X-Page-Cache") == "hit"


VALID_ADDRESSES = [
    "/reviews/",
    f"/reviews/?theme={THEME}&type=local-cspr&year=2024&age=under-1&sort=title",
    f"/reviews/?q={WORD}",
    "/reviews/?page=2",
    f"/learning/?q={WORD}&theme={THEME}",
    f"/search/?q={WORD}",
    f"/search/?q={WORD}&page=2",
    f"/reviews/feed/?theme={THEME}",
    "/learning/feed/",
    "/reviews/export.csv?type=local-cspr",
    f"/themes/{THEME}/",
]


@pytest.mark.parametrize("address", VALID_ADDRESSES)
def test_valid_listings_searches_pages_and_feeds_are_cached(client, listed, address):
    assert client.get(address).status_code == 200

    assert is_cached(client, address)


def test_a_review_page_is_cached(client, listed):
    assert is_cached(client, listed.url)


# What an attacker, a crawler or a tracking link sends: (address, the answer it must get).
JUNK = [
    pytest.param(f"/reviews/?q={WORD}&junk={{n}}", 200, id="unknown parameter on a listing"),
    pytest.param("{review}?utm_source=mail{n}", 200, id="unknown parameter on a page"),
    pytest.param("/?x={n}", 200, id="unknown parameter on the home page"),
    pytest.param(f"/search/?q={WORD}&x={{n}}", 200, id="unknown parameter on search"),
    pytest.param(f"/reviews/feed/?theme={THEME}&x={{n}}", 200, id="unknown parameter on a feed"),
    pytest.param("/reviews/export.json?x={n}", 200, id="unknown parameter on an export"),
    pytest.param("/reviews/?year=abc{n}", 400, id="invalid year"),
    pytest.param("/learning/?theme=no-such-theme-{n}", 400, id="invalid theme"),
    pytest.param(f"/reviews/?q=%20{WORD}{{n}}%20", 200, id="search words with spaces round"),
    pytest.param("/reviews/?year=02024&x{n}=", 200, id="year spelled another way"),
    pytest.param(f"/reviews/?theme={THEME}&theme={THEME}&n={{n}}", 200, id="repeated name"),
    pytest.param("/search/?q=" + "a" * 101 + "{n}", 400, id="search too long"),
    pytest.param("/search/?page={n}", 400, id="search page without words"),
    pytest.param("/reviews/?page=x{n}", 404, id="page that is not a number"),
    pytest.param(f"/learning/feed/?theme=none-{{n}}&q={WORD}", 400, id="invalid feed filter"),
    pytest.param("/reviews/export.csv?year=abc{n}", 400, id="invalid export filter"),
    pytest.param(
        "/reviews/?" + "&".join(f"f{i}=1" for i in range(1001)) + "&n={n}",
        400,
        id="too many parameters",
    ),
]


@pytest.mark.parametrize(("template", "status"), JUNK)
def test_junk_in_the_query_string_is_answered_but_never_adds_a_cache_entry(
    client, listed, template, status
):
    client.get(template.format(review=listed.url, n=0))  # anything it could share is warm
    before = cache_keys()

    responses = [client.get(template.format(review=listed.url, n=n)) for n in range(1, 4)]

    assert [response.status_code for response in responses] == [status] * 3
    assert not any(response.has_header("X-Page-Cache") for response in responses)
    assert cache_keys() == before


def test_three_hundred_searches_with_junk_add_nothing_to_the_cache(client, listed):
    """The attack that added 14 MB to Redis: a new search with junk, again and again.
    Each search is valid, but with junk beside it neither its page nor its option counts
    are stored."""
    client.get("/reviews/")
    before = cache_keys()

    statuses = {client.get(f"/reviews/?q=zz{n}&junk={n * 7919}").status_code for n in range(300)}

    assert statuses == {200}
    assert cache_keys() == before


def test_invalid_filter_value_is_a_400_with_its_form_error_on_an_uncached_page(client, listed):
    response = client.get("/reviews/?year=abc")

    assert response.status_code == 400
    assert "Choose a year from the list." in response.content.decode()
    assert not response.has_header("X-Page-Cache")


def test_junk_requests_store_no_option_counts(client, listed):
    """Option counts are stored per listing, never per query: any number of made-up or
    searched queries leaves one stored table for the review listing."""
    client.get("/reviews/")
    stored = set(ListingCounts.objects.values_list("listing", flat=True))

    for number in range(3):
        response = client.get(f"/reviews/?q={WORD}&junk={number}")
        assert response.status_code == 200
        assert not response.has_header("X-Page-Cache")
    client.get(f"/reviews/?q={WORD}{WORD}&theme={THEME}&year=2024")

    assert set(ListingCounts.objects.values_list("listing", flat=True)) == stored
    theme_option = soup_of(response).find("option", value=THEME).get_text(strip=True)
    assert theme_option == f"Demo theme keyed ({PER_PAGE + 1})"


# One page, one entry: the same query in another order, or with the form's empty fields.


def test_parameters_in_another_order_share_one_cached_page(client, listed):
    client.get(f"/reviews/?theme={THEME}&type=local-cspr")
    before = cache_keys()

    response = client.get(f"/reviews/?type=local-cspr&theme={THEME}")

    assert response["X-Page-Cache"] == "hit"
    assert cache_keys() == before


@pytest.mark.parametrize(
    ("link", "submitted"),
    [
        (f"/reviews/?q={WORD}", f"/reviews/?q={WORD}&theme=&type=&year=&age=&sort="),
        (f"/learning/?theme={THEME}", f"/learning/?q=&theme={THEME}"),
        (f"/search/?q={WORD}", f"/search/?q={WORD}&page="),
        ("/reviews/feed/", "/reviews/feed/?theme="),
    ],
)
def test_filter_form_submitted_with_empty_fields_shares_the_linked_page(
    client, listed, link, submitted
):
    """A filter form sends every field, empty or not: that is the page its link shows."""
    client.get(link)
    before = cache_keys()

    response = client.get(submitted)

    assert response["X-Page-Cache"] == "hit"
    assert cache_keys() == before


def test_name_sent_twice_is_answered_by_its_view_never_from_the_cache(client, listed):
    """The view reads the last value: here an empty sort, so newest first, not by title."""
    assert is_cached(client, "/reviews/?sort=title")

    response = client.get("/reviews/?sort=title&sort=")

    assert not response.has_header("X-Page-Cache")
    first = soup_of(response).select_one("main .card__title a").get_text(strip=True)
    assert first == f"Demo {WORD} review {PER_PAGE + 1}"  # the newest


def test_empty_search_shows_its_error_never_the_cached_search_page(client, listed):
    """An empty ``?q=`` asks for an error message; ``/search/`` is the blank form."""
    assert is_cached(client, "/search/")

    responses = [client.get("/search/?q=") for _ in range(2)]

    for response in responses:
        assert not response.has_header("X-Page-Cache")
        assert "Enter what you are looking for." in response.content.decode()


# Valid free text is unbounded: Redis's memory limit and eviction policy bound it.

needs_redis_server = pytest.mark.skipif(
    deployment.REDIS_SERVER is None, reason="needs redis-server to start a Redis of its own"
)


@pytest.fixture
def private_redis(request, settings):
    """A Redis of the test's own (``PrivateRedis(**param)``), as the site's cache."""
    server = deployment.PrivateRedis(**getattr(request, "param", {}))
    settings.CACHES = server.cache_settings()
    yield server
    server.stop()


def test_readme_gives_redis_the_memory_limit_and_eviction_policy_tested_here():
    readme = README.read_text()

    assert re.search(rf"^maxmemory {deployment.REDIS_MEMORY_LIMIT}$", readme, re.MULTILINE)
    assert re.search(
        rf"^maxmemory-policy {deployment.REDIS_EVICTION_POLICY}$", readme, re.MULTILINE
    )


def deploy_warnings():
    """The site's own warnings from ``check --deploy``'s cache checks."""
    messages = run_checks(include_deployment_checks=True, tags=[Tags.caches])
    return sorted(message.id for message in messages if message.id.startswith("safeguarding."))


@needs_redis_server
@pytest.mark.parametrize(
    ("private_redis", "warnings"),
    [
        pytest.param({}, [], id="as README configures it"),
        pytest.param(
            {"maxmemory": None, "maxmemory_policy": None},
            ["safeguarding.W001", "safeguarding.W002"],
            id="Redis's defaults",
        ),
        pytest.param(
            {"maxmemory_policy": "noeviction"}, ["safeguarding.W002"], id="limit, no eviction"
        ),
    ],
    indirect=["private_redis"],
)
def test_deploy_check_asks_redis_for_a_memory_limit_and_eviction(private_redis, warnings):
    assert deploy_warnings() == warnings


@needs_redis_server
@pytest.mark.parametrize("private_redis", [{"maxmemory": "2mb"}], indirect=True)
def test_searches_nobody_repeats_cannot_grow_redis_past_its_memory_limit(
    client, listed, private_redis
):
    limit = private_redis.client.config_get("maxmemory")["maxmemory"]

    statuses = {client.get(f"/search/?q={WORD}+{n}").status_code for n in range(300)}

    assert statuses == {200}
    assert private_redis.client.info("stats")["evicted_keys"] > 0  # the limit was reached
    # Redis makes room before each write, so it may pass the limit by the page just written.
    assert private_redis.client.info("memory")["used_memory"] <= int(limit) + ONE_PAGE
    assert is_cached(client, f"/search/?q={WORD}+299")  # the newest pages stay


# The host: a copy belongs to the site, whatever port or spelling the Host header names.

HOST = deployment.HOST


def test_a_port_in_the_host_header_neither_adds_an_entry_nor_changes_the_page(
    client, listed, settings
):
    settings.ALLOWED_HOSTS = [HOST]
    first = client.get("/reviews/", HTTP_HOST=HOST)
    before = cache_keys()

    hosts = (f"{HOST}:1234", f"{HOST}:80", HOST.upper())
    responses = [client.get("/reviews/", HTTP_HOST=host) for host in hosts]

    assert [response["X-Page-Cache"] for response in responses] == ["hit"] * 3
    assert {response.content for response in responses} == {first.content}
    assert cache_keys() == before


def test_a_host_the_site_does_not_serve_is_refused_before_the_cache_is_asked(
    client, listed, settings
):
    settings.ALLOWED_HOSTS = [HOST]
    client.get("/reviews/", HTTP_HOST=HOST)
    before = cache_keys()

    hosts = ("attacker.example", f"{HOST}.attacker.example:443")
    responses = [client.get("/reviews/", HTTP_HOST=host) for host in hosts]

    assert [response.status_code for response in responses] == [400, 400]
    assert not any(response.has_header("X-Page-Cache") for response in responses)
    assert cache_keys() == before


def public_addresses_of_every_kind(review):
    """Every public page of the tree, and every address of the site's own views a visitor may
    be answered from the cache: nothing is left out by forgetting to list it."""
    pages = [page.url for page in Page.objects.live().public().specific() if page.url]
    views = [
        reverse(name)
        for name in (
            "search",
            "theme_index",
            "sitemap",
            "robots_txt",
            "review_feed",
            "review_export_csv",
            "review_export_json",
            "recommendation_tracker",
            "recommendation_export_csv",
            "briefing_feed",
        )
    ]
    return [*pages, *views, *VALID_ADDRESSES, reverse("theme_detail", args=[THEME])]


def test_nothing_cached_depends_on_the_host_it_was_asked_by(client, listed, settings):
    """A copy made for one host is served to every host of the site, so no answer may carry the
    host or port it was asked by (links that leave the site name SITE_URL)."""
    RecommendationFactory(review=listed)
    settings.PAGE_CACHE_ENABLED = False  # every answer rendered afresh
    settings.ALLOWED_HOSTS = [".example.org"]
    addresses = public_addresses_of_every_kind(listed)

    hosts = (HOST, "other.example.org:8443")

    def answers(address):
        # At one frozen moment: a form's signed start time differs from second to second.
        with time_machine.travel(timezone.now(), tick=False):
            return {client.get(address, HTTP_HOST=host).content for host in hosts}

    differing = [address for address in addresses if len(answers(address)) != 1]

    assert len(addresses) > 25
    assert differing == []
