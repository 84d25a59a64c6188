"""Settings: production refuses to start without a secret key; the defaults are British."""

import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pytest

from tests.factories import ReviewPageFactory
from tests.html import soup_of

ROOT = Path(__file__).resolve().parent.parent


def run_check(settings_module, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(DJANGO_SETTINGS_MODULE=settings_module, **env)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = run_check("safeguarding_site.settings.production")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_production_settings_start_with_a_secret_key():
    result = run_check(
        "safeguarding_site.settings.production",
        DJANGO_SECRET_KEY="a-long-random-value-for-this-test-only-0123456789",
        DJANGO_ALLOWED_HOSTS="example.org",
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("published", "shown", "offset"),
    [(date(2024, 6, 1), "1 June 2024", "+0100"), (date(2024, 12, 1), "1 December 2024", "+0000")],
)
def test_dates_read_the_british_way_in_london_time(client, site_tree, published, shown, offset):
    """Day before month on the page; the feed's times are London's, summer time included."""
    review = ReviewPageFactory(parent=site_tree.reviews, published_date=published)

    page = client.get(review.url)
    feed = ElementTree.fromstring(client.get("/reviews/feed/").content)

    assert shown in soup_of(page).select_one("dl.summary-list").get_text(" ")
    assert feed.findtext("channel/item/pubDate").endswith(offset)
