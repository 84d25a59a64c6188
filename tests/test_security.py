"""The admin and sign-in, locked down: lockout after five wrong passwords (django-axes), the
client's real address behind the proxy, two-factor codes for the admin, long passwords, no
calls to third parties, and no Django admin."""

import importlib
from datetime import timedelta

import pytest
from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import TEST_PASSWORD
from tests.html import soup_of

PROXY = "10.0.0.5"  # the TLS-terminating proxy: REMOTE_ADDR of every request in production
CLIENT = "203.0.113.7"
OTHER_CLIENT = "203.0.113.8"
LOGIN_URLS = ["/admin/login/", "/login/", "/_util/login/"]  # the last: Wagtail's own


def sign_in(client, url, user, password, **meta):
    return client.post(url, {"username": user.username, "password": password}, **meta)


def is_locked_out(response):
    return response.status_code == 429 and "Too many sign-in attempts" in soup_of(response).h1.text


# Lockout (django-axes): five wrong passwords from one client, an hour, axes_reset.


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_five_wrong_passwords_lock_the_client_out_even_with_the_right_one(client, editor, url):
    for attempt in range(1, 5):
        response = sign_in(client, url, editor, f"wrong-password-{attempt}")
        assert response.status_code == 200, attempt  # the form again, with its error

    fifth = sign_in(client, url, editor, "wrong-password-5")
    right = sign_in(client, url, editor, TEST_PASSWORD)

    assert is_locked_out(fifth)
    assert is_locked_out(right)
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_four_wrong_passwords_do_not_lock_the_client_out(client, editor, url):
    for attempt in range(4):
        sign_in(client, url, editor, f"wrong-password-{attempt}")

    response = sign_in(client, url, editor, TEST_PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_lockout_at_the_front_end_also_closes_the_admin_login(client, editor):
    for attempt in range(5):
        sign_in(client, "/login/", editor, f"wrong-password-{attempt}")

    assert is_locked_out(sign_in(client, "/admin/login/", editor, TEST_PASSWORD))


@pytest.mark.parametrize(("minutes_ago", "locked"), [(55, True), (65, False)])
def test_lockout_lasts_an_hour(client, editor, minutes_ago, locked):
    for attempt in range(5):
        sign_in(client, "/admin/login/", editor, f"wrong-password-{attempt}")

    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=minutes_ago))
    response = sign_in(client, "/admin/login/", editor, TEST_PASSWORD)

    assert is_locked_out(response) is locked


def test_axes_reset_lets_a_locked_out_client_sign_in_again(client, editor):
    for attempt in range(5):
        sign_in(client, "/admin/login/", editor, f"wrong-password-{attempt}")
    assert AccessAttempt.objects.exists()

    call_command("axes_reset", verbosity=0)
    response = sign_in(client, "/admin/login/", editor, TEST_PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


# The client's address behind the proxy (production settings).


@pytest.fixture
def behind_the_proxy(settings, monkeypatch):
    """The production settings' way of reading the client's address."""
    monkeypatch.setenv("DJANGO_SECRET_KEY", "x" * 60)
    monkeypatch.delenv("DJANGO_PROXY_COUNT", raising=False)
    production = importlib.reload(importlib.import_module("safeguarding_site.settings.production"))
    for name in dir(production):
        if name.startswith("AXES_") or name == "TRUSTED_PROXY_COUNT":
            setattr(settings, name, getattr(production, name))


def via_proxy(forwarded_for):
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded_for}


@pytest.mark.parametrize(
    ("forwarded_for", "address"),
    [
        (CLIENT, CLIENT),
        # A client that sends its own header cannot choose its address: the proxy's entry,
        # the last one, is the one believed.
        (f"198.51.100.1, {CLIENT}", CLIENT),
        (f"not-an-address, {CLIENT}", CLIENT),
        ("2001:db8::7", "2001:db8::7"),
        ("", PROXY),  # not through the proxy (its own health check): the connection
        ("garbage", PROXY),
    ],
)
def test_production_reads_the_client_address_the_proxy_appended(
    behind_the_proxy, forwarded_for, address
):
    request = RequestFactory().post("/admin/login/", **via_proxy(forwarded_for))

    assert get_client_ip_address(request) == address


def test_behind_the_proxy_one_client_is_locked_out_not_everyone(client, editor, behind_the_proxy):
    for attempt in range(5):
        sign_in(client, "/admin/login/", editor, f"wrong-{attempt}", **via_proxy(CLIENT))

    spoofing = sign_in(
        client, "/admin/login/", editor, TEST_PASSWORD, **via_proxy(f"192.0.2.99, {CLIENT}")
    )
    other = sign_in(client, "/admin/login/", editor, TEST_PASSWORD, **via_proxy(OTHER_CLIENT))

    assert is_locked_out(spoofing)
    assert other.status_code == 302
    assert AccessAttempt.objects.get().ip_address == CLIENT


def test_without_a_proxy_the_connection_address_is_the_client(db):
    """Development and test settings: a client's own X-Forwarded-For header is not believed."""
    request = RequestFactory().post("/admin/login/", **via_proxy(CLIENT))

    assert get_client_ip_address(request) == PROXY


# Two-factor codes (django-otp TOTP) for the admin.


@pytest.fixture
def two_factor(settings):
    settings.ADMIN_REQUIRE_TWO_FACTOR = True


def code_for(device, *, wrong=False):
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{(value + 1) % 1_000_000 if wrong else value:06d}"


def confirmed_device(user):
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def test_production_requires_two_factor_codes_for_the_admin(monkeypatch):
    monkeypatch.setenv("DJANGO_SECRET_KEY", "x" * 60)
    monkeypatch.delenv("ADMIN_REQUIRE_TWO_FACTOR", raising=False)
    production = importlib.reload(importlib.import_module("safeguarding_site.settings.production"))

    assert production.ADMIN_REQUIRE_TWO_FACTOR is True


def test_editor_signs_in_enrols_an_authenticator_and_reaches_the_admin(client, editor, two_factor):
    response = sign_in(client, "/admin/login/", editor, TEST_PASSWORD)
    assert response.status_code == 302

    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/two-factor/setup/?next=%2Fadmin%2F"

    setup = client.get(response["Location"])
    assert setup.status_code == 200
    soup = soup_of(setup)
    assert soup.select_one(".two-factor-qr svg") is not None
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    assert soup.select_one(".two-factor-qr code").text.replace(" ", "")  # the key, to type in

    response = client.post(
        "/admin/two-factor/setup/", {"token": code_for(device), "next": "/admin/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_wrong_code_at_enrolment_is_a_form_error_and_keeps_the_admin_shut(
    client, editor, two_factor
):
    client.force_login(editor)
    client.get("/admin/two-factor/setup/")
    device = TOTPDevice.objects.get(user=editor)

    response = client.post("/admin/two-factor/setup/", {"token": code_for(device, wrong=True)})

    assert response.status_code == 200
    assert "That code is not right" in soup_of(response).get_text()
    assert client.get("/admin/").status_code == 302
    device.refresh_from_db()
    assert not device.confirmed


def test_enrolled_editor_is_asked_for_a_code_and_a_right_one_opens_the_admin(
    client, editor, two_factor
):
    device = confirmed_device(editor)
    client.force_login(editor)

    response = client.get("/admin/pages/")
    assert response["Location"] == "/admin/two-factor/verify/?next=%2Fadmin%2Fpages%2F"
    assert client.get(response["Location"]).status_code == 200

    response = client.post(
        "/admin/two-factor/verify/", {"token": code_for(device), "next": "/admin/pages/"}
    )

    assert response["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


@pytest.mark.parametrize("token", ["wrong", "12345", "1234567", "", "abcdef"])
def test_wrong_or_malformed_code_is_a_form_error(client, editor, two_factor, token):
    device = confirmed_device(editor)
    client.force_login(editor)
    if token == "wrong":
        token = code_for(device, wrong=True)

    response = client.post("/admin/two-factor/verify/", {"token": token})

    assert response.status_code == 200
    assert soup_of(response).select(".error-message, .w-field__errors, .error")
    assert client.get("/admin/").status_code == 302


def test_right_code_straight_after_a_wrong_one_is_told_to_wait(
    client, editor, two_factor, settings
):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60  # so the wait outlasts a slow test machine
    device = confirmed_device(editor)
    client.force_login(editor)
    client.post("/admin/two-factor/verify/", {"token": code_for(device, wrong=True)})

    response = client.post("/admin/two-factor/verify/", {"token": code_for(device)})

    assert response.status_code == 200
    assert "Wait a few seconds" in soup_of(response).get_text()


def test_after_the_code_the_editor_lands_on_the_whole_address_they_asked_for(
    client, editor, two_factor
):
    device = confirmed_device(editor)
    client.force_login(editor)
    address = "/admin/pages/search/?q=demo&p=2"

    verify = client.get(address)["Location"]
    next_value = soup_of(client.get(verify)).find("input", attrs={"name": "next"})["value"]
    response = client.post(verify, {"token": code_for(device), "next": next_value})

    assert response["Location"] == address


def test_code_page_never_sends_the_editor_to_another_site(client, editor, two_factor):
    device = confirmed_device(editor)
    client.force_login(editor)

    response = client.post(
        "/admin/two-factor/verify/", {"token": code_for(device), "next": "https://evil.example/"}
    )

    assert response["Location"] == reverse("wagtailadmin_home")


def test_member_without_admin_access_is_not_asked_to_enrol(client, member, two_factor):
    client.force_login(member)

    response = client.get("/admin/")

    assert "/two-factor/" not in response.get("Location", "")
    assert not TOTPDevice.objects.filter(user=member).exists()


def test_two_factor_pages_need_a_password_sign_in_first(client, two_factor, db):
    for page in ("setup", "verify"):
        response = client.get(f"/admin/two-factor/{page}/")
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_reset_two_factor_removes_devices_so_the_editor_enrols_again(client, editor, two_factor):
    confirmed_device(editor)

    call_command("reset_two_factor", editor.username, stdout=__import__("io").StringIO())
    client.force_login(editor)

    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert client.get("/admin/")["Location"].startswith("/admin/two-factor/setup/")


def test_reset_two_factor_names_an_unknown_user(db):
    with pytest.raises(CommandError, match="no user 'nobody'"):
        call_command("reset_two_factor", "nobody")


# Passwords, third parties, the Django admin.


@pytest.mark.parametrize(
    ("password", "accepted"),
    [("Short-pass1", False), ("Twelve-char1", True), ("a-much-longer-pass-phrase", True)],
)
def test_new_admin_users_need_passwords_of_twelve_characters(superuser_client, password, accepted):
    response = superuser_client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "new-editor",
            "email": "new-editor@example.org",
            "first_name": "New",
            "last_name": "Editor",
            "password1": password,
            "password2": password,
        },
    )

    created = get_user_model().objects.filter(username="new-editor").exists()
    assert created is accepted
    if not accepted:
        assert "at least 12 characters" in response.content.decode()


def test_admin_shows_no_gravatar_and_checks_for_no_updates(client, superuser):
    superuser.email = "someone@example.org"
    superuser.save()
    client.force_login(superuser)

    html = client.get("/admin/").content.decode()

    assert "gravatar" not in html.lower()
    assert 'data-controller="w-upgrade' not in html


def test_django_admin_is_not_mounted(client, superuser):
    client.force_login(superuser)

    for address in ("/django-admin/", "/admin/auth/user/", "/admin/axes/accessattempt/"):
        assert client.get(address).status_code == 404, address
