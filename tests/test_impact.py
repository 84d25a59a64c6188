"""What the partnership's learning does in practice: a team records that it used a briefing
(from the briefing's page, or the address and QR code on its printable PDF), readers say
whether a review or briefing was useful, printable downloads are counted on the server, and
staff read it all in the impact report, its CSV and the dashboard.

Every public form is guarded (trap field, signed time, hourly limits): bad or hostile input is
a form error, a 404, a 405 or a 429, never a 500, and nothing is stored from a program's post.
The review and briefing pages stay in the anonymous page cache with the feedback form on them.
"""

import csv
import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from alerts.models import Subscriber
from impact.forms import BriefingUseForm, PageFeedbackForm
from impact.models import BriefingUse, PageFeedback
from learning.models import BriefingDownloadCount
from safeguarding_site import cache as page_cache_module
from safeguarding_site import form_guard
from tests.factories import (
    BriefingPageFactory,
    ReviewPageFactory,
    ThemeFactory,
    UserFactory,
    create_editor,
)
from tests.html import soup_of
from tests.test_bad_input import NASTY_VALUES

LONDON = ZoneInfo("Europe/London")
START = datetime(2030, 5, 1, 10, 0, tzinfo=LONDON)
PUBLIC_ADDRESS = "https://lscp.example.net"
USE = {
    "date_used": "2030-04-24",
    "team": "Demo north locality health visitors",
    "agency": "health-provider",
    "people": "12",
    "actions_agreed": "Demo action: ask about every adult in the home at each visit.",
}
FEEDBACK = {"feedback-useful": "yes", "feedback-comment": "Demo comment: clear and short."}
REPORT_URL = "/admin/reports/impact/"


@pytest.fixture
def clock():
    """The time, held at START (a morning in London) until a test moves it on."""
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def theme(db):
    return ThemeFactory(name="Demo theme neglect", slug="demo-neglect")


@pytest.fixture
def briefing(site_tree, theme):
    return BriefingPageFactory(
        parent=site_tree.learning,
        title="Demo briefing on neglect",
        slug="demo-neglect-briefing",
        published_date=date(2024, 6, 1),
        review_by=date(2031, 6, 1),
        themes=[theme],
    )


@pytest.fixture
def review(site_tree, theme):
    return ReviewPageFactory(
        parent=site_tree.reviews, title="Demo review of Child W", themes=[theme]
    )


@pytest.fixture
def staff_client(db):
    """A signed-in Editor: partnership staff who see the impact report."""
    client = Client()
    client.force_login(create_editor(username="test-impact-editor"))
    return client


def published(page):
    """``page`` published through a revision, as an editor publishes it (its PDF is made)."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def use_url(briefing):
    return f"/used/{briefing.pk}/"


def feedback_url(page):
    return f"/feedback/{page.pk}/"


class Practitioner:
    """Someone's browser at one address, with CSRF checked as a real browser's would be."""

    def __init__(self, clock, address="203.0.113.30"):
        self.clock = clock
        self.client = Client(enforce_csrf_checks=True, REMOTE_ADDR=address)

    def hidden_fields(self, response, selector):
        form = soup_of(response).select_one(selector)
        assert form is not None, f"no {selector} on the page"
        return {field["name"]: field["value"] for field in form.select("input[type=hidden]")}

    def record_use(self, briefing, answers=USE, *, seconds=40, **extra):
        """Open the briefing's use form, take ``seconds`` over it, send it."""
        opened = self.client.get(use_url(briefing))
        assert opened.status_code == 200, opened.status_code
        hidden = self.hidden_fields(opened, "form.request-form")
        self.clock.shift(seconds)
        return self.client.post(use_url(briefing), {**hidden, **answers, **extra})

    def give_feedback(self, page, answers=FEEDBACK, *, seconds=40, **extra):
        """Read ``page``, answer "Was this page useful?" at its foot, send it."""
        opened = self.client.get(page.url)
        assert opened.status_code == 200, opened.status_code
        hidden = self.hidden_fields(opened, "form.feedback-form")
        self.clock.shift(seconds)
        return self.client.post(feedback_url(page), {**hidden, **answers, **extra})


def errors_shown(response):
    """The error summary's items, as the reader hears them."""
    assert response.status_code == 200, response.status_code
    return [
        item.get_text(" ", strip=True) for item in soup_of(response).select(".error-summary li")
    ]


def csv_of(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def section(rows, title):
    """The rows of one of the CSV's tables: those after its title, to the next blank row."""
    start = rows.index([title]) + 1
    end = rows.index([], start) if [] in rows[start:] else len(rows)
    return rows[start:end]


# "We used this briefing": from the page and from the PDF, to the report and its CSV.


def test_a_team_records_a_use_and_staff_find_it_in_the_report_and_its_csv(
    briefing, clock, staff_client
):
    response = Practitioner(clock).record_use(briefing)

    assert response.status_code == 302
    assert response["Location"] == f"{use_url(briefing)}thanks/"
    thanks = Client().get(response["Location"])
    assert soup_of(thanks).h1.get_text(strip=True) == "Use recorded"
    use = BriefingUse.objects.get()
    assert (use.briefing_id, use.date_used, use.team, use.agency, use.people) == (
        briefing.pk,
        date(2030, 4, 24),
        USE["team"],
        "health-provider",
        12,
    )
    assert use.actions_agreed == USE["actions_agreed"]

    page = soup_of(staff_client.get(REPORT_URL))
    row = next(
        tr for tr in page.select("#by-briefing + table tbody tr") if briefing.title in tr.text
    )
    assert [td.get_text(strip=True) for td in row.select("td")][1:3] == ["1", "12"]
    agencies = page.select_one("#by-agency + table tbody").get_text(" ", strip=True)
    assert "Hospital, community or public health services 1 12" in agencies
    assert "April 2030 1 12" in page.select_one("#by-month + table tbody").get_text(" ", strip=True)

    rows = csv_of(staff_client.get(REPORT_URL, {"export": "csv"}))
    assert section(rows, "Uses recorded")[1] == [
        "2030-04-24",
        briefing.title,
        USE["team"],
        "Hospital, community or public health services",
        "12",
        USE["actions_agreed"],
    ]
    by_briefing = {row[0]: row for row in section(rows, "By briefing")}
    assert by_briefing[briefing.title][2:4] == ["1", "12"]
    assert section(rows, "Totals")[1][:2] == ["1", "12"]


def test_the_briefing_page_links_to_the_use_form_and_stays_cached_while_the_form_never_is(
    client, briefing, page_cache
):
    client.get(briefing.url)
    cached = client.get(briefing.url)

    assert cached["X-Page-Cache"] == "hit"
    link = soup_of(cached).find("a", string="Record that you used this briefing")
    assert link["href"] == use_url(briefing)
    for _ in range(2):
        form = client.get(use_url(briefing))
        assert form.status_code == 200
        assert "X-Page-Cache" not in form
        assert "no-store" in form["Cache-Control"]
        assert form.context["form"]  # a fresh form each time, with its CSRF token
        assert soup_of(form).select_one("input[name=csrfmiddlewaretoken]") is not None


def test_the_printable_pdf_prints_the_use_address_with_a_qr_code(client, briefing, settings):
    settings.SITE_URL = PUBLIC_ADDRESS
    published(briefing)

    pdf = PdfReader(io.BytesIO(b"".join(client.get(f"{briefing.url}download/").streaming_content)))
    text = " ".join(page.extract_text() for page in pdf.pages)

    assert f"{PUBLIC_ADDRESS}/used/{briefing.pk}/" in "".join(text.split())
    figures = [
        str(node.get("/Alt"))
        for node in structure_of(pdf.trailer["/Root"]["/StructTreeRoot"])
        if node.get("/S") == "/Figure"
    ]
    assert figures == ["QR code of the address to record that your team used this briefing"]


def structure_of(node):
    """Every element of a tagged PDF's structure tree under ``node``."""
    node = node.get_object()
    if not hasattr(node, "get"):
        return
    yield node
    kids = node.get("/K")
    kids = kids.get_object() if kids is not None else []
    for kid in kids if isinstance(kids, list) else [kids]:
        yield from structure_of(kid)


def test_the_use_form_offers_the_partnerships_agencies_and_bounds_every_answer(briefing):
    form = BriefingUseForm(briefing=briefing)

    assert [value for value, _label in form.fields["agency"].choices][0] == ""
    assert "police" in dict(form.fields["agency"].choices)
    for name in form.field_order:
        field = form.fields[name]
        bounded = getattr(field, "max_length", None) or getattr(field, "max_value", None)
        assert bounded or name in ("date_used", "agency"), f"{name} takes any size"


# Page feedback on cached pages.


def test_feedback_on_a_review_and_a_briefing_is_stored_and_reported(
    briefing, review, clock, staff_client
):
    reader = Practitioner(clock)
    response = reader.give_feedback(review)
    reader.give_feedback(
        briefing, {"feedback-useful": "no", "feedback-comment": "Demo: too long for us."}
    )
    reader.give_feedback(briefing, {"feedback-useful": "yes"})

    assert response.status_code == 302
    assert response["Location"] == f"{feedback_url(review)}thanks/"
    assert soup_of(Client().get(response["Location"])).h1.get_text(strip=True) == (
        "Thank you for your feedback"
    )
    assert sorted(PageFeedback.objects.values_list("page_id", "useful", "comment")) == sorted(
        [
            (review.pk, True, FEEDBACK["feedback-comment"]),
            (briefing.pk, False, "Demo: too long for us."),
            (briefing.pk, True, ""),
        ]
    )

    page = soup_of(staff_client.get(REPORT_URL))
    answers = {
        tr.select_one("td").get_text(strip=True): [td.get_text(strip=True) for td in tr("td")]
        for tr in page.select("#feedback + table tbody tr")
    }
    assert answers[review.title][1:] == ["Review", "1", "0", "1"]
    assert answers[briefing.title][1:] == ["Briefing", "1", "1", "1"]
    themes = {
        tr.td.get_text(strip=True): tr for tr in page.select("#by-theme + p + table tbody tr")
    }
    theme_cells = [td.get_text(strip=True) for td in themes["Demo theme neglect"]("td")]
    assert theme_cells[5:7] == ["2", "1"]  # the briefing's answers and the review's
    comments = page.select_one("#comments ~ table").get_text(" ", strip=True)
    assert "Demo: too long for us." in comments

    rows = csv_of(staff_client.get(REPORT_URL, {"export": "csv"}))
    assert [row[1:] for row in section(rows, "Comments")[1:]] == [
        [review.title, "yes", FEEDBACK["feedback-comment"]],
        [briefing.title, "no", "Demo: too long for us."],
    ]


@pytest.mark.parametrize("kind", ["review", "briefing"])
def test_pages_with_the_feedback_form_stay_cached_and_carry_no_csrf_token(
    request, site_tree, clock, page_cache, kind
):
    # site_tree named here, not only through getfixturevalue: pytest-django orders the tests
    # by the database fixtures it can see, and must run this one before any that flush.
    page = request.getfixturevalue(kind)
    reader = Practitioner(clock)
    reader.client.get(page.url)

    cached = reader.client.get(page.url)

    assert cached["X-Page-Cache"] == "hit"
    form = soup_of(cached).select_one("form.feedback-form")
    assert form["action"] == feedback_url(page)
    assert form.select_one("input[name=csrfmiddlewaretoken]") is None
    legend = form.select_one("fieldset legend")
    assert legend.get_text(strip=True) == "Was this page useful?"
    assert "do not ask for personal data" in form.get_text(" ", strip=True)
    # Sent from the cached copy, with CSRF checked as a browser's would be: stored.
    assert reader.give_feedback(page).status_code == 302
    assert PageFeedback.objects.count() == 1


def test_a_cached_pages_token_outlives_the_cached_copy(review, clock, page_cache):
    assert page_cache_module.CACHE_SECONDS < form_guard.MAX_AGE
    reader = Practitioner(clock)
    reader.client.get(review.url)
    clock.shift(page_cache_module.CACHE_SECONDS - 5)

    response = reader.give_feedback(review, seconds=1)

    assert response.status_code == 302
    assert PageFeedback.objects.count() == 1


def test_a_preview_has_neither_form(briefing, review):
    for page in (briefing, review):
        preview = page.make_preview_request().content.decode()

        assert page.title in preview
        assert "feedback-form" not in preview
        assert use_url(page) not in preview


# Downloads of the printable version, counted on the server.


def test_each_download_is_counted_per_briefing_per_day_with_no_cookie(
    client, briefing, clock, staff_client
):
    download = f"{published(briefing).url}download/"
    other = published(
        BriefingPageFactory(parent=briefing.get_parent(), title="Demo other briefing")
    )

    first = client.get(download)
    client.get(download)
    client.head(download)  # asks about the file: not a download
    clock.shift(timedelta(days=1))
    client.get(download)
    client.get(f"{other.url}download/")

    assert first.status_code == 200
    assert not first.cookies
    assert sorted(
        BriefingDownloadCount.objects.values_list("briefing_id", "day", "downloads")
    ) == sorted(
        [
            (briefing.pk, date(2030, 5, 1), 2),
            (briefing.pk, date(2030, 5, 2), 1),
            (other.pk, date(2030, 5, 2), 1),
        ]
    )
    rows = csv_of(staff_client.get(REPORT_URL, {"export": "csv", "start": "2030-05-02"}))
    by_briefing = {row[0]: row for row in section(rows, "By briefing")}
    assert by_briefing[briefing.title][4] == "1"
    assert by_briefing[other.title][4] == "1"


def test_an_unpublished_briefing_counts_no_download(client, briefing):
    briefing.unpublish()

    assert client.get(f"{briefing.url}download/").status_code == 404
    assert not BriefingDownloadCount.objects.exists()


# Programs, hurry and forged tokens.


def test_a_program_that_fills_the_trap_is_thanked_and_nothing_is_stored(briefing, review, clock):
    reader = Practitioner(clock)

    use = reader.record_use(briefing, website="https://spam.example")
    feedback = reader.give_feedback(review, **{"feedback-website": "https://spam.example"})

    assert use.status_code == 302 and use["Location"].endswith("/thanks/")
    assert feedback.status_code == 302 and feedback["Location"].endswith("/thanks/")
    assert not BriefingUse.objects.exists()
    assert not PageFeedback.objects.exists()


def test_a_form_sent_quicker_than_a_person_could_is_an_error_until_sent_again(briefing, clock):
    reader = Practitioner(clock)

    response = reader.record_use(briefing, seconds=1)

    assert errors_shown(response) == [
        "That was quicker than we expected: please check it and send it again."
    ]
    assert not BriefingUse.objects.exists()
    form = soup_of(response).select_one("form.request-form")
    assert form.select_one("input[name=team]")["value"] == USE["team"]
    resend = {field["name"]: field["value"] for field in form.select("input[type=hidden]")}
    clock.shift(10)
    assert reader.client.post(use_url(briefing), {**resend, **USE}).status_code == 302
    assert BriefingUse.objects.count() == 1


@pytest.mark.parametrize("token", [None, "", "1893456000.0", "not-our-token:abc:def"])
def test_a_post_without_the_forms_own_token_stores_nothing(briefing, review, clock, token):
    started = {} if token is None else {"started": token}
    reader = Practitioner(clock)
    opened = reader.client.get(use_url(briefing))
    csrf = reader.hidden_fields(opened, "form.request-form")["csrfmiddlewaretoken"]
    feedback_started = {} if token is None else {"feedback-started": token}

    use = reader.client.post(use_url(briefing), {"csrfmiddlewaretoken": csrf, **USE, **started})
    feedback = reader.client.post(feedback_url(review), {**FEEDBACK, **feedback_started})

    expected = ["Something went wrong with this form: please send it again."]
    assert errors_shown(use) == expected
    assert errors_shown(feedback) == expected
    assert not BriefingUse.objects.exists()
    assert not PageFeedback.objects.exists()


def test_csrf_stays_on_for_the_use_form(briefing, clock):
    reader = Practitioner(clock)
    hidden = reader.hidden_fields(reader.client.get(use_url(briefing)), "form.request-form")
    clock.shift(40)

    response = reader.client.post(use_url(briefing), {"started": hidden["started"], **USE})

    assert response.status_code == 403
    assert not BriefingUse.objects.exists()


# Bad and hostile answers: form errors, never a 500, nothing stored.


@pytest.mark.parametrize(
    ("answers", "errors"),
    [
        pytest.param({}, {"date_used", "team", "agency", "people"}, id="nothing"),
        pytest.param({**USE, "date_used": "2030-05-02"}, {"date_used"}, id="tomorrow"),
        pytest.param({**USE, "date_used": "2024-05-31"}, {"date_used"}, id="before publication"),
        pytest.param({**USE, "date_used": "31/02/2030"}, {"date_used"}, id="no such day"),
        pytest.param({**USE, "date_used": "99999-01-01"}, {"date_used"}, id="year 99999"),
        pytest.param({**USE, "date_used": "2030-04-24\x00"}, {"date_used"}, id="NUL in date"),
        pytest.param({**USE, "team": "x" * 151}, {"team"}, id="long team"),
        pytest.param({**USE, "team": "Demo\x00team"}, {"team"}, id="NUL in team"),
        pytest.param({**USE, "agency": "ministry-of-magic"}, {"agency"}, id="unknown agency"),
        pytest.param({**USE, "people": "0"}, {"people"}, id="nobody"),
        pytest.param({**USE, "people": "501"}, {"people"}, id="501 people"),
        pytest.param({**USE, "people": "1e309"}, {"people"}, id="huge number"),
        pytest.param({**USE, "people": "twelve"}, {"people"}, id="words"),
        pytest.param({**USE, "people": "99999999999999999999"}, {"people"}, id="long number"),
        pytest.param({**USE, "actions_agreed": "y" * 2001}, {"actions_agreed"}, id="long text"),
        pytest.param({**USE, "actions_agreed": "a\x00b"}, {"actions_agreed"}, id="NUL in text"),
    ],
)
def test_bad_use_answers_are_form_errors_and_store_nothing(briefing, clock, answers, errors):
    response = Practitioner(clock).record_use(briefing, answers)

    assert response.status_code == 200
    assert set(response.context["form"].errors) == errors
    links = [a["href"] for a in soup_of(response).select(".error-summary li a")]
    for link in links:  # every error leads to its field
        assert soup_of(response).select_one(link) is not None, link
    assert not BriefingUse.objects.exists()


@pytest.mark.parametrize(
    ("answers", "errors"),
    [
        pytest.param({}, {"useful"}, id="nothing"),
        pytest.param({"feedback-useful": "maybe"}, {"useful"}, id="neither yes nor no"),
        pytest.param({**FEEDBACK, "feedback-comment": "c" * 1001}, {"comment"}, id="long"),
        pytest.param({**FEEDBACK, "feedback-comment": "a\x00b"}, {"comment"}, id="NUL"),
    ],
)
def test_bad_feedback_is_a_form_error_on_a_page_of_its_own_and_stores_nothing(
    review, clock, answers, errors
):
    response = Practitioner(clock).give_feedback(review, answers)

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert set(response.context["form"].errors) == errors
    for link in [a["href"] for a in soup_of(response).select(".error-summary li a")]:
        assert soup_of(response).select_one(link) is not None, link
    assert not PageFeedback.objects.exists()


@pytest.mark.parametrize("form_class", [BriefingUseForm, PageFeedbackForm])
def test_hostile_values_in_every_field_never_cause_a_server_error_or_come_back_as_markup(
    briefing, clock, settings, form_class
):
    settings.BRIEFING_USES_PER_CLIENT_PER_HOUR = settings.BRIEFING_USES_PER_HOUR = 10_000
    settings.PAGE_FEEDBACK_PER_CLIENT_PER_HOUR = settings.PAGE_FEEDBACK_PER_HOUR = 10_000
    reader = Practitioner(clock)
    sending_use = form_class is BriefingUseForm
    valid = USE if sending_use else FEEDBACK
    prefix = "" if sending_use else "feedback-"
    fields = [
        name
        for name in (BriefingUseForm if sending_use else PageFeedbackForm).base_fields
        if name not in ("started", "website")
    ]
    for name in fields:
        for value in NASTY_VALUES:
            answers = {**valid, f"{prefix}{name}": value}
            if sending_use:
                response = reader.record_use(briefing, answers, seconds=4)
            else:
                response = reader.give_feedback(briefing, answers, seconds=4)
            body = response.content.decode("utf-8", "replace")
            assert response.status_code in (200, 302), (name, value[:40], response.status_code)
            assert "<script>alert(" not in body
            assert "<svg onload=" not in body


def test_a_repeated_name_is_read_once_and_never_a_server_error(briefing, clock):
    reader = Practitioner(clock)
    opened = reader.client.get(use_url(briefing))
    hidden = reader.hidden_fields(opened, "form.request-form")
    clock.shift(40)

    response = reader.client.post(
        use_url(briefing), {**hidden, **USE, "people": ["12", "9999"], "team": ["a", "b"]}
    )

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"people"}
    assert not BriefingUse.objects.exists()


@pytest.mark.parametrize("page_id", ["0", "999999", "99999999999999999999"])
def test_unknown_ids_answer_404(client, site_tree, page_id):
    for address in (f"/used/{page_id}/", f"/feedback/{page_id}/"):
        assert client.get(address).status_code == 404
        assert client.post(address, USE).status_code == 404
        assert client.get(f"{address}thanks/").status_code == 404


def test_pages_that_take_no_feedback_or_uses_answer_404(client, site_tree, review, briefing):
    assert client.get(use_url(review)).status_code == 404  # a review is no briefing
    assert client.get(f"/feedback/{site_tree.news.pk}/").status_code == 404
    assert client.get(f"/feedback/{site_tree.home.pk}/").status_code == 404
    briefing.unpublish()
    assert client.get(use_url(briefing)).status_code == 404
    assert client.get(feedback_url(briefing)).status_code == 404


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_other_methods_are_refused(client, briefing, method):
    assert client.generic(method, use_url(briefing)).status_code == 405
    assert client.generic(method, feedback_url(briefing)).status_code == 405


# Members-only briefings and reviews.


def test_a_members_only_briefing_is_named_to_no_one_else(client, private_content, member):
    private = private_content.private_briefing
    missing = client.get("/used/999999/")

    for address in (use_url(private), f"{use_url(private)}thanks/"):
        response = client.get(address)
        assert response.status_code == 404
        assert private.title not in response.content.decode()
        assert "sign in" in response.content.decode()
        assert soup_of(response).h1.text == soup_of(missing).h1.text
    for page in (private, private_content.private_review, private_content.members_review):
        assert client.get(feedback_url(page)).status_code == 404
        assert client.post(feedback_url(page), FEEDBACK).status_code == 404
    assert not PageFeedback.objects.exists()

    client.force_login(member)
    assert client.get(use_url(private)).status_code == 200
    page = client.get(private.url)
    assert soup_of(page).find("a", href=use_url(private)) is not None
    assert soup_of(page).select_one("form.feedback-form") is not None


# The hour's limits.


def test_one_client_may_record_a_few_uses_an_hour_then_gets_a_clear_429(briefing, clock, settings):
    settings.BRIEFING_USES_PER_CLIENT_PER_HOUR = 2
    reader = Practitioner(clock)
    for _ in range(2):
        assert reader.record_use(briefing, seconds=5).status_code == 302

    refused = reader.record_use(briefing, seconds=5)

    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "Too many records in the last hour" in refused.content.decode()
    assert BriefingUse.objects.count() == 2
    # Another client is not held back by this one.
    assert Practitioner(clock, address="198.51.100.7").record_use(briefing).status_code == 302


def test_feedback_over_the_hours_limit_is_a_429_and_stores_nothing(review, clock, settings):
    settings.PAGE_FEEDBACK_PER_CLIENT_PER_HOUR = 1
    reader = Practitioner(clock)
    assert reader.give_feedback(review, seconds=5).status_code == 302

    refused = reader.give_feedback(review, seconds=5)

    assert refused.status_code == 429
    assert PageFeedback.objects.count() == 1


# The report: who sees it, its dates, its queries, the dashboard.


def test_only_staff_see_the_report(client, db, member, non_member):
    assert client.get(REPORT_URL).status_code == 302  # to the admin's sign-in
    for user in (member, non_member):
        client.force_login(user)
        assert client.get(REPORT_URL).status_code in (302, 403)
        assert client.get(REPORT_URL, {"export": "csv"}).status_code in (302, 403)
    admin_without_pages = UserFactory(username="test-admin-only")
    admin_without_pages.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(admin_without_pages)
    assert client.get(REPORT_URL).status_code in (302, 403)
    assert client.get(REPORT_URL, {"export": "csv"}).status_code in (302, 403)


def test_the_reports_menu_offers_the_report_to_staff(staff_client, db):
    menu = staff_client.get("/admin/").content.decode()

    assert REPORT_URL in menu


@pytest.mark.parametrize(
    "query",
    [
        {"start": "abc"},
        {"end": "2030-13-40"},
        {"start": "2030-05-01", "end": "2030-04-01"},
        {"start": "\x00"},
        {"start": "99999-01-01"},
        {"start": ["2030-01-01", "zzz"]},
        {"start": "abc", "export": "csv"},
    ],
)
def test_bad_report_dates_are_form_errors_not_server_errors(staff_client, briefing, query):
    response = staff_client.get(REPORT_URL, query)

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert soup_of(response).select(".error-message, .w-field__errors, .help-critical")


def test_the_date_range_selects_uses_by_the_day_they_were_used(briefing, staff_client):
    for day, people in ((date(2030, 3, 31), 5), (date(2030, 4, 1), 7), (date(2030, 4, 30), 9)):
        BriefingUse.objects.create(
            briefing=briefing, date_used=day, team="Demo team", agency="police", people=people
        )

    rows = csv_of(
        staff_client.get(REPORT_URL, {"start": "2030-04-01", "end": "2030-04-30", "export": "csv"})
    )

    assert section(rows, "Totals")[1][:2] == ["2", "16"]
    assert section(rows, "Uses by month")[1:] == [["2030-04", "2", "16"]]


def test_the_csv_keeps_formulas_from_running(briefing, clock, staff_client):
    Practitioner(clock).record_use(briefing, {**USE, "team": '=HYPERLINK("http://x")'})

    rows = csv_of(staff_client.get(REPORT_URL, {"export": "csv"}))

    assert section(rows, "Uses recorded")[1][2] == '\'=HYPERLINK("http://x")'


def test_the_report_counts_alert_subscribers_per_theme_within_the_dates(
    briefing, theme, staff_client
):
    """Subscribers who confirmed in the range and chose the theme (``alerts.reports``)."""
    london = ZoneInfo("Europe/London")
    for number, confirmed in enumerate((date(2030, 5, 1), date(2030, 6, 1), date(2031, 1, 1))):
        subscriber = Subscriber.objects.create(
            email=f"practitioner{number}@example.org",
            confirmed_at=datetime(
                confirmed.year, confirmed.month, confirmed.day, 12, tzinfo=london
            ),
        )
        subscriber.themes.add(theme)
    Subscriber.objects.create(
        email="other@example.org", confirmed_at=datetime(2030, 5, 1, 12, tzinfo=london)
    )  # chose no theme
    dates = {"start": "2030-04-01", "end": "2031-03-31"}

    everyone = section(csv_of(staff_client.get(REPORT_URL, {"export": "csv"})), "By theme")
    in_the_year = section(
        csv_of(staff_client.get(REPORT_URL, {"export": "csv", **dates})), "By theme"
    )
    from_june = section(
        csv_of(staff_client.get(REPORT_URL, {"export": "csv", "start": "2030-06-01"})), "By theme"
    )

    assert everyone[0][-1] == "Alert subscribers"
    assert [row[-1] for row in everyone[1:] if row[0] == theme.name] == ["3"]
    assert [row[-1] for row in in_the_year[1:] if row[0] == theme.name] == ["3"]
    assert [row[-1] for row in from_june[1:] if row[0] == theme.name] == ["2"]


def add_activity(learning, review, count, theme):
    """``count`` briefings, each with a use, a download and an answer; the review answered."""
    for number in range(count):
        briefing = BriefingPageFactory(
            parent=learning, title=f"Demo scale briefing {theme.name} {number}", themes=[theme]
        )
        BriefingUse.objects.create(
            briefing=briefing,
            date_used=date(2030, 4, 1),
            team="Demo team",
            agency="police",
            people=3,
        )
        BriefingDownloadCount.objects.create(briefing=briefing, day=date(2030, 4, 1), downloads=2)
        PageFeedback.objects.create(page=briefing, useful=True, comment="Demo comment")
    PageFeedback.objects.create(page=review, useful=False)


def report_queries(client, query=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(REPORT_URL, query or {})
        if query:
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(queries)


def test_the_report_runs_the_same_queries_for_3_or_30_briefings(
    site_tree, review, theme, staff_client
):
    def measured():
        """The queries of the report and of its CSV, each asked twice: the first request
        after pages change reads what Wagtail caches (the site's root paths, the menu)."""
        report_queries(staff_client)
        report_queries(staff_client, {"export": "csv"})
        return report_queries(staff_client), report_queries(staff_client, {"export": "csv"})

    add_activity(site_tree.learning, review, 3, theme)
    small = measured()
    add_activity(site_tree.learning, review, 27, ThemeFactory(name="Demo second theme"))
    large = measured()

    assert large == small
    assert max(small) <= 30


def test_the_dashboard_shows_this_reporting_years_impact(briefing, clock, staff_client):
    BriefingUse.objects.create(
        briefing=briefing, date_used=date(2030, 4, 2), team="Demo", agency="police", people=20
    )
    BriefingUse.objects.create(  # last reporting year: not counted
        briefing=briefing, date_used=date(2030, 3, 31), team="Demo", agency="police", people=7
    )
    BriefingDownloadCount.objects.create(briefing=briefing, day=date(2030, 4, 5), downloads=4)

    panel = soup_of(staff_client.get("/admin/")).select_one("#impact-summary-content")

    text = panel.get_text(" ", strip=True)
    assert "Since 1 April 2030" in text
    assert "Uses of briefings recorded 1" in text
    assert "People reached 20" in text
    assert "Printable briefings downloaded 4" in text
    assert panel.find("a", string="See the impact report")["href"] == (
        f"{REPORT_URL}?start=2030-04-01"
    )


# The admin's lists: read and filter, never add or edit.


def test_staff_read_uses_filtered_by_briefing_agency_and_date_but_never_add_or_edit(
    briefing, staff_client, site_tree
):
    other = BriefingPageFactory(parent=site_tree.learning, title="Demo other briefing")
    use = BriefingUse.objects.create(
        briefing=briefing, date_used=date(2030, 4, 2), team="Demo team A", agency="police", people=3
    )
    BriefingUse.objects.create(
        briefing=other, date_used=date(2030, 1, 2), team="Demo team B", agency="education", people=4
    )

    def listed(query):
        response = staff_client.get("/admin/impact/uses/", query)
        assert response.status_code == 200
        return [
            team for team in ("Demo team A", "Demo team B") if team in response.content.decode()
        ]

    assert listed({}) == ["Demo team A", "Demo team B"]
    assert listed({"briefing": briefing.pk}) == ["Demo team A"]
    assert listed({"agency": "education"}) == ["Demo team B"]
    assert listed({"date_used_from": "2030-03-01"}) == ["Demo team A"]
    assert staff_client.get(f"/admin/impact/uses/inspect/{use.pk}/").status_code == 200
    assert staff_client.get("/admin/impact/uses/add/").status_code in (302, 403, 404)
    assert staff_client.get(f"/admin/impact/uses/edit/{use.pk}/").status_code in (302, 403, 404)
    assert staff_client.get("/admin/impact/feedback/").status_code == 200


def test_crawlers_are_kept_away_from_the_forms(client, db):
    lines = client.get("/robots.txt").content.decode().splitlines()

    assert {"Disallow: /used/", "Disallow: /feedback/"} <= set(lines)
