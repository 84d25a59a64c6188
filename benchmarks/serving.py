"""Benchmark: requests a second of cached pages against a static file, through gunicorn.

Builds a scratch site (SQLite in a scratch folder: migrations, the demo content and
``--reviews`` generated reviews; static files collected as production collects them), then
serves it with gunicorn as production does (``deploy/gunicorn.conf.py``, production settings,
two workers) twice: with a Redis of its own (``redis-server`` on a free port, the memory limit
README gives) and with no shared cache at all (the generation in a file). In each run it warms
every address, checks that each page now comes from the page cache, and measures each with
``wrk`` at 8 connections, printing requests a second and the ratio to the static file
(measured before and after the pages in the same run; the ratio is to their mean).

    .venv/bin/python benchmarks/serving.py               # needs wrk (apt-get install wrk)
    .venv/bin/python benchmarks/serving.py --seconds 20 --reviews 10000

The target (DESIGN.md): cached anonymous pages at 80% or more of the static file's requests a
second, with Redis and without. Run it on a quiet machine: wrk shares the cores with gunicorn.
"""

import argparse
import contextlib
import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = Path(sys.executable)
GUNICORN = PYTHON.parent / "gunicorn"
HOST = "127.0.0.1"
WARM_REQUESTS = 10

SCRATCH_SETTINGS = '''"""Production settings for the benchmark: scratch static and media folders
(and the page cache off with BENCH_PAGE_CACHE=off)."""
import os
from pathlib import Path

from safeguarding_site.settings.production import *  # noqa: F403

STATIC_ROOT = Path(os.environ["BENCH_FOLDER"]) / "static"
MEDIA_ROOT = Path(os.environ["BENCH_FOLDER"]) / "media"
PAGE_CACHE_ENABLED = os.environ.get("BENCH_PAGE_CACHE") != "off"
'''

# Prints the addresses of one of each kind of page, as the site links them.
ADDRESSES_OF_PAGES = """
import django
django.setup()
from learning.models import BriefingPage, Theme
from reviews.models import ReviewPage
print(ReviewPage.objects.live().public().order_by("-published_date").first().url)
print(BriefingPage.objects.live().public().first().url)
print("/themes/" + Theme.objects.order_by("name").first().slug + "/")
"""


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def environment(folder, redis_url=None, database_url=None):
    """Production's environment for the scratch site (without Redis unless given; SQLite in
    the folder unless another database is given)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "GUNICORN_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="bench_settings",
        PYTHONPATH=os.pathsep.join([str(folder), str(ROOT)]),
        BENCH_FOLDER=str(folder),
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=HOST,
        DJANGO_SITE_URL=f"https://{HOST}",
        DATABASE_URL=database_url or f"sqlite:///{folder / 'db.sqlite3'}",
        DJANGO_PAGE_CACHE_DIR=str(folder / "page-cache"),
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def manage(env, *arguments):
    """Run a management command on the scratch site (what it prints is not needed: the demo's
    passwords; its errors still show)."""
    subprocess.run(  # noqa: S603 - fixed arguments
        [PYTHON, "manage.py", *arguments], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def build(env, reviews):
    """The scratch site in the environment's folder: settings, database, demo content,
    generated reviews, collected static files."""
    (Path(env["BENCH_FOLDER"]) / "bench_settings.py").write_text(SCRATCH_SETTINGS)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo_content", "-v0")
    if reviews:
        manage(env, "generate_reviews", str(reviews), "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")


def addresses_of_pages(env):
    """A review's, a briefing's and a theme hub's address on the scratch site."""
    return subprocess.run(  # noqa: S603 - fixed arguments
        [PYTHON, "-c", ADDRESSES_OF_PAGES],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()


def get(port, path, headers=None):
    """One GET as the proxy sends it (HTTPS); anything but a 200 stops the benchmark."""
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        connection.request("GET", path, headers={"X-Forwarded-Proto": "https", **(headers or {})})
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    if response.status != 200:
        raise SystemExit(f"{path} answered {response.status}, not 200")
    return response.headers, body


def stylesheet(port):
    """The static file the site links: its stylesheet, by its hashed (production) name."""
    return stylesheet_in(get(port, "/")[1])


def stylesheet_in(page):
    return re.search(rb'<link rel="stylesheet" href="([^"]+)"', page).group(1).decode()


def requests_per_second(port, path, seconds):
    output = subprocess.run(  # noqa: S603 - fixed arguments
        [
            shutil.which("wrk"),
            "-t2",
            "-c8",
            f"-d{seconds}s",
            "--timeout",
            "30s",  # gunicorn's own time-out: a slow answer is measured, not an error
            "-H",
            "X-Forwarded-Proto: https",
            f"http://{HOST}:{port}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "Non-2xx" in output or "Socket errors" in output:
        raise SystemExit(f"{path}: wrk saw errors\n{output}")
    # The requests wrk left queued when it stopped are still answered: this one waits behind
    # them, so they do not count against the next address.
    get(port, "/health/")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


@contextlib.contextmanager
def served(env, *gunicorn_options):
    """gunicorn serving the scratch site in ``env``, as production does, with two workers:
    yields its port."""
    port = free_port()
    env = {
        **env,
        "GUNICORN_BIND": f"{HOST}:{port}",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_LOG_LEVEL": "warning",
    }
    options = gunicorn_options or ("--access-logfile", "/dev/null")
    process = subprocess.Popen(  # noqa: S603 - fixed arguments
        [GUNICORN, "--config", "deploy/gunicorn.conf.py", *options], cwd=ROOT, env=env
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                get(port, "/health/")
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield port
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)


def warm(port, addresses, cached=True):
    """Ask for each address ten times, so that each worker has almost surely answered it (and
    stored its own copy: which worker answers is the kernel's choice); when ``cached``, stop
    unless an answer came from the page cache."""
    for address in addresses:
        answers = [get(port, address)[0].get("X-Page-Cache") for _ in range(WARM_REQUESTS)]
        if cached and "hit" not in answers:
            raise SystemExit(f"{address} is not served from the page cache: {answers}")


def rates(port, addresses, seconds):
    """Requests a second of each address, and of the static file before and after them."""
    static = stylesheet(port)
    first = requests_per_second(port, static, seconds)
    measured = [requests_per_second(port, address, seconds) for address in addresses]
    last = requests_per_second(port, static, seconds)
    return static, first, measured, last


def run(folder, pages, redis_url, seconds, label):
    addresses = ["/reviews/", "/", pages[0], "/learning/", pages[1], pages[2]]
    with served(environment(folder, redis_url)) as port:
        warm(port, addresses)
        static, first, measured, last = rates(port, addresses, seconds)
    measured = list(zip(addresses, measured, strict=True))
    base = (first + last) / 2
    print(f"\n{label}")
    print(f"{'address':50} {'req/s':>9} {'of static':>10}")
    print(f"{'static ' + static:50} {first:9.0f} {'(first)':>10}")
    for address, rate in measured:
        print(f"{address:50} {rate:9.0f} {rate / base:10.2f}")
    print(f"{'static ' + static:50} {last:9.0f} {'(last)':>10}")
    return [rate / base for _, rate in measured]


class Redis:
    """A redis-server of the benchmark's own, configured as README's "Production" has it."""

    def __init__(self, folder):
        self.port = free_port()
        self.process = subprocess.Popen(  # noqa: S603 - fixed arguments
            [
                shutil.which("redis-server"),
                "--port",
                str(self.port),
                "--bind",
                HOST,
                "--save",
                "",
                "--appendonly",
                "no",
                "--maxmemory",
                "256mb",
                "--maxmemory-policy",
                "allkeys-lru",
                "--dir",
                str(folder),
            ],
            stdout=subprocess.DEVNULL,
        )
        self.url = f"redis://{HOST}:{self.port}/0"
        time.sleep(0.5)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=0, help="generated reviews to add")
    parser.add_argument("--seconds", type=int, default=10, help="how long wrk measures each")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("needs wrk: apt-get install wrk")

    folder = Path(tempfile.mkdtemp(prefix="safeguarding-serving-"))
    try:
        env = environment(folder)
        build(env, args.reviews)
        pages = addresses_of_pages(env)
        ratios = {}
        if shutil.which("redis-server"):
            redis = Redis(folder)
            try:
                ratios["Redis"] = run(folder, pages, redis.url, args.seconds, "With Redis")
            finally:
                redis.stop()
        ratios["no shared cache"] = run(
            folder, pages, None, args.seconds, "No shared cache (generation in a file)"
        )
        print()
        for label, values in ratios.items():
            low, high = min(values), max(values)
            print(f"{label}: cached pages at {low:.2f}-{high:.2f} of the static file")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
