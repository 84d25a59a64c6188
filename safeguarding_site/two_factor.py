"""Two-factor authentication (TOTP, django-otp) for the Wagtail admin.

With ``ADMIN_REQUIRE_TWO_FACTOR`` on (production), an admin user who has signed in with a
password reaches nothing in ``/admin/`` until they have entered a code from their
authenticator app: users without a device are sent to enrol one, the others to verify.
"""

from base64 import b32encode
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from safeguarding_site.qr_codes import qr_code_svg

SETUP_URL_NAME = "two_factor_setup"
VERIFY_URL_NAME = "two_factor_verify"
# Reachable before verification: signing in and out, the 2FA pages themselves, admin assets.
EXEMPT_PREFIXES = ("/admin/login/", "/admin/logout/", "/admin/two-factor/", "/admin/jsi18n/")


class TokenForm(forms.Form):
    """The six-digit code from the user's authenticator app."""

    token = forms.RegexField(
        label="Code from your authenticator app",
        regex=r"^\d{6}$",
        max_length=6,
        error_messages={"invalid": "Enter the 6-digit code shown in your authenticator app."},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self):
        token = self.cleaned_data["token"]
        allowed, _ = self.device.verify_is_allowed()
        if not allowed:
            # django-otp waits longer after each wrong code; every code is refused meanwhile.
            raise forms.ValidationError(
                "Too many wrong codes. Wait a few seconds, then enter the newest code."
            )
        if not self.device.verify_token(token):
            raise forms.ValidationError("That code is not right, or has expired. Try the next one.")
        return token


class AdminTwoFactorMiddleware:
    """Keeps an admin user who has not entered a code out of the admin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self.must_verify(request):
            name = VERIFY_URL_NAME if user_has_device(request.user) else SETUP_URL_NAME
            return redirect(with_next(reverse(name), request.get_full_path()))
        return self.get_response(request)

    @staticmethod
    def must_verify(request):
        """Admin users only: the admin turns anyone else away itself, without a code."""
        return (
            settings.ADMIN_REQUIRE_TWO_FACTOR
            and request.path.startswith("/admin/")
            and not request.path.startswith(EXEMPT_PREFIXES)
            and request.user.is_authenticated
            and not request.user.is_verified()
            and request.user.has_perm("wagtailadmin.access_admin")
        )


def with_next(url, next_url):
    """``url?next=...``, the whole of ``next_url`` (its own query string too) kept."""
    return f"{url}?{urlencode({'next': next_url})}"


def safe_next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


@never_cache
@login_required(login_url="wagtailadmin_login")
def setup(request):
    """Enrol an authenticator app: scan the code, type one code to confirm."""
    if user_has_device(request.user):
        return redirect(with_next(reverse(VERIFY_URL_NAME), safe_next(request)))
    device, _ = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "Authenticator app"}
    )
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save()
        otp_login(request, device)
        return redirect(safe_next(request))
    context = {
        "form": form,
        "qr_code": qr_code_svg(device.config_url),
        "secret": b32encode(device.bin_key).decode(),
        "next": safe_next(request),
    }
    return TemplateResponse(request, "two_factor/setup.html", context)


@never_cache
@login_required(login_url="wagtailadmin_login")
def verify(request):
    """Ask for a code from the enrolled app before the admin opens."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        return redirect(with_next(reverse(SETUP_URL_NAME), safe_next(request)))
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        otp_login(request, device)
        return redirect(safe_next(request))
    return TemplateResponse(
        request, "two_factor/verify.html", {"form": form, "next": safe_next(request)}
    )


urlpatterns = [
    path("two-factor/setup/", setup, name=SETUP_URL_NAME),
    path("two-factor/verify/", verify, name=VERIFY_URL_NAME),
]
