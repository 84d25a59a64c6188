"""The site as deployed, in subprocesses: production settings, a scratch database, gunicorn.

Each subprocess takes seconds (importing the site, migrating a database), so
``tests/conftest.py`` starts the ones the selected tests need as soon as collection is done,
and they run while other tests do. A test that needs one waits for it with ``result(name)``.
"""

import atexit
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "safeguarding.example.org"
SITE_URL = f"https://{HOST}"
FROM_EMAIL = f"no-reply@{HOST}"
TIMEOUT_SECONDS = 300

# Production settings with static files from the app folders: a test has no collectstatic
# manifest to read, and no header or lockout depends on how static files are stored.
SCRATCH_SETTINGS = '''"""Production settings, static files from the app folders (no manifest),
uploaded files in the scratch folder."""
from pathlib import Path

from safeguarding_site.settings.production import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = Path(__file__).resolve().parent / "media"
'''

SERVED_REVIEW_SLUG = "demo-served-review"
SERVED_REVIEW_TITLE = "Demo Quillfeather served review"
SERVED_THEME = "Demo theme served"
# A second public review lists two public documents: one in the "Demo board papers"
# collection (moved under the members' collection in a test), one in the root collection
# (added to the members' collection in bulk in another).
DOCUMENTS_REVIEW_SLUG = "demo-served-documents-review"
BOARD_DOCUMENT_TITLE = "Demo Quillfeather board minutes"
BULK_DOCUMENT_TITLE = "Demo Quillfeather action plan"

PREPARE_DATABASE = """
import django
django.setup()
from django.contrib.auth import get_user_model
from django.core.management import call_command
call_command("migrate", verbosity=0, skip_checks=True)
admin = get_user_model().objects.create_superuser(
    "server-admin", "admin@example.org", {password!r}
)
from django_otp.plugins.otp_totp.models import TOTPDevice
TOTPDevice.objects.create(user=admin, name="Authenticator app", confirmed=True, key={key!r})

from tests.factories import (
    ReviewPageFactory, ThemeFactory, UserFactory, create_member, create_site_tree, members_group
)
# A member (an attacker with an account of their own) and someone whose password is guessed.
create_member(username="server-member")
UserFactory(username="server-target")
tree = create_site_tree()
review = ReviewPageFactory(
    parent=tree.reviews,
    title={title!r},
    slug={slug!r},
    themes=[ThemeFactory(name={theme!r})],
)

from tests.factories import (
    DocumentFactory, ReviewDocumentFactory, create_members_collection, root_collection
)
members_collection = create_members_collection()
board = root_collection().add_child(name="Demo board papers")
board_document = DocumentFactory(title={board_document!r}, collection=board)
bulk_document = DocumentFactory(title={bulk_document!r})
documents_review = ReviewPageFactory(parent=tree.reviews, slug={documents_slug!r})
for document in (board_document, bulk_document):
    ReviewDocumentFactory(review=documents_review, document=document)
print(
    "review", review.pk, "members", members_group().pk,
    "members_collection", members_collection.pk, "board", board.pk,
    "board_document", board_document.pk, "bulk_document", bulk_document.pk,
)
"""
# The admin's authenticator key (hex), so the test can compute its codes.
ADMIN_TOTP_KEY = "3132333435363738393031323334353637383930"

HEALTH_WITHOUT_DATABASE = f"""
import django
django.setup()
from django.test import Client
response = Client().get("/health/", HTTP_HOST="{HOST}")
print(response.status_code, response.content.decode().strip())
"""

# The mail server and public address production reads from the environment (test_settings).
MAIL_ENVIRONMENT = {
    "DJANGO_SITE_URL": "https://lscp.example.net",
    "DJANGO_EMAIL_HOST": "smtp.example.net",
    "DJANGO_EMAIL_PORT": "587",
    "DJANGO_EMAIL_HOST_USER": "lscp-site",
    "DJANGO_EMAIL_HOST_PASSWORD": "an-smtp-password-for-this-test",
    "DJANGO_EMAIL_USE_TLS": "true",
    "DJANGO_DEFAULT_FROM_EMAIL": "Demo LSCP <no-reply@lscp.example.net>",
    "DJANGO_SERVER_EMAIL": "errors@lscp.example.net",
}
MAIL_SETTINGS = (
    "SITE_URL",
    "WAGTAILADMIN_BASE_URL",
    "EMAIL_BACKEND",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS",
    "EMAIL_USE_SSL",
    "DEFAULT_FROM_EMAIL",
    "SERVER_EMAIL",
)
PRINT_SETTINGS = f"""
import json
import django
django.setup()
from django.conf import settings
print(json.dumps({{name: getattr(settings, name) for name in {MAIL_SETTINGS!r}}}))
"""

# The test modules that need each subprocess.
NEEDED_BY = {
    "server database": "test_server.py",
    "deploy check": "test_headers.py",
    "health without database": "test_headers.py",
    "production mail settings": "test_settings.py",
}

_scratch = None
_runs = {}


def scratch_folder():
    """One scratch folder for the session: in memory (/dev/shm) when there is one."""
    global _scratch
    if _scratch is None:
        base = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
        _scratch = Path(tempfile.mkdtemp(prefix="safeguarding-deploy-test-", dir=base))
        (_scratch / "scratch_settings.py").write_text(SCRATCH_SETTINGS)
        atexit.register(shutil.rmtree, _scratch, ignore_errors=True)
    return _scratch


def production_environment(*, database_url=None, scratch_settings=False, redis_url=None):
    """The environment of a deployment: production settings, a long random secret key;
    with ``redis_url``, the shared cache (and so the page cache) in that Redis."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "ADMIN_REQUIRE"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="safeguarding_site.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS=HOST,
        # As README's production example has them: check --deploy warns without them.
        DJANGO_SITE_URL=SITE_URL,
        DJANGO_DEFAULT_FROM_EMAIL=FROM_EMAIL,
        DATABASE_URL=database_url or f"sqlite:///{scratch_folder() / 'db.sqlite3'}",
        # Without Redis, the page cache's generation file: the scratch folder's, not the
        # project's.
        DJANGO_PAGE_CACHE_DIR=str(scratch_folder() / "page-cache"),
    )
    if redis_url:
        environment["REDIS_URL"] = redis_url
    if scratch_settings:
        environment.update(
            DJANGO_SETTINGS_MODULE="scratch_settings",
            PYTHONPATH=os.pathsep.join([str(scratch_folder()), str(ROOT)]),
        )
    return environment


def _commands(password):
    return {
        "server database": (
            [
                sys.executable,
                "-c",
                PREPARE_DATABASE.format(
                    password=password,
                    title=SERVED_REVIEW_TITLE,
                    slug=SERVED_REVIEW_SLUG,
                    theme=SERVED_THEME,
                    key=ADMIN_TOTP_KEY,
                    board_document=BOARD_DOCUMENT_TITLE,
                    bulk_document=BULK_DOCUMENT_TITLE,
                    documents_slug=DOCUMENTS_REVIEW_SLUG,
                ),
            ],
            production_environment(scratch_settings=True),
        ),
        "deploy check": (
            [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
            production_environment(database_url=f"sqlite:///{scratch_folder() / 'check.sqlite3'}"),
        ),
        "health without database": (
            [sys.executable, "-c", HEALTH_WITHOUT_DATABASE],
            # Nothing listens on port 1: the database is down.
            production_environment(database_url="postgres://nobody@127.0.0.1:1/none"),
        ),
        "production mail settings": (
            [sys.executable, "-c", PRINT_SETTINGS],
            {**production_environment(), **MAIL_ENVIRONMENT},
        ),
    }


# Redis as README's "Production" section configures it: a memory limit, and room made by
# evicting the least recently used keys when it is reached.
REDIS_MEMORY_LIMIT = "256mb"
REDIS_EVICTION_POLICY = "allkeys-lru"
REDIS_SERVER = shutil.which("redis-server")


def free_port():
    """A TCP port of 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PrivateRedis:
    """A redis-server of the test's own on a free port of 127.0.0.1, in memory only: nobody
    else's keys in it, and its settings (a memory limit, an eviction policy) the test's own.

    ``PrivateRedis(maxmemory="4mb")`` overrides a setting; ``None`` leaves Redis's default.
    ``take_down`` and ``bring_back`` stop it and start it again on the same port.
    """

    def __init__(self, **config):
        config = {
            "maxmemory": REDIS_MEMORY_LIMIT,
            "maxmemory_policy": REDIS_EVICTION_POLICY,
            **config,
        }
        self.port = free_port()
        arguments = [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1"]
        arguments += ["--save", "", "--appendonly", "no", "--dir", str(scratch_folder())]
        # Written only by take_down(keep_keys=True): a name no other server of the run reads.
        arguments += ["--dbfilename", f"redis-{self.port}-{secrets.token_hex(4)}.rdb"]
        for name, value in config.items():
            if value is not None:
                arguments += [f"--{name.replace('_', '-')}", str(value)]
        self.arguments = arguments
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.bring_back()

    def bring_back(self):
        """Start the server (again, on the same port: with the keys ``take_down`` kept)."""
        self.process = subprocess.Popen(  # noqa: S603 - fixed arguments
            self.arguments, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self.client = self.connect()

    def take_down(self, *, keep_keys):
        """Stop the server: nothing listens on its port until ``bring_back``. With
        ``keep_keys`` it comes back with its keys (as after a network partition), else empty
        (a Redis without persistence, restarted)."""
        self.client.shutdown(save=keep_keys, nosave=not keep_keys)
        self.client.close()
        self.process.wait(timeout=10)

    def connect(self):
        """A client, once the server answers (it takes a moment to start)."""
        import redis

        client = redis.Redis(host="127.0.0.1", port=self.port)
        deadline = time.monotonic() + 20
        while True:
            try:
                client.ping()
                return client
            except redis.ConnectionError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def cache_settings(self):
        """Django's CACHES for this server, as the base settings build them from REDIS_URL."""
        from safeguarding_site.settings.base import redis_caches

        return redis_caches(self.url)

    def stop(self):
        """Stop this server (only this one: by its own process)."""
        self.client.close()
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start(name):
    """Start the named subprocess, unless it has been started already."""
    from tests.factories import TEST_PASSWORD

    if name not in _runs:
        arguments, environment = _commands(TEST_PASSWORD)[name]
        _runs[name] = subprocess.Popen(  # noqa: S603 - fixed arguments
            arguments,
            cwd=ROOT,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
    return _runs[name]


def start_for(module_names):
    for name, module in NEEDED_BY.items():
        if module in module_names:
            start(name)


def result(name):
    """(return code, output) of the named subprocess, started now if need be."""
    run = start(name)
    output, _ = run.communicate(timeout=TIMEOUT_SECONDS)
    return run.returncode, output


def stop_all():
    for run in _runs.values():
        if run.poll() is None:
            run.kill()
            run.wait()
