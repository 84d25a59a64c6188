"""``manage.py generate_reviews N``: N more generated reviews, for load tests."""

import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from demo.builders import Tally
from demo.bulk import add_generated_reviews
from demo.loader import ADMIN_USERNAME
from reviews.models import ReviewPage


class Command(BaseCommand):
    """Add N generated, published reviews under the review index, in bulk, for load tests.

    Run ``load_demo_content`` first: the reviews need its review index and themes. Each run
    numbers its reviews on from the last one (``generated-review-000001`` and so on), and makes
    the database's planner statistics fresh afterwards. The reviews are invented, marked as
    generated demo content, and made up from their number, so the same number always gives the
    same review. ``tests/test_generated_reviews.py`` proves that they render and are found.
    """

    help = "Add N generated reviews for load tests (after load_demo_content)."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, metavar="N", help="How many reviews to add.")

    def handle(self, *args, count, verbosity=1, **options):
        if count < 1:
            raise CommandError("N must be 1 or more.")
        started = time.perf_counter()
        public_before = ReviewPage.objects.live().public().count()
        admin = get_user_model().objects.filter(username=ADMIN_USERNAME).first()
        generated = add_generated_reviews(count, user=admin, tally=Tally())
        seconds = time.perf_counter() - started

        # Fresh planner statistics: without them SQLite drives a search from the index table
        # and probes the full-text table once per row, a hundred times slower.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

        public_after = ReviewPage.objects.live().public().count()
        if public_after != public_before + count:
            raise CommandError(
                f"Expected {public_before + count} public reviews, found {public_after}: is the "
                "review index restricted?"
            )
        if verbosity:
            last = generated.first_number + count - 1
            self.stdout.write(
                f"Generated {count} reviews (numbers {generated.first_number} to {last}) in "
                f"{seconds:.1f} s; {public_after} public reviews."
            )
