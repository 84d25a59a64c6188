"""Checks for ``manage.py check --deploy``: what production needs of the services around it."""

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django_redis import get_redis_connection
from redis.exceptions import RedisError

REDIS_BACKEND = "django_redis.cache.RedisCache"


def redis_memory_warnings(memory):
    """Warnings for a Redis whose ``INFO memory`` is ``memory``, for the page cache.

    Valid but never-repeated searches are each a new page to cache, so only Redis's memory
    limit bounds the cache. At the limit, Redis must evict; with ``noeviction`` it refuses
    every write, so every page store and every purge would fail with an error.
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
                "pages and purges would then fail with server errors.",
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
