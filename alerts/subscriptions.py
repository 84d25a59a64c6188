"""Subscribing, confirming, changing one's choices and unsubscribing: what each does to the
stored data, apart from the pages that ask for it (``alerts.views``).

An address gets at most ``ALERT_CONFIRMATIONS_PER_ADDRESS_PER_DAY`` confirmation emails a day,
however often the form is sent for it, and the form's answer is the same whether the address
is subscribed or not, was emailed or not: nobody learns from the form who subscribes, nor can
they flood someone's inbox with it, nor change anyone's choices without the link sent to them.
"""

import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from alerts import mail, tokens
from alerts.choices import Frequency
from alerts.models import Subscriber
from learning.models import Theme
from reviews.choices import ReviewType
from safeguarding_site.form_guard import add_one

logger = logging.getLogger(__name__)

DAY = 24 * 60 * 60


@dataclass(frozen=True)
class ChoicesShown:
    """Choices as a person reads them, on a page or in an email."""

    themes: list
    review_types: list
    all_briefings: bool
    frequency: str


def choices_from_form(form):
    """The ``tokens.Choices`` of a valid ``AlertChoicesForm``."""
    slugs = form.cleaned_data["themes"]
    theme_ids = Theme.objects.filter(slug__in=slugs).order_by("name").values_list("pk", flat=True)
    return tokens.Choices(
        theme_ids=tuple(theme_ids),
        review_types=tuple(form.cleaned_data["review_types"]),
        all_briefings=form.all_briefings,
        frequency=form.cleaned_data["frequency"],
    )


def shown(choices):
    """``choices`` (``tokens.Choices``) as a person reads them. Themes deleted since are left
    out."""
    chosen_types = set(choices.review_types)
    return ChoicesShown(
        themes=list(Theme.objects.filter(pk__in=choices.theme_ids).values_list("name", flat=True)),
        review_types=[label for value, label in ReviewType.choices if value in chosen_types],
        all_briefings=choices.all_briefings,
        frequency=Frequency(choices.frequency).label,
    )


def shown_for(subscriber):
    """A stored subscriber's choices as a person reads them."""
    return ChoicesShown(
        themes=[theme.name for theme in subscriber.themes.all()],
        review_types=subscriber.review_type_labels,
        all_briefings=subscriber.all_briefings,
        frequency=subscriber.get_frequency_display(),
    )


def take_address_allowance(email):
    """Count one confirmation email to ``email``; whether it is within the day's allowance.

    Counted in whole days (UTC), as ``form_guard.RateLimit`` counts hours: the day is in the
    key, so the count starts again at midnight whatever the cache's own clock. It is kept
    under a keyed digest of the address, never the address itself. Raises
    ``form_guard.CountsUnavailable`` when the count cannot be reached (the form answers 503)."""
    day = int(time.time() // DAY)
    digest = salted_hmac("alerts.address-allowance", email).hexdigest()
    sent = add_one(f"alerts:confirmations:{day}:{digest}", 2 * DAY)
    return sent <= settings.ALERT_CONFIRMATIONS_PER_ADDRESS_PER_DAY


def ask_to_confirm(email, choices):
    """Email ``email`` the link that confirms ``choices``, unless it has had its day's
    confirmation emails. Whether it is sent is not said: the person sending the form is told
    the same either way. A mail server that fails is logged."""
    if not take_address_allowance(email):
        logger.info("An alert confirmation was not sent: the address has had its allowance.")
        return
    shown_choices = shown(choices)
    token = tokens.confirmation_token(email, choices)
    message = mail.confirmation_email(email, shown_choices, token, mail.partnership_name())
    try:
        message.send()
    except OSError:  # smtplib's errors too
        logger.exception("An alert confirmation could not be emailed")


def confirm(email, choices):
    """Store ``email``'s subscription with ``choices`` (replacing any it had): the address
    is confirmed. Themes deleted since the link was sent are left out. Its digests start
    from now, or go on from its last one."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                subscriber, _created = Subscriber.objects.get_or_create(
                    email=email, defaults={"confirmed_at": timezone.now()}
                )
        except IntegrityError:  # confirmed at the same moment in another request
            subscriber = Subscriber.objects.get(email=email)
        apply(subscriber, choices)
    return subscriber


def apply(subscriber, choices):
    """Give ``subscriber`` these choices."""
    subscriber.review_types = list(choices.review_types)
    subscriber.all_briefings = choices.all_briefings
    subscriber.frequency = choices.frequency
    subscriber.save(update_fields=["review_types", "all_briefings", "frequency"])
    subscriber.themes.set(Theme.objects.filter(pk__in=choices.theme_ids))


def has_choices(choices):
    """Whether ``choices`` still name something to hear of (its themes may have gone)."""
    return bool(
        Theme.objects.filter(pk__in=choices.theme_ids).exists()
        or choices.review_types
        or choices.all_briefings
    )


def unsubscribe(subscriber):
    """Delete ``subscriber`` and their choices: nothing of them is kept."""
    if subscriber is not None:
        Subscriber.objects.filter(pk=subscriber.pk).delete()


def normalised(email):
    """An address as subscribers are stored: without surrounding spaces, in lower case."""
    return email.strip().lower()


def export(email):
    """Everything stored about ``email`` (for a subject access request), as JSON-ready data;
    ``None`` when nothing is."""
    subscriber = (
        Subscriber.objects.filter(email=normalised(email)).prefetch_related("themes").first()
    )
    if subscriber is None:
        return None
    return {
        "email": subscriber.email,
        "themes": [{"name": theme.name, "slug": theme.slug} for theme in subscriber.themes.all()],
        "review_types": [
            {"value": value, "name": ReviewType(value).label}
            for value in subscriber.review_types
            if value in ReviewType.values
        ],
        "every_new_briefing": subscriber.all_briefings,
        "frequency": subscriber.frequency,
        "confirmed_at": subscriber.confirmed_at.isoformat(),
        "last_digest_sent_at": (
            subscriber.last_sent_at.isoformat() if subscriber.last_sent_at else None
        ),
    }


def erase(email):
    """Delete everything stored about ``email``; whether there was anything."""
    deleted, _ = Subscriber.objects.filter(email=normalised(email)).delete()
    return bool(deleted)
