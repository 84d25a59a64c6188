"""Test settings: fast password hashing and plain static storage (no manifest to build)."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Static files come from the app folders in tests; there is no collectstatic output to scan.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# Each test builds its own pages at the same addresses; the cache's own tests switch it on.
PAGE_CACHE_ENABLED = False
# The page cache's generation file (without Redis): this test run's own.
# (DJANGO_PAGE_CACHE_DIR: another process's, to share it.)
PAGE_CACHE_DIR = Path(
    os.environ.get("DJANGO_PAGE_CACHE_DIR")
    or tempfile.mkdtemp(prefix="safeguarding-test-page-cache-")
)

if not os.environ.get("DJANGO_PAGE_CACHE_DIR"):
    atexit.register(shutil.rmtree, PAGE_CACHE_DIR, ignore_errors=True)
