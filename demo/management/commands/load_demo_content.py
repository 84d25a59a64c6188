"""``manage.py load_demo_content``: the invented demo content, safe to run on every start."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from wagtail.models import Page

from demo.builders import Tally
from demo.bulk import add_generated_reviews
from demo.loader import DemoLoader
from reviews.models import ReviewPage


class Command(BaseCommand):
    """Build the demo site: pages, reviews, briefings, resources, documents and two users.

    Idempotent and fast when the content is already there: every object is looked up first and
    created only if missing, so a second run creates no page, revision, document, user or
    snippet, and leaves anything edited in the admin as it is. The base content is built in
    one transaction. Everything it writes is invented and marked as demo content.

    Users: ``admin`` (superuser) takes its password from ``DJANGO_SUPERUSER_PASSWORD`` and
    ``member`` (in the "Partnership members" group) from ``DEMO_MEMBER_PASSWORD``. Without the
    variable a random password is generated and printed once, when the user is created; with
    it, a later run resets the password to the variable's value if they differ.

    ``--reviews N`` then adds N generated reviews in bulk for load tests, checks the part of
    the page tree it wrote and the public count, and fetches one of them.
    """

    help = (
        "Create the invented demo content (idempotent: a second run changes nothing). "
        "--reviews N also adds N generated reviews for load tests."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reviews",
            type=int,
            default=0,
            metavar="N",
            help="Also add N generated reviews, in bulk, for load tests.",
        )

    def handle(self, *args, reviews=0, verbosity=1, **options):
        if reviews < 0:
            raise CommandError("--reviews must be 0 or more.")
        started = time.perf_counter()
        tally = Tally()
        loader = DemoLoader(tally)
        with transaction.atomic():
            loader.run()
        for message in loader.messages:  # only once the users are committed
            self.stdout.write(message)
        if verbosity:
            seconds = time.perf_counter() - started
            self.stdout.write(f"Demo content: {tally.summary()} ({seconds:.1f} s).")

        if reviews:
            self.add_reviews(reviews, loader.admin, verbosity)

    def add_reviews(self, count, user, verbosity):
        """Add ``count`` generated reviews, then check the public count and one page."""
        started = time.perf_counter()
        public_before = ReviewPage.objects.live().public().count()
        generated = add_generated_reviews(count, user=user, tally=Tally())
        seconds = time.perf_counter() - started

        # Fresh planner statistics: without them SQLite drives a search from the index table
        # and probes the full-text table once per row, a hundred times slower.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

        public_after = ReviewPage.objects.live().public().count()
        if public_after != public_before + count:
            raise CommandError(
                f"Expected {public_before + count} public reviews, found {public_after}."
            )
        if verbosity:
            self.stdout.write(
                f"Generated {count} reviews (numbers {generated.first_number} to "
                f"{generated.first_number + count - 1}) in {seconds:.1f} s; "
                f"{public_after} public reviews."
            )
        self.check_renders(generated.page_ids[-1], verbosity)

    def check_renders(self, page_id, verbosity):
        """Fetch one generated review through the test client; warn unless it answers 200
        (the reviews are committed by now, so a template problem does not undo them)."""
        url = Page.objects.get(pk=page_id).url
        response = Client(HTTP_HOST="localhost", raise_request_exception=False).get(url)
        if response.status_code != 200:
            self.stderr.write(f"Warning: {url} answered {response.status_code}, not 200.")
        elif verbosity:
            self.stdout.write(f"{url} renders (200).")
