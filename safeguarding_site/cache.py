"""The anonymous page cache, and the rule that nothing private is ever cached.

Anonymous visitors (no session cookie) get public pages from the shared cache (Redis when
``REDIS_URL`` is set, so every gunicorn host sees the same entries). Anything that changes
what a page shows - publishing, unpublishing, deleting or moving a page, changing a view
restriction, adding, moving or deleting a collection, editing a document or acting on
documents in bulk, editing a snippet or the site settings - bumps one generation number, so
every cached page is dropped at once: listings, theme hubs, feeds and the home page show other
pages, so purging only the changed page's address would leave stale copies behind.
``safeguarding_site.apps`` connects every such change to ``purge_all``; code that changes
documents or collections with ``QuerySet.update()`` (which sends no signal) must call it too.

A response to a signed-in user, or one that sets a cookie, is never stored, and is marked
``Cache-Control: private, no-store`` so no browser or proxy keeps it either.

Nobody can fill the cache with made-up addresses. A page is looked up by its path and its
non-empty query parameters in name order, but stored only when the query is exactly the one
its view validated and declared (``declare_query``): an unknown parameter, an invalid or
oddly spelled value, or a repeated name is answered but never stored. What stays unbounded is
valid free text (a search for any words); Redis's memory limit and eviction policy (README,
"Production") bound that.
"""

import hashlib
import time
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.cache import add_never_cache_headers, patch_cache_control

GENERATION_KEY = "pagecache:generation"
CACHE_SECONDS = 60 * 60
UNCACHED_PREFIXES = ("/admin/", "/login/", "/logout/", "/documents/", "/health/", "/static/")


def first_generation():
    """Where counting starts: the clock, never 1. If the cache evicts or loses the number while
    page copies remain, starting again from a small number would make old copies current."""
    return time.time_ns()


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, first_generation(), timeout=None)
        value = cache.get(GENERATION_KEY)
    return first_generation() if value is None else value


def next_generation():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, first_generation(), timeout=None)


def purge_all(**kwargs):
    """Drop every cached page (signal receiver: takes and ignores any signal's arguments).

    Once now, and again when the change is committed: a request that read the data before
    the commit would otherwise store the old page under the new generation.
    """
    next_generation()
    transaction.on_commit(next_generation)


def purge_after_bulk_action(request, action_type, objects, action):
    """Wagtail's ``after_bulk_action`` hook: every bulk action in the admin empties the cache.

    Some write with ``QuerySet.update()``, which sends no signal: "Add to collection" moves
    documents into the members' collection that way. The hook runs inside the action's
    transaction, so ``purge_all`` purges again once it commits.
    """
    purge_all()


@dataclass(frozen=True)
class CanonicalQuery:
    """The query parameters a view answered from, validated and spelled as it would link them.

    ``values``: (name, text) of each non-empty parameter the answer depends on, by name;
    ``names``: every parameter the view understands;
    ``blank_means_absent``: the names whose empty value gives the same answer as no value.
    """

    values: tuple[tuple[str, str], ...]
    names: frozenset[str]
    blank_means_absent: frozenset[str]


def declare_query(request, values, *, names, blank_means_absent=None):
    """Tell the page cache which parameters this answer depends on, in canonical form.

    Called by a view (or the listing helper) once its form has validated. ``values`` maps a
    parameter to its cleaned value; ``blank_means_absent`` defaults to every name (a filter
    left empty means "any"). A view that reads the query and declares nothing is never cached
    for a request that has one.
    """
    blank_means_absent = names if blank_means_absent is None else blank_means_absent
    request.canonical_query = CanonicalQuery(
        values=tuple(sorted((name, str(value)) for name, value in values.items())),
        names=frozenset(names),
        blank_means_absent=frozenset(blank_means_absent),
    )
    return request.canonical_query


def filled_parameters(request):
    """The request's non-empty query parameters in name order: what a page is looked up by.

    Views read parameters by name, so their order never changes the answer; whether an empty
    value does is for the view to say (``CanonicalQuery.blank_means_absent``).
    """
    return tuple(
        sorted((name, value) for name, values in request.GET.lists() for value in values if value)
    )


def blank_parameters(request):
    """The names the request sent with an empty value."""
    return frozenset(name for name, values in request.GET.lists() if "" in values)


def has_repeated_names(request):
    """Whether a parameter comes more than once: a view reads only the last of them."""
    return any(len(values) > 1 for _, values in request.GET.lists())


def query_is_canonical(request):
    """Whether the request's query is exactly what its view validated and declared.

    True with no query at all. Otherwise every parameter must be one the view understands,
    sent once, non-empty values spelled as the view would spell them, empty ones only where
    empty means absent. Anything else (junk, an invalid or non-canonical value) is answered,
    never stored: the cache holds at most one entry per page the site itself links to.
    """
    if not request.GET:
        return True
    declared = getattr(request, "canonical_query", None)
    if declared is None:
        return False
    if has_repeated_names(request):
        return False
    return (
        set(request.GET) <= declared.names
        and blank_parameters(request) <= declared.blank_means_absent
        and filled_parameters(request) == declared.values
    )


def cache_key(request):
    """Where the page for ``request`` is stored: its host, path and non-empty parameters in
    name order, under the current generation (so a purge makes every old key unreachable)."""
    address = f"{request.get_host()}{request.path}?{urlencode(filled_parameters(request))}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"pagecache:{generation()}:{digest}"


class StoredPage(NamedTuple):
    """A cached answer, and the empty parameters that may be ignored when serving it."""

    response: object
    blank_means_absent: frozenset


def is_anonymous_request(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.path.startswith(UNCACHED_PREFIXES)
    )


class AnonymousPageCacheMiddleware:
    """Serve and store public pages for visitors who are not signed in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not getattr(settings, "PAGE_CACHE_ENABLED", True) or not is_anonymous_request(request):
            return self.mark_private_if_signed_in(request, self.get_response(request))
        key = cache_key(request)
        stored = cache.get(key)
        # The lookup ignores empty values; serve the copy only where its view said that an
        # empty value means the same page (``/search/?q=`` is an error, ``/search/`` is not).
        # With a name repeated, the view reads the last value, which may be one the key left
        # out (``?theme=x&theme=``): answer afresh.
        if (
            isinstance(stored, StoredPage)
            and blank_parameters(request) <= stored.blank_means_absent
            and not has_repeated_names(request)
        ):
            stored.response["X-Page-Cache"] = "hit"
            return stored.response
        response = self.get_response(request)
        if self.storable(request, response) and query_is_canonical(request):
            declared = getattr(request, "canonical_query", None)
            blank_means_absent = declared.blank_means_absent if declared else frozenset()
            response["X-Page-Cache"] = "miss"

            def store(rendered):
                cache.set(key, StoredPage(rendered, blank_means_absent), CACHE_SECONDS)

            if hasattr(response, "render") and callable(response.render):
                response.add_post_render_callback(store)
            else:
                store(response)
        return response

    @staticmethod
    def storable(request, response):
        cache_control = response.get("Cache-Control", "")
        return (
            request.method == "GET"
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in cache_control
            and "no-store" not in cache_control
        )

    @staticmethod
    def mark_private_if_signed_in(request, response):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            never_stored(response)
        return response


def never_stored(response):
    """Mark ``response`` ``Cache-Control: private, no-store`` (and expired): no browser,
    proxy or CDN keeps a copy, and this page cache does not store it either."""
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    return response
