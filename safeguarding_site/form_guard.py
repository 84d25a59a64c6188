"""The defences of a public form that stores what it is sent and emails staff about it: a trap
field, a minimum time to fill it in, and a rate limit per client and overall.

- **The trap**: a text field that people never see (the stylesheet hides it; it is out of the
  tab order and labelled "leave this empty" for anyone reading without styles). Programs that
  fill in every field fill it in too; their post is answered as if it had been sent, and
  nothing is stored or sent (``GuardedForm.trap_filled``).
- **The time**: the form carries the signed time it was shown. A post sooner than
  ``MIN_SECONDS`` after is quicker than a person fills it in; one older than ``MAX_AGE``, or
  without a token the site signed, cannot be told from a replay. Each is a form error that asks
  to send the form again, with a fresh token: a person can, and nothing is stored meanwhile.
- **The rate**: ``RateLimit`` counts posts per client (its address as the sign-in lockout
  counts it, behind the proxy: ``lockout.client_ip_address``) and from everyone together, in
  the shared cache (``limits``), in whole hours. Over either, the form answers 429 and stores
  nothing. While the counts cannot be reached (Redis down), no post could be counted, so
  none is taken: the form answers 503, "try again in a few minutes", and stores and sends
  nothing (``CountsUnavailable``); its page still shows.

This module imports nothing from the site's apps, so any app may use it.
"""

import time
from dataclasses import dataclass

from django import forms
from django.core import signing
from django.core.cache import caches
from django.template.response import TemplateResponse
from redis.exceptions import RedisError

from safeguarding_site.lockout import client_ip_address

MIN_SECONDS = 3
MAX_AGE = 24 * 60 * 60
HOUR = 60 * 60
# What a form refused for want of its counts asks the sender to wait.
RETRY_AFTER_SECONDS = 5 * 60


class CountsUnavailable(Exception):
    """The counts behind a form's limits cannot be read or added to (Redis cannot be
    reached): the post is refused, never let through uncounted."""


class GuardedForm(forms.Form):
    """A public form with the trap field and the signed time it was shown (see the module).

    Subclasses set ``guard_salt`` so that one form's token is no use on another. Templates
    render ``started`` as ``form.fresh_token`` (a new one each time the form is shown) and the
    trap hidden by the stylesheet's ``form-trap`` class.
    """

    guard_salt = "safeguarding_site.form_guard"

    started = forms.CharField(required=False, widget=forms.HiddenInput)
    website = forms.CharField(
        label="Leave this field empty",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    @property
    def trap_filled(self):
        """Whether the post filled in the field that people never see."""
        return bool(self.is_bound and self.data.get(self.add_prefix("website"), "").strip())

    def fresh_token(self):
        """The signed time now, for the form about to be shown."""
        return signing.dumps(time.time(), salt=self.guard_salt)

    def clean(self):
        cleaned = super().clean()
        try:
            shown_at = signing.loads(
                cleaned.get("started") or "", salt=self.guard_salt, max_age=MAX_AGE
            )
        except signing.SignatureExpired:
            self.add_error(None, "This form was open for over a day: please send it again.")
        except signing.BadSignature:
            self.add_error(None, "Something went wrong with this form: please send it again.")
        else:
            if time.time() - shown_at < MIN_SECONDS:
                self.add_error(
                    None, "That was quicker than we expected: please check it and send it again."
                )
        return cleaned


@dataclass(frozen=True)
class RateLimit:
    """At most ``per_client`` posts of the form ``name`` an hour from one client, and
    ``overall`` from everyone together, counted in the cache in whole clock hours.

    With Redis (``REDIS_URL``) every gunicorn worker and host shares the count; with the
    per-process memory cache each process counts its own. Either method raises
    ``CountsUnavailable`` when the count cannot be reached.
    """

    name: str
    per_client: int
    overall: int

    def _keys(self):
        hour = int(time.time() // HOUR)
        return f"ratelimit:{self.name}:{hour}:client:", f"ratelimit:{self.name}:{hour}:everyone"

    def exhausted(self, request):
        """Whether a post now would be over either limit (counts nothing)."""
        client_prefix, everyone = self._keys()
        client = client_prefix + client_ip_address(request)
        try:
            counts = caches["limits"].get_many([client, everyone])
        except RedisError as error:
            raise CountsUnavailable from error
        return counts.get(client, 0) >= self.per_client or counts.get(everyone, 0) >= self.overall

    def take(self, request):
        """Count one post; whether it is within both limits. A client over its own limit uses
        up none of everyone's, so one client cannot shut the form for the rest."""
        client_prefix, everyone = self._keys()
        if add_one(client_prefix + client_ip_address(request), 2 * HOUR) > self.per_client:
            return False
        return add_one(everyone, 2 * HOUR) <= self.overall

    @staticmethod
    def seconds_to_next_hour():
        """When the count starts again (for ``Retry-After``)."""
        return int(HOUR - time.time() % HOUR) + 1


def add_one(key, seconds):
    """Add one to the count at ``key`` in the ``limits`` cache, kept ``seconds`` (longer than
    the hour or day in the key: the next has keys of its own); the new count. Raises
    ``CountsUnavailable`` when it cannot be reached."""
    counts = caches["limits"]
    try:
        counts.add(key, 0, timeout=seconds)
        try:
            return counts.incr(key)
        except ValueError:  # evicted between the two calls
            counts.set(key, 1, timeout=seconds)
            return 1
    except RedisError as error:
        raise CountsUnavailable from error


class CountsUnavailableMiddleware:
    """Answers a post refused for want of its counts (``CountsUnavailable``) with 503 and a
    page asking to send it again in a few minutes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, CountsUnavailable):
            return None
        response = TemplateResponse(request, "form_unavailable.html", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
