"""Settings: production refuses to start without a secret key, reads its mail server and public
address from the environment, and `check --deploy` warns of addresses no reader could use; the
defaults are British."""

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pytest

from safeguarding_site import checks
from tests import deployment
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


def test_production_reads_the_mail_server_and_public_address_from_the_environment():
    returncode, output = deployment.result("production mail settings")

    assert returncode == 0, output
    read = json.loads(output.strip().splitlines()[-1])
    given = deployment.MAIL_ENVIRONMENT
    assert read == {
        "SITE_URL": given["DJANGO_SITE_URL"],
        "WAGTAILADMIN_BASE_URL": given["DJANGO_SITE_URL"],
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": given["DJANGO_EMAIL_HOST"],
        "EMAIL_PORT": int(given["DJANGO_EMAIL_PORT"]),
        "EMAIL_HOST_USER": given["DJANGO_EMAIL_HOST_USER"],
        "EMAIL_HOST_PASSWORD": given["DJANGO_EMAIL_HOST_PASSWORD"],
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
        "DEFAULT_FROM_EMAIL": given["DJANGO_DEFAULT_FROM_EMAIL"],
        "SERVER_EMAIL": given["DJANGO_SERVER_EMAIL"],
    }


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        ({"DJANGO_EMAIL_USE_TLS": "ture"}, "DJANGO_EMAIL_USE_TLS must be 1 or 0"),
        (
            {"DJANGO_EMAIL_USE_TLS": "1", "DJANGO_EMAIL_USE_SSL": "1"},
            "Set DJANGO_EMAIL_USE_TLS or DJANGO_EMAIL_USE_SSL, not both.",
        ),
    ],
)
def test_production_refuses_to_start_with_mail_encryption_it_cannot_follow(flags, message):
    result = run_check(
        "safeguarding_site.settings.production",
        DJANGO_SECRET_KEY="a-long-random-value-for-this-test-only-0123456789",
        **flags,
    )

    assert result.returncode != 0
    assert message in result.stderr


ALLOWED = ["safeguarding.example.org"]


@pytest.mark.parametrize(
    ("site_url", "warning"),
    [
        ("https://safeguarding.example.org", None),
        ("http://127.0.0.1:8000", "safeguarding.W004"),  # the default: not https
        ("https://localhost", "safeguarding.W005"),
        ("https://127.0.0.1:8443", "safeguarding.W005"),
        ("https://safeguarding.example.org/lscp", "safeguarding.W004"),
        ("safeguarding.example.org", "safeguarding.W004"),
        ("https://www.example.org", "safeguarding.W006"),
    ],
)
def test_deploy_check_warns_of_a_public_address_no_reader_could_follow(site_url, warning):
    found = [message.id for message in checks.site_url_warnings(site_url, ALLOWED)]

    assert found == ([warning] if warning else [])


@pytest.mark.parametrize(
    ("sender", "warned"),
    [
        ("no-reply@safeguarding.example.org", False),
        ("Demo LSCP <no-reply@safeguarding.example.org>", False),
        ("webmaster@localhost", True),  # Django's default
        ("root@server", True),
        ("", True),
    ],
)
def test_deploy_check_warns_of_mail_from_an_address_servers_refuse(sender, warned):
    assert bool(checks.sender_warnings("DEFAULT_FROM_EMAIL", sender)) == warned


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
