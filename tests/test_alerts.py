"""Email alerts: a practitioner subscribes to a theme (or types of review, or every new
briefing) from the theme hubs, listings and briefings, confirms by the link emailed to them,
gets a daily or weekly digest of what was published that matches (only live pages anyone may
read), and unsubscribes with one click (the page's button or RFC 8058's POST), which deletes
them. Nothing is kept before confirming; the form says nothing of who subscribes, floods
nobody's inbox and lets nobody change another's choices; bots and bad input store and send
nothing and never cause a server error. Staff see subscribers (read only) in the admin; a
command exports or erases one person's data."""

import io
import json
import random
import re
from datetime import datetime, timedelta
from email import message_from_bytes, policy
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alerts import tokens
from alerts.models import Subscriber
from alerts.reports import subscribers_per_theme
from alerts.wagtail_hooks import SubscriberViewSet
from demo.data import site_pages
from reviews.models import ReviewPage
from safeguarding_site.scheduler import JOBS
from tests.factories import (
    BriefingPageFactory,
    ReviewPageFactory,
    StandardPageFactory,
    ThemeFactory,
    UserFactory,
    create_editor,
    restrict_to_members,
)
from tests.html import soup_of
from tests.test_bad_input import NASTY_VALUES, hammer, requests_for

LONDON = ZoneInfo("Europe/London")
START = datetime(2030, 5, 6, 9, 0, tzinfo=LONDON)  # a Monday morning
PUBLIC_ADDRESS = "https://lscp.example.net"
EMAIL = "health.visitor@example.org"
SUBSCRIBE = "/alerts/"


@pytest.fixture
def clock():
    """The time, held at START until a test moves it on."""
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def site(site_tree, settings):
    settings.SITE_URL = PUBLIC_ADDRESS
    return site_tree


@pytest.fixture
def neglect(db):
    return ThemeFactory(name="Neglect", slug="neglect")


@pytest.fixture
def exploitation(db):
    return ThemeFactory(name="Child exploitation", slug="child-exploitation")


def publish(page):
    """Publish ``page`` as an editor does (it is first published now)."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def new_review(site, title, themes=(), **fields):
    """A review, made as a draft and published now."""
    review = ReviewPageFactory(parent=site.reviews, title=title, live=False, **fields)
    review.themes.set(themes)
    review.save()
    return publish(review)


def new_briefing(site, title, themes=()):
    briefing = BriefingPageFactory(parent=site.learning, title=title, live=False)
    briefing.themes.set(themes)
    briefing.save()
    return publish(briefing)


class Practitioner:
    """Someone's browser at one address: opens the subscribe form, takes ``seconds`` over it,
    sends it; follows links from their email."""

    def __init__(self, clock, address="203.0.113.50"):
        self.clock = clock
        self.client = Client(enforce_csrf_checks=True, REMOTE_ADDR=address)

    def open(self, address=SUBSCRIBE):
        response = self.client.get(address)
        assert response.status_code == 200, response.status_code
        return response

    def subscribe(self, email=EMAIL, *, themes=(), types=(), briefings=False, seconds=30, **extra):
        form = soup_of(self.open()).select_one("form.alerts-form")
        hidden = {field["name"]: field["value"] for field in form.select("input[type=hidden]")}
        data = {**hidden, "email": email, "frequency": "weekly", **extra}
        data["themes"], data["review_types"] = list(themes), list(types)
        if briefings:
            data["briefings"] = "all"
        self.clock.shift(seconds)
        return self.client.post(SUBSCRIBE, data)

    def follow(self, link):
        """Open a link from an email (a full URL on the site's public address)."""
        assert link.startswith(PUBLIC_ADDRESS + "/"), link
        return self.client.get(urlsplit(link).path)

    def press(self, page_response, button_form="form.request-form", **data):
        """Press the button of the form on a page."""
        form = soup_of(page_response).select_one(button_form)
        fields = {field["name"]: field.get("value", "") for field in form.select("input")}
        return self.client.post(form["action"], {**fields, **data})


def links_in(message, kind):
    """The links to ``/alerts/<kind>/...`` in an email's text."""
    return re.findall(rf"{re.escape(PUBLIC_ADDRESS)}/alerts/{kind}/[^/\s]+/", message.body)


def confirm_by_email(practitioner, mailoutbox):
    """Follow the confirmation link of the last email and press "Confirm"."""
    [link] = links_in(mailoutbox[-1], "confirm")
    page = practitioner.follow(link)
    assert page.status_code == 200
    return practitioner.press(page)


def subscribed(practitioner, mailoutbox, **choices):
    practitioner.subscribe(**choices)
    confirmed = confirm_by_email(practitioner, mailoutbox)
    assert confirmed.status_code == 200
    return Subscriber.objects.get(email=EMAIL)


def send_digests():
    stdout = io.StringIO()
    call_command("send_alert_digests", stdout=stdout)
    return stdout.getvalue()


def html_of(message):
    [(html, kind)] = message.alternatives
    assert kind == "text/html"
    return html


def subscriber_at(clock, email, *, frequency="daily", themes=(), **fields):
    """A confirmed subscriber, stored as confirming stores one, now."""
    subscriber = Subscriber.objects.create(email=email, frequency=frequency, **fields)
    subscriber.themes.set(themes)
    return subscriber


# Subscribe, confirm, a digest with only public, live, matching items; again: nothing.


def test_subscribe_confirm_and_get_a_digest_of_only_public_live_matching_learning(
    site, neglect, exploitation, clock, mailoutbox
):
    practitioner = Practitioner(clock)

    response = practitioner.subscribe(themes=["neglect"])

    assert response.status_code == 302
    assert response["Location"] == reverse("alerts:check_email")
    assert practitioner.client.get(response["Location"]).status_code == 200
    assert not Subscriber.objects.exists()  # nothing kept before confirming
    [confirmation] = mailoutbox
    assert confirmation.to == [EMAIL]
    assert "Neglect" in confirmation.body
    [link] = links_in(confirmation, "confirm")
    assert link in html_of(confirmation)
    # Opening the link (as a mail scanner does) confirms nothing; the button does.
    page = practitioner.follow(link)
    assert page.status_code == 200
    assert "Neglect" in soup_of(page).select_one("main").get_text()
    assert not Subscriber.objects.exists()
    assert practitioner.press(page).status_code == 200
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.frequency) == (EMAIL, "weekly")
    assert list(subscriber.themes.all()) == [neglect]
    assert subscriber.confirmed_at == START + timedelta(seconds=30)

    clock.shift(60 * 60)
    public = new_review(site, "Demo review of Child A on neglect", [neglect])
    members_only = new_review(site, "Demo members-only review on neglect", [neglect])
    restrict_to_members(members_only)
    new_review(site, "Demo review on exploitation only", [exploitation])
    taken_down = new_review(site, "Demo review unpublished again", [neglect])
    taken_down.unpublish()
    briefing = new_briefing(site, "Demo briefing on neglect", [neglect])
    mailoutbox.clear()
    clock.shift(60 * 60)

    assert "1 sent" in send_digests()

    [digest] = mailoutbox
    assert digest.to == [EMAIL]
    assert digest.subject.endswith("1 new review and 1 new 7-minute briefing")
    for text in (digest.body, html_of(digest)):
        assert public.title in text
        assert briefing.title in text
        assert f"{PUBLIC_ADDRESS}/reviews/{public.slug}/" in text
        assert "Themes: Neglect" in text
        for hidden in ("members-only", "exploitation only", "unpublished again"):
            assert hidden not in text
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    [unsubscribe] = links_in(digest, "unsubscribe")
    assert digest.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert links_in(digest, "manage")
    sent = message_from_bytes(digest.message().as_bytes(), policy=policy.default)
    assert sent["List-Unsubscribe"].strip() == f"<{unsubscribe}>"
    assert [part.get_content_type() for part in sent.walk()][1:] == ["text/plain", "text/html"]

    # Again at once, and the next morning with nothing new: nothing is sent twice.
    assert "0 sent" in send_digests()
    clock.shift(24 * 60 * 60)
    send_digests()
    assert len(mailoutbox) == 1


def test_types_of_review_and_every_new_briefing_are_choices_too(
    site, neglect, exploitation, clock, mailoutbox
):
    subscriber_at(clock, "types@example.org", review_types=["rapid-review"], all_briefings=True)
    clock.shift(60)
    rapid = new_review(site, "Demo rapid review", [exploitation], review_type="rapid-review")
    new_review(site, "Demo local review on exploitation", [exploitation])
    any_briefing = new_briefing(site, "Demo briefing on anything")

    send_digests()

    [digest] = mailoutbox
    assert rapid.title in digest.body
    assert any_briefing.title in digest.body
    assert "Demo local review" not in digest.body


def test_what_was_published_before_confirming_is_not_news(site, neglect, clock, mailoutbox):
    new_review(site, "Demo older review on neglect", [neglect])
    clock.shift(60)
    subscriber_at(clock, "late@example.org", themes=[neglect])

    send_digests()

    assert mailoutbox == []


# Daily and weekly.


def test_daily_subscribers_hear_at_most_once_a_day_and_weekly_once_a_week(
    site, neglect, clock, mailoutbox
):
    subscriber_at(clock, "daily@example.org", frequency="daily", themes=[neglect])
    subscriber_at(clock, "weekly@example.org", frequency="weekly", themes=[neglect])

    def run_at(day, hour):
        clock.move_to(datetime(2030, 5, day, hour, 0, tzinfo=LONDON))
        mailoutbox.clear()
        send_digests()
        return {message.to[0]: message.body for message in mailoutbox}

    clock.shift(60)
    new_review(site, "Demo review one", [neglect])
    first = run_at(7, 7)  # Tuesday: the first digest of each
    assert set(first) == {"daily@example.org", "weekly@example.org"}

    clock.move_to(datetime(2030, 5, 7, 10, 0, tzinfo=LONDON))
    new_review(site, "Demo review two", [neglect])
    assert run_at(7, 18) == {}  # the same day: daily has had today's
    second = run_at(8, 7)
    assert set(second) == {"daily@example.org"}
    assert "Demo review two" in second["daily@example.org"]
    assert "Demo review one" not in second["daily@example.org"]
    assert run_at(13, 7) == {}  # nothing new for daily; six days on for weekly
    weekly = run_at(14, 7)  # seven days after its last
    assert set(weekly) == {"weekly@example.org"}
    assert "Demo review two" in weekly["weekly@example.org"]
    assert "Demo review one" not in weekly["weekly@example.org"]


# Unsubscribing with one click, changing one's choices.


@pytest.fixture
def subscriber_with_digest(site, neglect, clock, mailoutbox):
    """A confirmed subscriber (daily, neglect) and their first digest."""
    practitioner = Practitioner(clock)
    subscribed(practitioner, mailoutbox, themes=["neglect"], frequency="daily")
    clock.shift(60)
    new_review(site, "Demo review on neglect", [neglect])
    mailoutbox.clear()
    send_digests()
    [digest] = mailoutbox
    return practitioner, digest


def test_the_unsubscribe_link_shows_one_button_that_deletes_the_subscriber(
    subscriber_with_digest,
):
    practitioner, digest = subscriber_with_digest
    [link] = links_in(digest, "unsubscribe")

    page = practitioner.follow(link)

    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    assert Subscriber.objects.exists()  # opening the link deletes nothing
    # The page's form carries no CSRF token: the signed address is the key.
    done = practitioner.press(page)
    assert done.status_code == 200
    assert soup_of(done).h1.get_text(strip=True) == "You are unsubscribed"
    assert not Subscriber.objects.exists()
    assert not Subscriber.themes.through.objects.exists()
    again = practitioner.press(page)
    assert again.status_code == 200  # unsubscribing twice is still unsubscribed
    assert practitioner.follow(links_in(digest, "manage")[0]).status_code == 404


def test_a_mail_programs_one_click_unsubscribe_post_works_without_csrf(subscriber_with_digest):
    _, digest = subscriber_with_digest
    address = digest.extra_headers["List-Unsubscribe"].strip("<>")

    response = Client(enforce_csrf_checks=True).post(
        urlsplit(address).path,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert not Subscriber.objects.exists()


def test_every_email_has_a_one_click_unsubscribe_and_a_link_to_choose_again(
    subscriber_with_digest, clock, mailoutbox
):
    """The confirmation email too: its unsubscribe stops an address that already gets alerts
    (someone else asked for different ones in its name, say)."""
    _, digest = subscriber_with_digest
    Practitioner(clock, "198.51.100.20").subscribe(EMAIL, types=["scr"])
    confirmation = mailoutbox[-1]

    for message in (digest, confirmation):
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        [link] = links_in(message, "unsubscribe")
        assert message.extra_headers["List-Unsubscribe"] == f"<{link}>"
        assert link in html_of(message)
    assert links_in(digest, "manage")
    assert f"{PUBLIC_ADDRESS}{SUBSCRIBE}" in confirmation.body

    [stop] = links_in(confirmation, "unsubscribe")
    response = Client(enforce_csrf_checks=True).post(
        urlsplit(stop).path,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscriber.objects.exists()


def test_the_manage_link_changes_the_subscribers_choices(
    subscriber_with_digest, exploitation, clock
):
    practitioner, digest = subscriber_with_digest
    [link] = links_in(digest, "manage")
    page = practitioner.follow(link)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    form = soup_of(page).select_one("form.alerts-form")
    assert form.select_one("input[name=themes][value=neglect]").has_attr("checked")

    csrf = form.select_one("input[name=csrfmiddlewaretoken]")["value"]
    saved = practitioner.client.post(
        urlsplit(link).path,
        {
            "csrfmiddlewaretoken": csrf,
            "themes": ["child-exploitation"],
            "review_types": ["scr"],
            "frequency": "weekly",
        },
    )

    assert saved.status_code == 200
    assert "Your choices are saved" in saved.content.decode()
    subscriber = Subscriber.objects.get()
    assert list(subscriber.themes.all()) == [exploitation]
    assert (subscriber.review_types, subscriber.frequency) == (["scr"], "weekly")
    nothing = practitioner.client.post(
        urlsplit(link).path, {"csrfmiddlewaretoken": csrf, "frequency": "daily"}
    )
    assert nothing.status_code == 200
    assert soup_of(nothing).select(".error-summary li a")
    assert Subscriber.objects.get().frequency == "weekly"


def test_changing_choices_needs_the_csrf_token(subscriber_with_digest):
    practitioner, digest = subscriber_with_digest
    [link] = links_in(digest, "manage")

    response = Client(enforce_csrf_checks=True).post(
        urlsplit(link).path, {"frequency": "daily", "review_types": ["scr"]}
    )

    assert response.status_code == 403
    assert Subscriber.objects.get().frequency == "daily"
    assert Subscriber.objects.get().review_types == []


# Signed links: tampered, expired, for someone else.


def test_tampered_links_answer_404_and_an_expired_confirmation_400(
    site, neglect, clock, mailoutbox, subscriber_with_digest
):
    practitioner, digest = subscriber_with_digest
    manage = urlsplit(links_in(digest, "manage")[0]).path
    token = manage.split("/")[-2]
    forged_manage = tokens.subscriber_token(Subscriber(pk=999, email="x@example.org"))
    for path in (
        manage.replace(token, token[:-2] + "xx"),
        f"/alerts/unsubscribe/{token[::-1]}/",
        f"/alerts/confirm/{token}/",  # a subscriber token is no confirmation
        "/alerts/confirm/abc/",
        "/alerts/confirm/%00/",
        "/alerts/manage/" + "a" * 5000 + "/",
        f"/alerts/manage/{forged_manage}/",
    ):
        assert Client().get(path).status_code == 404, path
        assert Client().post(path).status_code in (403, 404), path
    assert Subscriber.objects.count() == 1

    Practitioner(clock, "203.0.113.51").subscribe("new@example.org", themes=["neglect"])
    [link] = links_in(mailoutbox[-1], "confirm")
    clock.shift(3 * 24 * 60 * 60 + 60)
    expired = Client().get(urlsplit(link).path)
    assert expired.status_code == 400
    assert "expired" in soup_of(expired).h1.get_text()
    assert not Subscriber.objects.filter(email="new@example.org").exists()


def test_confirming_again_replaces_the_choices_and_keeps_one_subscriber(
    site, neglect, exploitation, clock, mailoutbox
):
    practitioner = Practitioner(clock)
    subscribed(practitioner, mailoutbox, themes=["neglect"])
    practitioner.subscribe(themes=["child-exploitation"], briefings=True)

    assert list(Subscriber.objects.get().themes.all()) == [neglect]  # not until confirmed
    confirm_by_email(practitioner, mailoutbox)

    subscriber = Subscriber.objects.get()
    assert list(subscriber.themes.all()) == [exploitation]
    assert subscriber.all_briefings


# Resubscribing reveals nothing, spams nobody; rate limits.


def test_the_form_answers_the_same_for_a_subscribed_address_and_limits_its_emails(
    site, neglect, clock, mailoutbox
):
    practitioner = Practitioner(clock)
    subscribed(practitioner, mailoutbox, themes=["neglect"])
    mailoutbox.clear()
    stranger = Practitioner(clock, "198.51.100.7")
    newcomer = Practitioner(clock, "198.51.100.8")

    answers = [
        stranger.subscribe(EMAIL, themes=["neglect"]),
        newcomer.subscribe("nobody-yet@example.org", themes=["neglect"]),
    ]

    assert [(answer.status_code, answer["Location"]) for answer in answers] == [
        (302, reverse("alerts:check_email"))
    ] * 2
    pages = [
        stranger.client.get(answers[0]["Location"]),
        newcomer.client.get(answers[1]["Location"]),
    ]
    assert pages[0].content == pages[1].content
    # Two confirmation emails a day to one address, however often the form is sent for it.
    stranger.subscribe(EMAIL, types=["scr"])
    assert stranger.subscribe(EMAIL, types=["scr"]).status_code == 302
    assert [message.to for message in mailoutbox].count([EMAIL]) == 1
    assert Subscriber.objects.get(email=EMAIL).review_types == []
    clock.shift(24 * 60 * 60 + 60)
    Practitioner(clock, "198.51.100.9").subscribe(EMAIL, themes=["neglect"])
    assert [message.to for message in mailoutbox].count([EMAIL]) == 2


def test_one_client_may_send_a_few_forms_an_hour_then_gets_a_clear_429(
    site, neglect, clock, mailoutbox, settings
):
    settings.ALERT_SUBSCRIPTIONS_PER_CLIENT_PER_HOUR = 2
    practitioner = Practitioner(clock, "203.0.113.60")

    statuses = [
        practitioner.subscribe(f"person{n}@example.org", themes=["neglect"]).status_code
        for n in range(3)
    ]

    assert statuses == [302, 302, 429]
    assert len(mailoutbox) == 2
    refused = practitioner.subscribe("person9@example.org", themes=["neglect"])
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) <= 60 * 60
    assert "Too many sign-ups" in soup_of(refused).select_one(".error-summary").get_text()
    other = Practitioner(clock, "203.0.113.61").subscribe("other@example.org", themes=["neglect"])
    assert other.status_code == 302


# Bots and bad input.


def test_a_program_that_fills_the_trap_is_told_it_worked_but_nothing_is_sent(
    site, neglect, clock, mailoutbox
):
    response = Practitioner(clock).subscribe(themes=["neglect"], website="https://spam.example")

    assert response.status_code == 302
    assert response["Location"] == reverse("alerts:check_email")
    assert mailoutbox == []
    assert not Subscriber.objects.exists()


def test_a_form_sent_quicker_than_a_person_could_is_refused(site, neglect, clock, mailoutbox):
    response = Practitioner(clock).subscribe(themes=["neglect"], seconds=1)

    assert response.status_code == 200
    errors = [item.get_text(strip=True) for item in soup_of(response).select(".error-summary li")]
    assert errors == ["That was quicker than we expected: please check it and send it again."]
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("answers", "errors"),
    [
        pytest.param({"themes": ["neglect"], "email": ""}, {"email"}, id="no address"),
        pytest.param({"email": EMAIL}, {"themes"}, id="nothing chosen"),
        pytest.param({"themes": ["neglect"], "email": "not an address"}, {"email"}, id="bad"),
        pytest.param(
            {"themes": ["neglect"], "email": "a" * 250 + "@example.org"}, {"email"}, id="huge"
        ),
        pytest.param({"themes": ["neglect"], "email": "a\x00b@example.org"}, {"email"}, id="NUL"),
        pytest.param({"themes": ["no-such-theme"], "email": EMAIL}, {"themes"}, id="unknown"),
        pytest.param({"types": ["no-such-type"], "email": EMAIL}, {"review_types"}, id="type"),
        pytest.param(
            {"themes": ["neglect"], "email": EMAIL, "frequency": "hourly"},
            {"frequency"},
            id="frequency",
        ),
        pytest.param(
            {"themes": ["neglect"], "email": "x@example.org\r\nBcc: victim@example.org"},
            {"email"},
            id="header injection",
        ),
    ],
)
def test_bad_answers_are_form_errors_linked_to_their_fields_and_send_nothing(
    site, neglect, clock, mailoutbox, answers, errors
):
    email = answers.pop("email")
    response = Practitioner(clock).subscribe(email, **answers)

    assert response.status_code == 200
    assert set(response.context["form"].errors) == errors
    page = soup_of(response)
    links = page.select(".error-summary li a")
    assert len(links) >= len(errors)
    for link in links:
        assert page.select_one(link["href"]) is not None, link["href"]  # leads to the field
    assert mailoutbox == []
    assert not Subscriber.objects.exists()


def test_hostile_answers_never_cause_a_server_error_or_come_back_as_markup(
    site, neglect, clock, settings, mailoutbox
):
    settings.ALERT_SUBSCRIPTIONS_PER_CLIENT_PER_HOUR = 10 * len(NASTY_VALUES)
    practitioner = Practitioner(clock)
    for value in NASTY_VALUES:
        for answers in (
            {"email": value, "themes": ["neglect"]},
            {"email": EMAIL, "themes": [value, value]},
            {"email": EMAIL, "types": [value], "frequency": value},
        ):
            email = answers.pop("email")
            response = practitioner.subscribe(email, seconds=5, **answers)
            body = response.content.decode("utf-8", "replace")
            assert response.status_code in (200, 302), (value[:40], response.status_code)
            assert "<script>alert(" not in body
            assert "<svg onload=" not in body
    assert not Subscriber.objects.exists()


def test_hostile_requests_to_every_alerts_address_never_cause_a_server_error(
    subscriber_with_digest, mailoutbox
):
    practitioner, digest = subscriber_with_digest
    addresses = [
        SUBSCRIBE,
        reverse("alerts:check_email"),
        urlsplit(links_in(digest, "manage")[0]).path,
        urlsplit(links_in(digest, "unsubscribe")[0]).path,
    ]
    Practitioner(practitioner.clock, "203.0.113.70").subscribe(
        "hammer@example.org", themes=["neglect"]
    )
    addresses.append(urlsplit(links_in(mailoutbox[-1], "confirm")[0]).path)
    client = Client(raise_request_exception=False)
    for address in addresses:
        rng = random.Random(f"alerts:{address}")  # noqa: S311 - deterministic test data
        count, failures = hammer(client, requests_for(address, rng))
        assert count >= 20
        assert failures == []


# The links to the form, and the form itself.


def test_theme_hubs_listings_and_briefings_link_to_the_form_with_their_theme_ticked(
    site, neglect, exploitation, client
):
    briefing = BriefingPageFactory(parent=site.learning, title="Demo briefing")
    briefing.themes.set([neglect, exploitation])
    briefing.save()

    def prompt_link(address):
        page = soup_of(client.get(address))
        [link] = [a["href"] for a in page.select("main a[href]") if a["href"].startswith(SUBSCRIBE)]
        return link

    hub = prompt_link(f"/themes/{neglect.slug}/")
    assert hub == f"{SUBSCRIBE}?theme=neglect"
    assert prompt_link("/reviews/") == SUBSCRIBE
    assert prompt_link("/learning/") == f"{SUBSCRIBE}?briefings=all"
    on_briefing = prompt_link(briefing.url)
    assert on_briefing == f"{SUBSCRIBE}?theme=child-exploitation&theme=neglect&briefings=all"

    form = soup_of(client.get(on_briefing)).select_one("form.alerts-form")
    ticked = {(box["name"], box["value"]) for box in form.select("input[checked]")}
    assert ticked == {
        ("themes", "neglect"),
        ("themes", "child-exploitation"),
        ("briefings", "all"),
        ("frequency", "weekly"),
    }
    junk = client.get(f"{SUBSCRIBE}?theme=nope&type=%00&briefings=<b>")
    assert junk.status_code == 200
    assert not soup_of(junk).select("input[name=themes][checked]")


def test_every_choice_group_is_a_fieldset_with_a_legend_and_every_field_is_labelled(
    site, neglect, client
):
    form = soup_of(client.get(SUBSCRIBE)).select_one("form.alerts-form")

    legends = [fieldset.legend.get_text(strip=True) for fieldset in form.select("fieldset")]
    assert legends == ["Themes", "Types of review", "7-minute briefings", "How often"]
    for field in form.select("input:not([type=hidden]), select, textarea"):
        if field.find_parent(class_="form-trap"):
            continue
        assert form.select_one(f"label[for={field['id']}]"), field


def test_the_form_and_every_personal_page_are_never_cached(
    subscriber_with_digest, page_cache, client
):
    _, digest = subscriber_with_digest
    for address in (
        SUBSCRIBE,
        urlsplit(links_in(digest, "manage")[0]).path,
        urlsplit(links_in(digest, "unsubscribe")[0]).path,
    ):
        for _ in range(2):
            response = client.get(address)
            assert response.status_code == 200
            assert "X-Page-Cache" not in response
            assert "no-store" in response["Cache-Control"]
            assert "private" in response["Cache-Control"]
            assert response["Referrer-Policy"] == "same-origin"


def test_the_form_links_the_alerts_privacy_notice(site, client, settings):
    privacy = StandardPageFactory(parent=site.home, title="Privacy notice", slug="privacy")
    notice = StandardPageFactory(parent=privacy, title="Email alerts", slug="email-alerts")

    link = soup_of(client.get(SUBSCRIBE)).find("a", string=re.compile("privacy notice"))

    assert link["href"] == notice.url
    assert settings.ALERTS_PRIVACY_NOTICE_PATH == "/privacy/email-alerts/"
    [demo_notice] = site_pages.PRIVACY_NOTICE.children
    assert (site_pages.PRIVACY_NOTICE.slug, demo_notice.slug) == ("privacy", "email-alerts")


# Digests: failures, queries.


def test_a_failure_for_one_address_does_not_stop_the_others_and_is_retried(
    site, neglect, clock, mailoutbox
):
    # An address that no mail can carry (a line break in it: stored before validation, say).
    broken = subscriber_at(clock, "broken\n@example.org", themes=[neglect])
    subscriber_at(clock, "fine@example.org", themes=[neglect])
    clock.shift(60)
    new_review(site, "Demo review on neglect", [neglect])

    with pytest.raises(CommandError, match="1 digests could not be sent"):
        send_digests()

    assert [message.to for message in mailoutbox] == [["fine@example.org"]]
    broken.refresh_from_db()
    assert broken.last_sent_at is None  # given back: it goes at the next run


def test_the_digest_run_reads_the_news_once_whatever_the_number_of_subscribers(
    site, neglect, exploitation, clock, mailoutbox
):
    for number in range(3):
        new_review(site, f"Demo earlier review {number}", [neglect])

    def queries_for(subscribers):
        Subscriber.objects.all().delete()
        clock.shift(60)
        for number in range(subscribers):
            subscriber_at(clock, f"p{number}@example.org", themes=[neglect, exploitation])
        clock.shift(60)
        new_review(site, f"Demo review for {subscribers}", [neglect])
        new_briefing(site, f"Demo briefing for {subscribers}", [exploitation])
        mailoutbox.clear()
        with CaptureQueriesContext(connection) as queries:
            send_digests()
        assert len(mailoutbox) == subscribers
        return len(queries)

    one, six = queries_for(1), queries_for(6)

    assert one <= 16
    assert six - one <= 5  # one update a subscriber: claiming their digest


# Staff: export and erase; the admin; subscribers per theme.


def test_the_command_exports_and_erases_one_persons_data(site, neglect, clock):
    subscriber_at(clock, EMAIL, themes=[neglect], review_types=["scr"])
    subscriber_at(clock, "someone.else@example.org", themes=[neglect])
    stdout = io.StringIO()

    call_command("alerts_subscriber", "--export", EMAIL.upper(), stdout=stdout)

    exported = json.loads(stdout.getvalue())
    assert exported["email"] == EMAIL
    assert exported["themes"] == [{"name": "Neglect", "slug": "neglect"}]
    assert exported["review_types"] == [{"value": "scr", "name": "Serious Case Review (legacy)"}]
    assert exported["frequency"] == "daily"

    call_command("alerts_subscriber", "--erase", EMAIL, stdout=io.StringIO())

    assert list(Subscriber.objects.values_list("email", flat=True)) == ["someone.else@example.org"]
    nothing = io.StringIO()
    call_command("alerts_subscriber", "--export", EMAIL, stdout=nothing, stderr=io.StringIO())
    assert json.loads(nothing.getvalue()) is None


def test_subscribers_per_theme_counts_confirmed_subscribers_in_a_date_range(
    neglect, exploitation, clock
):
    subscriber_at(clock, "a@example.org", themes=[neglect, exploitation])
    clock.shift(3 * 24 * 60 * 60)
    subscriber_at(clock, "b@example.org", themes=[neglect])

    every = {theme.slug: count for theme, count in subscribers_per_theme()}
    since_day_two = subscribers_per_theme(start=START.date() + timedelta(days=1))
    later = {row.theme.slug: row.subscribers for row in since_day_two}

    assert every == {"neglect": 2, "child-exploitation": 1}
    assert later == {"neglect": 1, "child-exploitation": 0}
    first_day = dict(subscribers_per_theme(end=START.date()))
    assert {theme.slug: count for theme, count in first_day.items()} == {
        "neglect": 1,
        "child-exploitation": 1,
    }


def test_staff_with_the_permission_see_subscribers_read_only_and_editors_do_not(
    neglect, clock, client, superuser_client
):
    subscriber = subscriber_at(clock, EMAIL, themes=[neglect])
    index = reverse("alert_subscribers:index")

    listing = superuser_client.get(index)
    assert listing.status_code == 200
    assert EMAIL in listing.content.decode()
    assert "1 confirmed subscriber in all" in soup_of(listing).get_text(" ", strip=True)
    assert (
        superuser_client.get(reverse("alert_subscribers:inspect", args=[subscriber.pk])).status_code
        == 200
    )
    add = superuser_client.post(reverse("alert_subscribers:add"), {"email": "x@example.org"})
    edit = superuser_client.post(
        reverse("alert_subscribers:edit", args=[subscriber.pk]), {"email": "x@example.org"}
    )
    assert (add.status_code, edit.status_code) == (302, 302)  # refused, to the dashboard
    assert list(Subscriber.objects.values_list("email", flat=True)) == [EMAIL]
    offered = {p.codename for p in SubscriberViewSet().get_permissions_to_register()}
    assert offered == {"view_subscriber"}

    client.force_login(UserFactory(username="demo-moderator", groups=["Moderators"]))
    assert EMAIL in client.get(index).content.decode()
    client.force_login(create_editor(username="demo-editor"))
    assert client.get(index).status_code in (302, 403)
    client.logout()
    assert EMAIL not in client.get(index, follow=True).content.decode()


def test_the_digest_job_runs_daily_from_the_schedulers_table():
    [job] = [job for job in JOBS if job.command == "send_alert_digests"]
    assert str(job.schedule) == "daily at 07:00"


def test_a_members_only_review_never_reaches_a_digest_even_for_every_type(
    site, neglect, clock, mailoutbox
):
    subscriber_at(clock, "all-types@example.org", review_types=list(ReviewPage.ReviewType.values))
    clock.shift(60)
    secret = new_review(site, "Demo secret review", [neglect])
    restrict_to_members(secret)

    send_digests()

    assert mailoutbox == []
