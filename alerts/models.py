"""Who gets email alerts, and of what: only what sending them needs.

A subscriber is stored only once they confirm their address by the link emailed to it (until
then their choices travel in that signed link, and nothing is kept); unsubscribing deletes the
record (``alerts.views``, ``manage.py alerts_subscriber --erase``).
"""

from datetime import datetime, time, timedelta

from django.db import models
from django.utils import timezone

from alerts.choices import Frequency
from learning.models import Theme
from reviews.choices import ReviewType

EMAIL_MAX_LENGTH = 254


# Days since the last digest before the next may go (London days: "daily" is one a day
# whatever the hour the job runs, even if it is run again by hand).
DAYS_BETWEEN = {Frequency.DAILY: 1, Frequency.WEEKLY: 7}


def start_of_day(day):
    """Midnight at the start of ``day`` in the site's time zone (Europe/London)."""
    return timezone.make_aware(datetime.combine(day, time.min))


class SubscriberQuerySet(models.QuerySet):
    def due(self, now=None):
        """The subscribers whose next digest may go ``now``: those who have had none yet, and
        those whose last went on an earlier London day (daily) or at least seven days ago
        (weekly)."""
        today = timezone.localdate(now or timezone.now())
        due = models.Q(last_sent_at__isnull=True)
        for frequency, days in DAYS_BETWEEN.items():
            before = start_of_day(today - timedelta(days=days - 1))
            due |= models.Q(frequency=frequency, last_sent_at__lt=before)
        return self.filter(due)


class Subscriber(models.Model):
    """A practitioner's confirmed email address and the new learning they want to hear of: some
    themes, some types of review, every new 7-minute briefing, daily or weekly.

    ``last_sent_at`` is when their last digest went; the next covers what was published after
    it (after ``confirmed_at`` before the first).
    """

    Frequency = Frequency

    email = models.EmailField(
        max_length=EMAIL_MAX_LENGTH,
        unique=True,
        help_text="The confirmed address digests go to, in lower case.",
    )
    themes = models.ManyToManyField(
        Theme,
        blank=True,
        related_name="alert_subscribers",
        help_text="New reviews and briefings on any of these themes are in the digest.",
    )
    review_types = models.JSONField(
        default=list,
        blank=True,
        help_text="Every new review of these types is in the digest, whatever its themes "
        f"(values of {ReviewType.__name__}).",
    )
    all_briefings = models.BooleanField(
        "every new briefing",
        default=False,
        help_text="Every new 7-minute briefing is in the digest, whatever its themes.",
    )
    frequency = models.CharField(
        max_length=10,
        choices=Frequency.choices,
        default=Frequency.WEEKLY,
        help_text="At most one digest a day, or one a week.",
    )
    confirmed_at = models.DateTimeField(
        "confirmed", default=timezone.now, help_text="When the address was confirmed."
    )
    last_sent_at = models.DateTimeField(
        "last digest",
        null=True,
        blank=True,
        help_text="When the last digest was sent; empty until the first.",
    )

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-confirmed_at", "-pk"]
        verbose_name = "alert subscriber"

    def __str__(self):
        return self.email

    @property
    def review_type_labels(self):
        """The names of the review types chosen, in the list's order."""
        chosen = set(self.review_types)
        return [label for value, label in ReviewType.choices if value in chosen]

    @property
    def covered_until(self):
        """The end of what the last digest covered: new items are published after it."""
        return self.last_sent_at or self.confirmed_at
