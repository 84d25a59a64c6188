"""Requesting an archived review's full report: a public form under the review stores the
request, emails the partnership with a link to it in the admin, and thanks the requester
(POST, redirect, GET). Only a live, public, archived review takes requests. A program that
fills the trap field, a form sent too soon or too late, a post over the hour's limits (per
client, behind the proxy, and overall) or bad input stores and sends nothing; CSRF stays on.
Staff read requests in the admin, and the nightly job deletes them after a year."""

import io
import logging
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from reviews.models import ReviewPage
from reviews.report_requests import FullReportRequest
from reviews.wagtail_hooks import FullReportRequestViewSet
from safeguarding_site.models import PartnershipSettings
from tests import deployment
from tests.factories import ReviewPageFactory, UserFactory, create_editor
from tests.html import soup_of
from tests.test_bad_input import NASTY_VALUES

LONDON = ZoneInfo("Europe/London")
START = datetime(2030, 5, 1, 10, 0, tzinfo=LONDON)
PUBLIC_ADDRESS = "https://lscp.example.net"
PARTNERSHIP_EMAIL = "business.unit@lscp.example.net"
ANSWERS = {
    "name": "Demo Researcher",
    "email": "researcher@example.org",
    "organisation": "Demo University",
    "reason": "Demo research into head injuries in toddlers, for a training course.",
}


@pytest.fixture
def clock():
    """The time, held at START (a morning in London) until a test moves it on."""
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def partnership(site_tree, settings):
    """The partnership's email in the site settings, and the site's public address."""
    settings.SITE_URL = PUBLIC_ADDRESS
    settings.PARTNERSHIP_EMAIL = ""
    partnership = PartnershipSettings.for_site(site_tree.site)
    partnership.email = PARTNERSHIP_EMAIL
    partnership.save()
    return partnership


@pytest.fixture
def archived_review(site_tree, partnership):
    return ReviewPageFactory(
        parent=site_tree.reviews,
        title="Demo review of Child N",
        slug="child-n",
        status=ReviewPage.Status.ARCHIVED,
    )


def form_url(review):
    return review.url + review.reverse_subpage("request_full_report")


def sent_url(review):
    return review.url + review.reverse_subpage("full_report_request_sent")


class Requester:
    """Someone's browser at one address: opens the form, takes ``seconds`` over it, sends it."""

    def __init__(self, clock, address="203.0.113.20", **environ):
        self.clock = clock
        self.client = Client(enforce_csrf_checks=True, REMOTE_ADDR=address, **environ)

    def open(self, review):
        response = self.client.get(form_url(review))
        assert response.status_code == 200, response.status_code
        return response

    def send(self, review, answers=ANSWERS, *, seconds=40, **extra):
        form = soup_of(self.open(review)).select_one("form.request-form")
        hidden = {field["name"]: field["value"] for field in form.select("input[type=hidden]")}
        self.clock.shift(seconds)
        return self.client.post(form_url(review), {**hidden, **answers, **extra})


def errors_shown(response):
    """The error summary's items, as the requester reads them."""
    assert response.status_code == 200, response.status_code
    return [
        item.get_text(" ", strip=True) for item in soup_of(response).select(".error-summary li")
    ]


# A request that goes through.


def test_a_request_is_stored_emailed_to_the_partnership_and_confirmed(
    archived_review, clock, mailoutbox, superuser_client
):
    response = Requester(clock).send(archived_review)

    assert response.status_code == 302
    assert response["Location"] == sent_url(archived_review)
    confirmation = Client().get(response["Location"])
    assert confirmation.status_code == 200
    assert soup_of(confirmation).h1.get_text(strip=True) == "Request sent"

    stored = FullReportRequest.objects.get()
    assert stored.review == archived_review.page_ptr.specific
    assert stored.created_at == START + timedelta(seconds=40)
    assert {name: getattr(stored, name) for name in ANSWERS} == ANSWERS

    [email] = mailoutbox
    assert email.to == [PARTNERSHIP_EMAIL]
    assert email.reply_to == [ANSWERS["email"]]
    assert email.subject == "Full report request: Demo review of Child N"
    for answer in ANSWERS.values():
        assert answer in email.body
    assert f"Review: {PUBLIC_ADDRESS}/reviews/child-n/" in email.body
    admin_address = reverse("full_report_requests:inspect", args=[stored.pk])
    assert f"The request in the admin: {PUBLIC_ADDRESS}{admin_address}" in email.body

    superuser_client.force_login(UserFactory(is_superuser=True, is_staff=True))
    in_admin = superuser_client.get(admin_address)
    assert in_admin.status_code == 200
    assert ANSWERS["reason"] in in_admin.content.decode()


def test_the_archived_notice_links_to_the_form_by_name(client, archived_review, site_tree):
    published = ReviewPageFactory(parent=site_tree.reviews, status=ReviewPage.Status.PUBLISHED)

    notice = soup_of(client.get(archived_review.url)).select_one("main .notice")
    link = notice.find("a", string="request the full report")

    assert link["href"] == form_url(archived_review)
    assert "request-full-report" not in client.get(published.url).content.decode()


def test_the_review_stays_cached_and_the_form_never_is(client, archived_review, page_cache):
    client.get(archived_review.url)
    assert client.get(archived_review.url)["X-Page-Cache"] == "hit"

    for _ in range(2):
        form = client.get(form_url(archived_review))
        assert form.status_code == 200
        assert "X-Page-Cache" not in form
        assert "no-store" in form["Cache-Control"]
        assert "private" in form["Cache-Control"]


def test_without_a_partnership_email_requests_go_to_the_setting(
    archived_review, partnership, clock, mailoutbox, settings
):
    partnership.email = ""
    partnership.save()
    settings.PARTNERSHIP_EMAIL = "fallback@lscp.example.net"

    Requester(clock).send(archived_review)

    assert [email.to for email in mailoutbox] == [["fallback@lscp.example.net"]]


def test_a_mail_server_that_is_down_still_keeps_the_request_and_thanks_the_requester(
    archived_review, clock, settings, caplog
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", deployment.free_port()  # nobody
    settings.EMAIL_TIMEOUT = 5

    with caplog.at_level(logging.ERROR, logger="reviews.report_requests"):
        response = Requester(clock).send(archived_review)

    assert response.status_code == 302
    assert FullReportRequest.objects.count() == 1
    assert "could not be emailed" in caplog.text


# Only a live, public, archived review takes requests.


@pytest.mark.parametrize(
    "status",
    [ReviewPage.Status.PUBLISHED, ReviewPage.Status.DELAYED, ReviewPage.Status.SUMMARY_ONLY],
)
def test_a_review_that_is_not_archived_answers_404(client, site_tree, partnership, status):
    review = ReviewPageFactory(parent=site_tree.reviews, status=status)

    assert client.get(form_url(review)).status_code == 404
    assert client.post(form_url(review), ANSWERS).status_code == 404
    assert client.get(sent_url(review)).status_code == 404
    assert not FullReportRequest.objects.exists()


def test_an_unpublished_archived_review_answers_404(client, archived_review):
    archived_review.unpublish()

    assert client.get(form_url(archived_review)).status_code == 404
    assert client.post(form_url(archived_review), ANSWERS).status_code == 404


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_other_methods_are_refused(client, archived_review, method):
    assert client.generic(method, form_url(archived_review)).status_code == 405


# What stores and sends nothing.


def test_a_program_that_fills_the_trap_is_told_it_was_sent_but_nothing_is_kept_or_sent(
    archived_review, clock, mailoutbox
):
    response = Requester(clock).send(archived_review, website="https://spam.example")

    assert response.status_code == 302
    assert response["Location"] == sent_url(archived_review)
    assert not FullReportRequest.objects.exists()
    assert mailoutbox == []


def test_a_form_sent_quicker_than_a_person_could_is_refused_until_sent_again(
    archived_review, clock, mailoutbox
):
    requester = Requester(clock)

    response = requester.send(archived_review, seconds=1)

    assert errors_shown(response) == [
        "That was quicker than we expected: please check it and send it again."
    ]
    assert not FullReportRequest.objects.exists()
    assert mailoutbox == []
    # The answers are kept, with a fresh token: sending again a little later goes through.
    form = soup_of(response).select_one("form.request-form")
    assert form.select_one("input[name=name]")["value"] == ANSWERS["name"]
    resend = {field["name"]: field.get("value", "") for field in form.select("input")}
    clock.shift(10)
    again = requester.client.post(form_url(archived_review), {**resend, **ANSWERS})
    assert again.status_code == 302
    assert FullReportRequest.objects.count() == 1


def test_a_form_left_open_over_a_day_asks_to_be_sent_again(archived_review, clock):
    response = Requester(clock).send(archived_review, seconds=25 * 60 * 60)

    assert errors_shown(response) == ["This form was open for over a day: please send it again."]
    assert not FullReportRequest.objects.exists()


@pytest.mark.parametrize("token", [None, "", "1893456000.0", "not-our-token:abc:def"])
def test_a_post_without_the_forms_own_token_stores_nothing(archived_review, clock, token):
    requester = Requester(clock)
    form = soup_of(requester.open(archived_review)).select_one("form.request-form")
    csrf = form.select_one("input[name=csrfmiddlewaretoken]")["value"]
    data = {"csrfmiddlewaretoken": csrf, **ANSWERS}
    if token is not None:
        data["started"] = token

    response = requester.client.post(form_url(archived_review), data)

    assert errors_shown(response) == ["Something went wrong with this form: please send it again."]
    assert not FullReportRequest.objects.exists()


def test_csrf_stays_on(archived_review, clock):
    requester = Requester(clock)
    form = soup_of(requester.open(archived_review)).select_one("form.request-form")
    started = form.select_one("input[name=started]")["value"]
    clock.shift(40)

    response = requester.client.post(form_url(archived_review), {"started": started, **ANSWERS})

    assert response.status_code == 403
    assert not FullReportRequest.objects.exists()


@pytest.mark.parametrize(
    ("answers", "errors"),
    [
        pytest.param({}, {"name", "email", "reason"}, id="nothing"),
        pytest.param({**ANSWERS, "email": "not an address"}, {"email"}, id="bad email"),
        pytest.param({**ANSWERS, "name": "x" * 101}, {"name"}, id="long name"),
        pytest.param({**ANSWERS, "reason": "y" * 2001}, {"reason"}, id="long reason"),
        pytest.param({**ANSWERS, "name": "Demo\x00Name"}, {"name"}, id="NUL"),
        pytest.param({**ANSWERS, "organisation": "o" * 151}, {"organisation"}, id="long org"),
    ],
)
def test_bad_answers_are_form_errors_and_store_nothing(
    archived_review, clock, mailoutbox, answers, errors
):
    response = Requester(clock).send(archived_review, answers)

    assert response.status_code == 200
    assert set(response.context["form"].errors) == errors
    assert len(errors_shown(response)) >= len(errors)
    assert not FullReportRequest.objects.exists()
    assert mailoutbox == []


def test_hostile_answers_never_cause_a_server_error_or_come_back_as_markup(
    archived_review, clock, settings
):
    settings.FULL_REPORT_REQUESTS_PER_CLIENT_PER_HOUR = len(NASTY_VALUES)
    settings.FULL_REPORT_REQUESTS_PER_HOUR = len(NASTY_VALUES)
    requester = Requester(clock)
    for number, value in enumerate(NASTY_VALUES):
        field = list(ANSWERS)[number % len(ANSWERS)]
        response = requester.send(archived_review, {**ANSWERS, field: value}, seconds=5)
        body = response.content.decode("utf-8", "replace")
        assert response.status_code in (200, 302), (field, value[:40], response.status_code)
        assert "<script>alert(" not in body
        assert "<svg onload=" not in body
    assert 0 < FullReportRequest.objects.count() < len(NASTY_VALUES)  # some valid, some not


# The hour's limits.


def test_one_client_may_send_a_few_requests_an_hour_then_gets_a_clear_429(
    archived_review, clock, mailoutbox, settings
):
    settings.FULL_REPORT_REQUESTS_PER_CLIENT_PER_HOUR = 2
    requester = Requester(clock, address="203.0.113.30")

    statuses = [requester.send(archived_review).status_code for _ in range(2)]
    refused = requester.send(archived_review)
    other_client = Requester(clock, address="203.0.113.31").send(archived_review)

    assert statuses == [302, 302]
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) <= 60 * 60
    summary = soup_of(refused).select_one(".error-summary").get_text(" ", strip=True)
    assert "Too many requests in the last hour" in summary
    assert PARTNERSHIP_EMAIL in summary
    assert soup_of(refused).select_one("form.request-form") is None
    assert other_client.status_code == 302
    assert FullReportRequest.objects.count() == len(mailoutbox) == 3

    clock.shift(60 * 60)  # the next hour
    assert requester.send(archived_review).status_code == 302


def test_everyone_together_may_send_only_so_many_an_hour(
    archived_review, clock, mailoutbox, settings
):
    settings.FULL_REPORT_REQUESTS_PER_HOUR = 3
    addresses = [f"198.51.100.{n}" for n in range(1, 5)]

    statuses = [
        Requester(clock, address).send(archived_review).status_code for address in addresses
    ]

    assert statuses == [302, 302, 302, 429]
    assert FullReportRequest.objects.count() == len(mailoutbox) == 3


def test_behind_the_proxy_a_client_is_the_address_the_proxy_saw(archived_review, clock, settings):
    """The limit counts the client as the sign-in lockout does: a client that writes its own
    X-Forwarded-For entries is still one client."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.FULL_REPORT_REQUESTS_PER_CLIENT_PER_HOUR = 2

    def through_proxy(spoofed):
        environ = {"HTTP_X_FORWARDED_FOR": f"{spoofed}, 203.0.113.40"}
        return Requester(clock, address="10.0.0.2", **environ).send(archived_review)

    statuses = [through_proxy(f"192.0.2.{n}").status_code for n in range(3)]
    someone_else = Requester(clock, address="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.41").send(
        archived_review
    )

    assert statuses == [302, 302, 429]
    assert someone_else.status_code == 302


# Staff read them in the admin; the nightly job deletes them after a year.


@pytest.fixture
def requests_for_two_reviews(archived_review, site_tree):
    other = ReviewPageFactory(
        parent=site_tree.reviews, title="Demo review of Child P", status=ReviewPage.Status.ARCHIVED
    )
    made = [
        FullReportRequest.objects.create(
            review=archived_review, created_at=START - timedelta(days=40), **ANSWERS
        ),
        FullReportRequest.objects.create(
            review=other,
            created_at=START - timedelta(days=2),
            name="Demo Governor",
            email="governor@example.org",
            organisation="Demo Primary School",
            reason="Demo safeguarding training for governors.",
        ),
    ]
    return made


def listed_names(response):
    assert response.status_code == 200
    return [cell.get_text(" ", strip=True) for cell in soup_of(response).select("tbody td.title")]


def test_staff_find_requests_by_review_date_and_words(
    superuser_client, requests_for_two_reviews, archived_review
):
    index = reverse("full_report_requests:index")

    assert len(listed_names(superuser_client.get(index))) == 2
    by_review = superuser_client.get(index, {"review": archived_review.pk})
    assert [name.split()[:2] for name in listed_names(by_review)] == [["Demo", "Researcher"]]
    since = (START - timedelta(days=10)).date().isoformat()
    recent = superuser_client.get(index, {"created_at_from": since})
    assert [name.split()[:2] for name in listed_names(recent)] == [["Demo", "Governor"]]
    searched = superuser_client.get(index, {"q": "Primary School"})
    assert [name.split()[:2] for name in listed_names(searched)] == [["Demo", "Governor"]]


def test_nobody_adds_or_edits_a_request_in_the_admin_and_groups_may_only_view_or_delete(
    superuser_client, requests_for_two_reviews
):
    request = requests_for_two_reviews[0]
    count = FullReportRequest.objects.count()

    add = superuser_client.post(reverse("full_report_requests:add"), ANSWERS)
    edit = superuser_client.post(
        reverse("full_report_requests:edit", args=[request.pk]), {**ANSWERS, "name": "Changed"}
    )

    assert (add.status_code, edit.status_code) == (302, 302)  # to the dashboard, refused
    assert add["Location"] == edit["Location"] == reverse("wagtailadmin_home")
    assert FullReportRequest.objects.count() == count
    request.refresh_from_db()
    assert request.name == ANSWERS["name"]

    delete = superuser_client.post(reverse("full_report_requests:delete", args=[request.pk]))

    assert delete.status_code == 302
    assert not FullReportRequest.objects.filter(pk=request.pk).exists()
    offered = {p.codename for p in FullReportRequestViewSet().get_permissions_to_register()}
    assert offered == {"view_fullreportrequest", "delete_fullreportrequest"}


def test_moderators_read_requests_and_editors_do_not(client, requests_for_two_reviews):
    """The business unit (Moderators, who approve and publish) answers requests; Editors
    never see the requesters' details."""
    index = reverse("full_report_requests:index")

    client.force_login(UserFactory(username="demo-moderator", groups=["Moderators"]))
    assert len(listed_names(client.get(index))) == 2

    client.force_login(create_editor(username="demo-editor"))
    assert client.get(index).status_code in (302, 403)
    assert ANSWERS["name"] not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_nightly_job_deletes_requests_a_year_old(archived_review):
    night = datetime(2031, 2, 3, 3, 15, tzinfo=LONDON)
    kept = FullReportRequest.objects.create(
        review=archived_review, created_at=night - timedelta(days=364), **ANSWERS
    )
    FullReportRequest.objects.create(
        review=archived_review, created_at=night - timedelta(days=366), **ANSWERS
    )

    with time_machine.travel(night, tick=False):
        call_command("run_scheduler", "--once", stdout=io.StringIO())

    assert list(FullReportRequest.objects.all()) == [kept]
