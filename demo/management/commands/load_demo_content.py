"""``manage.py load_demo_content``: the invented demo content, safe to run on every start."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from demo.builders import Tally
from demo.loader import DemoLoader


class Command(BaseCommand):
    """Build the demo site: pages, reviews, briefings, resources, documents and two users.

    Idempotent and fast when the content is already there: every object is looked up first and
    created only if missing, so a second run creates no page, revision, document, user or
    snippet, and leaves anything edited in the admin as it is. The content is built in one
    transaction. Everything it writes is invented and marked as demo content.

    Users: ``admin`` (superuser) takes its password from ``DJANGO_SUPERUSER_PASSWORD`` and
    ``member`` (in the "Partnership members" group) from ``DEMO_MEMBER_PASSWORD``. Without the
    variable a random password is generated and printed once, when the user is created; with
    it, a later run resets the password to the variable's value if they differ.

    For load tests, ``generate_reviews N`` then adds generated reviews.
    """

    help = "Create the invented demo content (idempotent: a second run changes nothing)."

    def handle(self, *args, verbosity=1, **options):
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
