"""Link checks: ``manage.py check_links`` against a real HTTP server on 127.0.0.1 (never the
internet), what it records, the admin's link report and the dashboard's broken-links panel."""

import csv
import io
import socket
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import Revision

from learning.models import ExternalResource
from safeguarding_site import cache as page_cache
from tests.factories import ExternalResourceFactory, ReviewPageFactory, UserFactory
from tests.html import soup_of

LinkStatus = ExternalResource.LinkStatus
TIMEOUT = 0.5  # seconds: the command's --timeout in these tests; /slow answers far later

# What the local site answers, by path: a status, (a redirect status, where to), or a status
# for each method. "/slow" answers only when the test is over.
ROUTES = {
    "/ok": 200,
    "/old-address": (301, "/new-address"),
    "/new-address": 200,
    "/for-now": (302, "/ok"),
    "/moved-then-for-now": (308, "/for-now"),
    "/missing": 404,
    "/error": 500,
    "/busy": 503,
    "/no-head": {"HEAD": 405, "GET": 200},
    "/round-and-round": (301, "/round-and-round"),
    "/to-private-network": (302, "http://10.20.30.40/intranet"),
}


class LocalSite:
    """An HTTP server on 127.0.0.1 and a free port, in a thread, answering ``ROUTES`` (and
    ``answers``, which a test may change); it notes every request and how many requests to
    each host name it was answering at once."""

    def __init__(self):
        self.answers = dict(ROUTES)
        self.requests = []  # (method, path, Host header, User-Agent)
        self.busiest = {}  # host name -> most requests in progress at once
        self.pause = 0.0  # seconds each answer takes, so that overlapping requests overlap
        self.release = threading.Event()
        self._lock = threading.Lock()
        self._in_progress = {}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]

    def url(self, path, host="127.0.0.1"):
        return f"http://{host}:{self.port}{path}"

    def requested(self, path):
        return [method for method, seen, _host, _agent in self.requests if seen == path]

    def _handler_class(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_HEAD(self):
                site.answer(self)

            def do_GET(self):
                site.answer(self)

        return Handler

    def answer(self, handler):
        host = handler.headers.get("Host", "").rsplit(":", 1)[0]
        with self._lock:
            self.requests.append(
                (handler.command, handler.path, host, handler.headers.get("User-Agent"))
            )
            self._in_progress[host] = self._in_progress.get(host, 0) + 1
            self.busiest[host] = max(self.busiest.get(host, 0), self._in_progress[host])
        try:
            time.sleep(self.pause)
            path = handler.path.split("?", 1)[0]
            if path == "/slow":
                self.release.wait(timeout=30)
                answer = 200
            else:
                answer = self.answers.get(path, 404)
            if isinstance(answer, dict):
                answer = answer[handler.command]
            status, location = answer if isinstance(answer, tuple) else (answer, None)
        finally:
            # Done before the answer is sent: once the client has it, it may ask again at once,
            # before this thread would otherwise get round to counting it finished.
            with self._lock:
                self._in_progress[host] -= 1
        handler.send_response(status)
        if location:
            handler.send_header("Location", location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    def start(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def local_site():
    site = LocalSite()
    site.start()
    yield site
    site.stop()


@pytest.fixture
def loopback_allowed(settings):
    """The checker may reach the local site (production never allows loopback)."""
    settings.LINK_CHECK_ALLOW_LOOPBACK = True
    settings.LINK_CHECK_CONTACT = "web-team@partnership.example.org"


def closed_port():
    """A port on 127.0.0.1 that nothing listens on: connecting is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def check_links(*options):
    """Run the real command, quickly: short time-outs, no pause between requests to a host."""
    out = io.StringIO()
    call_command("check_links", "--timeout", str(TIMEOUT), "--pause", "0", *options, stdout=out)
    return out.getvalue()


def fresh(resource):
    return ExternalResource.objects.get(pk=resource.pk)


def unchecked(title, url):
    return ExternalResourceFactory(title=title, url=url, link_status=LinkStatus.UNCHECKED)


def a_night_passes(*resources):
    """Move each resource's failure dates a day back, as if the next check were tomorrow."""
    for resource in resources:
        resource = fresh(resource)
        ExternalResource.objects.filter(pk=resource.pk).update(
            failing_since=resource.failing_since - timedelta(days=1),
            last_checked=resource.last_checked - timedelta(days=1),
        )


# What the command records ------------------------------------------------------------------


@pytest.fixture
def every_case(db, local_site, loopback_allowed):
    """One unchecked resource for each kind of answer the local site gives, and one on a port
    where the connection is refused."""
    cases = {
        "ok": "/ok",
        "moved": "/old-address",
        "temporary": "/for-now",
        "moved_then_temporary": "/moved-then-for-now",
        "missing": "/missing",
        "error": "/error",
        "no_head": "/no-head",
        "slow": "/slow",
        "loop": "/round-and-round",
    }
    resources = {
        name: unchecked(f"Demo {name} resource", local_site.url(path))
        for name, path in cases.items()
    }
    resources["refused"] = unchecked(
        "Demo refused resource", f"http://127.0.0.1:{closed_port()}/gone"
    )
    return resources


def test_working_addresses_are_recorded_as_working_with_status_and_date(every_case):
    check_links()

    today = timezone.localdate()
    for name in ("ok", "temporary", "no_head"):
        resource = fresh(every_case[name])
        assert resource.link_status == LinkStatus.WORKING, name
        assert resource.http_status == 200, name
        assert resource.last_checked == today, name
        assert (resource.moved_to, resource.check_note, resource.failed_checks) == ("", "", 0)
        assert resource.failing_since is None


def test_a_permanent_redirect_marks_a_link_moved_and_records_the_new_address(
    every_case, local_site
):
    check_links()

    moved = fresh(every_case["moved"])
    assert moved.link_status == LinkStatus.MOVED
    assert moved.http_status == 200
    assert moved.moved_to == local_site.url("/new-address")
    assert moved.last_checked == timezone.localdate()
    # A permanent redirect to a temporary one: moved, to where the permanent one pointed.
    moved_on = fresh(every_case["moved_then_temporary"])
    assert moved_on.link_status == LinkStatus.MOVED
    assert moved_on.moved_to == local_site.url("/for-now")


def test_a_first_failure_is_recorded_but_does_not_yet_mark_a_link_broken(every_case):
    check_links()

    today = timezone.localdate()
    expected = {
        "missing": (404, "Not found (404)"),
        "error": (500, "Internal server error (500)"),
        "slow": (None, "Timed out"),
        "refused": (None, "Connection refused"),
        "loop": (None, "Too many redirects"),
    }
    for name, (status, note) in expected.items():
        resource = fresh(every_case[name])
        assert resource.link_status == LinkStatus.UNCHECKED, name
        assert resource.http_status == status, name
        assert note in resource.check_note, name
        assert (resource.failing_since, resource.failed_checks) == (today, 1), name
        assert resource.last_checked == today, name


def test_a_second_failure_in_a_row_marks_a_link_broken_and_keeps_the_first_failure_date(
    every_case,
):
    failing = [every_case[name] for name in ("missing", "error", "slow", "refused", "loop")]
    check_links()
    a_night_passes(*failing)

    check_links()

    today = timezone.localdate()
    for resource in failing:
        resource = fresh(resource)
        assert resource.link_status == LinkStatus.BROKEN, resource.title
        assert resource.failed_checks == 2
        assert resource.failing_since == today - timedelta(days=1)
        assert resource.last_checked == today
    assert fresh(every_case["ok"]).link_status == LinkStatus.WORKING


def test_head_comes_first_and_get_only_when_head_fails(every_case, local_site):
    check_links()

    assert set(local_site.requested("/ok")) == {"HEAD"}  # also reached through redirects
    assert local_site.requested("/no-head") == ["HEAD", "GET"]
    assert local_site.requested("/missing") == ["HEAD", "GET"]
    assert local_site.requested("/old-address") == ["HEAD"]
    assert local_site.requested("/new-address") == ["HEAD"]


def test_requests_carry_a_user_agent_naming_the_site_and_a_contact(
    every_case, local_site, settings
):
    check_links()

    agents = {agent for _method, _path, _host, agent in local_site.requests}
    assert len(agents) == 1
    agent = agents.pop()
    assert settings.WAGTAIL_SITE_NAME in agent
    assert settings.SITE_URL in agent
    assert settings.LINK_CHECK_CONTACT in agent


@pytest.fixture
def working_link(db, local_site, loopback_allowed):
    return ExternalResourceFactory(url=local_site.url("/flaky"))


def test_a_working_link_that_fails_once_stays_working_and_shows_the_failure(
    working_link, local_site
):
    local_site.answers["/flaky"] = 500

    check_links()

    resource = fresh(working_link)
    assert resource.link_status == LinkStatus.WORKING
    assert resource.http_status == 500
    assert (resource.failing_since, resource.failed_checks) == (timezone.localdate(), 1)


def test_a_link_that_works_again_forgets_its_failures(working_link, local_site):
    local_site.answers["/flaky"] = 500
    check_links()
    a_night_passes(working_link)
    check_links()
    assert fresh(working_link).link_status == LinkStatus.BROKEN

    local_site.answers["/flaky"] = 200
    check_links()

    resource = fresh(working_link)
    assert resource.link_status == LinkStatus.WORKING
    assert (resource.failing_since, resource.failed_checks, resource.check_note) == (None, 0, "")


def test_a_busy_answer_neither_counts_as_a_failure_nor_clears_one(working_link, local_site):
    local_site.answers["/flaky"] = 503
    check_links()
    check_links()

    resource = fresh(working_link)
    assert resource.link_status == LinkStatus.WORKING
    assert resource.http_status == 503
    assert resource.failed_checks == 0
    assert resource.failing_since == timezone.localdate()
    assert local_site.requested("/flaky") == ["HEAD", "HEAD"]  # no GET to a busy site

    local_site.answers["/flaky"] = 404
    check_links()
    local_site.answers["/flaky"] = 429
    check_links()
    assert fresh(working_link).failed_checks == 1  # the 404; the 429s did not clear it


def test_a_link_busy_for_a_week_is_marked_broken(working_link, local_site):
    local_site.answers["/flaky"] = 429
    ExternalResource.objects.filter(pk=working_link.pk).update(
        failing_since=timezone.localdate() - timedelta(days=7)
    )

    check_links()

    assert fresh(working_link).link_status == LinkStatus.BROKEN


def test_no_host_gets_two_requests_at_once_but_hosts_are_checked_side_by_side(
    db, local_site, loopback_allowed
):
    local_site.pause = 0.1
    for number in range(4):
        unchecked(f"Demo A{number}", local_site.url(f"/ok?a={number}"))
        unchecked(f"Demo B{number}", local_site.url(f"/ok?b={number}", host="localhost"))

    check_links("--workers", "4")

    assert local_site.busiest == {"127.0.0.1": 1, "localhost": 1}
    assert len(local_site.requests) == 8
    assert set(ExternalResource.objects.values_list("link_status", flat=True)) == {
        LinkStatus.WORKING
    }


def test_the_whole_run_stops_at_its_time_limit(db, local_site, loopback_allowed):
    # Each takes a HEAD and a GET time-out (1 s); one host, so one after another.
    slow = [unchecked(f"Demo slow {number}", local_site.url("/slow")) for number in range(4)]

    started = time.monotonic()
    output = check_links("--time-limit", "1.5")

    assert time.monotonic() - started < 2.5
    not_reached = [resource for resource in slow if fresh(resource).last_checked is None]
    assert 1 <= len(not_reached) <= 3
    assert "not reached within the time limit" in output


def test_only_unchecked_leaves_confirmed_links_alone(db, local_site, loopback_allowed):
    confirmed = ExternalResourceFactory(url=local_site.url("/ok"))
    new = unchecked("Demo new resource", local_site.url("/ok"))

    check_links("--only-unchecked")

    assert fresh(confirmed).last_checked is None
    assert fresh(new).link_status == LinkStatus.WORKING


def test_the_command_succeeds_and_summarises_when_links_are_broken(
    db, local_site, loopback_allowed
):
    resource = ExternalResourceFactory(title="Demo gone resource", url=local_site.url("/missing"))
    check_links()
    a_night_passes(resource)

    output = check_links()  # raises if the command fails

    assert "Checked 1 of 1 links" in output
    assert "1 broken (hidden from the public)" in output
    assert f"Broken: Demo gone resource <{resource.url}>: Not found (404)." in output


# What the checker refuses --------------------------------------------------------------------


def test_internal_addresses_are_refused_without_a_request_when_loopback_is_not_allowed(
    db, local_site, settings
):
    settings.LINK_CHECK_ALLOW_LOOPBACK = False
    addresses = [
        local_site.url("/ok"),
        local_site.url("/ok", host="localhost"),
        f"http://[::1]:{local_site.port}/ok",
        f"http://[::ffff:127.0.0.1]:{local_site.port}/ok",
        "http://10.0.0.1/intranet",
        "http://192.168.1.1/router",
        "http://169.254.169.254/latest/meta-data/",  # cloud metadata
        "http://[fd00::1]/",
        "http://0.0.0.0/",
    ]
    resources = [unchecked(f"Demo internal {n}", url) for n, url in enumerate(addresses)]

    check_links()

    assert local_site.requests == []
    for resource in resources:
        resource = fresh(resource)
        assert resource.link_status == LinkStatus.BROKEN, resource.url
        assert "private network" in resource.check_note


def test_a_redirect_into_a_private_network_is_refused(db, local_site, loopback_allowed):
    resource = unchecked("Demo redirected inwards", local_site.url("/to-private-network"))

    check_links()

    resource = fresh(resource)
    assert resource.link_status == LinkStatus.BROKEN
    assert "private network" in resource.check_note


def test_only_web_addresses_are_checked(db):
    resource = unchecked("Demo file server", "ftp://files.example.org/briefing.pdf")

    check_links()

    resource = fresh(resource)
    assert resource.link_status == LinkStatus.UNCHECKED
    assert resource.last_checked is None
    assert "only web addresses" in resource.check_note


# What the public sees ------------------------------------------------------------------------


def test_the_public_resources_page_hides_a_link_once_it_is_broken(
    site_tree, client, local_site, loopback_allowed
):
    ExternalResourceFactory(title="Demo resource that works", url=local_site.url("/ok"))
    gone = ExternalResourceFactory(title="Demo resource now gone", url=local_site.url("/missing"))

    check_links()
    after_one_failure = soup_of(client.get(site_tree.resources.url)).get_text()
    a_night_passes(gone)
    check_links()
    after_two = soup_of(client.get(site_tree.resources.url)).get_text()

    assert "Demo resource now gone" in after_one_failure
    assert "Demo resource now gone" not in after_two
    assert "Demo resource that works" in after_two


def test_a_link_becoming_broken_empties_the_page_cache(db, local_site, loopback_allowed):
    gone = ExternalResourceFactory(url=local_site.url("/missing"))
    check_links()
    a_night_passes(gone)
    before = page_cache.generation()

    check_links()

    assert page_cache.generation() != before


# Editing a resource --------------------------------------------------------------------------


@pytest.fixture
def broken_link(db):
    return ExternalResourceFactory(
        link_status=LinkStatus.BROKEN,
        http_status=404,
        check_note="Not found (404).",
        failed_checks=2,
        failing_since=timezone.localdate(),
        last_checked=timezone.localdate(),
    )


def test_a_new_address_starts_with_no_findings(broken_link):
    resource = broken_link

    resource.url = "https://example.org/the-new-address/"
    resource.save()

    resource = fresh(resource)
    assert resource.link_status == LinkStatus.UNCHECKED
    assert (resource.http_status, resource.check_note, resource.failed_checks) == (None, "", 0)
    assert resource.failing_since is None and resource.last_checked is None


def test_publishing_an_older_revision_keeps_what_the_latest_check_found(db):
    resource = ExternalResourceFactory(link_status=LinkStatus.WORKING)
    revision_id = resource.save_revision().pk
    ExternalResource.objects.filter(pk=resource.pk).update(
        link_status=LinkStatus.BROKEN, http_status=404, failed_checks=2
    )

    # As scheduled publishing, or publishing from the history, reads it later.
    Revision.objects.get(pk=revision_id).publish()

    resource = fresh(resource)
    assert resource.link_status == LinkStatus.BROKEN
    assert (resource.http_status, resource.failed_checks) == (404, 2)


def resource_form_data(resource, **changes):
    """What the snippet editor posts to publish ``resource``, with ``changes``."""
    data = {
        "title": resource.title,
        "url": resource.url,
        "publisher": resource.publisher,
        "resource_type": resource.resource_type,
        "description": resource.description,
        # The read-only findings, as a tampered form might send them: they must be ignored.
        "link_status": LinkStatus.WORKING,
        "failed_checks": "0",
        "action-publish": "action-publish",
    }
    data.update(changes)
    return data


def test_publishing_a_resource_in_the_admin_keeps_what_the_check_found(
    superuser_client, broken_link
):
    edit = reverse("wagtailsnippets_learning_externalresource:edit", args=[broken_link.pk])

    response = superuser_client.post(
        edit, resource_form_data(broken_link, title="Demo renamed resource")
    )

    assert response.status_code == 302
    resource = fresh(broken_link)
    assert resource.title == "Demo renamed resource"
    assert (resource.link_status, resource.http_status, resource.failed_checks) == (
        LinkStatus.BROKEN,
        404,
        2,
    )


def test_publishing_a_new_address_in_the_admin_starts_afresh(superuser_client, broken_link):
    edit = reverse("wagtailsnippets_learning_externalresource:edit", args=[broken_link.pk])

    response = superuser_client.post(
        edit, resource_form_data(broken_link, url="https://example.org/the-new-address/")
    )

    assert response.status_code == 302
    resource = fresh(broken_link)
    assert resource.url == "https://example.org/the-new-address/"
    assert resource.link_status == LinkStatus.UNCHECKED
    assert (resource.http_status, resource.failed_checks, resource.failing_since) == (None, 0, None)


# The admin's link report ---------------------------------------------------------------------


@pytest.fixture
def checked_links(site_tree, local_site, loopback_allowed):
    """Links in each state after two nights of checks, the broken and the unconfirmed ones
    used by reviews."""
    links = {
        "broken": ExternalResourceFactory(title="Demo broken link", url=local_site.url("/missing")),
        "working": ExternalResourceFactory(title="Demo working link", url=local_site.url("/ok")),
        "moved": ExternalResourceFactory(
            title="Demo moved link", url=local_site.url("/old-address")
        ),
        "failing": ExternalResourceFactory(title="Demo failing link", url=local_site.url("/error")),
    }
    check_links()
    a_night_passes(links["broken"])
    check_links("--resource", str(links["broken"].pk))
    links["unchecked"] = unchecked('=HYPERLINK("http://evil.example")', "https://example.org/x")
    links["reviews"] = [
        ReviewPageFactory(
            parent=site_tree.reviews,
            title="Demo review of Child E",
            related_resources=[links["broken"]],
        ),
        ReviewPageFactory(
            parent=site_tree.reviews,
            title="Demo review of Child F",
            related_resources=[links["broken"], links["unchecked"]],
        ),
    ]
    return links


def report_rows(response):
    """The report's rows as {resource title: the row's text}."""
    assert response.status_code == 200
    rows = {}
    for row in soup_of(response).select("table.listing tbody tr"):
        title = row.select_one("td.title").get_text(" ", strip=True)
        rows[title] = row
    return rows


def test_link_report_lists_broken_failing_and_unchecked_links_with_the_reviews_using_them(
    superuser_client, checked_links
):
    response = superuser_client.get("/admin/reports/links/")

    rows = report_rows(response)
    assert set(rows) == {
        "Demo broken link",
        "Demo failing link",
        '=HYPERLINK("http://evil.example")',
    }
    broken = rows["Demo broken link"]
    assert checked_links["broken"].url in broken.get_text()
    assert "404" in broken.get_text()
    review_links = {link.get_text(strip=True): link["href"] for link in broken.select("li a")}
    assert review_links == {
        review.title: reverse("wagtailadmin_pages:edit", args=[review.pk])
        for review in checked_links["reviews"]
    }


def test_link_report_filters_by_state(superuser_client, checked_links):
    working = report_rows(superuser_client.get("/admin/reports/links/", {"state": "working"}))
    moved = report_rows(superuser_client.get("/admin/reports/links/", {"state": "moved"}))
    broken = report_rows(superuser_client.get("/admin/reports/links/", {"state": "broken"}))

    unknown = report_rows(superuser_client.get("/admin/reports/links/", {"state": "<junk>"}))

    assert set(unknown) == set(report_rows(superuser_client.get("/admin/reports/links/")))
    assert set(working) == {"Demo working link", "Demo failing link"}
    assert set(moved) == {"Demo moved link"}
    assert set(broken) == {"Demo broken link"}


def test_link_report_downloads_as_csv_without_formulas(superuser_client, checked_links):
    response = superuser_client.get("/admin/reports/links/", {"export": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    by_title = {row["Resource"]: row for row in rows}
    assert set(by_title) == {
        "Demo broken link",
        "Demo failing link",
        '\'=HYPERLINK("http://evil.example")',
    }
    broken = by_title["Demo broken link"]
    assert (broken["State"], broken["HTTP status"]) == ("Broken", "404")
    assert broken["Used by (reviews)"] == "Demo review of Child E; Demo review of Child F"


def test_link_report_downloads_as_xlsx(superuser_client, checked_links):
    response = superuser_client.get("/admin/reports/links/", {"export": "xlsx"})

    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    header, *rows = list(workbook.active.values)
    by_title = {row[header.index("Resource")]: row for row in rows}
    broken = by_title["Demo broken link"]
    assert broken[header.index("State")] == "Broken"
    assert broken[header.index("Last checked")] == timezone.localdate()


def admin_user_who_may_not_edit_resources():
    """A user of the admin with no right over external resources (Editors and Moderators both
    keep the resources: see safeguarding_site migration 0005)."""
    user = UserFactory(username="demo-admin-reader")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def test_link_report_is_for_those_who_may_edit_external_resources(db, client, checked_links):
    editor = admin_user_who_may_not_edit_resources()
    client.force_login(editor)
    refused = client.get("/admin/reports/links/")
    menu_without = client.get(reverse("wagtailadmin_home")).content.decode()

    editor.user_permissions.add(Permission.objects.get(codename="change_externalresource"))
    allowed = client.get("/admin/reports/links/")
    menu_with = client.get(reverse("wagtailadmin_home")).content.decode()

    assert refused.status_code in (302, 403)
    assert "/admin/reports/links/" not in menu_without
    assert allowed.status_code == 200
    assert "/admin/reports/links/" in menu_with


# The dashboard panel --------------------------------------------------------------------------


def test_dashboard_lists_the_broken_links_with_links_to_edit_each(superuser_client, checked_links):
    response = superuser_client.get(reverse("wagtailadmin_home"))

    panel = soup_of(response).select_one("#broken-links-section")
    assert panel is not None
    edit_links = {link["href"] for link in panel.select("td a")}
    broken = checked_links["broken"]
    edit = reverse("wagtailsnippets_learning_externalresource:edit", args=[broken.pk])
    assert edit_links == {edit}
    assert "1 link failed the link check" in panel.get_text(" ", strip=True)


def test_dashboard_says_so_when_no_link_is_broken(superuser_client, local_site, loopback_allowed):
    ExternalResourceFactory(url=local_site.url("/ok"))
    check_links()

    response = superuser_client.get(reverse("wagtailadmin_home"))

    panel = soup_of(response).select_one("#broken-links-section")
    assert "No broken links at the last check" in panel.get_text(" ", strip=True)
    assert panel.select("td") == []


def test_dashboard_panel_is_not_shown_to_staff_who_may_not_edit_resources(
    db, client, checked_links
):
    client.force_login(admin_user_who_may_not_edit_resources())

    response = client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 200
    assert soup_of(response).select_one("#broken-links-section") is None
