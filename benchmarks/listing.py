"""Benchmark: server time of the listings, hubs and search with thousands of reviews.

Builds a scratch database (SQLite file in /tmp, or the PostgreSQL of ``DATABASE_URL``), loads
the demo content (``load_demo_content``) and ``--reviews`` generated reviews
(``generate_reviews``), then renders each listed address ``--runs`` times through Django's
request handler (the whole request: middleware, URL routing, page lookup, filters, search,
template; no test instrumentation of templates) and prints, per address, the median and 95th
percentile in milliseconds and the SQL queries of one request.

No shared cache, as production runs without Redis: the page cache is off and the cache is each
process's own memory. Two columns time the filter-option counts' two states:

- ``median``/``p95``/``queries``: the listing's kept option table is stored and this process
  holds a current copy (as between two changes); Wagtail's site roots are cached;
- ``counts cold``: the stored tables and the process's copies dropped before every request
  (as just after a change, before ``option_counts.refresh`` has counted them again).

    .venv/bin/python benchmarks/listing.py --reviews 10000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/safeguarding_bench \
        .venv/bin/python benchmarks/listing.py --reviews 10000

The targets (DESIGN.md): every listing and hub, filtered or searched, under 20 ms median, site
search under 30 ms, with a fixed number of queries.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ADDRESSES = [
    "/reviews/",
    "/reviews/?page=5",
    "/reviews/?theme=neglect",
    "/reviews/?q=neglect",
    "/reviews/?q=neglect&theme=neglect&age=under-1&sort=oldest",
    "/reviews/?type=local-cspr&year=2024",
    "/reviews/?q=child",
    "/reviews/?theme=neglect&q=child&age=under-1",
    "/learning/?q=baby",
    "/themes/",
    "/themes/neglect/",
    "/reviews/feed/",
    "/reviews/recommendations/",
    "/reviews/recommendations/?status=overdue&year=2024",
    "/search/?q=neglect",
    "/search/?q=child",
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--keep", action="store_true", help="reuse an existing scratch database")
    args = parser.parse_args()

    os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/safeguarding_benchmark.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "safeguarding_site.settings.test"
    database_url = os.environ["DATABASE_URL"]
    if database_url.startswith("sqlite:") and not args.keep:
        Path(database_url.removeprefix("sqlite:///")).unlink(missing_ok=True)

    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from reviews.models import ReviewPage

    if not args.keep:
        call_command("migrate", verbosity=0)
        call_command("load_demo_content", verbosity=0)
        started = time.perf_counter()
        call_command("generate_reviews", args.reviews, verbosity=0)
        print(f"generated {args.reviews} reviews in {time.perf_counter() - started:.1f} s")
    live = ReviewPage.objects.live().count()
    print(f"database: {django.db.connection.vendor}, live reviews: {live}")

    client = Client()
    print(
        f"{'address':52} {'median ms':>9} {'p95 ms':>7} {'CPU ms':>7} {'queries':>7} "
        f"{'counts cold ms':>14} {'CPU ms':>7} {'queries':>7} {'KB':>5}"
    )
    for address in ADDRESSES:
        response = client.get(address)  # warm caches and check it works
        if response.status_code != 200:
            print(f"{address:52} status {response.status_code}")
            continue
        warm, warm_cpu = timings(client, address, args.runs)
        cold, cold_cpu = timings(client, address, max(5, args.runs // 3), before=forget_counts)
        size = len(response.content) / 1024
        print(
            f"{address:52} {statistics.median(warm):9.1f} {percentile(warm, 95):7.1f} "
            f"{statistics.median(warm_cpu):7.1f} {queries_of(client, address):7} "
            f"{statistics.median(cold):14.1f} {statistics.median(cold_cpu):7.1f} "
            f"{queries_of(client, address, before=forget_counts):7} {size:5.1f}"
        )


def forget_counts():
    """Drop the stored option tables and this process's copies, as a change does."""
    from safeguarding_site import option_counts

    option_counts.ListingCounts.objects.all().delete()
    option_counts._in_process.clear()


def timings(client, address, runs, before=None):
    """Milliseconds of ``runs`` requests for ``address``: wall-clock, and this process's CPU
    (which, on a machine other jobs share, moves less with their load; SQLite runs inside it,
    PostgreSQL does not)."""
    measured, cpu = [], []
    for _ in range(runs):
        if before is not None:
            before()
        started, cpu_started = time.perf_counter(), time.process_time()
        client.get(address)
        measured.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    return measured, cpu


def percentile(values, percent):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(len(ordered) * percent / 100) - 1)]


def queries_of(client, address, before=None):
    """The SQL queries of one request for ``address``."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if before is not None:
        before()
    with CaptureQueriesContext(connection) as context:
        client.get(address)
    return len(context.captured_queries)


if __name__ == "__main__":
    main()
