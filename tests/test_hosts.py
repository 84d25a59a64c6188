"""Several hosts behind a load balancer, and one host with no shared cache.

Two gunicorn hosts, each run as production runs it (``deploy/gunicorn.conf.py``, production
settings, two workers), sharing one PostgreSQL, one Redis and, with ``moto[server]``
installed, one S3-compatible media bucket (a local moto server). Each host keeps its own page
copies in each worker; Redis carries the generation every worker checks.

The one-host test runs everywhere (its own SQLite database, no Redis, local media). The
two-host tests run where ``DATABASE_URL`` names a PostgreSQL server and ``REDIS_URL`` a Redis,
as CI's PostgreSQL leg sets them: the hosts get a database of their own on that server
(``<name>_hosts``, made and dropped here) and share the Redis of ``REDIS_URL``.
"""

import os
import shutil
import signal
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests import deployment
from tests.factories import TEST_PASSWORD, review_form_data
from tests.test_server import (
    GUNICORN,
    STARTUP_SECONDS,
    Server,
    cookies,
    signed_in_to_the_admin,
)

DATABASE_URL = os.environ.get("DATABASE_URL", "")
REDIS_URL = os.environ.get("REDIS_URL", "")
MOTO_SERVER = shutil.which("moto_server") or shutil.which("moto_server", path=str(GUNICORN.parent))

pytestmark = pytest.mark.several_hosts
SHARED_SERVICES = DATABASE_URL.startswith(("postgres://", "postgresql://")) and bool(REDIS_URL)

BUCKET = "demo-partnership-media"
PUBLISHED_TITLE = "Demo Kingfisher review published on host A"
PUBLISHED_SLUG = "demo-kingfisher-review"
MEMBERS_PAGE_TITLE = "Demo Kingfisher notes for members"
PUBLIC_DOCUMENT_BYTES = b"%PDF-1.4\n% demo public document on two hosts\n%%EOF\n"
MEMBERS_DOCUMENT_BYTES = b"%PDF-1.4\n% demo members' document on two hosts\n%%EOF\n"

PREPARE = """
import django
django.setup()
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice
call_command("migrate", verbosity=0, skip_checks=True)
from tests.factories import (
    DocumentFactory, ReviewPageFactory, StandardPageFactory, create_member,
    create_members_collection, create_site_tree, restrict_to_members,
)
editor = get_user_model().objects.create_superuser(
    "hosts-editor", "editor@example.org", {password!r}
)
TOTPDevice.objects.create(user=editor, name="Authenticator app", confirmed=True, key={key!r})
create_member(username="hosts-member")
tree = create_site_tree()
ReviewPageFactory(parent=tree.reviews, title="Demo review already public")
secure_area = StandardPageFactory(parent=tree.home, title="Secure area", slug="secure-area")
restrict_to_members(secure_area)
StandardPageFactory(parent=secure_area, title={members_page!r}, slug="members-notes")
public = DocumentFactory(
    title="Demo public guidance", file=ContentFile({public_bytes!r}, name="public-guidance.pdf")
)
members = DocumentFactory(
    title="Demo members' minutes",
    collection=create_members_collection(),
    file=ContentFile({members_bytes!r}, name="members-minutes.pdf"),
)
print("reviews", tree.reviews.pk, "public_document", public.pk, "members_document", members.pk,
      "public_file", public.file.name, "members_file", members.file.name)
"""


def hosts_database_url():
    """``DATABASE_URL`` with the hosts' own database name (the server and user the same)."""
    parts = urlsplit(DATABASE_URL)
    return urlunsplit(parts._replace(path=parts.path.rstrip("/") + "_hosts"))


def on_the_server(url, statement):
    """Run ``statement`` (about the database ``url`` names) on that database's server."""
    import psycopg2

    parts = urlsplit(url)
    connection = psycopg2.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username,
        password=parts.password,
        dbname="postgres",
    )
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(statement.format(name=parts.path.lstrip("/")))
    finally:
        connection.close()


def recreate_database(url):
    on_the_server(url, 'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    on_the_server(url, 'CREATE DATABASE "{name}"')


def drop_database(url):
    on_the_server(url, 'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class MotoS3:
    """A local S3-compatible server (moto) with the media bucket, on a free port."""

    def __init__(self):
        import boto3

        self.port = deployment.free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(  # noqa: S603 - fixed arguments
            [MOTO_SERVER, "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.environment = {
            "AWS_STORAGE_BUCKET_NAME": BUCKET,
            "AWS_S3_ENDPOINT_URL": self.url,
            "AWS_S3_REGION_NAME": "eu-west-2",
            "AWS_ACCESS_KEY_ID": "demo-access-key",
            "AWS_SECRET_ACCESS_KEY": "demo-secret-key",  # noqa: S105 - a local test server
        }
        self.client = boto3.client(
            "s3",
            endpoint_url=self.url,
            region_name="eu-west-2",
            aws_access_key_id="demo-access-key",
            aws_secret_access_key="demo-secret-key",  # noqa: S106 - a local test server
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                self.client.create_bucket(
                    Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"}
                )
                break
            except Exception:
                assert self.process.poll() is None, "moto_server stopped"
                assert time.monotonic() < deadline, "moto_server did not answer in time"
                time.sleep(0.2)

    def keys(self):
        listing = self.client.list_objects_v2(Bucket=BUCKET)
        return {item["Key"] for item in listing.get("Contents", [])}

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=20)


def start_host(environment, port, page_cache_dir):
    """gunicorn as production runs it, with this host's own port and page-cache folder."""
    return subprocess.Popen(  # noqa: S603 - fixed arguments
        [str(GUNICORN), "--config", "deploy/gunicorn.conf.py"],
        cwd=deployment.ROOT,
        env={
            **environment,
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": "2",
            "GUNICORN_LOG_LEVEL": "warning",
            "DJANGO_PAGE_CACHE_DIR": str(page_cache_dir),
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def wait_for(process, server):
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        assert process.poll() is None, process.stderr.read().decode()
        try:
            if server.request("GET", "/health/").status == 200:
                return
        except OSError:
            pass
        assert time.monotonic() < deadline, "gunicorn did not answer in time"
        time.sleep(0.2)


def stop(process):
    process.send_signal(signal.SIGTERM)  # graceful: as a deployment stops a host
    try:
        process.wait(timeout=40)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def media_bucket():
    """The S3-compatible bucket (moto), or None when moto[server] is not installed."""
    if MOTO_SERVER is None:
        yield None
        return
    bucket = MotoS3()
    yield bucket
    bucket.stop()


def prepare(environment):
    """Migrate the hosts' database and add the editor, a member and the content; the ids."""
    prepared = subprocess.run(  # noqa: S603 - fixed arguments
        [
            GUNICORN.parent / "python",
            "-c",
            PREPARE.format(
                password=TEST_PASSWORD,
                key=deployment.ADMIN_TOTP_KEY,
                members_page=MEMBERS_PAGE_TITLE,
                public_bytes=PUBLIC_DOCUMENT_BYTES,
                members_bytes=MEMBERS_DOCUMENT_BYTES,
            ),
        ],
        cwd=deployment.ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=deployment.TIMEOUT_SECONDS,
    )
    assert prepared.returncode == 0, prepared.stdout + prepared.stderr
    words = prepared.stdout.strip().splitlines()[-1].split()
    return dict(zip(words[::2], words[1::2], strict=True))


@contextmanager
def running(environment, ids, folders):
    """A gunicorn host for each page-cache folder in ``folders``, answering; their Servers."""
    processes, servers = [], []
    try:
        for folder in folders:
            port = deployment.free_port()
            processes.append(start_host(environment, port, folder))
            server = Server(port)
            server.ids = ids
            servers.append(server)
        for process, server in zip(processes, servers, strict=True):
            wait_for(process, server)
        yield servers
    finally:
        for process in processes:
            stop(process)


@pytest.fixture(scope="module")
def hosts(media_bucket, tmp_path_factory):
    """Host A and host B (``Server``s), sharing the database, Redis and the bucket."""
    if not SHARED_SERVICES:
        pytest.skip(
            "needs DATABASE_URL (a PostgreSQL server) and REDIS_URL: the two hosts share them "
            "as production's hosts do (CI's PostgreSQL leg sets both)"
        )
    database_url = hosts_database_url()
    recreate_database(database_url)
    # One environment, so one secret key: sessions signed by either host are read by the other.
    environment = deployment.production_environment(
        database_url=database_url, scratch_settings=True, redis_url=REDIS_URL
    )
    if media_bucket is not None:
        environment.update(media_bucket.environment)
    try:
        ids = prepare(environment)
        folders = [tmp_path_factory.mktemp(f"host-{name}") for name in "ab"]
        with running(environment, ids, folders) as servers:
            yield servers
    finally:
        drop_database(database_url)


@pytest.fixture(scope="module")
def one_host(tmp_path_factory):
    """One host with no shared cache at all (no Redis: the generation in a file), its own
    SQLite database and local media; two workers."""
    folder = tmp_path_factory.mktemp("one-host")
    environment = deployment.production_environment(
        database_url=f"sqlite:///{folder / 'db.sqlite3'}", scratch_settings=True
    )
    ids = prepare(environment)
    with running(environment, ids, [folder / "page-cache"]) as servers:
        yield servers


def from_every_worker(server, path, count=12, headers=()):
    """Requests in parallel, so that both of the host's workers answer some."""
    with ThreadPoolExecutor(max_workers=6) as pool:
        return list(
            pool.map(lambda _: server.request("GET", path, headers=dict(headers)), range(count))
        )


def signed_in_editor(server):
    """The editor, signed in on ``server`` with password and authenticator code."""
    return signed_in_to_the_admin(server, "hosts-editor", client="198.51.100.91")


def published_on_the_first(hosts):
    """Every worker of every host caches the listing; then the editor publishes a new review in
    the first host's page editor. Returns the listings each host answered before and after."""
    named = dict(zip("ab", hosts, strict=False))
    before = {name: from_every_worker(host, "/reviews/") for name, host in named.items()}
    editor = signed_in_editor(hosts[0])
    form = review_form_data(title=PUBLISHED_TITLE, slug=PUBLISHED_SLUG)
    published = editor.post(
        f"/admin/pages/add/reviews/reviewpage/{hosts[0].ids['reviews']}/",
        {**form, "action-publish": "action-publish"},
    )
    assert published.status == 302, published.text[:2000]
    after = {name: from_every_worker(host, "/reviews/") for name, host in named.items()}
    return before, after


@pytest.fixture(scope="module")
def published_on_host_a(hosts):
    """Both hosts' workers cache the listing; then the editor publishes a new review in host
    A's page editor."""
    return published_on_the_first(hosts)


def test_one_host_without_redis_lists_a_review_published_in_its_editor_in_every_worker_at_once(
    one_host,
):
    """No shared cache at all: each worker keeps its own copies, and the generation file tells
    every worker of the publish."""
    before, after = published_on_the_first(one_host)

    assert "hit" in {response.getheader("X-Page-Cache") for response in before["a"]}
    assert not any(PUBLISHED_TITLE in response.text for response in before["a"])
    assert {response.status for response in after["a"]} == {200}
    assert all(PUBLISHED_TITLE in response.text for response in after["a"])


def test_every_worker_of_both_hosts_served_the_listing_from_its_cache(published_on_host_a):
    before, _ = published_on_host_a
    for name, responses in before.items():
        assert {response.status for response in responses} == {200}, name
        assert "hit" in {response.getheader("X-Page-Cache") for response in responses}, name
        assert not any(PUBLISHED_TITLE in response.text for response in responses), name


def test_review_published_on_host_a_is_listed_at_once_by_every_worker_of_both(
    published_on_host_a,
):
    _, after = published_on_host_a
    for name, responses in after.items():
        assert {response.status for response in responses} == {200}, name
        assert all(PUBLISHED_TITLE in response.text for response in responses), name


def test_review_published_on_host_a_is_served_by_host_b(hosts, published_on_host_a):
    _, host_b = hosts
    responses = from_every_worker(host_b, f"/reviews/{PUBLISHED_SLUG}/", count=6)
    assert {response.status for response in responses} == {200}
    assert all(PUBLISHED_TITLE in response.text for response in responses)


@pytest.fixture(scope="module")
def member_signed_in_on_host_a(hosts):
    """A member signs in on host A's sign-in page; returns the session cookie's header."""
    host_a, _ = hosts
    response = host_a.sign_in("hosts-member", TEST_PASSWORD, client="198.51.100.92", url="/login/")
    assert response.status == 302, response.text[:500]
    return {"Cookie": f"sessionid={cookies(response)['sessionid'].value}"}


def test_a_session_begun_on_host_a_opens_the_secure_area_on_host_b(
    hosts, member_signed_in_on_host_a
):
    _, host_b = hosts
    anonymous = from_every_worker(host_b, "/secure-area/members-notes/", count=4)
    member = from_every_worker(
        host_b, "/secure-area/members-notes/", count=4, headers=member_signed_in_on_host_a
    )

    assert {response.status for response in anonymous} == {302}
    assert {response.status for response in member} == {200}
    assert all(MEMBERS_PAGE_TITLE in response.text for response in member)
    assert all("private" in response.getheader("Cache-Control") for response in member)


@pytest.fixture
def bucket(media_bucket):
    if media_bucket is None:
        pytest.skip("needs moto[server] (requirements-dev.txt) for a local S3-compatible server")
    return media_bucket


def test_documents_in_the_shared_bucket_are_served_by_either_host_through_the_checked_view(
    hosts, bucket, member_signed_in_on_host_a
):
    host_a, host_b = hosts
    public = f"/documents/{host_a.ids['public_document']}/public-guidance.pdf"
    members = f"/documents/{host_a.ids['members_document']}/members-minutes.pdf"

    assert {host_a.ids["public_file"], host_a.ids["members_file"]} <= bucket.keys()
    for host in (host_a, host_b):
        assert host.request("GET", public).text == PUBLIC_DOCUMENT_BYTES.decode()
        assert host.request("GET", members).status == 302  # to sign in
    as_member = host_b.request("GET", members, headers=member_signed_in_on_host_a)
    assert as_member.text == MEMBERS_DOCUMENT_BYTES.decode()
    assert "no-store" in as_member.getheader("Cache-Control")


def test_no_page_links_the_bucket_and_media_addresses_reach_no_document(hosts, bucket):
    host_a, _ = hosts
    page = host_a.request("GET", "/reviews/")
    members_file = host_a.ids["members_file"]

    assert bucket.url not in page.text
    assert "amazonaws" not in page.text
    for address in (
        f"/media/{members_file}",
        f"/media/images/../{members_file}",
        f"/media/original_images/%2e%2e/{members_file}",
    ):
        assert host_a.request("GET", address).status == 404, address
