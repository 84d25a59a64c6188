"""The anonymous page cache, and the rule that nothing private is ever cached.

Where pages are kept
    Each gunicorn process keeps the pages it has answered in its own memory (``LocalPages``,
    bounded by ``PAGE_CACHE_LOCAL_BYTES``), so a repeated page costs a dictionary lookup. With
    ``REDIS_URL`` set, Redis is also a shared store, so a page rendered on one host is served
    by the others without rendering it again.

What else each process keeps for a generation
    What every page's frame reads from the tree - the main menu's pages
    (``kept_this_generation``) and the Wagtail site of each host name
    (``WagtailSiteMiddleware``, which hands Wagtail its answer for the request) - is kept
    beside the copies and dropped with them, for every reader, signed in or not: the changes
    that could alter them are all purges. Code that changes pages or sites with
    ``QuerySet.update()`` must call ``purge_all``, as for documents.

How a purge reaches every process at once
    Every copy is kept under the *generation* that was current when its request began. Any
    change to what a page shows - publishing, unpublishing, deleting or moving a page, changing
    a view restriction, adding, moving or deleting a collection, editing a document or acting
    on documents in bulk, editing a snippet or the site settings - starts a new generation, and
    each request reads the generation before it looks for a copy: copies of an older one are
    never served again, in any process, from the moment the purge returns. One number serves
    every process that must see the purge: in Redis (one ``GET`` a request) when there is one,
    so every host sees it; otherwise a file's modification time (one ``stat`` a request), which
    every process of one host sees. ``safeguarding_site.apps`` connects every such change to
    ``purge_all``; code that changes documents or collections with ``QuerySet.update()`` (which
    sends no signal) must call it too. Each purge also purges the configured front-end cache
    (a CDN; Wagtail's ``wagtail.contrib.frontend_cache``) of every address this cache answered
    as public since the last purge.

When Redis cannot be reached
    With ``REDIS_URL`` set, a process that cannot reach Redis (refused, or timed out: the
    ``CACHES`` options bound each try) answers every request afresh from the database, serves
    no copy (not even from its own memory: a purge may have been missed meanwhile) and stores
    none. Its answers are those of a request the cache does not look up (no ``X-Page-Cache``;
    ``private, no-store``, so no CDN keeps an address that could not be noted for purging).
    It logs one warning an outage (and one when Redis answers again), and tries Redis again at
    most every ``RETRY_SECONDS``. Wagtail's own caches in that Redis answer a miss meanwhile
    (``IGNORE_EXCEPTIONS`` on the default cache); the generation is read with the raw client,
    which raises, so a generation that could not be read is never taken for one that has not
    moved on.

    A purge that cannot reach Redis is written to the database instead (``MissedPurge``): in a
    savepoint of the editor's transaction, so it is saved with the change or rolled back with
    it, and again after the commit if the second purge misses too; the editor's save never
    fails for it. A missed purge is *settled* (``settle_missed_purges``: a new generation,
    Wagtail's site root paths cleared, the front-end cache purged, then the row deleted) by

    - every process that failed to reach Redis, before it serves any copy again;
    - ``manage.py settle_missed_purges`` every minute (``scheduler.JOBS``), for the processes
      that never noticed the outage: they answered nobody meanwhile, or reached Redis while
      another host could not. While Redis still cannot be reached, the rows wait.

    What holds once Redis answers again: no process serves a copy made before a missed purge
    after the first settling that reaches Redis once that purge is saved. A process that saw
    the outage settles before it serves a copy, so it serves none made before the purges saved
    by then; the scheduled job settles within a minute (plus its start-up) of Redis answering
    the scheduler's host, so no process, whether it saw the outage or not, serves such a copy
    for longer than that. A Redis restarted empty (it keeps nothing on disk) restarts the
    generation from the clock, which no kept copy has: nothing older is served at all.
    What does not hold: a purge that reaches neither Redis nor the database is logged and
    lost (copies made before it live until Redis drops them, an hour, or until the next purge
    in a process's memory); and addresses a CDN holds are purged when settled only if Redis
    kept their list, else the CDN keeps them up to ``PAGE_CACHE_CDN_SECONDS``.

Who is answered from the cache, and how early
    A request is looked up only if it is an anonymous ``GET`` or ``HEAD``: it carries no
    session or messages cookie (Django has no other way to sign a reader in here), and is not
    for the admin, sign-in, documents, media, health or static addresses.
    ``PageCacheMiddleware`` sits just inside ``SecurityMiddleware`` and WhiteNoise, so a copy
    is served before sessions, authentication, messages, CSRF, the secure area's checks and
    Wagtail's redirects run, none of which can change an anonymous answer that was stored:

    - sessions, authentication and messages: no cookie, so the reader is anonymous and has no
      messages; an answer that set a cookie (a form with a CSRF token, a session) is never
      stored;
    - the secure area (``SecureAreaMiddleware``) answers an anonymous reader by the address,
      the site and the view restrictions alone; a copy is stored only when it let the request
      through with a 200, and every change of a restriction or of the page tree starts a new
      generation, so for the same address, site and generation it would let it through again;
    - Wagtail's redirects and the lockout act only on answers that are never stored (404s,
      sign-in forms).

    The headers those middlewares add (the CSP, Permissions-Policy, X-Frame-Options) are stored
    with the copy, since it is taken as the answer leaves them.

What is never stored
    A response to a signed-in reader, to any request with a session, or one that sets a
    cookie, is never stored and is marked ``Cache-Control: private, no-store`` so no browser,
    proxy or CDN keeps it either; so is every other anonymous answer this cache does not store
    (errors, redirects, junk queries). Stored answers carry ``Cache-Control: public`` with a
    CDN lifetime, and ``Vary: Cookie``.

Keys
    A copy is found by the Wagtail site the request is for (by host name and the server's port,
    as Wagtail finds it: the port in a ``Host`` header plays no part, and a host outside
    ``ALLOWED_HOSTS`` is refused before the cache is asked), its path and its non-empty query
    parameters in name order. Nothing the site renders for a cached address may depend on the
    ``Host`` header beyond the site (links that leave the site name ``SITE_URL``).

Nobody can fill the cache with made-up addresses. A page is stored only when the query is
exactly the one its view validated and declared (``declare_query``): an unknown parameter, an
invalid or oddly spelled value, or a repeated name is answered but never stored. What stays
unbounded is valid free text (a search for any words): each process's memory bound, and
Redis's memory limit and eviction policy (README, "Production"), bound that.
"""

import fcntl
import hashlib
import logging
import os
import tempfile
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db import DatabaseError, models, transaction
from django.http import HttpResponse
from django.http.request import split_domain_port
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from redis.exceptions import RedisError
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Page, Site
from wagtail.models.sites import get_site_for_hostname

from safeguarding_site.addresses import public_url

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
FRONT_END_ADDRESSES_KEY = "pagecache:front-end-addresses"
CACHE_SECONDS = 60 * 60  # how long Redis keeps a copy (a purge makes it unreachable sooner)
UNCACHED_PREFIXES = (
    "/admin/",
    "/login/",
    "/logout/",
    "/documents/",
    "/media/",
    "/health/",
    "/static/",
)
REDIS_BACKEND = "django_redis.cache.RedisCache"
# While Redis cannot be reached, how often a process tries it again (each try may cost the
# connection time-out of the CACHES options).
RETRY_SECONDS = 5
# Set on each answer, never kept with a copy.
PER_ANSWER = {"Cache-Control", "Expires", "X-Page-Cache"}


def first_generation():
    """Where counting starts: the clock, never 1. If the cache evicts or loses the number while
    page copies remain, starting again from a small number would make old copies current."""
    return time.time_ns()


class RedisShared:
    """The generation, and the addresses answered as public, in the Redis behind the default
    cache: every process of every host sees them. Read with the raw client (the generation is
    a plain integer, as django-redis stores integers), one ``GET`` a request.

    The raw client raises ``RedisError`` when Redis cannot be reached, whatever the cache's
    ``IGNORE_EXCEPTIONS``: a generation that could not be read is never taken for one that
    has not moved on.
    """

    pages_shared = True

    def __init__(self):
        from django_redis import get_redis_connection

        self.client = get_redis_connection("default")
        self.generation_key = cache.make_and_validate_key(GENERATION_KEY)
        self.addresses_key = cache.make_and_validate_key(FRONT_END_ADDRESSES_KEY)

    def generation(self):
        value = self.client.get(self.generation_key)
        if value is None:
            self.client.set(self.generation_key, first_generation(), nx=True)
            value = self.client.get(self.generation_key)
        return first_generation() if value is None else int(value)

    def advance(self):
        # INCR of a lost key would start again at 1: start from the clock instead.
        if not self.client.set(self.generation_key, first_generation(), nx=True):
            self.client.incr(self.generation_key)

    def note_address(self, address):
        self.client.sadd(self.addresses_key, address)

    def take_addresses(self):
        pipeline = self.client.pipeline(transaction=True)
        pipeline.smembers(self.addresses_key)
        pipeline.delete(self.addresses_key)
        members, _ = pipeline.execute()
        return sorted(member.decode() for member in members)


class FileShared:
    """The generation, and the addresses answered as public, in files of ``PAGE_CACHE_DIR``:
    every process of one host sees them (several hosts need Redis).

    The generation is the modification time, in nanoseconds, of one file: one ``stat`` a
    request. A purge replaces the file with one whose time is later than the last (on a file
    system that keeps only seconds, a second later), so no two generations are alike.
    """

    pages_shared = False

    def __init__(self, folder):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.generation_file = str(self.folder / "generation")
        self.addresses_file = self.folder / "front-end-addresses"

    def generation(self):
        try:
            return os.stat(self.generation_file).st_mtime_ns
        except FileNotFoundError:
            self.advance()
            return os.stat(self.generation_file).st_mtime_ns

    def advance(self):
        try:
            previous = os.stat(self.generation_file).st_mtime_ns
        except FileNotFoundError:
            previous = 0
        stamp = max(first_generation(), previous + 1)
        while True:
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".generation-")
            os.close(handle)
            os.utime(temporary, ns=(stamp, stamp))
            if os.stat(temporary).st_mtime_ns != previous:
                os.replace(temporary, self.generation_file)
                return
            os.unlink(temporary)  # the file system rounded the time to the last one
            stamp += 10**9

    def note_address(self, address):
        with open(self.addresses_file, "a", encoding="utf-8") as book:
            fcntl.flock(book, fcntl.LOCK_EX)
            book.write(address + "\n")

    def take_addresses(self):
        with open(self.addresses_file, "a+", encoding="utf-8") as book:
            fcntl.flock(book, fcntl.LOCK_EX)
            book.seek(0)
            addresses = sorted(set(book.read().split()))
            book.truncate(0)
        return addresses


_shared = None


def shared():
    """Where the generation lives for these settings: Redis when the default cache is Redis,
    else this host's ``PAGE_CACHE_DIR``."""
    global _shared
    if _shared is None:
        if settings.CACHES["default"]["BACKEND"] == REDIS_BACKEND:
            _shared = RedisShared()
        else:
            _shared = FileShared(settings.PAGE_CACHE_DIR)
    return _shared


class MissedPurge(models.Model):
    """A purge of the page cache that could not reach Redis: kept until a process that can
    starts a new generation for it (``settle_missed_purges``)."""

    missed_at = models.DateTimeField(
        auto_now_add=True, help_text="When the purge could not reach Redis."
    )

    class Meta:
        verbose_name = "missed page cache purge"

    def __str__(self):
        return f"Page cache purge missed at {self.missed_at:%Y-%m-%d %H:%M:%S}"


class Outage:
    """What this process knows of Redis being unreachable: since when (``None`` while it
    answers), so that an outage is logged once and Redis tried again only every
    ``RETRY_SECONDS``; and, through ``trusted_generation``, that no copy is trusted again
    before the purges missed meanwhile are settled."""

    def __init__(self):
        self.lock = threading.Lock()
        self.since = None
        self.next_try = 0.0
        self.failures = 0

    def failed(self, error):
        """Note that Redis could not be reached; the first failure of an outage is logged."""
        now = time.monotonic()
        with self.lock:
            first = self.since is None
            if first:
                self.since = now
            self.next_try = now + RETRY_SECONDS
            self.failures += 1
        if first:
            logger.warning(
                "The page cache cannot reach Redis (%s): pages are answered without it, and "
                "purges are written to the database, until it answers again.",
                error,
            )

    def may_try(self):
        """Whether to ask Redis now: always while it answers, else every ``RETRY_SECONDS``."""
        return self.since is None or time.monotonic() >= self.next_try

    def ended(self, failures):
        """Redis answers again, and the purges missed meanwhile are settled: unless another
        thread has failed to reach it since this one counted ``failures`` failures."""
        with self.lock:
            if self.failures != failures:
                return
            since, self.since = self.since, None
        if since is not None:
            logger.warning(
                "The page cache reaches Redis again, after %.0f s; missed purges settled.",
                time.monotonic() - since,
            )


outage = Outage()


def generation():
    """The current generation: what every cached copy (pages, listing counts) is kept under.
    Raises ``RedisError`` when Redis cannot be reached."""
    return shared().generation()


def trusted_generation():
    """The generation to serve and store copies under, or ``None`` while Redis cannot be
    reached: the request is then answered afresh, and nothing is stored.

    A process that has failed to reach Redis (``outage``) trusts no copy again, in Redis or
    its own memory, until it has settled the purges missed meanwhile.
    """
    if not outage.may_try():
        return None
    failures = outage.failures
    try:
        if outage.since is not None:
            settle_missed_purges()
        current = shared().generation()
    except RedisError as error:
        outage.failed(error)
        return None
    outage.ended(failures)
    return current


def next_generation():
    """Start a new generation; one that cannot reach Redis is written down instead
    (``note_missed_purge``), for the first process that reaches it again to make good."""
    if outage.may_try():
        try:
            shared().advance()
            return
        except RedisError as error:
            outage.failed(error)
    note_missed_purge()


def note_missed_purge():
    """Write down a purge that could not reach Redis (``MissedPurge``): in the editor's
    transaction when there is one (so it is seen with the change, or not at all), in a
    savepoint of its own, so that the editor's save never fails for it."""
    try:
        with transaction.atomic():
            MissedPurge.objects.create()
    except DatabaseError:
        logger.exception(
            "A page cache purge reached neither Redis nor the database: copies made before "
            "it may be served until Redis drops them."
        )


def settle_missed_purges():
    """Make good the purges that could not reach Redis: a new generation, so that no copy
    made before them is served again, in Redis or in any process's memory; then Wagtail's site
    root paths (whose clearing, through the default cache, may have been lost too) and the
    front-end cache. Returns how many were settled.

    Raises ``RedisError`` while Redis still cannot be reached: the purges stay written down.
    Only those read here are deleted, so one written meanwhile waits for the next settling.
    """
    missed = list(MissedPurge.objects.values_list("pk", flat=True))
    if missed:
        shared().advance()
        Site.clear_site_root_paths_cache()
        purge_front_end_cache()
        MissedPurge.objects.filter(pk__in=missed).delete()
    return len(missed)


def front_end_cache_configured():
    """Whether a front-end cache (a CDN) is configured to be purged (``WAGTAILFRONTENDCACHE``)."""
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def purge_front_end_cache():
    """Purge the front-end cache of every address answered as public since the last purge,
    through Wagtail's front-end cache backends (a no-op when none is configured). While Redis
    cannot be reached, the addresses wait there for the purge that settles this one."""
    if not (front_end_cache_configured() and outage.may_try()):
        return
    try:
        addresses = shared().take_addresses()
    except RedisError as error:
        outage.failed(error)
        return
    purge_urls_from_cache(addresses)


def after_commit():
    """The second half of a purge, once the change is saved: a new generation again (a request
    that read the data before the commit may have stored the old page under the first new
    one), then the front-end cache."""
    next_generation()
    purge_front_end_cache()


def purge_all(**kwargs):
    """Drop every cached page (signal receiver: takes and ignores any signal's arguments).

    Once now, and again when the change is committed (``after_commit``). A front-end cache
    that cannot be reached is logged, never turned into an error for the editor; nor is
    Redis (``next_generation``).
    """
    next_generation()
    transaction.on_commit(after_commit, robust=True)


def purge_on_page_save(sender, instance, update_fields=None, **kwargs):
    """``post_save`` of any model: a live page saved whole (made live without a publish, as a
    fixture or a script does, or edited in place) may change what pages show. A draft saved in
    the editor saves only its revision bookkeeping (``update_fields``) and is ignored."""
    if isinstance(instance, Page) and instance.live and update_fields is None:
        purge_all()


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


class Address(NamedTuple):
    """What a copy is kept under: the site's id, the path, the non-empty parameters by name."""

    site: int
    path: str
    query: str

    def location(self):
        """The address as the site links it: path and canonical query."""
        return f"{self.path}?{self.query}" if self.query else self.path

    def shared_key(self, generation):
        digest = hashlib.sha256(f"{self.site}|{self.location()}".encode()).hexdigest()
        # "pages:", not the "pagecache:" of copies stored whole before: those never unpickle
        # into a StoredPage, so they must never be read.
        return f"pages:{generation}:{digest}"


class StoredPage(NamedTuple):
    """A cached answer as it left the site's middleware, and the empty parameters that may be
    ignored when serving it."""

    status: int
    headers: tuple
    content: bytes
    blank_means_absent: frozenset

    @property
    def size(self):
        return len(self.content) + sum(len(name) + len(value) for name, value in self.headers)

    def response(self):
        return HttpResponse(self.content, status=self.status, headers=dict(self.headers))


class LocalPages:
    """This process's copies, for one generation, least recently used dropped first once they
    take more than ``PAGE_CACHE_LOCAL_BYTES``; the site each host name and port is for; and
    what every page's frame reads from the tree (``kept_this_generation``)."""

    SITES_KEPT = 64  # host names (ALLOWED_HOSTS may allow a whole domain)

    def __init__(self):
        self.lock = threading.Lock()
        self.clear()

    def clear(self, generation=None):
        self.generation = generation
        self.pages = OrderedDict()
        self.sites = {}
        self.kept = {}
        self.size = 0

    def current(self, generation):
        """Start afresh if the generation has moved on (takes the lock)."""
        if generation != self.generation:
            self.clear(generation)

    def get(self, generation, address):
        with self.lock:
            self.current(generation)
            stored = self.pages.get(address)
            if stored is not None:
                self.pages.move_to_end(address)
            return stored

    def put(self, generation, address, stored):
        """Keep ``stored``, unless a purge has come since its request read ``generation``."""
        limit = settings.PAGE_CACHE_LOCAL_BYTES
        with self.lock:
            if generation != self.generation or stored.size > limit:
                return
            previous = self.pages.pop(address, None)
            if previous is not None:
                self.size -= previous.size
            self.pages[address] = stored
            self.size += stored.size
            while self.size > limit:
                _, dropped = self.pages.popitem(last=False)
                self.size -= dropped.size

    def site_for(self, generation, hostname, port):
        """The Wagtail site for this host name and port, with its root page (``None``: no
        site), read from the database once a generation (a change to the sites is a purge)."""
        if generation is None:  # Redis cannot be reached: nothing is trusted, nor kept
            return site_for_hostname(hostname, port)
        with self.lock:
            self.current(generation)
            if (hostname, port) in self.sites:
                return self.sites[(hostname, port)]
        site = site_for_hostname(hostname, port)
        with self.lock:
            if generation == self.generation:
                if len(self.sites) >= self.SITES_KEPT:
                    self.sites.clear()
                self.sites[(hostname, port)] = site
        return site

    def keep(self, generation, key, work_out):
        """``work_out()``, worked out once a generation in this process and kept under
        ``key`` (a value the purge of any change it depends on makes stale); worked out
        afresh while the generation cannot be read (``None``)."""
        if generation is None:
            return work_out()
        with self.lock:
            self.current(generation)
            if key in self.kept:
                return self.kept[key]
        value = work_out()
        with self.lock:
            if generation == self.generation:
                self.kept[key] = value
        return value


def site_for_hostname(hostname, port):
    """Wagtail's site for this host name and port, ``None`` if there is none (no default site:
    answered, never stored)."""
    try:
        return get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None


local_pages = LocalPages()


def request_generation(request):
    """The generation this request reads (``trusted_generation``), read once: the page cache
    reads it first. ``None`` while Redis cannot be reached: nothing is kept for it."""
    if not hasattr(request, "page_cache_generation"):
        request.page_cache_generation = trusted_generation()
    return request.page_cache_generation


def kept_this_generation(request, key, work_out):
    """``work_out()`` for everything this process answers until the next purge: for what every
    page shows and only the changes that purge can change (the main menu's pages). Kept with
    the page copies, so it is as current as they are: never older than the generation the
    request began in."""
    return local_pages.keep(request_generation(request), key, work_out)


def forget_local_pages():
    """Empty this process's copies (tests start each from nothing)."""
    with local_pages.lock:
        local_pages.clear()


def settings_changed(setting, **kwargs):
    """Tests swap the cache or the folder: find the generation where the new settings say."""
    global _shared, outage
    if setting in ("CACHES", "PAGE_CACHE_DIR"):
        _shared = None
        outage = Outage()
        forget_local_pages()


setting_changed.connect(settings_changed, dispatch_uid="page_cache_settings_changed")


def reader_has_session(request):
    """Whether the request carries a session or messages cookie: it may be signed in, or be
    shown something for it alone."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES


def is_anonymous_request(request):
    return (
        request.method in ("GET", "HEAD")
        and not reader_has_session(request)
        and not request.path.startswith(UNCACHED_PREFIXES)
    )


def page_address(request, generation):
    """The ``Address`` of this request's copy, or ``None`` if it has no site.

    ``request.get_host()`` refuses a host outside ``ALLOWED_HOSTS`` (a 400), before anything
    is looked up. The site is found as Wagtail finds it: the host name, and the port the
    server was reached on; the port a ``Host`` header names is not part of the key.
    """
    hostname, _ = split_domain_port(request.get_host())
    site = local_pages.site_for(generation, hostname, request.get_port())
    if site is None:
        return None
    return Address(site.pk, request.path, urlencode(filled_parameters(request)))


class WagtailSiteMiddleware:
    """Find the request's Wagtail site once a generation in this process, not once a request.

    Wagtail's ``Site.find_for_request`` asks the database for every request, and keeps the
    answer on the request (``request._wagtail_site``, as its docstring says): this gives it
    that answer first, found as Wagtail finds it (the host name as sent, the server's port).
    A change to the sites is a purge, so the kept answer is never older than the generation.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    # Addresses that are never pages: the health check reads nothing but the database's
    # answer, static files and media need no site, and the admin finds its own when it must.
    NO_SITE_NEEDED = ("/health/", "/static/", "/media/", "/documents/", "/admin/")

    def __call__(self, request):
        if not request.path.startswith(self.NO_SITE_NEEDED):
            hostname, _ = split_domain_port(request._get_raw_host())
            request._wagtail_site = local_pages.site_for(
                request_generation(request), hostname, request.get_port()
            )
        return self.get_response(request)


def public_cache_control():
    """``Cache-Control`` of a stored answer: browsers and CDNs may keep it (briefly)."""
    return (
        f"public, max-age={settings.PAGE_CACHE_BROWSER_SECONDS}, "
        f"s-maxage={settings.PAGE_CACHE_CDN_SECONDS}, "
        f"stale-while-revalidate={settings.PAGE_CACHE_STALE_SECONDS}"
    )


def spelled_as_linked(request, address):
    """Whether the raw query is the address's own (the one a CDN copy would be purged by)."""
    return request.META.get("QUERY_STRING", "") == address.query


class PageCacheMiddleware:
    """Serve and store public pages for anonymous visitors, before the middleware a copy does
    not need (module docstring), and mark every other answer as never to be stored."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_ENABLED:
            return kept_private(request, self.get_response(request))
        if not is_anonymous_request(request):
            response = self.get_response(request)
            if request.path.startswith(UNCACHED_PREFIXES) and not reader_has_session(request):
                return kept_private(request, response)  # documents, health: their own headers
            return kept_private(request, response, always=True)
        current = request.page_cache_generation = trusted_generation()
        if current is None:
            return never_stored(self.get_response(request))
        shared_state = shared()
        address = page_address(request, current)
        if address is None:
            return never_stored(self.get_response(request))
        stored = local_pages.get(current, address)
        if stored is None and shared_state.pages_shared:
            stored = cache.get(address.shared_key(current))
            if isinstance(stored, StoredPage):
                local_pages.put(current, address, stored)
        # The lookup ignores empty values; serve the copy only where its view said that an
        # empty value means the same page (``/search/?q=`` is an error, ``/search/`` is not).
        # With a name repeated, the view reads the last value, which may be one the key left
        # out (``?theme=x&theme=``): answer afresh.
        if (
            isinstance(stored, StoredPage)
            and blank_parameters(request) <= stored.blank_means_absent
            and not has_repeated_names(request)
        ):
            response = stored.response()
            response["X-Page-Cache"] = "hit"
            return self.public(request, address, response)
        response = self.get_response(request)
        if not (storable(request, response) and query_is_canonical(request)):
            return never_stored(response)
        declared = getattr(request, "canonical_query", None)
        patch_vary_headers(response, ("Cookie",))
        stored = StoredPage(
            status=response.status_code,
            headers=tuple(
                (name, value) for name, value in response.items() if name not in PER_ANSWER
            ),
            content=response.content,
            blank_means_absent=declared.blank_means_absent if declared else frozenset(),
        )
        if front_end_cache_configured():
            # Noted before the answer leaves, so a purge from now on includes it.
            try:
                shared_state.note_address(public_url(address.location()))
            except RedisError as error:
                outage.failed(error)
                return never_stored(response)
        local_pages.put(current, address, stored)
        if shared_state.pages_shared:
            cache.set(address.shared_key(current), stored, CACHE_SECONDS)
        response["X-Page-Cache"] = "miss"
        return self.public(request, address, response)

    @staticmethod
    def public(request, address, response):
        """A stored answer: public for a CDN at its own address (the one a purge names), kept
        by no shared cache at any other spelling of it."""
        if spelled_as_linked(request, address):
            response["Cache-Control"] = public_cache_control()
            return response
        return never_stored(response)


def storable(request, response):
    cache_control = response.get("Cache-Control", "")
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
        and "no-cache" not in cache_control
    )


def kept_private(request, response, *, always=False):
    """Mark never stored an answer to a reader with a session or signed in, or one that sets a
    cookie (``always``: any answer to a request the cache would not look up)."""
    user = getattr(request, "user", None)
    if (
        always
        or reader_has_session(request)
        or response.cookies
        or (user is not None and user.is_authenticated)
    ):
        never_stored(response)
    return response


def never_stored(response):
    """Mark ``response`` ``Cache-Control: private, no-store`` (and expired): no browser,
    proxy or CDN keeps a copy, and this page cache does not store it either."""
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    return response
