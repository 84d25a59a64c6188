"""Security headers with the production settings: HTTPS only, HSTS, a CSP without
'unsafe-inline' on every public page (and pages that need none of it), no framing, secure
cookies; ``check --deploy`` clean; ``/health/`` that reports the database."""

import importlib
import secrets

import pytest
from django.urls import reverse

from tests import deployment
from tests.factories import TEST_PASSWORD, StandardPageFactory
from tests.html import soup_of

HOST = deployment.HOST
HTTPS = {"HTTP_HOST": HOST, "HTTP_X_FORWARDED_PROTO": "https"}
# Names of the settings that make production's transport and browser security.
PRODUCTION_NAMES = (
    "ALLOWED_HOSTS",
    "CSRF_",
    "SECURE_",
    "SESSION_COOKIE_",
    "X_FRAME_OPTIONS",
    "CONTENT_SECURITY_POLICY",
    "PERMISSIONS_POLICY",
)


def production_module(monkeypatch):
    monkeypatch.setenv("DJANGO_SECRET_KEY", secrets.token_urlsafe(64))
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", HOST)
    return importlib.reload(importlib.import_module("safeguarding_site.settings.production"))


@pytest.fixture
def production(settings, monkeypatch):
    """This process answers as production would (for the test client's next requests)."""
    values = production_module(monkeypatch)
    for name in dir(values):
        if name.startswith(PRODUCTION_NAMES):
            setattr(settings, name, getattr(values, name))
    return values


def public_addresses(content):
    about = StandardPageFactory(parent=content.tree.home, title="About the partnership")
    theme = content.theme.slug
    return [
        "/",
        "/reviews/",
        "/reviews/?theme=" + theme,
        content.public_review.url,
        "/learning/",
        content.public_briefing.url,
        "/resources/",
        "/themes/",
        f"/themes/{theme}/",
        "/news/",
        content.public_news.url,
        about.url,
        "/search/?q=demo",
        "/search/",
        "/login/",
        "/no-such-page/",
    ]


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def test_every_public_page_has_a_strict_csp_and_needs_nothing_it_forbids(
    client, production, private_content
):
    for address in public_addresses(private_content):
        response = client.get(address, **HTTPS)
        assert response.status_code in (200, 404), address

        policy = directives(response)
        assert policy["default-src"] == ["'self'"], address
        assert policy["script-src"] == ["'self'"], address
        assert policy["style-src"] == ["'self'"], address
        assert policy["object-src"] == ["'none'"], address
        assert policy["frame-ancestors"] == ["'none'"], address
        assert "'unsafe-inline'" not in response["Content-Security-Policy"], address
        assert "'unsafe-eval'" not in response["Content-Security-Policy"], address

        # What the policy would block: the page must not rely on any of it.
        soup = soup_of(response)
        assert [s for s in soup.find_all("script") if not s.get("src")] == [], address
        assert soup.find_all("style") == [], address
        assert soup.select("[style]") == [], address
        handlers = [
            (tag.name, attr)
            for tag in soup.find_all(True)
            for attr in tag.attrs
            if attr[:2] == "on"
        ]
        assert handlers == [], address
        for tag in soup.select("script[src], link[rel=stylesheet], img[src]"):
            source = tag.get("src") or tag.get("href")
            assert source.startswith("/") and not source.startswith("//"), (address, source)


def test_every_public_page_has_the_transport_and_browser_headers(
    client, production, private_content
):
    for address in public_addresses(private_content):
        response = client.get(address, **HTTPS)

        assert response["Strict-Transport-Security"] == (
            "max-age=31536000; includeSubDomains; preload"
        ), address
        assert response["X-Content-Type-Options"] == "nosniff", address
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", address
        assert response["X-Frame-Options"] == "DENY", address
        permissions = response["Permissions-Policy"]
        for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
            assert feature in permissions, address
        assert "Cross-Origin-Opener-Policy" in response, address


def test_admin_has_no_site_csp_but_keeps_the_other_headers(client, production, db):
    response = client.get("/admin/login/", **HTTPS)

    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
    assert response["X-Frame-Options"] == "DENY"
    assert "Strict-Transport-Security" in response


def test_editors_preview_may_be_framed_by_the_admin_only(client, production, superuser, site_tree):
    page = StandardPageFactory(parent=site_tree.home, title="Demo page to preview")
    client.force_login(superuser)
    preview = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    form = {"title": "Demo page being previewed", "slug": page.slug, "intro": "", "body-count": 0}
    assert client.post(preview, form, **HTTPS).json()["is_valid"]

    response = client.get(preview, **HTTPS)

    assert response.status_code == 200
    assert "Demo page being previewed" in response.content.decode()
    # The admin's own pages may frame it (the preview and checks panels); nothing else may.
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert directives(response)["frame-ancestors"] == ["'self'"]
    assert directives(response)["script-src"] == ["'self'"]
    # The public page itself still refuses every frame.
    public = client.get(page.url, **HTTPS)
    assert directives(public)["frame-ancestors"] == ["'none'"]


@pytest.mark.parametrize("address", ["/", "/reviews/", "/login/", "/admin/login/", "/documents/"])
def test_plain_http_is_redirected_to_https(client, production, db, address):
    response = client.get(address, HTTP_HOST=HOST)

    assert response.status_code == 301
    assert response["Location"] == f"https://{HOST}{address}"


def test_unknown_host_is_refused(client, production, db):
    response = client.get("/", HTTP_HOST="attacker.example", HTTP_X_FORWARDED_PROTO="https")

    assert response.status_code == 400


def test_cookies_are_secure_http_only_and_same_site(client, production, member):
    login_page = client.get("/login/", **HTTPS)
    csrf = login_page.cookies["csrftoken"]
    assert csrf["secure"]
    assert csrf["samesite"] == "Lax"

    response = client.post(
        "/login/", {"username": member.username, "password": TEST_PASSWORD}, **HTTPS
    )

    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"]
    assert session["httponly"]
    assert session["samesite"] == "Lax"


def test_health_check_answers_over_http_for_the_load_balancer(client, production, db):
    response = client.get("/health/", HTTP_HOST=HOST)

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-store" in response["Cache-Control"]


# In subprocesses (started early, see tests/deployment.py): production settings as deployed.


def test_deploy_check_reports_nothing_with_production_settings():
    returncode, output = deployment.result("deploy check")

    assert returncode == 0, output
    assert "System check identified no issues" in output


def test_health_check_reports_a_database_that_does_not_answer():
    returncode, output = deployment.result("health without database")

    assert returncode == 0, output
    assert output.strip().splitlines()[-1] == "503 database unavailable"
