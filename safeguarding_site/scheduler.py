"""The site's scheduled jobs and when each runs: one table, ``JOBS``.

A job is a management command and its schedule, read in the site's time zone (Europe/London,
summer time included). Add a job with one line in ``JOBS``; then add its line to the crontab
and its timer to ``deploy/systemd/`` (README, "Scheduled jobs"), which a test holds to this
table.

- ``make run`` runs the table with ``manage.py run_scheduler`` beside the web server
  (``Scheduler`` below: in one process, one job after another).
- Production runs each job from cron or from a systemd timer, on one host only.

Avoid times between 01:00 and 02:00: on the nights the clocks change they happen twice, or
not at all.
"""

import time
import traceback
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.management import call_command
from django.db import connections
from django.utils import timezone

MINUTE = timedelta(minutes=1)
# After a pause (a laptop asleep, a long job), jobs due in the last day are run, each once.
LONGEST_CATCH_UP = timedelta(days=1)
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class Schedule:
    """The minutes a job runs at: those whose minute, hour and weekday (0 is Monday) match,
    ``None`` matching any, in the site's time zone. ``Schedule()`` is every minute."""

    minute: int | None = None
    hour: int | None = None
    weekday: int | None = None

    def __post_init__(self):
        for name, value, top in (("minute", self.minute, 59), ("hour", self.hour, 23)):
            if value is not None and not 0 <= value <= top:
                raise ValueError(f"{name} {value} is not between 0 and {top}")
        if self.weekday is not None and not 0 <= self.weekday <= 6:
            raise ValueError(f"weekday {self.weekday} is not between 0 (Monday) and 6")

    def is_due(self, moment):
        """Whether the job runs in the minute that ``moment`` falls in."""
        local = timezone.localtime(moment)
        wanted = (
            (self.minute, local.minute),
            (self.hour, local.hour),
            (self.weekday, local.weekday()),
        )
        return all(want is None or want == have for want, have in wanted)

    def __str__(self):
        if self == Schedule():
            return "every minute"
        if self.minute is not None and self.hour is not None:
            at = f"{self.hour:02d}:{self.minute:02d}"
            return f"daily at {at}" if self.weekday is None else f"{WEEKDAYS[self.weekday]} at {at}"
        return f"at {self.crontab} (cron)"

    @property
    def crontab(self):
        """The five time fields of a crontab line (cron counts Sunday as 0, not 6)."""
        weekday = "*" if self.weekday is None else str((self.weekday + 1) % 7)
        return f"{_field(self.minute)} {_field(self.hour)} * * {weekday}"

    @property
    def on_calendar(self):
        """A systemd timer's ``OnCalendar=`` value, in the site's time zone."""
        day = "" if self.weekday is None else f"{WEEKDAYS[self.weekday]} "
        return f"{day}*-*-* {_field(self.hour, 2)}:{_field(self.minute, 2)}:00 {settings.TIME_ZONE}"


def _field(value, width=1):
    return "*" if value is None else f"{value:0{width}d}"


EVERY_MINUTE = Schedule()


def daily(hour, minute=0):
    return Schedule(minute=minute, hour=hour)


def weekly(weekday, hour, minute=0):
    return Schedule(minute=minute, hour=hour, weekday=weekday)


@dataclass(frozen=True)
class Job:
    """A management command the site runs on a schedule, and what it is for."""

    command: str
    schedule: Schedule
    purpose: str


JOBS = (
    Job(
        "publish_scheduled",
        EVERY_MINUTE,
        "puts pages and snippets live at their go-live time, takes expired ones down",
    ),
    Job(
        "settle_missed_purges",
        EVERY_MINUTE,
        "makes good the page cache purges that could not reach Redis, once it answers again",
    ),
    Job("check_links", daily(hour=2, minute=30), "checks every external resource's address"),
    Job(
        "delete_old_report_requests",
        daily(hour=3, minute=15),
        "deletes requests for full reports once they are a year old",
    ),
    Job(
        "send_alert_digests",
        daily(hour=7),
        "emails each subscriber whose digest is due what was published since their last one",
    ),
)


def start_of_minute(moment):
    return moment.replace(second=0, microsecond=0)


def due_jobs(jobs, after, until):
    """The jobs due at a whole minute after ``after`` and up to ``until`` (both aware times),
    each once, in the table's order: what a scheduler that last looked at ``after`` runs at
    ``until``. Minutes more than ``LONGEST_CATCH_UP`` before ``until`` are not looked at."""
    last = start_of_minute(until)
    minute = max(start_of_minute(after), last - LONGEST_CATCH_UP) + MINUTE
    minutes = []
    while minute <= last:
        minutes.append(minute)
        minute += MINUTE
    return [job for job in jobs if any(job.schedule.is_due(moment) for moment in minutes)]


class Scheduler:
    """Runs the jobs of ``jobs`` as their minutes come, in this process, one after another,
    reporting each to ``stdout`` (a failure and its traceback to ``stderr``, and the others
    still run).

    ``run_due(now)`` runs what is due since it last ran (the first time: this minute's jobs);
    ``manage.py run_scheduler`` calls it at the start of every minute.
    """

    def __init__(self, jobs, stdout, stderr):
        self.jobs = jobs
        self.stdout = stdout
        self.stderr = stderr
        self.looked_until = None

    def run_due(self, now):
        """Run the jobs due since the last call, up to ``now``; the jobs that failed."""
        after = self.looked_until or start_of_minute(now) - MINUTE
        self.looked_until = now
        return [job for job in due_jobs(self.jobs, after, now) if not self.run(job)]

    def run(self, job):
        """Run one job; whether it succeeded."""
        started = time.monotonic()
        renew_connections()
        try:
            call_command(job.command)
        except Exception:  # noqa: BLE001 - reported; the other jobs still run
            self.stderr.write(f"{job.command} failed:\n{traceback.format_exc()}")
            return False
        finally:
            renew_connections()
        self.stdout.write(f"{job.command} done in {time.monotonic() - started:.1f} s\n")
        return True


def renew_connections():
    """What Django does around every request, around every job: close database connections
    that are broken or past their age, so the next query opens a fresh one (the database may
    have dropped one in the minute between two jobs). Never one inside a transaction, which
    closing would lose (a test's, or a caller's)."""
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()
