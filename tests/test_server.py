"""The site as deployed: real gunicorn, production settings, behind a (pretend) TLS proxy.

One server for the module, on a free port of 127.0.0.1, against a scratch SQLite database
migrated in a subprocess (started early: tests/deployment.py), with its cache (and so the
anonymous page cache) in a Redis of its own configured as README's "Production" section
says, when redis-server is installed. The test speaks HTTP as the
proxy would: ``X-Forwarded-Proto: https``, an allowed ``Host`` and the client's address
appended to ``X-Forwarded-For``. Static files come from the app folders (no manifest).
"""

import http.client
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from django_otp.oath import totp

from tests import deployment
from tests.factories import TEST_PASSWORD

GUNICORN = Path(sys.executable).parent / "gunicorn"
HOST = deployment.HOST
STARTUP_SECONDS = 120
TEST_MEMBER = "server-member"  # made with the database (tests/deployment.py)


def cookies(response):
    jar = SimpleCookie()
    for header in response.headers.get_all("Set-Cookie") or []:
        jar.load(header)
    return jar


class Server:
    """Requests to the gunicorn server as the TLS-terminating proxy would send them."""

    def __init__(self, port):
        self.port = port

    def request(self, method, path, *, client="198.51.100.10", https=True, body=None, headers=()):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        sent = {"Host": HOST, "X-Forwarded-For": client, **dict(headers)}
        if https:
            sent["X-Forwarded-Proto"] = "https"
        if body is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            body = urlencode(body, doseq=True)
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            response.text = response.read().decode()
            return response
        finally:
            connection.close()

    def sign_in(self, username, password, *, client, url="/admin/login/"):
        """GET a sign-in form (for its CSRF cookie and token), then POST it, from a browser
        with no other cookies."""
        form = self.request("GET", url, client=client)
        cookie = cookies(form)["csrftoken"].value
        token = BeautifulSoup(form.text, "html.parser").find(
            "input", attrs={"name": "csrfmiddlewaretoken"}
        )["value"]
        return self.request(
            "POST",
            url,
            client=client,
            body={
                "csrfmiddlewaretoken": token,
                "username": username,
                "password": password,
                "next": "/admin/",
            },
            headers={"Cookie": f"csrftoken={cookie}", "Origin": f"https://{HOST}"},
        )


class Browser:
    """An editor's browser: keeps its cookies, sends the CSRF token with every form."""

    def __init__(self, server, client):
        self.server = server
        self.client = client
        self.jar = {}

    def keep(self, response):
        self.jar.update({name: morsel.value for name, morsel in cookies(response).items()})
        return response

    def get(self, path):
        return self.keep(self.server.request("GET", path, client=self.client, headers=self.sent()))

    def post(self, path, body):
        body = {"csrfmiddlewaretoken": self.jar["csrftoken"], **body}
        return self.keep(
            self.server.request(
                "POST", path, client=self.client, body=body, headers=self.sent(origin=True)
            )
        )

    def sent(self, origin=False):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.jar.items())}
        if origin:
            headers["Origin"] = f"https://{HOST}"
        return headers


@pytest.fixture(scope="module")
def redis():
    """The deployment's Redis (``deployment.PrivateRedis``), or None without redis-server."""
    if deployment.REDIS_SERVER is None:
        yield None
        return
    server = deployment.PrivateRedis()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def server(redis):
    returncode, output = deployment.result("server database")
    assert returncode == 0, output
    words = output.strip().splitlines()[-1].split()  # "review 3 members 1 ...": names and ids
    ids = dict(zip(words[::2], map(int, words[1::2]), strict=True))
    port = deployment.free_port()
    process = subprocess.Popen(  # noqa: S603 - fixed arguments
        [
            str(GUNICORN),
            "safeguarding_site.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            "--workers=2",
            "--preload",
            "--log-level=warning",
        ],
        cwd=deployment.ROOT,
        env=deployment.production_environment(
            scratch_settings=True, redis_url=redis.url if redis else None
        ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        server = Server(port)
        server.ids = ids
        server.review_id = ids["review"]
        server.members_group_id = ids["members"]
        server.redis = redis
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            assert process.poll() is None, process.stderr.read().decode()
            try:
                if server.request("GET", "/health/").status == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "gunicorn did not answer in time"
            time.sleep(0.2)
        yield server
    finally:
        process.send_signal(signal.SIGINT)  # quick shutdown: nothing is in flight
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_gunicorn_answers_with_the_security_headers(server):
    response = server.request("GET", "/login/")

    assert response.status == 200
    assert response.getheader("Strict-Transport-Security") == (
        "max-age=31536000; includeSubDomains; preload"
    )
    policy = response.getheader("Content-Security-Policy")
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "'unsafe-inline'" not in policy
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("Referrer-Policy") == "strict-origin-when-cross-origin"
    assert response.getheader("X-Frame-Options") == "DENY"
    assert "camera=()" in response.getheader("Permissions-Policy")
    cookie = cookies(response)["csrftoken"]
    assert cookie["secure"]


def test_gunicorn_redirects_plain_http_to_https(server):
    response = server.request("GET", "/login/?next=/secure-area/", https=False)

    assert response.status == 301
    assert response.getheader("Location") == f"https://{HOST}/login/?next=/secure-area/"


def test_gunicorn_refuses_a_host_it_does_not_serve(server):
    response = server.request("GET", "/login/", headers={"Host": "attacker.example"})

    assert response.status == 400


def test_gunicorn_locks_out_a_client_after_five_wrong_passwords(server):
    attacker, colleague = "198.51.100.66", "198.51.100.67"

    # Five usernames: five wrong passwords for one would lock that account for everyone.
    first = [server.sign_in(f"someone-{n}", f"wrong-{n}", client=attacker) for n in range(4)]
    fifth = server.sign_in("someone-5", "wrong-5", client=attacker)
    right = server.sign_in("server-admin", TEST_PASSWORD, client=attacker)
    other = server.sign_in("server-admin", TEST_PASSWORD, client=colleague)

    assert [response.status for response in first] == [200] * 4
    assert fifth.status == 429
    assert right.status == 429
    assert "Too many sign-in attempts" in right.text
    # Another client behind the same proxy signs in: to the two-factor step, as production asks.
    assert other.status == 302
    assert other.getheader("Location") == "/admin/"
    session = cookies(other)["sessionid"]
    assert session["secure"]
    assert session["httponly"]
    admin = server.request(
        "GET", "/admin/", client=colleague, headers={"Cookie": f"sessionid={session.value}"}
    )
    assert admin.status == 302
    assert admin.getheader("Location") == "/admin/two-factor/verify/?next=%2Fadmin%2F"


def test_gunicorn_gives_no_more_guesses_for_signing_in_to_ones_own_account(server):
    """The attack on the deployed site: a member guesses someone else's password, signing in
    to their own account between guesses; then the account's owner comes to sign in."""
    attacker, owner = "198.51.100.70", "198.51.100.71"
    guesses, own = [], []
    for n in range(6):
        guess = server.sign_in("server-target", f"wrong-{n}", client=attacker, url="/login/")
        guesses.append(guess.status)
        own.append(
            server.sign_in(TEST_MEMBER, TEST_PASSWORD, client=attacker, url="/login/").status
        )

    target = server.sign_in("server-target", TEST_PASSWORD, client=owner, url="/login/")

    assert guesses == [200] * 4 + [429] * 2
    assert own == [302] * 4 + [429] * 2
    assert target.status == 429  # the trade-off: the account waits an hour, or is unlocked


# A review made private by an editor, in the admin, through one of the workers.

SERVED_REVIEW = f"/reviews/{deployment.SERVED_REVIEW_SLUG}/"


def many_at_once(server, path, count=12):
    """Requests in parallel, so that every gunicorn worker answers some."""
    with ThreadPoolExecutor(max_workers=6) as pool:
        return list(pool.map(lambda _: server.request("GET", path), range(count)))


def signed_in_to_the_admin(server, username, client):
    """A ``Browser`` of ``client``'s, signed in to ``server``'s admin as ``username`` with the
    test password and a code from the authenticator (``deployment.ADMIN_TOTP_KEY``)."""
    browser = Browser(server, client=client)
    browser.get("/admin/login/")
    signed_in = browser.post(
        "/admin/login/", {"username": username, "password": TEST_PASSWORD, "next": "/admin/"}
    )
    assert signed_in.status == 302, signed_in.text[:500]
    code = totp(bytes.fromhex(deployment.ADMIN_TOTP_KEY))
    verified = browser.post("/admin/two-factor/verify/", {"token": f"{code:06d}"})
    assert verified.status == 302, verified.text[:500]
    return browser


@pytest.fixture(scope="module")
def editor(server):
    """The admin, signed in with password and authenticator code, in their own browser."""
    return signed_in_to_the_admin(server, "server-admin", client="198.51.100.90")


@pytest.fixture(scope="module")
def served_review_made_private(server, editor):
    """Anonymous visitors read the review from both workers; then an editor makes it private
    in the admin, through one worker, as in real life."""
    before = {
        "review": many_at_once(server, SERVED_REVIEW),
        "listing": many_at_once(server, "/reviews/"),
    }
    privacy = editor.post(
        f"/admin/pages/{server.review_id}/privacy/",
        {"restriction_type": "groups", "groups": [server.members_group_id]},
    )
    assert privacy.status == 200, privacy.text[:500]
    after = {
        "review": many_at_once(server, SERVED_REVIEW),
        "listing": many_at_once(server, "/reviews/"),
    }
    return before, after


def test_review_made_private_is_closed_at_once_by_every_worker(served_review_made_private):
    before, after = served_review_made_private
    assert {response.status for response in before["review"]} == {200}
    assert all(deployment.SERVED_REVIEW_TITLE in r.text for r in before["listing"])

    assert {response.status for response in after["review"]} == {302}
    assert not any(deployment.SERVED_REVIEW_TITLE in r.text for r in after["listing"])


# With Redis: what changes privacy without a save signal, and what junk leaves in Redis.

DOCUMENTS_REVIEW = f"/reviews/{deployment.DOCUMENTS_REVIEW_SLUG}/"


@pytest.fixture
def shared_redis(server):
    """The server's Redis; the test is skipped without one (no page cache in production)."""
    if server.redis is None:
        pytest.skip("needs redis-server: production caches pages only in a shared Redis")
    return server.redis


def shown_by_every_worker(server, title, document_id):
    """Whether each of a dozen parallel answers for the documents review lists the document;
    and the set of X-Page-Cache headers they came with."""
    responses = many_at_once(server, DOCUMENTS_REVIEW)
    assert {response.status for response in responses} == {200}
    shown = {title in r.text or f"/documents/{document_id}/" in r.text for r in responses}
    return shown, {response.getheader("X-Page-Cache") for response in responses}


def add_to_members_collection_in_bulk(server, editor):
    """Wagtail's bulk "Add to collection" saves with QuerySet.update(): no save signal."""
    document = server.ids["bulk_document"]
    return editor.post(
        f"/admin/bulk/wagtaildocs/document/add_to_collection/?next=/admin/documents/&id={document}",
        {"collection": server.ids["members_collection"]},
    )


def move_collection_under_members_collection(server, editor):
    """Moving a collection is a treebeard move of paths: no save signal for its documents."""
    return editor.post(
        f"/admin/collections/{server.ids['board']}/",
        {"name": "Demo board papers", "parent": server.ids["members_collection"]},
    )


@pytest.mark.parametrize(
    ("document", "title", "change"),
    [
        pytest.param(
            "bulk_document",
            deployment.BULK_DOCUMENT_TITLE,
            add_to_members_collection_in_bulk,
            id="document added to the members' collection in bulk",
        ),
        pytest.param(
            "board_document",
            deployment.BOARD_DOCUMENT_TITLE,
            move_collection_under_members_collection,
            id="its collection moved under the members' collection",
        ),
    ],
)
def test_document_made_private_in_the_admin_leaves_every_workers_cached_page(
    server, editor, shared_redis, document, title, change
):
    shown, cache = shown_by_every_worker(server, title, server.ids[document])
    assert shown == {True}
    assert "hit" in cache

    response = change(server, editor)

    assert response.status == 302, response.text[:500]
    shown, _ = shown_by_every_worker(server, title, server.ids[document])
    assert shown == {False}


def test_three_hundred_junk_requests_add_no_key_to_redis(server, shared_redis):
    """A new search with junk beside it, again and again (it once added 14 MB to Redis);
    the valid search alone is still cached."""
    for _ in range(2):
        server.request("GET", "/reviews/?q=zz1")
    before = set(shared_redis.client.keys("*"))

    with ThreadPoolExecutor(max_workers=4) as pool:
        responses = list(
            pool.map(
                lambda n: server.request("GET", f"/reviews/?q=zz{n}&junk={n * 7919}"), range(300)
            )
        )

    assert {response.status for response in responses} == {200}
    assert set(shared_redis.client.keys("*")) == before
    assert server.request("GET", "/reviews/?q=zz1").getheader("X-Page-Cache") == "hit"
