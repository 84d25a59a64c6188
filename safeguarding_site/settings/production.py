"""Production: gunicorn behind a TLS-terminating proxy.

Required: ``DJANGO_SECRET_KEY`` (the site refuses to start without it) and
``DJANGO_ALLOWED_HOSTS`` (comma-separated). Expected (``check --deploy`` warns without them):
``DJANGO_SITE_URL`` (base settings) and ``DJANGO_DEFAULT_FROM_EMAIL``. Optional:
``DJANGO_CSRF_TRUSTED_ORIGINS`` (comma-separated, with scheme), ``DATABASE_URL``, ``REDIS_URL``,
and the mail server: ``DJANGO_EMAIL_HOST``, ``DJANGO_EMAIL_PORT``, ``DJANGO_EMAIL_HOST_USER``,
``DJANGO_EMAIL_HOST_PASSWORD``, ``DJANGO_EMAIL_USE_TLS`` or ``DJANGO_EMAIL_USE_SSL``,
``DJANGO_SERVER_EMAIL``.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False

try:
    SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
except KeyError:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is not set: production settings never invent a secret key."
    ) from None
if not SECRET_KEY.strip():
    raise ImproperlyConfigured("DJANGO_SECRET_KEY is empty.")


def _env_list(name):
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"", "0", "false", "no", "off"}


def _env_flag(name):
    """A yes/no variable. Anything else refuses to start: a mistyped "ture" must not quietly
    send mail unencrypted."""
    value = os.environ.get(name, "").strip().lower()
    if value not in TRUE_WORDS | FALSE_WORDS:
        raise ImproperlyConfigured(f"{name} must be 1 or 0 (or true/false), not {value!r}.")
    return value in TRUE_WORDS


ALLOWED_HOSTS = _env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = _env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# TLS ends at the proxy, which says so in X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# The page cache (safeguarding_site/cache.py) is on with or without Redis: each process keeps
# its own copies and checks a generation every process shares (in Redis, or without it in a
# file in DJANGO_PAGE_CACHE_DIR, which only the processes of one host share: several hosts
# need REDIS_URL). That Redis needs a memory limit and an eviction policy (README,
# "Production": maxmemory 256mb, maxmemory-policy allkeys-lru): every valid search is a page of
# its own, and a full Redis that refuses writes would fail every page store and purge.
# `check --deploy` warns.
PAGE_CACHE_ENABLED = True

# Every admin user signs in with a second factor. ADMIN_REQUIRE_TWO_FACTOR=0 switches it off
# only where a deployment has another second factor in front of the admin.
ADMIN_REQUIRE_TWO_FACTOR = os.environ.get("ADMIN_REQUIRE_TWO_FACTOR", "1") != "0"

# The proxy appends the client's address to X-Forwarded-For: lock out that client, not the proxy
# (safeguarding_site.lockout.client_ip_address). DJANGO_PROXY_COUNT: how many proxies append,
# exactly; more lets a client choose its own address, fewer counts a proxy as the client.
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "1"))

# Mail: Wagtail's notifications to editors, requests for a full report to the partnership and
# error reports, through the SMTP server the environment names (by default a mail server on
# this host, as Django has it). A slow server holds a gunicorn worker for at most the timeout.
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _env_flag("DJANGO_EMAIL_USE_TLS")  # STARTTLS, usually port 587
EMAIL_USE_SSL = _env_flag("DJANGO_EMAIL_USE_SSL")  # TLS from the start, usually port 465
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set DJANGO_EMAIL_USE_TLS or DJANGO_EMAIL_USE_SSL, not both.")
EMAIL_TIMEOUT = 10
# Who mail comes from: the site's own messages, and error reports to the administrators.
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = os.environ.get("DJANGO_SERVER_EMAIL", DEFAULT_FROM_EMAIL)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
