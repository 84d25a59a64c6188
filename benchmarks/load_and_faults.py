"""Load and faults: the site under 32 connections, and PostgreSQL restarted in the middle.

What it proves, against gunicorn with production settings (``settings.production``: 2FA for
the admin, HTTPS behind a proxy, no page cache without ``--redis-url``, so every public page
is rendered from the database), bound to 127.0.0.1 only:

1. **Steady load**: 32 connections for 60 s over a mix of public addresses (home, the review
   listing plain, filtered and searched, a review, the learning listing, a briefing, a theme
   hub, site search, a feed and the CSV export) answer with no error: no status of 400 or
   more, no connection refused, reset or timed out. It prints requests, requests a second and
   latency (median, 95th percentile, maximum), for all and per address.
2. **PostgreSQL restarted under load**: the same load again, and half-way through it runs
   ``--restart-command``. It prints errors per second around the restart and the length of
   the error window (the first failed answer to the last): the site must recover within
   ``--max-error-window`` seconds (default 5) and answer everything after it.
   Throughout that run three editors (``--editors``), as partnership staff would, sign in to
   the admin (password, then a code from their authenticator: the script enrols a TOTP device
   with a key of its own for each of its Editor accounts; two-factor sign-in stays on) and
   save drafts of a review each ("Save draft", after opening the editor as a browser does),
   with a counter in its summary. Every draft the site confirmed (a 302 back to the editor) is
   looked up in the database afterwards: none may be lost.

It exits 0 only when all of that holds, and prints PASS or FAIL for each.

The scratch database is the PostgreSQL database named in ``DATABASE_URL``: it is dropped and
built again (migrate, ``load_demo_content``, ``generate_reviews --reviews N`` when asked), so
its name must contain ``loadtest``. Run the restart against a PostgreSQL cluster of the load
test's own, never one that anything else uses. As root, on Debian (PostgreSQL 15):

    pg_createcluster 15 loadtest --port 5433 --start
    # trust connections from this host only, as a development cluster does:
    printf 'local all all trust\\nhost all all 127.0.0.1/32 trust\\n' \\
        > /etc/postgresql/15/loadtest/pg_hba.conf
    echo "listen_addresses = '127.0.0.1'" > /etc/postgresql/15/loadtest/conf.d/90-loadtest.conf
    pg_ctlcluster 15 loadtest restart

Then (``make load-test`` runs this line):

    DATABASE_URL=postgres://postgres@127.0.0.1:5433/safeguarding_loadtest \\
        .venv/bin/python benchmarks/load_and_faults.py \\
        --restart-command "pg_ctlcluster 15 loadtest restart"

Without ``--restart-command`` only the steady load runs. gunicorn reads
``deploy/gunicorn.conf.py`` when there is one (``--workers`` overrides its count), else runs
2 sync workers with a 30 s time-out. Static files are collected into ``staticfiles/`` and the
demo's documents go to ``media/``, as ``make run`` has them.
"""

import argparse
import asyncio
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BIND_ADDRESS = "127.0.0.1"
GUNICORN = Path(sys.executable).parent / "gunicorn"
GUNICORN_CONFIG = ROOT / "deploy" / "gunicorn.conf.py"
REQUEST_TIMEOUT = 30  # seconds: a request that takes longer counts as an error
STARTUP_TIMEOUT = 120
# The proxy in front of gunicorn says the request came over HTTPS and from which client.
PROXY_HEADERS = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.20"}
# Each editor has an account, an authenticator and a draft review of its own: "-1", "-2"...
EDITOR_USERNAME = "demo-load-test-editor"
EDITOR_REVIEW_SLUG = "demo-load-test-review"
EDIT_SUMMARY = "Demo load-test draft, edit {counter} of run {run}"


# ---------------------------------------------------------------------------------------------
# The scratch site


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--duration", type=float, default=60, help="seconds per run")
    parser.add_argument("--reviews", type=int, default=0, help="generated reviews to add")
    parser.add_argument(
        "--restart-command",
        help="restarts PostgreSQL half-way through the second run, e.g. "
        '"pg_ctlcluster 15 loadtest restart"',
    )
    parser.add_argument("--editors", type=int, default=3, help="editors saving drafts")
    parser.add_argument("--max-error-window", type=float, default=5.0, help="seconds")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: its config, or 2)")
    parser.add_argument("--redis-url", help="serve with this Redis as the cache (page cache on)")
    parser.add_argument("--keep", action="store_true", help="reuse the scratch database as built")
    return parser.parse_args()


def site_environment(args, port):
    """The environment gunicorn and this script run with: production settings."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "REDIS_URL", "ADMIN_REQUIRE"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="safeguarding_site.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=BIND_ADDRESS,
        DJANGO_SITE_URL=f"http://{BIND_ADDRESS}:{port}",
        DJANGO_DEFAULT_FROM_EMAIL="no-reply@example.org",
        # Nothing this script does sends mail; if something did, it would fail, not leave.
        DJANGO_EMAIL_HOST="127.0.0.1",
        DJANGO_EMAIL_PORT="9",
    )
    if args.redis_url:
        environment["REDIS_URL"] = args.redis_url
    return environment


def reset_scratch_database(url, word="loadtest", *, create=True):
    """Drop and create the PostgreSQL database ``url`` names, which must have ``word`` in its
    name (or only drop it)."""
    import dj_database_url
    import psycopg2
    from psycopg2 import sql

    database = dj_database_url.parse(url)
    name = database["NAME"]
    if word not in name:
        sys.exit(f"DATABASE_URL names {name!r}: the scratch database's name must say {word}.")
    connection = psycopg2.connect(
        dbname="postgres",
        user=database["USER"] or None,
        password=database["PASSWORD"] or None,
        host=database["HOST"] or None,
        port=database["PORT"] or None,
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        identifier = sql.Identifier(name)
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(identifier))
        if create:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(identifier))
    connection.close()


@dataclass
class Editor:
    """A member of staff the load test signs in as: an Editor with an authenticator whose key
    the script knows, and the draft review only they edit."""

    username: str
    password: str
    totp_key: str  # hex
    review_id: int


@dataclass
class Site:
    """What the load test needs from the scratch site: its addresses and its editors."""

    addresses: list
    editors: list


def build_site(args):
    """Migrate, load the demo content (and generated reviews), collect static files, then
    enrol the editors."""
    import django

    django.setup()
    from django.core.management import call_command

    if not args.keep:
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        call_command("load_demo_content", verbosity=0)
        if args.reviews:
            call_command("generate_reviews", args.reviews, verbosity=0)
        print(f"built the scratch database in {time.perf_counter() - started:.0f} s")
    call_command("collectstatic", verbosity=0, interactive=False)
    site = Site(
        addresses=public_addresses(),
        editors=[enrol_editor(number) for number in range(1, args.editors + 1)],
    )
    from django.db import DatabaseError, connection, connections

    # Building the database left thousands of changed pages in PostgreSQL's memory: a restart
    # would write them all out before it stops (seconds). Written now, as an operator does
    # before a planned restart (docs/operating.md), the restart has only the run's own writes.
    try:
        with connection.cursor() as cursor:
            cursor.execute("CHECKPOINT")
    except DatabaseError as error:
        print(f"CHECKPOINT refused ({error}): the restart writes out the build's changes too")
    connections.close_all()  # nothing of this process stays connected through the restart
    return site


def public_addresses():
    """The public addresses the load is spread over, with real slugs and valid filters."""
    from learning.models import BriefingPage, Theme
    from reviews.models import ReviewPage

    reviews = ReviewPage.objects.live().public().order_by("path")
    review = reviews.exclude(slug__startswith=EDITOR_REVIEW_SLUG).first()
    briefing = BriefingPage.objects.live().public().order_by("path").first()
    theme = Theme.objects.filter(reviews__in=reviews).order_by("slug").first()
    age = reviews.filter(themes=theme).exclude(age_band="").values_list("age_band", flat=True)[0]
    filtered = urlencode({"theme": theme.slug, "age": age})
    return [
        "/",
        "/reviews/",
        f"/reviews/?{filtered}",
        f"/reviews/?{urlencode({'q': 'child', 'theme': theme.slug})}",
        review.get_url(),
        "/learning/",
        briefing.get_url(),
        f"/themes/{theme.slug}/",
        "/search/?q=neglect",
        "/reviews/feed/",
        "/reviews/export.csv",
    ]


def enrol_editor(number):
    """Editor ``number``: an account in the Editors group with a new password and a new
    authenticator device, and a draft review of its own (made once)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from reviews.models import ReviewIndexPage, ReviewPage

    editor = Editor(
        username=f"{EDITOR_USERNAME}-{number}",
        password=secrets.token_urlsafe(24),
        totp_key=secrets.token_hex(20),
        review_id=None,
    )
    user, _ = get_user_model().objects.get_or_create(
        username=editor.username, defaults={"email": f"{editor.username}@example.org"}
    )
    user.set_password(editor.password)
    user.save()
    user.groups.add(Group.objects.get(name="Editors"))
    TOTPDevice.objects.filter(user=user).delete()
    TOTPDevice.objects.create(
        user=user, name="Authenticator app", confirmed=True, key=editor.totp_key
    )

    slug = f"{EDITOR_REVIEW_SLUG}-{number}"
    review = ReviewPage.objects.filter(slug=slug).first()
    if review is None:
        review = ReviewPage(
            title=f"Demo load-test review {number}",
            slug=slug,
            review_type=ReviewPage.ReviewType.LOCAL_CSPR,
            summary=EDIT_SUMMARY.format(counter=0, run="-"),
            live=False,
        )
        ReviewIndexPage.objects.get().add_child(instance=review)
        review.save_revision(user=user)
    editor.review_id = review.pk
    return editor


def free_port():
    with socket.socket() as sock:
        sock.bind((BIND_ADDRESS, 0))
        return sock.getsockname()[1]


class Gunicorn:
    """gunicorn serving the site on 127.0.0.1, its log in a file."""

    def __init__(self, args, port, environment):
        self.port = port
        self.log = Path(tempfile.mkstemp(prefix="safeguarding-load-gunicorn-", suffix=".log")[1])
        command = [str(GUNICORN), "safeguarding_site.wsgi:application"]
        if GUNICORN_CONFIG.exists():
            command += ["--config", str(GUNICORN_CONFIG)]
        else:
            command += ["--workers", "2", "--timeout", "30", "--graceful-timeout", "30"]
        if args.workers:
            command += ["--workers", str(args.workers)]
        # Last, so no configuration file can bind it anywhere else.
        command += ["--bind", f"{BIND_ADDRESS}:{port}"]
        self.command = command
        with self.log.open("w") as log:
            self.process = subprocess.Popen(  # noqa: S603 - fixed arguments
                command,
                cwd=ROOT,
                env=environment,
                stdout=subprocess.DEVNULL,  # the access log, if the configuration writes one
                stderr=log,
            )

    def wait_until_serving(self):
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"gunicorn stopped:\n{self.log.read_text()[-3000:]}")
            try:
                if request_once(self.port, "GET", "/health/")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        sys.exit("gunicorn did not answer in time")

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def server_errors_logged(self):
        return self.log.read_text().count("Internal Server Error")


def request_once(port, method, path, *, body=None, headers=()):
    """(status, headers, body) of one request, sent as the proxy would send it."""
    connection = HTTPConnection(BIND_ADDRESS, port, timeout=REQUEST_TIMEOUT)
    sent = {"Host": f"{BIND_ADDRESS}:{port}", **PROXY_HEADERS, **dict(headers)}
    if body is not None:
        sent["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        return response.status, response.headers, response.read().decode(errors="replace")
    finally:
        connection.close()


# ---------------------------------------------------------------------------------------------
# The load


@dataclass
class Answer:
    """One request of the load: when it was sent and answered (seconds from the start)."""

    address: str
    sent: float
    answered: float
    status: int | None  # None: no answer (refused, reset, timed out)

    @property
    def failed(self):
        return self.status is None or self.status >= 400

    @property
    def latency(self):
        return self.answered - self.sent


async def fetch(port, address):
    """The status of one GET, read to its end; a new connection each time, as gunicorn's
    sync workers close every connection."""
    reader, writer = await asyncio.open_connection(BIND_ADDRESS, port)
    try:
        headers = {"Host": f"{BIND_ADDRESS}:{port}", **PROXY_HEADERS, "Connection": "close"}
        head = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
        writer.write(f"GET {address} HTTP/1.1\r\n{head}\r\n".encode())
        await writer.drain()
        status_line = await reader.readline()
        while await reader.read(65536):
            pass
        return int(status_line.split()[1])
    finally:
        writer.close()


async def connection_loop(port, addresses, offset, start, stop_at, answers):
    """One connection's requests, one after another, through the addresses in turn."""
    turn = offset
    while (now := time.monotonic()) < stop_at:
        address = addresses[turn % len(addresses)]
        turn += 1
        try:
            status = await asyncio.wait_for(fetch(port, address), REQUEST_TIMEOUT)
        except (TimeoutError, OSError, ValueError, IndexError):
            status = None
        answers.append(Answer(address, now - start, time.monotonic() - start, status))


async def run_load(port, addresses, connections, duration, *, restart_command=None):
    """``connections`` connections for ``duration`` seconds; with ``restart_command``, run it
    half-way through. Returns the answers and (restart started, restart finished)."""
    answers = []
    start = time.monotonic()
    stop_at = start + duration
    loops = [
        connection_loop(port, addresses, offset, start, stop_at, answers)
        for offset in range(connections)
    ]
    restart = None
    if restart_command:
        loops.append(restart_later(restart_command, duration / 2, start))
    results = await asyncio.gather(*loops)
    if restart_command:
        restart = results[-1]
    return answers, restart


async def restart_later(command, delay, start):
    await asyncio.sleep(delay)
    began = time.monotonic() - start
    process = await asyncio.create_subprocess_shell(
        command, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
    )
    output, _ = await process.communicate()
    if process.returncode:
        sys.exit(f"the restart command failed ({process.returncode}): {output.decode()}")
    return began, time.monotonic() - start


def milliseconds(seconds):
    return f"{seconds * 1000:,.0f}"


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def print_load_table(answers, duration):
    """Requests, requests a second, latency and errors: all addresses, then each."""
    rows = defaultdict(list)
    for answer in answers:
        rows[answer.address].append(answer)
    columns = ("requests", "req/s", "median", "p95", "max", "errors")
    print(f"{'address':52} {columns[0]:>8} " + " ".join(f"{name:>7}" for name in columns[1:]))
    for address, group in [("all", answers), *rows.items()]:
        latencies = [answer.latency for answer in group]
        errors = sum(answer.failed for answer in group)
        print(
            f"{address[:52]:52} {len(group):8d} {len(group) / duration:7.1f} "
            f"{milliseconds(statistics.median(latencies)):>7} "
            f"{milliseconds(percentile(latencies, 0.95)):>7} "
            f"{milliseconds(max(latencies)):>7} {errors:7d}"
        )
    print("(latency in ms, from sending the request to the end of the answer)")


# ---------------------------------------------------------------------------------------------
# The writer: an editor saving drafts through the admin


@dataclass
class Writer:
    """An editor in a browser of its own: signs in with password and code, then saves drafts
    of one review until told to stop, counting what the site confirmed."""

    port: int
    editor: Editor
    run: str = field(default_factory=lambda: secrets.token_hex(3))
    cookies: dict = field(default_factory=dict)
    confirmed: list = field(default_factory=list)  # (counter, seconds from the start)
    unconfirmed: list = field(default_factory=list)  # (counter, status or error)
    editor_failures: int = 0  # times the editor did not open (and was asked for again)
    latencies: list = field(default_factory=list)  # seconds, every admin request
    stop: threading.Event = field(default_factory=threading.Event)

    def request(self, method, path, data=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            headers["Origin"] = f"https://{BIND_ADDRESS}:{self.port}"
            body = urlencode({"csrfmiddlewaretoken": self.cookies["csrftoken"], **data}, True)
        started = time.monotonic()
        status, response_headers, text = request_once(
            self.port, method, path, body=body, headers=headers
        )
        self.latencies.append(time.monotonic() - started)
        jar = SimpleCookie()
        for header in response_headers.get_all("Set-Cookie") or []:
            jar.load(header)
        self.cookies.update({name: morsel.value for name, morsel in jar.items()})
        return status, response_headers.get("Location", ""), text

    def sign_in(self):
        """Password, then the authenticator's code, as the admin asks in production."""
        from django_otp.oath import totp

        self.cookies.clear()
        self.request("GET", "/admin/login/")
        form = {"username": self.editor.username, "password": self.editor.password}
        status, location, _ = self.request("POST", "/admin/login/", {**form, "next": "/admin/"})
        if status != 302:
            raise RuntimeError(f"sign-in answered {status}")
        code = totp(bytes.fromhex(self.editor.totp_key))
        status, _, _ = self.request("POST", "/admin/two-factor/verify/", {"token": f"{code:06d}"})
        if status != 302:
            raise RuntimeError(f"the authenticator code was refused ({status})")

    @property
    def edit_path(self):
        return f"/admin/pages/{self.editor.review_id}/edit/"

    def editor_form(self):
        """The review's editor form as the browser would post it, once the page opens."""
        from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

        while not self.stop.is_set():
            try:
                status, location, text = self.request("GET", self.edit_path)
            except OSError:
                status = None
            if status == 200:
                data = querydict_from_html(text, form_id="page-edit-form")
                # Drawn by JavaScript in a browser; the writer's review has no learning points.
                data.update(nested_form_data({"learning_points": streamfield([])}))
                return data
            self.editor_failures += 1
            if status == 302 and urlsplit(location).path != self.edit_path:
                self.sign_in()  # the session was lost: sign in again, as a person would
            time.sleep(0.1)
        return None

    def save_drafts(self, start):
        """Save drafts until stopped, each with the next counter in the summary."""
        counter = 0
        data = self.editor_form()
        while data is not None:
            counter += 1
            data["summary"] = EDIT_SUMMARY.format(counter=counter, run=self.run)
            try:
                status, location, _ = self.request("POST", self.edit_path, data)
            except OSError as error:
                status, location = type(error).__name__, ""
            if status == 302 and urlsplit(location).path == self.edit_path:
                self.confirmed.append((counter, time.monotonic() - start))
            else:
                self.unconfirmed.append((counter, status))
            data = self.editor_form()

    def saved_counters(self):
        """The counters of this run's drafts that the database holds, as revisions."""
        from wagtail.models import Revision

        from reviews.models import ReviewPage

        summaries = Revision.objects.for_instance(
            ReviewPage.objects.get(pk=self.editor.review_id)
        ).values_list("content__summary", flat=True)
        pattern = re.escape(EDIT_SUMMARY).replace(r"\{counter\}", r"(\d+)")
        pattern = re.compile(pattern.replace(r"\{run\}", re.escape(self.run)))
        return {int(found[1]) for found in map(pattern.fullmatch, filter(None, summaries)) if found}


# ---------------------------------------------------------------------------------------------
# The runs


def steady_run(args, port, site):
    print(f"\n== Steady load: {args.connections} connections for {args.duration:.0f} s ==")
    answers, _ = asyncio.run(run_load(port, site.addresses, args.connections, args.duration))
    print_load_table(answers, args.duration)
    errors = sum(answer.failed for answer in answers)
    return verdict(errors == 0, f"steady load: {errors} errors in {len(answers)} requests")


def restart_run(args, port, site):
    print(
        f"\n== PostgreSQL restarted at {args.duration / 2:.0f} s of {args.duration:.0f} s, "
        f"{args.connections} connections and {len(site.editors)} editors saving drafts =="
    )
    writers = [Writer(port, editor) for editor in site.editors]
    for writer in writers:
        writer.sign_in()
    start = time.monotonic()
    threads = [
        threading.Thread(target=writer.save_drafts, args=(start,), daemon=True)
        for writer in writers
    ]
    for thread in threads:
        thread.start()
    # The editors' clock starts a moment before the load's: close enough for a report.
    answers, (began, finished) = asyncio.run(
        run_load(
            port,
            site.addresses,
            args.connections,
            args.duration,
            restart_command=args.restart_command,
        )
    )
    for writer, thread in zip(writers, threads, strict=True):
        writer.stop.set()
        thread.join(timeout=REQUEST_TIMEOUT * 2)
    print_load_table(answers, args.duration)

    failed = [answer for answer in answers if answer.failed]
    print(f"\nrestart command ran from {began:.1f} s to {finished:.1f} s")
    results = [
        verdict(
            not [a for a in failed if a.answered < began],
            "no errors before the restart",
        )
    ]
    if failed:
        first = min(answer.answered for answer in failed)
        last = max(answer.answered for answer in failed)
        window = last - first
        after = [a for a in answers if a.sent > last]
        print_timeline(answers, int(began) - 2, int(last) + 4)
        kinds = Counter("no answer" if a.status is None else f"status {a.status}" for a in failed)
        print(f"errors: {len(failed)} ({', '.join(f'{n} {k}' for k, n in kinds.items())})")
        print(
            f"error window: {first:.1f} s to {last:.1f} s = {window:.1f} s; "
            f"first error {first - began:.1f} s after the restart began"
        )
        results.append(
            verdict(
                window <= args.max_error_window,
                f"error window {window:.1f} s (at most {args.max_error_window:.0f} s)",
            )
        )
        results.append(
            verdict(
                bool(after) and all(not a.failed for a in after),
                f"full recovery: {len(after)} requests sent after the last error, all answered",
            )
        )
    else:
        print("no request failed during the restart")
    results.append(check_edits(writers, began))
    return all(results)


def print_timeline(answers, first_second, last_second):
    """Requests answered and failed in each second around the restart."""
    answered, failed = Counter(), Counter()
    for answer in answers:
        answered[int(answer.answered)] += 1
        failed[int(answer.answered)] += answer.failed
    print(f"\n{'second':>6} {'answered':>8} {'errors':>6}")
    for second in range(max(first_second, 0), last_second + 1):
        print(f"{second:6d} {answered[second]:8d} {failed[second]:6d}")


def check_edits(writers, restart_began):
    """Every draft the site confirmed is a revision in the database."""
    from django.db import connections

    if not writers:
        print("\nno editors saved drafts (--editors 0)")
        return True

    connections.close_all()  # a fresh connection: the last one did not see the restart
    confirmed = before = lost = unconfirmed = saved_anyway = editor_failures = 0
    refused = Counter()
    latencies = [latency for writer in writers for latency in writer.latencies]
    for writer in writers:
        saved = writer.saved_counters()
        confirmed += len(writer.confirmed)
        before += sum(when < restart_began for _, when in writer.confirmed)
        lost += sum(counter not in saved for counter, _ in writer.confirmed)
        unconfirmed += len(writer.unconfirmed)
        saved_anyway += len({counter for counter, _ in writer.unconfirmed} & saved)
        refused.update(str(status) for _, status in writer.unconfirmed)
        editor_failures += writer.editor_failures
    print(
        f"\neditors' drafts: {confirmed} confirmed ({before} before the restart began), "
        f"{confirmed - lost} of them found in the database, {lost} lost; "
        f"{unconfirmed} not confirmed ({dict(refused) or 'none'}), of which {saved_anyway} "
        f"were saved all the same; the editor page failed to open {editor_failures} times"
    )
    print(
        f"editors' requests to the admin (never cached): {len(latencies)}, median "
        f"{milliseconds(statistics.median(latencies))} ms, {sum(latencies):.0f} s in all"
    )
    return verdict(
        before > 0 and lost == 0,
        f"no confirmed draft lost ({confirmed} confirmed, {lost} lost)",
    )


def verdict(passed, text):
    print(f"{'PASS' if passed else 'FAIL'}: {text}")
    return passed


def main():
    args = parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a scratch PostgreSQL database (see --help).")
    port = free_port()
    environment = site_environment(args, port)
    os.environ.clear()
    os.environ.update(environment)
    if not args.keep:
        reset_scratch_database(url)
    site = build_site(args)

    from django.db import connection

    print(
        f"serving {connection.settings_dict['NAME']} on {BIND_ADDRESS}:{port}: "
        f"{len(os.sched_getaffinity(0))} cores, page cache "
        f"{'in Redis' if args.redis_url else 'off (no REDIS_URL)'}"
    )
    server = Gunicorn(args, port, environment)
    passed = True
    try:
        server.wait_until_serving()
        print("gunicorn:", " ".join(server.command[1:]))
        for address in site.addresses:  # each answers, before any load
            status = request_once(port, "GET", address)[0]
            if status != 200:
                sys.exit(f"{address} answered {status} before any load")
        passed = steady_run(args, port, site)
        if args.restart_command:
            passed = restart_run(args, port, site) and passed
        print(f"\nserver errors logged by the site: {server.server_errors_logged()} ({server.log})")
    finally:
        server.stop()
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
