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
"""

import hashlib
import time

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


def cache_key(request):
    address = f"{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"pagecache:{generation()}:{digest}"


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
        cached = cache.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if self.storable(request, response):
            response["X-Page-Cache"] = "miss"
            if hasattr(response, "render") and callable(response.render):
                response.add_post_render_callback(lambda r: cache.set(key, r, CACHE_SECONDS))
            else:
                cache.set(key, response, CACHE_SECONDS)
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
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response
