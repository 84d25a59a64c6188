"""The admin and sign-in, locked down: lockout after five wrong passwords for one username or
from one client (django-axes), which nobody's own sign-ins reset; the client's real address
behind the proxy; bad usernames as form errors; sign-out that ends the session; two-factor
codes for the admin; long passwords; no calls to third parties; and no Django admin."""

import importlib
import io
from datetime import timedelta

import pytest
from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client, RequestFactory
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
    username = user if isinstance(user, str) else user.username
    return client.post(url, {"username": username, "password": password}, **meta)


def client_at(address):
    """A browser at ``address`` (test settings: no proxy, the connection's address counts)."""
    return Client(REMOTE_ADDR=address)


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


# Lockout routes around: own sign-ins between guesses, many names, many clients, case, forms.


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_signing_in_to_ones_own_account_between_guesses_gives_no_more_guesses(editor, member, url):
    """The attack: four wrong guesses at someone else's password, one good sign-in of one's
    own, repeat. The own sign-ins must not wipe the guesses."""
    attacker = client_at(CLIENT)
    answers = []
    for guess in range(8):
        answers.append(sign_in(attacker, url, editor, f"wrong-{guess}").status_code)
        sign_in(attacker, url, member, TEST_PASSWORD)
        attacker.logout()

    assert answers == [200] * 4 + [429] * 4
    assert is_locked_out(sign_in(client_at(OTHER_CLIENT), url, editor, TEST_PASSWORD))


def test_the_owners_sign_in_does_not_wipe_guesses_at_the_account_from_elsewhere(editor):
    for guess in range(4):
        sign_in(client_at(f"198.51.100.{guess}"), "/login/", editor, f"wrong-{guess}")

    owner = sign_in(client_at(OTHER_CLIENT), "/login/", editor, TEST_PASSWORD)
    fifth_guess = sign_in(client_at("198.51.100.50"), "/login/", editor, "wrong-5")

    assert owner.status_code == 302
    assert is_locked_out(fifth_guess)


def test_signing_in_forgives_the_users_own_mistyped_passwords(editor):
    browser = client_at(CLIENT)
    for round_ in range(3):
        for typo in range(4):
            assert sign_in(browser, "/login/", editor, f"typo-{typo}").status_code == 200

        response = sign_in(browser, "/login/", editor, TEST_PASSWORD)

        assert response.status_code == 302, round_
        browser.logout()


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_wrong_passwords_for_different_usernames_lock_that_client_out(member, url):
    attacker = client_at(CLIENT)
    answers = [sign_in(attacker, url, f"someone-{n}", "wrong").status_code for n in range(5)]

    assert answers == [200] * 4 + [429]
    assert is_locked_out(sign_in(attacker, url, member, TEST_PASSWORD))
    assert sign_in(client_at(OTHER_CLIENT), url, member, TEST_PASSWORD).status_code == 302


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_wrong_passwords_for_one_username_from_many_clients_lock_that_username(editor, member, url):
    answers = [
        sign_in(client_at(f"198.51.100.{n}"), url, editor, f"wrong-{n}").status_code
        for n in range(5)
    ]
    colleague = client_at(OTHER_CLIENT)

    assert answers == [200] * 4 + [429]
    assert is_locked_out(sign_in(colleague, url, editor, TEST_PASSWORD))
    # The lockout is the account's: the same client signs in to another one.
    assert sign_in(colleague, url, member, TEST_PASSWORD).status_code == 302


def test_case_variants_and_spaces_count_as_the_same_username(editor):
    variants = ["TEST-EDITOR", "Test-Editor", " test-editor", "test-editor ", "tEsT-eDiToR"]
    for n, variant in enumerate(variants):
        sign_in(client_at(f"198.51.100.{n}"), "/login/", variant, "wrong")

    assert is_locked_out(sign_in(client_at(OTHER_CLIENT), "/admin/login/", editor, TEST_PASSWORD))


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_a_case_variant_of_a_username_does_not_sign_in(editor, url):
    response = sign_in(client_at(CLIENT), url, "TEST-EDITOR", TEST_PASSWORD)

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_the_three_sign_in_forms_share_one_count(editor):
    guesses = ["/login/", "/login/", "/_util/login/", "/_util/login/", "/admin/login/"]
    for n, url in enumerate(guesses):
        sign_in(client_at(f"198.51.100.{n}"), url, editor, f"wrong-{n}")

    for url in LOGIN_URLS:
        assert is_locked_out(sign_in(client_at(OTHER_CLIENT), url, editor, TEST_PASSWORD)), url


def test_one_ipv6_64_network_counts_as_one_client(member):
    """An IPv6 client holds a whole /64 (a household, a phone): changing address within it
    must not give it a fresh count."""
    for n in range(5):
        sign_in(client_at(f"2001:db8:0:7::{n + 1}"), "/login/", f"someone-{n}", "wrong")

    same_network = client_at("2001:db8:0:7:abcd::1")
    next_network = client_at("2001:db8:0:8::1")

    assert is_locked_out(sign_in(same_network, "/login/", member, TEST_PASSWORD))
    assert sign_in(next_network, "/login/", member, TEST_PASSWORD).status_code == 302


@pytest.mark.parametrize("url", LOGIN_URLS)
@pytest.mark.parametrize(
    "username",
    ["a" * 151, "a" * 256, "a" * 10_000, "test-\x00editor"],
    ids=["151-characters", "256-characters", "10000-characters", "nul-character"],
)
def test_a_username_no_account_could_have_is_a_form_error(client, editor, url, username):
    """Longer than the username column (150) or django-axes' (255; PostgreSQL refused the
    row and answered 500), or with a NUL: the form says so and no password is tried."""
    response = sign_in(client, url, username, TEST_PASSWORD)

    assert response.status_code == 200
    assert response.context["form"].errors["username"]
    assert not AccessAttempt.objects.exists()
    assert "_auth_user_id" not in client.session


def test_axes_reset_username_unlocks_a_locked_out_user_whatever_the_case(editor):
    for n in range(5):
        sign_in(client_at(f"198.51.100.{n}"), "/login/", editor, f"wrong-{n}")
    owner = client_at(OTHER_CLIENT)
    assert is_locked_out(sign_in(owner, "/login/", editor, TEST_PASSWORD))

    call_command("axes_reset_username", "Test-Editor", stdout=io.StringIO())

    assert sign_in(owner, "/login/", editor, TEST_PASSWORD).status_code == 302


def test_axes_reset_ip_unlocks_an_ipv6_client_by_any_address_in_its_network(member):
    browser = client_at("2001:db8:0:7::1")
    for n in range(5):
        sign_in(browser, "/login/", f"someone-{n}", "wrong")

    call_command("axes_reset_ip", "2001:db8:0:7::99", stdout=io.StringIO())

    assert sign_in(browser, "/login/", member, TEST_PASSWORD).status_code == 302


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
        # An IPv6 client is counted by its /64 network.
        ("2001:db8::7", "2001:db8::"),
        ("2001:db8:0:0:ffff::1", "2001:db8::"),
        # Addresses as some proxies write them: with the port, in brackets, IPv4 as IPv6.
        (f"{CLIENT}:51234", CLIENT),
        ("[2001:db8::7]:443", "2001:db8::"),
        (f"::ffff:{CLIENT}", CLIENT),
        ("", PROXY),  # not through the proxy (its own health check): the connection
    ],
)
def test_production_reads_the_client_address_the_proxy_appended(
    behind_the_proxy, forwarded_for, address
):
    request = RequestFactory().post("/admin/login/", **via_proxy(forwarded_for))

    assert get_client_ip_address(request) == address


def test_behind_the_proxy_one_client_is_locked_out_not_everyone(client, editor, behind_the_proxy):
    # Five different usernames: five guesses at one would lock that account for everyone.
    for attempt in range(5):
        sign_in(client, "/admin/login/", f"someone-{attempt}", "wrong", **via_proxy(CLIENT))

    spoofing = sign_in(
        client, "/admin/login/", editor, TEST_PASSWORD, **via_proxy(f"192.0.2.99, {CLIENT}")
    )
    other = sign_in(client, "/admin/login/", editor, TEST_PASSWORD, **via_proxy(OTHER_CLIENT))

    assert is_locked_out(spoofing)
    assert other.status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {CLIENT}


def test_forwarded_entries_that_are_not_addresses_do_not_share_one_bucket(behind_the_proxy):
    """Falling back to the connection's address would put every such client in the proxy's
    bucket: one of them could lock all of them out."""

    def address(forwarded_for):
        return get_client_ip_address(RequestFactory().post("/login/", **via_proxy(forwarded_for)))

    garbage, unknown = address("garbage"), address("unknown")

    assert garbage != unknown
    assert PROXY not in (garbage, unknown)
    assert address("garbage") == garbage  # the same text is the same client


def test_a_client_with_an_unreadable_forwarded_entry_locks_out_only_itself(
    client, member, behind_the_proxy
):
    for attempt in range(5):
        sign_in(client, "/login/", f"someone-{attempt}", "wrong", **via_proxy("garbage-1"))

    locked = sign_in(client_at(PROXY), "/login/", member, TEST_PASSWORD, **via_proxy("garbage-1"))
    other = sign_in(client_at(PROXY), "/login/", member, TEST_PASSWORD, **via_proxy("garbage-2"))
    direct = sign_in(client_at(PROXY), "/login/", member, TEST_PASSWORD, HTTP_X_FORWARDED_FOR="")

    assert is_locked_out(locked)
    assert other.status_code == 302
    assert direct.status_code == 302


def test_without_a_proxy_the_connection_address_is_the_client(db):
    """Development and test settings: a client's own X-Forwarded-For header is not believed."""
    request = RequestFactory().post("/admin/login/", **via_proxy(CLIENT))

    assert get_client_ip_address(request) == PROXY


# Signing out of the admin.


@pytest.mark.parametrize("method", ["get", "head", "options"])
def test_admin_sign_out_other_than_by_post_leaves_the_session_and_its_cookie_alone(
    client, editor, method
):
    """A GET cannot end a session (it would let any page sign people out), so it must not
    drop the cookie either: the browser would think itself signed out of a live session."""
    client.force_login(editor)

    response = getattr(client, method)("/admin/logout/")

    assert response.status_code == 405
    assert "sessionid" not in response.cookies
    assert client.get("/admin/").status_code == 200


def test_admin_sign_out_by_post_ends_the_session_for_every_copy_of_its_cookie(client, editor):
    client.force_login(editor)
    copy = Client()
    copy.cookies["sessionid"] = client.cookies["sessionid"].value

    response = client.post("/admin/logout/")

    assert response.status_code == 302
    assert copy.get("/admin/").status_code == 302  # to the sign-in form


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

    call_command("reset_two_factor", editor.username, stdout=io.StringIO())
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
