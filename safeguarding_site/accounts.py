"""Signing in and out: the sign-in forms and the admin's sign-out.

Three forms sign people in, and django-axes counts the failures of all three together
(``safeguarding_site.lockout``): the members' ``/login/``, the same form at Wagtail's own
``/_util/login/``, and the admin's ``/admin/login/`` (``WAGTAILADMIN_USER_LOGIN_FORM``).
"""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from wagtail.admin.forms.auth import LoginForm
from wagtail.admin.views.account import LogoutView


class UsernameLengthCheck:
    """A username longer than any account's is a form error, before any password is tried.

    Django's ``AuthenticationForm`` tells the browser the limit (``maxlength``) but does not
    check it, so a longer name went on to ``authenticate()`` and into django-axes' table of
    failures, whose column PostgreSQL would not stretch: the sign-in page answered 500.
    """

    def clean_username(self):
        username = self.cleaned_data["username"]
        limit = self.username_field.max_length
        if limit and len(username) > limit:
            raise forms.ValidationError(
                "Enter a username of at most %(limit)d characters.",
                code="max_length",
                params={"limit": limit},
            )
        return username


class MemberLoginForm(UsernameLengthCheck, AuthenticationForm):
    """The members' sign-in form, without Django's autofocus on the username.

    Autofocus would open the page past the skip link, the quick exit and the navigation.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.pop("autofocus", None)


class AdminLoginForm(UsernameLengthCheck, LoginForm):
    """Wagtail's admin sign-in form, with the username's length checked like the members'."""


class AdminLogoutView(LogoutView):
    """Wagtail's admin sign-out, which ends the session only for a POST.

    Wagtail deletes the session cookie on every request to the sign-out address, even a GET
    that Django's ``LogoutView`` refuses (405) without ending the session: the browser lost
    its cookie while the session stayed valid for anyone holding a copy of it. Any other
    method now gets the 405 with the cookie left alone.
    """

    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        if request.method.lower() not in self.http_method_names:
            return self.http_method_not_allowed(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)
