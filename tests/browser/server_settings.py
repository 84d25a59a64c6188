"""Settings of the live server the browser tests drive (see ``conftest.live_site``).

The test settings, with two changes: uploaded and generated files go to the scratch folder
named by ``BROWSER_TEST_MEDIA_ROOT`` (base settings put them in the project's media/), and the
sign-in lockout allows more failures, because several browser tests each submit one wrong
password from 127.0.0.1. The lockout itself is tested in tests/test_security.py.
"""

import os
from pathlib import Path

from safeguarding_site.settings.test import *  # noqa: F403

MEDIA_ROOT = Path(os.environ["BROWSER_TEST_MEDIA_ROOT"])

AXES_FAILURE_LIMIT = 50

# The static files do not change while the tests run: find them once, not on every request.
WHITENOISE_AUTOREFRESH = False

# A page that fails on the server leaves its traceback in the server's log (gunicorn.log in
# the browser tests' scratch folder), which a failing page visit quotes.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR"}},
}
