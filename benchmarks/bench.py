"""Benchmark: one table of every kind of public address, served as production serves it.

Builds the scratch site as ``serving.py`` does (migrations, the demo content, ``--reviews``
generated reviews, static files collected; production settings) on SQLite in a scratch folder,
or, when ``DATABASE_URL`` is a PostgreSQL URL, in the database it names, whose name must say
``bench``: that database is dropped and created again, and dropped at the end (no other
database on that server is touched). gunicorn serves it (``deploy/gunicorn.conf.py``, two sync
workers). The addresses are the load test's (``load_and_faults.public_addresses``: home, the
review listing plain, filtered and filtered with a search, a review, ``/learning/``, a
briefing, a theme hub, ``/search/``, the feed, the CSV export), a searched listing, and the
site's stylesheet (the static file). For each it prints:

- ``median ms``, ``p95 ms``: server time with the page cache off, ``--runs`` requests one at a
  time (the addresses in turn), as gunicorn measures it in its access log (``%(D)s``: from
  the request read to the answer's last byte written: the whole of Django and the write, not
  accepting the connection (a sync worker takes a new one for every request) nor reading the
  request);
- ``queries``: the SQL queries of one request, counted in a child process with the same
  settings and database (Django's test client, over HTTPS as the proxy says, page cache off);
- ``bytes``: the body;
- ``uncached/s``, ``cached/s``, ``Redis/s``: requests a second with ``wrk`` (8 connections,
  ``--seconds`` each), with the page cache off; on with no shared cache (each worker's own
  copies, the generation in a file); and on with a redis-server of its own (when installed);
  each run is a gunicorn of its own, and each ``x static`` is the ratio to the static file
  measured in that run (the mean of its rate before and after the addresses).

Before anything is measured, every address is asked for ten times, so that each worker has
(almost surely) answered it: the listing's option counts are stored and each worker holds its
copy of them and of Wagtail's site roots, and (cached runs) its copy of the page, which must
have come from the page cache at least once. After each wrk run it waits for the requests wrk
left queued. It prints the load average at the start and after the measurements: wrk shares
the cores with gunicorn, so run it on a quiet machine.

    .venv/bin/python benchmarks/bench.py                 # make bench; needs wrk
    .venv/bin/python benchmarks/bench.py --reviews 300 --seconds 2 --runs 10
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/safeguarding_bench make bench

The targets are those ``listing.py`` (server time) and ``serving.py`` (cached pages at 80% or
more of the static file) give. ``--profile ADDRESS`` (repeatable) also prints where that
address's time goes (cProfile of ``--runs`` requests in the child process, page cache off),
to say why a target is missed. ``--keep`` builds in a fixed scratch folder and keeps it (and
the PostgreSQL database), and reuses it when run again with the same ``--reviews`` and
``DATABASE_URL``. It exits non-zero when an address answers anything but a 200 or wrk sees an
error.
"""

import argparse
import cProfile
import json
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from functools import partial
from pathlib import Path

from listing import percentile
from load_and_faults import public_addresses, reset_scratch_database
from serving import (
    HOST,
    PYTHON,
    ROOT,
    WARM_REQUESTS,
    Redis,
    build,
    environment,
    get,
    rates,
    served,
    stylesheet_in,
    warm,
)

KEPT_FOLDER = Path(tempfile.gettempdir()) / "safeguarding-bench"
TIMED = "timed"  # the X-Bench header of the timed requests, in gunicorn's access log


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=10000, help="generated reviews to add")
    parser.add_argument("--seconds", type=int, default=10, help="how long wrk measures each")
    parser.add_argument("--runs", type=int, default=30, help="timed requests of each address")
    parser.add_argument("--profile", action="append", default=[], metavar="ADDRESS")
    parser.add_argument("--keep", action="store_true", help=f"build in {KEPT_FOLDER}, reuse it")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


def prepare(env, reviews, postgres_url, keep):
    """Build the scratch site in a new folder, unless ``--keep`` finds it built as asked."""
    folder = Path(env["BENCH_FOLDER"])
    marker = folder / "built"
    built_as = f"{env['DATABASE_URL']} {reviews}"
    if keep and marker.exists() and marker.read_text() == built_as:
        return
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    if postgres_url:
        reset_scratch_database(postgres_url, "bench")
    build(env, reviews)
    marker.write_text(built_as)


def child(runs, profile):
    """In the scratch site's settings: print the addresses, and the queries of each, as JSON."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from reviews.models import ReviewPage

    client = Client(headers={"host": HOST, "x-forwarded-proto": "https"})
    addresses = public_addresses()
    addresses.insert(3, "/reviews/?q=child")  # after the filtered listing
    addresses.append(stylesheet_in(client.get("/").content))
    queries = {}
    for address in addresses:
        client.get(address)  # as in each worker: the option counts stored and held
        with CaptureQueriesContext(connection) as captured:
            response = client.get(address)
        if response.status_code != 200:
            raise SystemExit(f"{address} answered {response.status_code}, not 200")
        queries[address] = len(captured)
    for address in profile:
        print_profile(client, address, runs)
    print(
        json.dumps(
            {
                "addresses": addresses,
                "queries": queries,
                "database": connection.vendor,
                "reviews": ReviewPage.objects.live().count(),
            }
        )
    )


def print_profile(client, address, runs):
    """Where the time of ``runs`` requests of ``address`` goes, on stderr."""
    client.get(address)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(runs):
        client.get(address)
    profiler.disable()
    print(f"\nprofile of {runs} requests of {address} (page cache off)", file=sys.stderr)
    pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(30)


def in_child(env, runs, profile):
    """The child's answer (``child``), run with the scratch site's environment."""
    command = [PYTHON, __file__, "--child", "--runs", str(runs)]
    for address in profile:
        command += ["--profile", address]
    output = subprocess.run(  # noqa: S603 - fixed arguments
        command, cwd=ROOT, env=env, check=True, stdout=subprocess.PIPE, text=True
    ).stdout
    return json.loads(output)


def server_times(env, addresses, runs):
    """Milliseconds of each of ``runs`` requests of every address, by gunicorn's access log,
    and each address's body size."""
    log = Path(env["BENCH_FOLDER"]) / "access.log"
    log.unlink(missing_ok=True)
    options = ("--access-logfile", str(log), "--access-logformat", "%({x-bench}i)s %(D)s %(r)s")
    sizes = {}
    with served(env, *options) as port:
        warm(port, addresses, cached=False)
        for _ in range(runs):
            for address in addresses:
                sizes[address] = len(get(port, address, {"X-Bench": TIMED})[1])
    times = defaultdict(list)
    for line in log.read_text().splitlines():
        mark, microseconds, request = line.split(" ", 2)
        if mark == TIMED:
            times[request.split(" ")[1]].append(int(microseconds) / 1000)
    return times, sizes


def measure(env, addresses, seconds, cached):
    """Requests a second of each address, and of the static file, in one gunicorn run."""
    with served(env) as port:
        warm(port, addresses, cached=cached)
        _, first, measured, last = rates(port, addresses, seconds)
    return first, dict(zip(addresses, measured, strict=True)), last


def print_table(header, rows):
    widths = [max(len(row[column]) for row in [header, *rows]) for column in range(len(header))]

    def line(cells):
        padded = [cells[0].ljust(widths[0])]
        padded += [cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True)]
        return "| " + " | ".join(padded) + " |"

    rule = ["-" * widths[0], *("-" * (width - 1) + ":" for width in widths[1:])]
    for cells in [header, rule, *rows]:
        print(line(cells))


def main():
    args = parse_args()
    if args.child:
        return child(args.runs, args.profile)
    if not shutil.which("wrk"):
        raise SystemExit("needs wrk: apt-get install wrk")
    load_before = os.getloadavg()
    database_url = os.environ.get("DATABASE_URL", "")
    postgres_url = database_url if database_url.startswith(("postgres:", "postgresql:")) else None
    folder = KEPT_FOLDER if args.keep else Path(tempfile.mkdtemp(prefix="safeguarding-bench-"))
    site = partial(environment, folder, database_url=postgres_url)
    uncached_site = {**site(), "BENCH_PAGE_CACHE": "off"}
    runs = {}
    try:
        prepare(site(), args.reviews, postgres_url, args.keep)
        found = in_child(uncached_site, args.runs, args.profile)
        *addresses, _ = found["addresses"]  # and the static file
        times, sizes = server_times(uncached_site, found["addresses"], args.runs)
        runs["uncached"] = measure(uncached_site, addresses, args.seconds, cached=False)
        runs["cached"] = measure(site(), addresses, args.seconds, cached=True)
        if shutil.which("redis-server"):
            redis = Redis(folder)
            try:
                runs["Redis"] = measure(site(redis.url), addresses, args.seconds, cached=True)
            finally:
                redis.stop()
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
            if postgres_url:
                reset_scratch_database(postgres_url, "bench", create=False)
    report(found, times, sizes, runs, args, (load_before, os.getloadavg()))


def report(found, times, sizes, runs, args, loads):
    """The table, and what it was measured under."""
    *_, static = found["addresses"]
    header = ["address", "median ms", "p95 ms", "queries", "bytes"]
    for label in runs:
        header += [f"{label}/s", "x static"]
    rows = []
    for address in found["addresses"]:
        row = [
            "static " + address if address == static else address,
            f"{statistics.median(times[address]):.1f}",
            f"{percentile(times[address], 95):.1f}",
            str(found["queries"][address]),
            str(sizes[address]),
        ]
        for first, measured, last in runs.values():
            rate = measured.get(address, (first + last) / 2)
            row += [f"{rate:.0f}", f"{rate / ((first + last) / 2):.2f}"]
        rows.append(row)
    print(
        f"\n{found['database']}, {found['reviews']} live reviews; gunicorn 2 sync workers, "
        f"{len(os.sched_getaffinity(0))} cores; times of {args.runs} requests one at a time, "
        f"wrk 8 connections for {args.seconds} s\n"
    )
    print_table(header, rows)
    print(
        "\nstatic file before and after, req/s: "
        + "; ".join(f"{label} {first:.0f}, {last:.0f}" for label, (first, _, last) in runs.items())
    )
    print(
        f"warm: each address asked {WARM_REQUESTS} times first (option counts stored and held "
        "by each worker); page cache off for the times, queries and uncached/s, on for cached/s "
        "(each worker's own copies, the generation in a file) and Redis/s (copies and "
        "generation in Redis)"
    )
    before, after = (" ".join(f"{value:.2f}" for value in load) for load in loads)
    print(f"load average (1, 5, 15 min): at the start {before}, after the measurements {after}")


if __name__ == "__main__":
    main()
