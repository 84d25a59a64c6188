"""A live copy of the demo site, served by gunicorn, and Debian's Chromium to drive it.

The site gets its own scratch SQLite database and media folder (never db.sqlite3, never the
test database the other tests share): ``migrate`` and ``load_demo_content`` run once, in
subprocesses, then gunicorn serves it with the test settings (whitenoise serves the static
files from the app folders) and ``manage.py run_scheduler`` runs its scheduled jobs beside it,
as in ``make run``. One Chromium serves every test; each test opens its own browser
context (cookies, viewport) and page.

Building the site takes about 20 seconds, nearly all of it on one CPU, so it starts in the
background as soon as the tests are collected and the browser tests run last: the rest of the
suite runs meanwhile. The fixtures are package-scoped rather than session-scoped so that the
server and the browser stop as soon as the last browser test has run.
"""

import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.browser.site import DESKTOP
from tests.browser.visits import record_visit

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    # Without these Chromium tries to reach Google's servers, which a closed network refuses.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PROJECT_DIR = Path(__file__).resolve().parents[2]
SERVER_SETTINGS = "tests.browser.server_settings"
SERVER_START_TIMEOUT = 60
BUILD_TIMEOUT = 600

STUB_PAGE = "<!DOCTYPE html><title>Another website</title><h1>Another website</h1>"

timings = {}  # step -> seconds, reported at the end of the run


@dataclass
class LiveSite:
    """The running demo site: its address, the demo member's and admin's sign-ins, and the
    environment its ``manage.py`` runs with (its own database)."""

    url: str
    member_username: str
    member_password: str
    log: Path
    admin_password: str = ""
    scheduler_log: Path | None = None
    env: dict = field(default_factory=dict)

    def run_python(self, code):
        """Run ``code`` in ``manage.py shell`` against the site's database; its output.

        For what a test needs set up that no reader could do through the site, such as a draft
        with a particular link in it.
        """
        result = subprocess.run(  # noqa: S603 (our own manage.py, the test's own code)
            [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
            cwd=PROJECT_DIR,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()


@dataclass
class BrowserPage:
    """A test's page and what it asked of other hosts (answered by a stub, never sent)."""

    page: object
    foreign_requests: list = field(default_factory=list)


@pytest.fixture(scope="package")
def chromium():
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium is not installed at {CHROMIUM}")
    return CHROMIUM


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SiteBuild:
    """``migrate`` and ``load_demo_content`` for the browser tests' site, in a thread that
    waits on the subprocesses, into a scratch folder of its own."""

    STEPS = [
        ("migrate", ["migrate", "--noinput", "-v", "0"]),
        ("load_demo_content", ["load_demo_content", "-v", "0"]),
    ]

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="browser-site-"))
        self.member_password = secrets.token_urlsafe(18)
        self.admin_password = secrets.token_urlsafe(18)
        self.env = {
            name: value
            for name, value in os.environ.items()
            # Always its own SQLite file and a local-memory cache, whatever the suite uses.
            if name not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")
        }
        self.env.update(
            DJANGO_SETTINGS_MODULE=SERVER_SETTINGS,
            DATABASE_URL=f"sqlite:///{self.folder / 'browser.sqlite3'}",
            BROWSER_TEST_MEDIA_ROOT=str(self.folder / "media"),
            DJANGO_SUPERUSER_PASSWORD=self.admin_password,
            DEMO_MEMBER_PASSWORD=self.member_password,
        )
        self.error = None
        self.process = None
        self.stopped = False
        self.thread = threading.Thread(target=self.run, name="browser-site-build", daemon=True)
        self.thread.start()

    def run(self):
        for step, args in self.STEPS:
            if self.stopped:
                return
            started = time.perf_counter()
            self.process = subprocess.Popen(  # noqa: S603 (our own manage.py, fixed arguments)
                [sys.executable, "manage.py", *args],
                cwd=PROJECT_DIR,
                env=self.env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            output, _ = self.process.communicate()
            timings[step] = time.perf_counter() - started
            if self.process.returncode != 0:
                self.error = f"manage.py {' '.join(args)} failed:\n{output}"
                return

    def wait(self):
        """Block until the site is built; fail the test that needs it if it could not be."""
        self.thread.join(BUILD_TIMEOUT)
        if self.thread.is_alive():
            pytest.fail(f"building the browser tests' site took over {BUILD_TIMEOUT} s")
        if self.error:
            pytest.fail(f"could not build the browser tests' site: {self.error}")

    def stop(self):
        self.stopped = True
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
        self.thread.join(10)
        shutil.rmtree(self.folder, ignore_errors=True)


SITE_BUILD = pytest.StashKey[SiteBuild]()


@pytest.hookimpl(trylast=True)  # after -m and -k have deselected what they will
def pytest_collection_modifyitems(config, items):
    """Run the browser tests last and start building their site now, while the others run."""
    browser_tests = [item for item in items if item.get_closest_marker("browser")]
    if not browser_tests:
        return
    items[:] = [item for item in items if not item.get_closest_marker("browser")] + browser_tests
    if CHROMIUM.exists() and not config.option.collectonly:
        build = SiteBuild()
        config.stash[SITE_BUILD] = build
        config.add_cleanup(build.stop)


def wait_until_healthy(url, server, log):
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"gunicorn stopped at start:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url + "/health/", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    pytest.fail(f"gunicorn did not answer /health/ in {SERVER_START_TIMEOUT} s:\n{log.read_text()}")


@pytest.fixture(scope="package")
def live_site(request, chromium):
    """The demo site on a free local port, built once for all the browser tests."""
    started = time.perf_counter()
    build = request.config.stash.get(SITE_BUILD, None)
    if build is None:  # a test that uses the site without the browser mark
        build = SiteBuild()
        request.config.add_cleanup(build.stop)
    build.wait()
    timings["waiting for the build"] = time.perf_counter() - started
    env = build.env
    folder = build.folder
    member_password = build.member_password

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = folder / "gunicorn.log"
    server_started = time.perf_counter()
    with log.open("w") as log_file:
        server = subprocess.Popen(  # noqa: S603 (fixed arguments)
            [
                sys.executable,
                "-m",
                "gunicorn",
                "safeguarding_site.wsgi",
                f"--bind=127.0.0.1:{port}",
                "--workers=2",
                "--timeout=60",
            ],
            cwd=PROJECT_DIR,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    # Beside the web server, as in ``make run`` and production: the scheduled jobs (pages go
    # live at their time with no command typed).
    scheduler_log = folder / "scheduler.log"
    with scheduler_log.open("w") as log_file:
        scheduler = subprocess.Popen(  # noqa: S603 (our own manage.py, fixed arguments)
            [sys.executable, "manage.py", "run_scheduler"],
            cwd=PROJECT_DIR,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_healthy(url, server, log)
        timings["gunicorn start"] = time.perf_counter() - server_started
        yield LiveSite(
            url=url,
            member_username="member",
            member_password=member_password,
            log=log,
            admin_password=build.admin_password,
            env=env,
            scheduler_log=scheduler_log,
        )
    finally:
        for process in (server, scheduler):
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture(scope="package")
def browser(chromium):
    started = time.perf_counter()
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        timings["chromium start"] = time.perf_counter() - started
        yield browser
        browser.close()
    finally:
        playwright.stop()


@pytest.fixture(scope="package")
def admin_session(browser, live_site):
    """The cookies of the demo superuser ``admin``, signed in once through the admin's form."""
    context = browser.new_context(base_url=live_site.url)
    page = context.new_page()
    page.goto("/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", live_site.admin_password)
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert page.url == live_site.url + "/admin/", f"the demo admin could not sign in: {page.url}"
    state = context.storage_state()
    context.close()
    return state


@pytest.fixture(scope="package")
def member_session(browser, live_site):
    """The cookies of the demo member, signed in once through the login form."""
    context = browser.new_context(base_url=live_site.url)
    page = context.new_page()
    page.goto("/login/")
    page.fill("#id_username", live_site.member_username)
    page.fill("#id_password", live_site.member_password)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.url == live_site.url + "/", f"the demo member could not sign in: {page.url}"
    state = context.storage_state()
    context.close()
    return state


def new_browser_page(browser, live_site, viewport=DESKTOP, *, member_session=None, javascript=True):
    """A page in a new browser context (its own cookies), signed in with ``member_session``
    if given. Requests to any host but the live site never leave the machine: a stub page
    answers them and the returned ``foreign_requests`` records them."""
    context = browser.new_context(
        viewport=viewport,
        locale="en-GB",
        java_script_enabled=javascript,
        accept_downloads=True,
        storage_state=member_session,
    )
    opened = BrowserPage(page=context.new_page())

    def answer_with_stub(route):
        opened.foreign_requests.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body=STUB_PAGE)

    context.route(lambda url: not url.startswith(live_site.url + "/"), answer_with_stub)
    return opened


@pytest.fixture
def open_page(request, browser, live_site):
    """``open_page(viewport=DESKTOP, as_member=False, as_admin=False, javascript=True)``: a
    ``BrowserPage`` of its own for the test (see ``new_browser_page``), closed when the test
    ends; signed in as the demo member or the demo admin when asked."""
    contexts = []

    def open_page(viewport=DESKTOP, *, as_member=False, as_admin=False, javascript=True):
        # Signed in only when asked: most tests never need a session.
        session = None
        if as_member:
            session = request.getfixturevalue("member_session")
        elif as_admin:
            session = request.getfixturevalue("admin_session")
        opened = new_browser_page(
            browser, live_site, viewport, member_session=session, javascript=javascript
        )
        contexts.append(opened.page.context)
        return opened

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture(scope="package")
def page_visits(request, browser, live_site):
    """``page_visits(site_page)``: the ``visits.PageVisit`` of that page, recorded on first
    use and shared by every test that asks again."""
    recorded = {}

    def open_page(viewport, *, as_member=False):
        session = request.getfixturevalue("member_session") if as_member else None
        return new_browser_page(browser, live_site, viewport, member_session=session)

    def page_visits(site_page):
        if site_page not in recorded:
            recorded[site_page] = record_visit(open_page, live_site, site_page)
        return recorded[site_page]

    return page_visits


def pytest_terminal_summary(terminalreporter):
    if timings:
        steps = ", ".join(f"{step} {seconds:.1f} s" for step, seconds in timings.items())
        terminalreporter.write_line(f"Browser tests: {steps}")
    skipped = [
        report
        for report in terminalreporter.stats.get("skipped", [])
        if "browser" in report.keywords and not CHROMIUM.exists()
    ]
    if skipped:
        terminalreporter.config.stash[SKIPPED_BROWSER_TESTS] = len(skipped)


SKIPPED_BROWSER_TESTS = pytest.StashKey[int]()


def pytest_unconfigure(config):
    """Say last and loudly when the browser tests were skipped: a run without them has not
    checked accessibility, keyboard use, quick exit, downloads, page weight or the editor."""
    count = config.stash.get(SKIPPED_BROWSER_TESTS, 0)
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if count and reporter is not None:
        reporter.write_sep("!", f"{count} BROWSER TESTS SKIPPED", red=True)
        reporter.write_line(
            f"Chromium is not installed at {CHROMIUM}, so nothing was checked in a real "
            "browser. Install it (Debian: sudo apt-get install chromium) and run make test "
            "again; see the README.",
            red=True,
        )
