"""The duty to keep a published review up (Working Together): at least a year after
publication. A review's ``keep_published_until`` is checked when it is saved (a year or more
after publication, and no expiry before it) and when anyone tries to take it down early
(``reviews.wagtail_hooks``)."""

from safeguarding_site.mixins import go_live_day

MINIMUM_YEARS_PUBLISHED = 1


def years_after(day, years):
    """The same day ``years`` later (28 February for 29 February in a year that has none)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def publication_day(review):
    """The day the review is (or will be) published: its date, else the day it goes live."""
    return review.published_date or go_live_day(review)


def earliest_keep_until(review):
    """The earliest "keep published until" date the duty allows for ``review``."""
    return years_after(publication_day(review), MINIMUM_YEARS_PUBLISHED)


def describe(reviews):
    """The reviews and their dates, for a message to staff."""
    return "; ".join(
        f"‘{review.title}’ until {review.keep_published_until:%-d %B %Y}" for review in reviews
    )
