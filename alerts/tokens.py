"""The signed links of email alerts. Each is the only key to what it does, so each is signed
with the site's secret and checked before anything is read or changed.

- **Confirmation** (in the one email sent to an address not yet confirmed): carries the
  address and the choices made on the form, and expires after ``ALERT_CONFIRMATION_DAYS``.
  Nothing is stored before it is followed, so an unconfirmed address leaves no record.
- **Address** (the unsubscribe link of the confirmation email): an address, so that someone
  who already gets alerts can stop them from any email of ours. It does not expire either.
- **Subscriber** (in every digest: change your choices, unsubscribe): names the subscriber
  and a keyed digest of their address, so it stops working once they unsubscribe, even if
  the same address subscribes again. It does not expire: the links in an old email keep
  working (RFC 8058 asks that an unsubscribe address does).
"""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

from alerts.choices import Frequency
from alerts.models import EMAIL_MAX_LENGTH, Subscriber
from reviews.choices import ReviewType

CONFIRMATION_SALT = "alerts.confirmation"
ADDRESS_SALT = "alerts.address"
SUBSCRIBER_SALT = "alerts.subscriber"
REVIEW_TYPES = frozenset(ReviewType.values)
FREQUENCIES = frozenset(Frequency.values)


class BadLink(Exception):
    """A link the site did not sign, or whose content is not what it signs."""


class ExpiredLink(Exception):
    """A confirmation link older than ``ALERT_CONFIRMATION_DAYS``."""


@dataclass(frozen=True)
class Choices:
    """What a subscriber hears of, and how often."""

    theme_ids: tuple[int, ...]
    review_types: tuple[str, ...]
    all_briefings: bool
    frequency: str

    def is_valid(self):
        return (
            all(isinstance(pk, int) and not isinstance(pk, bool) for pk in self.theme_ids)
            and all(isinstance(value, str) for value in self.review_types)
            and set(self.review_types) <= REVIEW_TYPES
            and isinstance(self.all_briefings, bool)
            and self.frequency in FREQUENCIES
        )


def confirmation_token(email, choices):
    """The signed token of a confirmation link for ``email`` and ``choices``."""
    payload = {
        "e": email,
        "t": list(choices.theme_ids),
        "r": list(choices.review_types),
        "b": choices.all_briefings,
        "f": choices.frequency,
    }
    return signing.dumps(payload, salt=CONFIRMATION_SALT, compress=True)


def read_confirmation(token):
    """(email, ``Choices``) of a confirmation token; ``BadLink`` or ``ExpiredLink``."""
    try:
        payload = signing.loads(
            token, salt=CONFIRMATION_SALT, max_age=settings.ALERT_CONFIRMATION_DAYS * 24 * 60 * 60
        )
    except signing.SignatureExpired as error:
        raise ExpiredLink from error
    except (signing.BadSignature, ValueError) as error:
        raise BadLink from error
    try:
        email = payload["e"]
        choices = Choices(tuple(payload["t"]), tuple(payload["r"]), payload["b"], payload["f"])
    except (KeyError, TypeError) as error:
        raise BadLink from error
    if (
        not (isinstance(email, str) and 0 < len(email) <= EMAIL_MAX_LENGTH)
        or not choices.is_valid()
    ):
        raise BadLink
    return email, choices


def address_digest(email):
    """A keyed digest of an address: proves a link was made for it, without naming it."""
    return salted_hmac(SUBSCRIBER_SALT, email).hexdigest()[:20]


def subscriber_token(subscriber):
    """The signed token of ``subscriber``'s links to change their choices and unsubscribe."""
    return signing.dumps(
        {"s": subscriber.pk, "a": address_digest(subscriber.email)}, salt=SUBSCRIBER_SALT
    )


def subscriber_for(token):
    """The subscriber a token names, or ``None`` if they have unsubscribed; ``BadLink`` for
    a token the site did not sign."""
    try:
        payload = signing.loads(token, salt=SUBSCRIBER_SALT)
        pk, digest = payload["s"], payload["a"]
    except (signing.BadSignature, ValueError, KeyError, TypeError) as error:
        raise BadLink from error
    if not isinstance(pk, int) or isinstance(pk, bool) or not isinstance(digest, str):
        raise BadLink
    subscriber = Subscriber.objects.filter(pk=pk).first()
    if subscriber is None or not constant_time_compare(address_digest(subscriber.email), digest):
        return None
    return subscriber


def address_token(email):
    """The signed token of the unsubscribe link for ``email``, whoever subscribes or not."""
    return signing.dumps(email, salt=ADDRESS_SALT)


def unsubscribing(token):
    """The subscriber an unsubscribe token names (a subscriber's or an address's), or
    ``None`` if nobody is subscribed by it; ``BadLink`` for a token the site did not sign."""
    try:
        return subscriber_for(token)
    except BadLink:
        pass
    try:
        email = signing.loads(token, salt=ADDRESS_SALT)
    except (signing.BadSignature, ValueError) as error:
        raise BadLink from error
    if not isinstance(email, str):
        raise BadLink
    return Subscriber.objects.filter(email=email).first()
