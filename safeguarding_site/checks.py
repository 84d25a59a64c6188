"""Checks for ``manage.py check --deploy``: what production needs of the services around it,
and the addresses it names in the links and mail it sends."""

from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.http.request import validate_host
from django_redis import get_redis_connection
from redis.exceptions import RedisError

REDIS_BACKEND = "django_redis.cache.RedisCache"


def redis_memory_warnings(memory):
    """Warnings for a Redis whose ``INFO memory`` is ``memory``, for the page cache.

    Valid but never-repeated searches are each a new page to cache, so only Redis's memory
    limit bounds the cache. At the limit, Redis must evict; with ``noeviction`` it refuses
    every write, so no page would be stored, every purge would go through the database and the
    public forms would refuse posts, as while Redis is down.
    """
    warnings = []
    if not int(memory.get("maxmemory", 0)):
        warnings.append(
            Warning(
                "The Redis cache has no memory limit: pages cached for searches nobody "
                "repeats can fill it until the host runs out of memory.",
                hint="Set maxmemory (256mb serves this site) and maxmemory-policy "
                "allkeys-lru in redis.conf (README: Production).",
                id="safeguarding.W001",
            )
        )
    if memory.get("maxmemory_policy", "noeviction") == "noeviction":
        warnings.append(
            Warning(
                "The Redis cache refuses writes when full (maxmemory-policy noeviction): "
                "pages would then no longer be cached, and the public forms would refuse posts.",
                hint="Set maxmemory-policy allkeys-lru in redis.conf (README: Production).",
                id="safeguarding.W002",
            )
        )
    return warnings


@register(Tags.caches, deploy=True)
def redis_evicts_at_a_memory_limit(app_configs, **kwargs):
    """The shared cache (Redis) has a memory limit and makes room when it reaches it."""
    if settings.CACHES["default"]["BACKEND"] != REDIS_BACKEND:
        return []
    try:
        # INFO rather than CONFIG GET: managed Redis services often disable CONFIG.
        memory = get_redis_connection("default").info("memory")
    except RedisError as error:
        return [
            Warning(
                f"Could not read the Redis cache's memory settings: {error}",
                hint="Check REDIS_URL, and that the server answers INFO.",
                id="safeguarding.W003",
            )
        ]
    return redis_memory_warnings(memory)


# Host names that mean "this machine" (0.0.0.0 is named here, never bound to).
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}  # noqa: S104


def site_url_warnings(site_url, allowed_hosts):
    """Warnings for a ``SITE_URL`` that emails, feeds, exports and printed briefings could not
    be followed by: not an https address of a host alone, this machine, or a host the site
    refuses to serve."""
    hint = "Set DJANGO_SITE_URL to the public address, e.g. https://safeguarding.example.org."
    parts = urlsplit(site_url)
    if parts.scheme != "https" or not parts.hostname or parts.path or parts.query:
        return [
            Warning(
                f"SITE_URL {site_url!r} is not an https address of the site (scheme and host, "
                "no path): links in emails, feeds, exports and printed briefings need it.",
                hint=hint,
                id="safeguarding.W004",
            )
        ]
    if parts.hostname in LOCAL_HOSTS or parts.hostname.endswith(".localhost"):
        return [
            Warning(
                f"SITE_URL {site_url!r} names this machine: links in emails, feeds, exports "
                "and printed briefings would lead nowhere for their readers.",
                hint=hint,
                id="safeguarding.W005",
            )
        ]
    if not validate_host(parts.hostname, allowed_hosts):
        return [
            Warning(
                f"SITE_URL's host {parts.hostname!r} is not in ALLOWED_HOSTS: the site would "
                "refuse the links it sends.",
                hint="Add it to DJANGO_ALLOWED_HOSTS, or correct DJANGO_SITE_URL.",
                id="safeguarding.W006",
            )
        ]
    return []


@register(Tags.urls, deploy=True)
def site_url_is_the_public_address(app_configs, **kwargs):
    """``SITE_URL`` is the site's public https address, which the site serves."""
    return site_url_warnings(settings.SITE_URL, settings.ALLOWED_HOSTS)


def sender_warnings(setting_name, address):
    """A warning when mail would come from a local address, which mail servers refuse."""
    _, email = parseaddr(address)
    domain = email.rpartition("@")[2].lower()
    if domain and domain not in LOCAL_HOSTS and "." in domain:
        return []
    return [
        Warning(
            f"{setting_name} is {address!r}: mail servers refuse or bin mail from an address "
            "that is not on a real domain.",
            hint=f"Set DJANGO_{setting_name} to the partnership's address, "
            "e.g. no-reply@safeguarding.example.org.",
            id="safeguarding.W007",
        )
    ]


@register(Tags.compatibility, deploy=True)
def mail_comes_from_a_real_address(app_configs, **kwargs):
    """The site's mail, and its error reports, come from addresses on a real domain."""
    return sender_warnings("DEFAULT_FROM_EMAIL", settings.DEFAULT_FROM_EMAIL) + sender_warnings(
        "SERVER_EMAIL", settings.SERVER_EMAIL
    )
