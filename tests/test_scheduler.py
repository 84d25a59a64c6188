"""Scheduled jobs: one table says what runs when, in London time; the scheduler runs what is
due, each job once, and goes on after a failure; `make run`'s Procfile runs it beside the web
server and Ctrl-C stops both; the crontab in README and docs/operating.md and deploy/'s systemd
timers say what the table says."""

import configparser
import io
import re
import signal
import subprocess
import sys
import time
import urllib.request
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import get_commands
from django.utils import timezone

from safeguarding_site.scheduler import (
    EVERY_MINUTE,
    JOBS,
    Job,
    Scheduler,
    daily,
    due_jobs,
    weekly,
)
from tests import deployment

ROOT = Path(__file__).resolve().parent.parent
LONDON = ZoneInfo("Europe/London")
UTC = ZoneInfo("UTC")
MINUTE = timedelta(minutes=1)

NIGHTLY = Job("nightly_demo", daily(hour=3, minute=15), "a demo nightly job")
MONDAYS = Job("monday_demo", weekly(0, hour=7), "a demo weekly job")


def utc(text):
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def commands_due(jobs, until, after=None):
    """The commands a scheduler that last looked a minute before ``until`` (or at ``after``)
    runs at ``until``."""
    return [job.command for job in due_jobs(jobs, after or until - MINUTE, until)]


@pytest.mark.parametrize(
    "moment", ["2025-01-15 00:00", "2025-07-01 13:37", "2025-10-26 01:30", "2025-03-30 01:05"]
)
def test_publish_scheduled_is_due_every_minute(moment):
    assert "publish_scheduled" in commands_due(JOBS, utc(moment))


@pytest.mark.parametrize(
    ("moment", "due"),
    [
        ("2025-07-15 02:15", True),  # 03:15 in London, summer time
        ("2025-07-15 03:15", False),
        ("2025-01-15 03:15", True),  # 03:15 in London, winter
        ("2025-01-15 02:15", False),
        ("2025-01-15 03:16", False),
    ],
)
def test_a_daily_job_runs_at_its_london_time_in_summer_and_winter(moment, due):
    assert commands_due([NIGHTLY], utc(moment)) == (["nightly_demo"] if due else [])


def test_a_weekly_job_runs_on_its_day_only():
    monday, tuesday = utc("2025-01-13 07:00"), utc("2025-01-14 07:00")

    assert commands_due([MONDAYS], monday) == ["monday_demo"]
    assert commands_due([MONDAYS], tuesday) == []


def test_jobs_that_fell_due_during_a_pause_run_once_when_the_scheduler_looks_again():
    every_minute = Job("every_minute_demo", EVERY_MINUTE, "a demo job")

    due = commands_due(
        [every_minute, NIGHTLY, MONDAYS],
        after=utc("2025-01-15 03:10"),
        until=utc("2025-01-15 03:20"),
    )

    assert due == ["every_minute_demo", "nightly_demo"]


def test_a_pause_of_days_catches_up_on_the_last_day_only():
    due = commands_due(
        [NIGHTLY, MONDAYS], after=utc("2025-01-10 12:00"), until=utc("2025-01-15 12:00")
    )

    assert due == ["nightly_demo"]  # 15 January 03:15; Monday the 13th is over a day ago


@pytest.mark.parametrize(
    "schedule", [lambda: daily(hour=24), lambda: daily(hour=2, minute=60), lambda: weekly(7, 9)]
)
def test_a_time_that_does_not_exist_is_refused_where_the_table_is_written(schedule):
    with pytest.raises(ValueError):
        schedule()


def test_every_job_is_a_management_command_of_the_site():
    assert {job.command for job in JOBS} <= set(get_commands())


# The scheduler that `make run` runs (manage.py run_scheduler), with the real jobs.


def run_lines(stream):
    return [line for line in stream.getvalue().splitlines() if line]


def test_scheduler_runs_this_minutes_jobs_then_each_later_minute_once(db):
    stdout, stderr = io.StringIO(), io.StringIO()
    scheduler = Scheduler(JOBS, stdout=stdout, stderr=stderr)
    # At the start of a minute, so that a second later is still this minute whenever it runs.
    now = timezone.now().replace(second=0, microsecond=0)

    first = scheduler.run_due(now)
    again_this_minute = scheduler.run_due(now + timedelta(seconds=1))
    three_minutes_on = scheduler.run_due(now + 3 * MINUTE)

    assert first == again_this_minute == three_minutes_on == []  # nothing failed
    ran = [line.split()[0] for line in run_lines(stdout)]
    assert ran == ["publish_scheduled", "settle_missed_purges"] * 2
    assert stderr.getvalue() == ""


def test_a_failing_job_is_reported_and_the_next_still_runs(db):
    stdout, stderr = io.StringIO(), io.StringIO()
    broken = Job("no_such_command", EVERY_MINUTE, "a job whose command is missing")
    publish = next(job for job in JOBS if job.command == "publish_scheduled")

    failed = Scheduler([broken, publish], stdout=stdout, stderr=stderr).run_due(timezone.now())

    assert failed == [broken]
    assert "no_such_command failed" in stderr.getvalue()
    assert "Unknown command: 'no_such_command'" in stderr.getvalue()
    assert run_lines(stdout)[0].startswith("publish_scheduled done in ")


# What production runs: the crontab in README and in the operating guide, and deploy/systemd's
# timers, held to the table.

CRONTAB_GUIDES = ("README.md", "docs/operating.md")


def documented_crontab(guide):
    """{command: its five time fields} of the ``deploy/run-job`` lines in the guide's crontab
    blocks."""
    blocks = re.findall(r"```crontab\n(.*?)```", (ROOT / guide).read_text(), re.DOTALL)
    assert blocks, f"{guide} gives no crontab"
    lines = [
        line.split() for block in blocks for line in block.splitlines() if "deploy/run-job" in line
    ]
    return {fields[6]: " ".join(fields[:5]) for fields in lines}


@pytest.mark.parametrize("guide", CRONTAB_GUIDES)
def test_documented_crontab_runs_each_job_at_its_time(guide):
    assert documented_crontab(guide) == {job.command: job.schedule.crontab for job in JOBS}


def systemd_timers():
    """{command: OnCalendar} of the timers in deploy/systemd, by the job each starts."""
    found = {}
    for path in (ROOT / "deploy" / "systemd").glob("*.timer"):
        timer = configparser.ConfigParser(strict=True)
        timer.read(path)
        unit = re.fullmatch(r"safeguarding-job@(\w+)\.service", timer["Timer"]["Unit"])
        assert unit, f"{path.name} starts {timer['Timer']['Unit']}, not a job"
        assert path.name == f"safeguarding-{unit.group(1)}.timer"
        found[unit.group(1)] = timer["Timer"]["OnCalendar"]
    return found


def test_systemd_timers_start_each_job_at_its_london_time():
    assert systemd_timers() == {job.command: job.schedule.on_calendar for job in JOBS}


def test_systemd_service_runs_the_job_it_is_started_for():
    service = configparser.ConfigParser(strict=True, interpolation=None)
    service.read(ROOT / "deploy" / "systemd" / "safeguarding-job@.service")

    assert service["Service"]["Type"] == "oneshot"
    assert service["Service"]["ExecStart"].endswith("manage.py %i")


# `make run`: honcho runs the Procfile, the development server and the scheduler side by side.

HONCHO = Path(sys.executable).parent / "honcho"
START_SECONDS = 60


def wait_for(predicate, process, output, what):
    deadline = time.monotonic() + START_SECONDS
    while not predicate():
        assert process.poll() is None, f"honcho stopped before {what}:\n{output.read_text()}"
        assert time.monotonic() < deadline, f"no {what} in {START_SECONDS} s:\n{output.read_text()}"
        time.sleep(0.2)


def answers(url):
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - our own server
            return response.status == 200
    except OSError:
        return False


def test_make_runs_procfile_serves_the_site_and_runs_the_scheduler_until_ctrl_c(tmp_path):
    port = deployment.free_port()
    output = tmp_path / "honcho.log"
    environment = {
        **deployment.production_environment(),  # only to drop the suite's own variables
        "DJANGO_SETTINGS_MODULE": "safeguarding_site.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
        "PYTHONUNBUFFERED": "1",
    }
    with output.open("w") as log:
        honcho = subprocess.Popen(  # noqa: S603 - fixed arguments
            [str(HONCHO), "start", "--no-colour", "--port", str(port)],
            cwd=ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own group: a terminal's Ctrl-C reaches honcho alone
        )
    try:
        wait_for(lambda: answers(f"http://127.0.0.1:{port}/health/"), honcho, output, "site")
        wait_for(
            lambda: "scheduler.1 | Scheduled: publish_scheduled" in output.read_text(),
            honcho,
            output,
            "scheduler",
        )

        honcho.send_signal(signal.SIGINT)  # Ctrl-C
        honcho.wait(timeout=20)
    finally:
        if honcho.poll() is None:
            honcho.kill()
            honcho.wait()

    log = output.read_text()
    assert "scheduler.1 | Scheduler stopped." in log
    assert "scheduler.1 stopped (rc=0)" in log  # stopped cleanly, not killed mid-job
    assert not answers(f"http://127.0.0.1:{port}/health/"), "the web server is still serving"
