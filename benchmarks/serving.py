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
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = Path(sys.executable)
GUNICORN = PYTHON.parent / "gunicorn"
HOST = "127.0.0.1"

SCRATCH_SETTINGS = '''"""Production settings for the benchmark: scratch static and media folders."""
import os
from pathlib import Path

from safeguarding_site.settings.production import *  # noqa: F403

STATIC_ROOT = Path(os.environ["BENCH_FOLDER"]) / "static"
MEDIA_ROOT = Path(os.environ["BENCH_FOLDER"]) / "media"
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


def environment(folder, redis_url=None):
    """Production's environment for the scratch site (without Redis unless given)."""
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
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        DJANGO_PAGE_CACHE_DIR=str(folder / "page-cache"),
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def manage(env, *arguments):
    subprocess.run([PYTHON, "manage.py", *arguments], cwd=ROOT, env=env, check=True)  # noqa: S603


def build(folder, reviews):
    """The scratch site: database, demo content, generated reviews, collected static files."""
    (folder / "bench_settings.py").write_text(SCRATCH_SETTINGS)
    env = environment(folder)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo_content", "-v0")
    if reviews:
        manage(env, "generate_reviews", str(reviews), "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    pages = subprocess.run(  # noqa: S603 - fixed arguments
        [PYTHON, "-c", ADDRESSES_OF_PAGES],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return pages


def get(port, path):
    request = urllib.request.Request(  # noqa: S310 - a local address
        f"http://{HOST}:{port}{path}", headers={"X-Forwarded-Proto": "https"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return response.headers, response.read()


def stylesheet(port):
    """The static file the site links: its stylesheet, by its hashed (production) name."""
    _, body = get(port, "/")
    return re.search(rb'<link rel="stylesheet" href="([^"]+)"', body).group(1).decode()


def requests_per_second(port, path, seconds):
    output = subprocess.run(  # noqa: S603 - fixed arguments
        [
            shutil.which("wrk"),
            "-t2",
            "-c8",
            f"-d{seconds}s",
            "-H",
            "X-Forwarded-Proto: https",
            f"http://{HOST}:{port}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "Non-2xx" in output:
        raise SystemExit(f"{path}: wrk saw error answers\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def serve(folder, redis_url):
    port = free_port()
    env = environment(folder, redis_url)
    env.update(GUNICORN_BIND=f"{HOST}:{port}", GUNICORN_WORKERS="2", GUNICORN_LOG_LEVEL="warning")
    process = subprocess.Popen(  # noqa: S603 - fixed arguments
        [GUNICORN, "--config", "deploy/gunicorn.conf.py", "--access-logfile", "/dev/null"],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            get(port, "/health/")
            return process, port
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def run(folder, pages, redis_url, seconds, label):
    process, port = serve(folder, redis_url)
    try:
        static = stylesheet(port)
        addresses = ["/reviews/", "/", pages[0], "/learning/", pages[1], pages[2]]
        for address in addresses:
            for _ in range(6):  # each worker stores its own copy
                headers, _ = get(port, address)
            if headers.get("X-Page-Cache") != "hit":
                raise SystemExit(f"{address} is not served from the page cache: {headers}")
        first = requests_per_second(port, static, seconds)
        measured = [(address, requests_per_second(port, address, seconds)) for address in addresses]
        last = requests_per_second(port, static, seconds)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
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
        pages = build(folder, args.reviews)
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
