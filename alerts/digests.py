"""The digests: for each subscriber whose next digest is due, what was published since their
last one that matches their choices, in one email; nothing when nothing new matches.

"Published" is when a page first went live on the site (``first_published_at``), so a review
dated last month but put live today is news today, and a page published again after an edit
is not news twice. Only pages that are live and that an anonymous reader may open are ever
named (``.live().public()``, then the privacy rule for an anonymous reader): never a
members-only page, a draft or a page taken down.

Sending is safe to repeat: each subscriber's digest is claimed by moving their
``last_sent_at`` on in one conditional update before the email goes (so two runs at once never
both send it), and given back if the mail server refuses it, to go at the next run. A failure
for one address does not stop the others. The whole run reads the new pages once, whatever the
number of subscribers; each subscriber then costs one update.
"""

import logging
from dataclasses import dataclass, field

from django.core.mail import get_connection
from django.db.models import Prefetch
from django.utils import timezone

from alerts import mail
from alerts.models import Subscriber
from learning.models import BriefingPage, Theme
from reviews.models import ReviewPage
from safeguarding_site import privacy
from safeguarding_site.addresses import public_page_url

logger = logging.getLogger(__name__)


@dataclass
class Digest:
    """What one subscriber is told of: new reviews and new briefings, oldest first."""

    reviews: list = field(default_factory=list)
    briefings: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.reviews or self.briefings)

    @property
    def summary(self):
        """What is new, for the subject line: "1 new review and 2 new 7-minute briefings"."""
        parts = [
            f"{len(items)} new {noun}{'' if len(items) == 1 else 's'}"
            for items, noun in ((self.reviews, "review"), (self.briefings, "7-minute briefing"))
            if items
        ]
        return " and ".join(parts)


@dataclass
class Outcome:
    """What a run did: digests sent, subscribers with nothing new, addresses that failed."""

    sent: int = 0
    nothing_new: int = 0
    failed: int = 0


def new_pages(model, since, until):
    """Live pages of ``model`` first published after ``since`` and by ``until`` that anyone
    may open, oldest first, with their themes (and ``theme_names``) and full public address
    (``public_url``)."""
    pages = (
        model.objects.live()
        .public()
        .filter(first_published_at__gt=since, first_published_at__lte=until)
        .defer_streamfields()
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.only("pk", "name", "slug")))
        .order_by("first_published_at", "pk")
    )
    pages = privacy.viewable_by_anyone(pages)
    for page in pages:
        page.public_url = public_page_url(page)
        page.theme_names = ", ".join(theme.name for theme in page.themes.all())
    return pages


def theme_ids(page):
    return {theme.pk for theme in page.themes.all()}


def digest_for(subscriber, reviews, briefings):
    """The new ``reviews`` and ``briefings`` that ``subscriber`` chose to hear of, published
    since their last digest."""
    since = subscriber.covered_until
    chosen_themes = {theme.pk for theme in subscriber.themes.all()}
    chosen_types = set(subscriber.review_types)
    return Digest(
        reviews=[
            review
            for review in reviews
            if review.first_published_at > since
            and (review.review_type in chosen_types or theme_ids(review) & chosen_themes)
        ],
        briefings=[
            briefing
            for briefing in briefings
            if briefing.first_published_at > since
            and (subscriber.all_briefings or theme_ids(briefing) & chosen_themes)
        ],
    )


def claim(subscriber, now):
    """Move ``subscriber``'s last digest on to ``now``, unless another run already has: whether
    this run may send their digest."""
    claimed = Subscriber.objects.filter(pk=subscriber.pk, last_sent_at=subscriber.last_sent_at)
    if subscriber.last_sent_at is None:
        claimed = Subscriber.objects.filter(pk=subscriber.pk, last_sent_at__isnull=True)
    return claimed.update(last_sent_at=now) == 1


def give_back(subscriber, now):
    """Undo ``claim`` after the email failed: the digest goes at the next run."""
    Subscriber.objects.filter(pk=subscriber.pk, last_sent_at=now).update(
        last_sent_at=subscriber.last_sent_at
    )


def send_digests(now=None):
    """Send every due subscriber their digest of what is new; the ``Outcome``."""
    now = now or timezone.now()
    outcome = Outcome()
    subscribers = list(
        Subscriber.objects.due(now).prefetch_related(
            Prefetch("themes", queryset=Theme.objects.only("pk"))
        )
    )
    if not subscribers:
        return outcome
    since = min(subscriber.covered_until for subscriber in subscribers)
    reviews = new_pages(ReviewPage, since, now)
    briefings = new_pages(BriefingPage, since, now)
    partnership = mail.partnership_name()
    connection = get_connection()
    for subscriber in subscribers:
        digest = digest_for(subscriber, reviews, briefings)
        if not digest:
            outcome.nothing_new += 1
            continue
        if not claim(subscriber, now):
            continue
        try:
            email = mail.digest_email(subscriber, digest, partnership)
            email.connection = connection
            email.send()
        except Exception:  # noqa: BLE001 - any failure of one address; the others still go
            logger.exception("The alert digest for subscriber %s could not be sent", subscriber.pk)
            give_back(subscriber, now)
            connection.close()  # the next message opens a fresh one
            outcome.failed += 1
        else:
            outcome.sent += 1
    connection.close()
    return outcome
