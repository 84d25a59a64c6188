"""Benchmark: server time of the review listing with thousands of reviews.

Builds a scratch database (SQLite file in /tmp, or the PostgreSQL of ``DATABASE_URL``), loads
the demo content (``load_demo_content``) and ``--reviews`` generated reviews
(``generate_reviews``), then renders each listed address ``--runs`` times through Django's
test client (the whole request: URL routing, page lookup, filters, search, template) and
prints the median and 90th percentile in milliseconds.

    .venv/bin/python benchmarks/listing.py --reviews 10000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/safeguarding_bench \
        .venv/bin/python benchmarks/listing.py --reviews 10000

The target (DESIGN.md): a filtered and searched listing under 50 ms median.
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
    "/learning/?q=baby",
    "/themes/neglect/",
    "/reviews/feed/",
    "/reviews/recommendations/",
    "/reviews/recommendations/?status=overdue&year=2024",
    "/search/?q=neglect",
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
    from django.test.utils import setup_test_environment

    from reviews.models import ReviewPage

    setup_test_environment()
    if not args.keep:
        call_command("migrate", verbosity=0)
        call_command("load_demo_content", verbosity=0)
        started = time.perf_counter()
        call_command("generate_reviews", args.reviews, verbosity=0)
        print(f"generated {args.reviews} reviews in {time.perf_counter() - started:.1f} s")
    live = ReviewPage.objects.live().count()
    print(f"database: {django.db.connection.vendor}, live reviews: {live}")

    client = Client()
    print(f"{'address':60} {'median ms':>10} {'p90 ms':>8} {'KB':>6}")
    for address in ADDRESSES:
        response = client.get(address)  # warm caches and check it works
        if response.status_code != 200:
            print(f"{address:60} status {response.status_code}")
            continue
        timings = []
        for _ in range(args.runs):
            started = time.perf_counter()
            client.get(address)
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        p90 = timings[int(len(timings) * 0.9) - 1]
        size = len(response.content) / 1024
        print(f"{address:60} {statistics.median(timings):10.1f} {p90:8.1f} {size:6.1f}")


if __name__ == "__main__":
    main()
