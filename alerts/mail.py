"""The emails of email alerts: the one confirmation email an address gets before it is
confirmed, and the digests. Plain text with an HTML alternative, through Django's mail
settings; every link names the site's public address (``SITE_URL``).

Every email carries a one-click unsubscribe link, in its text and as ``List-Unsubscribe`` and
``List-Unsubscribe-Post`` headers (RFC 8058), which mail programs show as their own
"Unsubscribe" button, and a link to change one's choices (in the confirmation email: to sign
up again with others).
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.models import Site

from alerts import tokens
from safeguarding_site.addresses import public_url
from safeguarding_site.partnership import partnership_settings


def partnership_name():
    """The partnership's name in its default site's settings, else the site's name."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    partnership = partnership_settings(site.root_page) if site else None
    return (partnership.partnership_name if partnership else "") or settings.WAGTAIL_SITE_NAME


def one_line(text):
    """A subject is one line, whatever a title holds."""
    return " ".join(str(text).split())


def subscriber_links(subscriber):
    """The full addresses of ``subscriber``'s links: change choices, unsubscribe."""
    token = tokens.subscriber_token(subscriber)
    return {
        "manage_url": public_url(reverse("alerts:manage", args=[token])),
        "unsubscribe_url": public_url(reverse("alerts:unsubscribe", args=[token])),
    }


def message(template, subject, to, context, headers=None):
    """An email of ``template``'s ``.txt`` and ``.html`` to one address."""
    email = EmailMultiAlternatives(
        subject=one_line(subject),
        body=render_to_string(f"alerts/email/{template}.txt", context),
        to=[to],
        headers=headers or {},
    )
    email.attach_alternative(
        render_to_string(f"alerts/email/{template}.html", context), "text/html"
    )
    return email


def unsubscribe_headers(unsubscribe_url):
    """RFC 8058's headers: mail programs offer their own "Unsubscribe", which POSTs there."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def confirmation_email(email, choices_shown, token, partnership):
    """The email that asks an address to confirm its choices. Ignoring it is enough to get
    nothing more; its unsubscribe link (and headers) stop the alerts of an address that
    already gets them, and its sign-up link is the way to choose differently."""
    unsubscribe_url = public_url(reverse("alerts:unsubscribe", args=[tokens.address_token(email)]))
    context = {
        "partnership": partnership,
        "choices": choices_shown,
        "confirm_url": public_url(reverse("alerts:confirm", args=[token])),
        "days": settings.ALERT_CONFIRMATION_DAYS,
        "subscribe_url": public_url(reverse("alerts:subscribe")),
        "unsubscribe_url": unsubscribe_url,
    }
    subject = f"Confirm your email alerts from {partnership}"
    return message("confirm", subject, email, context, unsubscribe_headers(unsubscribe_url))


def digest_email(subscriber, digest, partnership):
    """``subscriber``'s digest of ``digest`` (an ``alerts.digests.Digest``)."""
    links = subscriber_links(subscriber)
    context = {"partnership": partnership, "subscriber": subscriber, "digest": digest, **links}
    subject = f"New from {partnership}: {digest.summary}"
    headers = unsubscribe_headers(links["unsubscribe_url"])
    return message("digest", subject, subscriber.email, context, headers)
