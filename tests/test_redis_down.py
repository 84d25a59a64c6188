"""With Redis down, the site still answers; once it is back, nothing stale is served.

Each test runs the site's caches in a Redis of its own (``deployment.PrivateRedis``) and takes
it down for real: nothing listens on its port until it is brought back, either with its keys
(as after a network partition: the old generation and the old copies are still there) or
without them (a Redis without persistence, restarted). While it is down, public pages are
rendered afresh and stored nowhere, an editor's publish succeeds and the purge it could not
make is written to the database, sign-in and the lockout work from the database, and the
public forms refuse posts with 503 rather than take them uncounted. Once it is back, every
process shows the change (safeguarding_site/cache.py, "When Redis cannot be reached").

Another gunicorn process is played by ``OtherProcess``: its own copies and its own knowledge
of the outage, with the same Redis and database.
"""

import logging
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from impact.models import PageFeedback
from reviews.models import ReviewPage
from safeguarding_site import cache as page_cache
from safeguarding_site.cache import MissedPurge
from tests import deployment
from tests.factories import TEST_PASSWORD, ReviewPageFactory, review_form_data

pytestmark = pytest.mark.skipif(
    deployment.REDIS_SERVER is None, reason="needs redis-server to start a Redis of its own"
)

OLD_TITLE = "Demo review of Child Q"
NEW_TITLE = "Demo review of Child R"  # review_form_data's: published while Redis is down
LISTINGS = ["/reviews/", "/"]


@pytest.fixture
def redis(settings, monkeypatch):
    """A Redis of the test's own as the site's caches, as REDIS_URL configures them; a process
    that failed to reach it tries again at once (not after ``RETRY_SECONDS``), so a test need
    not wait."""
    server = deployment.PrivateRedis()
    settings.CACHES = server.cache_settings()
    monkeypatch.setattr(page_cache, "RETRY_SECONDS", 0)
    yield server
    server.stop()


@pytest.fixture
def review(site_tree, page_cache):
    """A published review, listed on the reviews listing and the home page; the page cache
    on."""
    return ReviewPageFactory(parent=site_tree.reviews, title=OLD_TITLE)


class OtherProcess:
    """Another gunicorn process of the site: its own copies (``LocalPages``) and its own
    knowledge of Redis's outages, while ``running()``."""

    def __init__(self):
        self.local_pages = page_cache.LocalPages()
        self.outage = page_cache.Outage()

    @contextmanager
    def running(self):
        kept = page_cache.local_pages, page_cache.outage
        page_cache.local_pages, page_cache.outage = self.local_pages, self.outage
        try:
            yield
        finally:
            page_cache.local_pages, page_cache.outage = kept


def warm(addresses):
    """Ask for each address twice, as an anonymous visitor: the second from the cache."""
    visitor = Client()
    for address in addresses:
        assert visitor.get(address).status_code == 200, address
        assert visitor.get(address)["X-Page-Cache"] == "hit", address


def never_kept(response):
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    return {"private", "no-store"} <= cache_control


def publish_new_review(publisher, site_tree, django_capture_on_commit_callbacks):
    """``publisher`` publishes a review in the admin (its purges run once it is saved)."""
    client = Client()
    client.force_login(publisher)
    add = reverse("wagtailadmin_pages:add", args=["reviews", "reviewpage", site_tree.reviews.pk])
    data = {**review_form_data(), "action-publish": "action-publish"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(add, data)
    assert response.status_code == 302, response.context["form"].errors
    assert ReviewPage.objects.live().filter(title=NEW_TITLE).exists()


def test_pages_are_answered_while_redis_is_down_and_stored_nowhere(client, review, redis, caplog):
    addresses = [review.url, *LISTINGS]
    warm(addresses)
    redis.take_down(keep_keys=True)

    with caplog.at_level(logging.WARNING, logger="safeguarding_site.cache"):
        answers = [client.get(address) for address in addresses * 3]

    for answer in answers:
        assert answer.status_code == 200
        assert OLD_TITLE in answer.content.decode()
        assert "X-Page-Cache" not in answer  # answered as one the cache does not look up
        assert never_kept(answer)  # and no browser, proxy or CDN keeps it either
    warnings = [record.getMessage() for record in caplog.records]
    assert len(warnings) == 1, warnings  # once for the outage, not once a request
    assert "cannot reach Redis" in warnings[0]


@pytest.mark.parametrize("keep_keys", [True, False], ids=["kept its keys", "lost its keys"])
def test_a_review_published_while_redis_is_down_shows_everywhere_once_it_is_back(
    review, site_tree, superuser, redis, keep_keys, django_capture_on_commit_callbacks
):
    other = OtherProcess()
    warm(LISTINGS)
    with other.running():
        warm(LISTINGS)  # its own copies, which the outage never touches
    redis.take_down(keep_keys=keep_keys)

    publish_new_review(superuser, site_tree, django_capture_on_commit_callbacks)

    assert MissedPurge.objects.exists()
    for address in LISTINGS:  # this process saw Redis fail: it renders every page afresh
        assert NEW_TITLE in Client().get(address).content.decode(), address

    redis.bring_back()

    for address in LISTINGS:
        answer = Client().get(address)  # settles the missed purge before trusting any copy
        assert answer["X-Page-Cache"] == "miss", address
        assert NEW_TITLE in answer.content.decode(), address
    assert not MissedPurge.objects.exists()
    with other.running():  # never saw the outage: its copies are of a generation now past
        for address in LISTINGS:
            answers = [Client().get(address) for _ in range(2)]
            assert all(NEW_TITLE in answer.content.decode() for answer in answers), address


def test_the_minutes_job_settles_a_missed_purge_for_processes_that_never_saw_the_outage(
    review, site_tree, superuser, redis, django_capture_on_commit_callbacks, capsys
):
    """Processes that answered nobody while Redis was down never learnt of it: the scheduled
    ``settle_missed_purges`` makes good the purge for them, in Redis and in their memory."""
    with_copies, without_copies = OtherProcess(), OtherProcess()
    with with_copies.running():
        warm(LISTINGS)  # in its memory and in Redis
    redis.take_down(keep_keys=True)
    publish_new_review(superuser, site_tree, django_capture_on_commit_callbacks)

    call_command("settle_missed_purges")  # a minute on, Redis still down: kept for later
    assert "Redis cannot be reached" in capsys.readouterr().err
    assert MissedPurge.objects.exists()

    redis.bring_back()
    call_command("settle_missed_purges")  # the next minute

    assert "missed page cache purges settled" in capsys.readouterr().out
    assert not MissedPurge.objects.exists()
    for process in (with_copies, without_copies):  # from memory, Redis, or rendered afresh
        with process.running():
            for address in LISTINGS:
                assert NEW_TITLE in Client().get(address).content.decode(), address


def test_a_purge_that_cannot_reach_redis_is_written_down_only_with_its_change(
    review, redis, django_capture_on_commit_callbacks
):
    """The note of a missed purge is written in the editor's transaction: a change that is
    rolled back leaves none (nothing changed); one that is saved leaves it with the change."""
    redis.take_down(keep_keys=True)

    with transaction.atomic():
        review.unpublish()
        transaction.set_rollback(True)
    assert not MissedPurge.objects.exists()

    review.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        review.unpublish()
    assert MissedPurge.objects.exists()


# Signing in, the admin and the public forms while Redis is down.


def test_signing_in_and_the_admin_work_while_redis_is_down(editor, review, redis):
    """Sessions, sign-in attempts (the lockout) and authenticator devices are in the
    database: Redis plays no part."""
    redis.take_down(keep_keys=True)
    browser = Client()

    assert browser.get("/admin/login/").status_code == 200
    signed_in = browser.post(
        "/admin/login/", {"username": editor.username, "password": TEST_PASSWORD}
    )
    assert signed_in.status_code == 302
    assert browser.get("/admin/").status_code == 200
    assert browser.get(f"/admin/pages/{review.pk}/edit/").status_code == 200


def test_the_lockout_still_counts_wrong_passwords_while_redis_is_down(editor, redis):
    redis.take_down(keep_keys=True)
    guesser = Client(REMOTE_ADDR="203.0.113.9")

    answers = [
        guesser.post("/login/", {"username": editor.username, "password": f"wrong-{n}"})
        for n in range(5)
    ]
    right = guesser.post("/login/", {"username": editor.username, "password": TEST_PASSWORD})

    assert [answer.status_code for answer in answers] == [200] * 4 + [429]
    assert right.status_code == 429
    assert "_auth_user_id" not in guesser.session


def test_public_forms_refuse_posts_they_cannot_count_while_redis_is_down(review, redis, mailoutbox):
    """The hourly limits cannot be counted: a post is refused with 503, never let through
    uncounted (a flood of feedback, or of confirmation emails to someone's address); the pages
    with the forms still show."""
    redis.take_down(keep_keys=True)
    visitor = Client()
    forms = [f"/feedback/{review.pk}/", "/alerts/"]

    shown = [visitor.get(address) for address in [review.url, "/alerts/"]]
    refused = [visitor.post(address, {}) for address in forms]

    assert [answer.status_code for answer in shown] == [200, 200]
    for answer in refused:
        assert answer.status_code == 503
        assert answer["Retry-After"] == "300"
        assert "Please try again in a few minutes" in answer.content.decode()
        assert never_kept(answer)
    assert not PageFeedback.objects.exists()
    assert mailoutbox == []
