"""``manage.py settle_missed_purges``: make good the page cache purges that missed Redis."""

from django.core.management.base import BaseCommand
from redis.exceptions import RedisError

from safeguarding_site.cache import MissedPurge, settle_missed_purges


class Command(BaseCommand):
    """Start a new page cache generation for the purges that could not reach Redis, once it
    answers again (``safeguarding_site.cache.settle_missed_purges``).

    Run every minute (``safeguarding_site.scheduler.JOBS``): it settles them for the
    processes that never noticed Redis was down. With nothing to settle it asks nothing of
    Redis; while Redis still cannot be reached it says so, and the purges wait for the next
    run.
    """

    help = "Start a new page cache generation for purges that could not reach Redis."

    def handle(self, *args, **options):
        try:
            settled = settle_missed_purges()
        except RedisError as error:
            waiting = MissedPurge.objects.count()
            self.stderr.write(
                f"Redis cannot be reached ({error}): {waiting} missed page cache purges wait "
                "for the next run."
            )
            return
        if settled:
            self.stdout.write(f"{settled} missed page cache purges settled: a new generation.")
