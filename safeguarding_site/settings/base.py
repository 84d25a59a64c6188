"""Settings shared by every environment: secure by default, relaxed only in ``dev``.

Environment variables read here:

- ``DATABASE_URL``: a database URL (``postgres://...``); SQLite in the project folder otherwise.
- ``REDIS_URL``: a Redis URL for the shared cache; a local-memory cache otherwise.
- ``DJANGO_PARTNERSHIP_EMAIL``: where requests for full reports go if the partnership
  settings have no email address.
- ``DJANGO_SITE_URL``: the site's public address, e.g. ``https://safeguarding.example.org``
  (``WAGTAILADMIN_BASE_URL`` is read if it is not set, as it once was).
- ``LINK_CHECK_CONTACT``: an email address the link checker gives in its User-Agent.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

DEBUG = False

INSTALLED_APPS = [
    "safeguarding_site",
    "reviews",
    "learning",
    "alerts",
    "impact",
    "demo",
    "wagtail.contrib.settings",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous visitors' pages from the page cache, before the middleware a copy does not need
    # (safeguarding_site/cache.py says why each is not needed); it marks every other answer.
    "safeguarding_site.cache.PageCacheMiddleware",
    # Wagtail's site for the request, found once a generation (cache.py).
    "safeguarding_site.cache.WagtailSiteMiddleware",
    "safeguarding_site.security.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Rich text rendered for this request asks the privacy rule about this reader.
    "safeguarding_site.privacy.ReaderMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "safeguarding_site.two_factor.AdminTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Inside CSP and X-Frame-Options: lets the admin frame the editor's preview, only that.
    "safeguarding_site.security.PreviewFrameMiddleware",
    # Any request to an address under the secure area, or a redirect to one, from a reader who
    # may not open it: one answer, whatever the method and whether a page is there or not.
    # Inside the header middleware, outside Wagtail's redirects.
    "safeguarding_site.secure_area.SecureAreaMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # A public form whose hourly counts Redis cannot give answers 503 (form_guard).
    "safeguarding_site.form_guard.CountsUnavailableMiddleware",
    # Last, as django-axes requires: turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "safeguarding_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "safeguarding_site.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=600,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL full-text search for Wagtail's database search backend.
    INSTALLED_APPS.append("django.contrib.postgres")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def redis_caches(url):
    """CACHES in the Redis at ``url``, by what a use must do while Redis cannot be reached.

    - ``default``: copies of what the database holds (Wagtail's site root paths and image
      renditions, the page cache's copies): a miss, and a write that does nothing, so pages,
      sign-in and the admin go on from the database. The page cache reads its generation
      with the raw client, which raises (``safeguarding_site.cache``).
    - ``limits``: the public forms' counts, which must never be taken as zero: it raises, and
      the form answers 503 (``safeguarding_site.form_guard``).

    A Redis that does not answer costs a call at most the time-outs, in seconds.
    """
    limits = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": "safeguarding",
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 1},
    }
    default = {**limits, "OPTIONS": {**limits["OPTIONS"], "IGNORE_EXCEPTIONS": True}}
    return {"default": default, "limits": limits}


# The Redis behind REDIS_URL holds only these caches; it must evict at a memory limit (README,
# "Production"), since searches nobody repeats are each a page of their own.
if os.environ.get("REDIS_URL"):
    CACHES = redis_caches(os.environ["REDIS_URL"])
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "limits": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "limits",
        },
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Media on an S3-compatible bucket, when AWS_STORAGE_BUCKET_NAME is set, so that several hosts
# share one media store (django-storages; credentials as boto3 finds them: AWS_ACCESS_KEY_ID
# and AWS_SECRET_ACCESS_KEY, or the host's role). AWS_S3_ENDPOINT_URL names a service other
# than Amazon's (MinIO, Ceph...), AWS_S3_REGION_NAME its region. The bucket stays private:
# nothing is linked at its address (safeguarding_site.media.SiteServedS3Storage), images are
# streamed by /media/ and documents only by the checked view.
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "safeguarding_site.media.SiteServedS3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }

LOGIN_URL = "/login/"

# Anonymous visitors get public pages from the cache (safeguarding_site/cache.py). Listings
# keep their filter-option counts in the database (safeguarding_site/option_counts.py).
PAGE_CACHE_ENABLED = True
# Without Redis, the processes of one host share the page cache's generation (what a purge
# changes) through a file in this folder; it must be writable by every gunicorn worker.
PAGE_CACHE_DIR = Path(os.environ.get("DJANGO_PAGE_CACHE_DIR", BASE_DIR / "var" / "page-cache"))
# How much memory each process's copies may take.
PAGE_CACHE_LOCAL_BYTES = 32 * 1024 * 1024
# Front-end cache (a CDN or a caching proxy) purged with the page cache, through Wagtail's
# frontend_cache backends, when configured here from the environment:
# - FRONTEND_CACHE_PURGE_URL: a proxy that takes HTTP PURGE requests (Varnish, nginx);
# - FRONTEND_CACHE_CLOUDFLARE_TOKEN and FRONTEND_CACHE_CLOUDFLARE_ZONE: Cloudflare;
# - FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION: Amazon CloudFront (credentials as boto3 finds them).
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if os.environ.get("FRONTEND_CACHE_CLOUDFLARE_TOKEN"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ["FRONTEND_CACHE_CLOUDFLARE_TOKEN"],
        "ZONEID": os.environ.get("FRONTEND_CACHE_CLOUDFLARE_ZONE", ""),
    }
if os.environ.get("FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION"],
    }
# What a stored (public) answer lets others keep: a browser briefly (it cannot be purged); a
# CDN longer when purges reach it, else as briefly; a stale copy while the CDN asks again.
PAGE_CACHE_BROWSER_SECONDS = 60
PAGE_CACHE_CDN_SECONDS = 600 if WAGTAILFRONTENDCACHE else 60
PAGE_CACHE_STALE_SECONDS = 30

# Sessions and CSRF cookies never reach scripts; HTTPS-only cookies are set in production.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# No page may be framed, except the editor's preview by the admin's own pages
# (safeguarding_site.security.PreviewFrameMiddleware: SAMEORIGIN and frame-ancestors 'self').
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)

# Content Security Policy on every public page, with no 'unsafe-inline'. The Wagtail admin
# still needs inline code, so it is left out.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Requests for an archived review's full report (reviews.report_requests): how many one client
# and everyone together may send in an hour, how many days a request is kept (the nightly job
# delete_old_report_requests), and where requests go when the partnership settings have no
# email address.
FULL_REPORT_REQUESTS_PER_CLIENT_PER_HOUR = 5
FULL_REPORT_REQUESTS_PER_HOUR = 30
FULL_REPORT_REQUEST_RETENTION_DAYS = 365
PARTNERSHIP_EMAIL = os.environ.get("DJANGO_PARTNERSHIP_EMAIL", "")

# Email alerts (alerts/): how many subscribe forms one client and everyone together may send in
# an hour; how many confirmation emails one address may get in a day, however often the form
# is sent for it; how many days a confirmation link works; where the alerts' privacy notice is
# (a page under the home page).
ALERT_SUBSCRIPTIONS_PER_CLIENT_PER_HOUR = 5
ALERT_SUBSCRIPTIONS_PER_HOUR = 100
ALERT_CONFIRMATIONS_PER_ADDRESS_PER_DAY = 2
ALERT_CONFIRMATION_DAYS = 3
ALERTS_PRIVACY_NOTICE_PATH = "/privacy/email-alerts/"
# The public forms of the impact app (impact.views): how many "We used this briefing" records
# and how many answers to "Was this page useful?" one client and everyone together may send in
# an hour.
BRIEFING_USES_PER_CLIENT_PER_HOUR = 10
BRIEFING_USES_PER_HOUR = 100
PAGE_FEEDBACK_PER_CLIENT_PER_HOUR = 10
PAGE_FEEDBACK_PER_HOUR = 200

# Brute force (django-axes; the rules in safeguarding_site/lockout.py): five wrong passwords
# within the hour for one username (from any client, in any case), or from one client (for any
# usernames), lock that username or that client out of every sign-in form for an hour. A
# successful sign-in forgives only that username's failures from that client, never another
# account's. Unlock with `manage.py axes_reset_username <name>`, `axes_reset_ip <address>` or
# `axes_reset` (everyone).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(hours=1)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "safeguarding_site.lockout.SignInAttemptHandler"
AXES_RESET_ON_SUCCESS = True  # narrowed to one username and client by the handler above
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "safeguarding_site.lockout.lockout_username"
# The client's address, read behind TRUSTED_PROXY_COUNT proxies (0: the connection's address).
AXES_CLIENT_IP_CALLABLE = "safeguarding_site.lockout.client_ip_address"
TRUSTED_PROXY_COUNT = 0

# Two-factor authentication (TOTP) for the admin; production requires it.
ADMIN_REQUIRE_TWO_FACTOR = os.environ.get("ADMIN_REQUIRE_TWO_FACTOR", "") == "1"
OTP_TOTP_ISSUER = "Safeguarding partnership admin"

# Wagtail
WAGTAIL_SITE_NAME = "Safeguarding Children Partnership"
# The site's public address: scheme and host (and port, if not the scheme's own), no path. The
# one setting for every link that leaves the site - in emails (Wagtail's too), feeds, exports
# and the printable briefings (safeguarding_site.addresses) - so they name the real site
# whatever host a request came in by, or with no request at all (a scheduled job).
# `check --deploy` warns when it is not a public https address.
SITE_URL = (
    os.environ.get("DJANGO_SITE_URL")
    or os.environ.get("WAGTAILADMIN_BASE_URL")
    or "http://127.0.0.1:8000"
).rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
# Wagtail's database backend: PostgreSQL full-text search (English stemming) on PostgreSQL,
# FTS5 on SQLite. SEARCH_CONFIG is read only by the PostgreSQL backend.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "english"}
}
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"

# Privacy: group restrictions only, never a shared password (DESIGN.md "Privacy model").
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}
# Every download goes through Wagtail's checked view, never MEDIA_URL.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Uploads from a members-only page's editor default to the members' collection; a document
# needs a real title (safeguarding_site/document_forms.py).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "safeguarding_site.document_forms.PartnershipDocumentForm"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024

# Members sign in on the site's own login page, not the admin's.
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
# The admin's sign-in form refuses an over-long username as the members' does.
WAGTAILADMIN_USER_LOGIN_FORM = "safeguarding_site.accounts.AdminLoginForm"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# Link checks (manage.py check_links, learning/link_checks.py). The checker names the site and
# this contact in its User-Agent, so a site's owner can write to us. It never connects to
# loopback, private or link-local addresses; only the tests' local server needs loopback.
LINK_CHECK_CONTACT = os.environ.get("LINK_CHECK_CONTACT", "")
LINK_CHECK_ALLOW_LOOPBACK = False
