"""The one home of the overdue rule and of what the site calls a recommendation's status.

A recommendation is **overdue** when its due date is before today, in London, and it is not
completed. Nobody types it: a recommendation due yesterday and still in progress is overdue
this morning, and stops being overdue the moment it is marked completed. Due today is not yet
overdue. With no due date it is never overdue.

The rule is written here in the two languages it is needed in, side by side: in Python
(``is_overdue``, for a review being previewed, whose recommendations are not in the database)
and in SQL (``overdue_q``, ``tracked_status_q`` and ``tracked_status_expression``, for filters,
counts and ordering in the database). ``tests/test_recommendations.py`` proves they agree.
Everything else asks these functions, through ``Recommendation`` and its QuerySet.
"""

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import BooleanField, Case, CharField, ExpressionWrapper, F, Q, Value, When
from django.utils import timezone

from reviews.choices import RecommendationStatus, TrackedStatus

# Due dates are the partnership's calendar dates: the day ends at midnight in London, whatever
# the server's clock or any time zone a request might switch on.
PARTNERSHIP_TIME_ZONE = ZoneInfo("Europe/London")
# The recorded statuses that can be overdue: written as a list of what they are, not "not
# completed", so that SQL needs no negation across a relation.
OPEN_STATUSES = (RecommendationStatus.NOT_STARTED, RecommendationStatus.IN_PROGRESS)


def today():
    """Today's date in London."""
    return timezone.localdate(timezone=PARTNERSHIP_TIME_ZONE)


def is_overdue(status, due_date, on=None):
    """Whether a recommendation with this recorded ``status`` and ``due_date`` is overdue on
    the day ``on`` (today in London by default)."""
    on = on or today()
    return due_date is not None and due_date < on and status in OPEN_STATUSES


def tracked_status(status, due_date, on=None):
    """The status the site shows: overdue, else the recorded one."""
    return TrackedStatus.OVERDUE if is_overdue(status, due_date, on) else TrackedStatus(status)


def overdue_q(on=None, prefix=""):
    """The overdue rule as a filter; ``prefix`` reaches recommendations through a relation
    (``"recommendations__"`` from a review)."""
    on = on or today()
    # "Has a due date" said outright: in SQL a missing date compared with today is neither
    # true nor false, and an annotation of it would be empty rather than False.
    return Q(
        **{
            f"{prefix}status__in": OPEN_STATUSES,
            f"{prefix}due_date__isnull": False,
            f"{prefix}due_date__lt": on,
        }
    )


def tracked_status_q(value, on=None, prefix=""):
    """The recommendations whose tracked status is ``value``."""
    on = on or today()
    if value == TrackedStatus.OVERDUE:
        return overdue_q(on, prefix)
    recorded = Q(**{f"{prefix}status": value})
    if value not in OPEN_STATUSES:
        return recorded
    not_yet_due = Q(**{f"{prefix}due_date__isnull": True}) | Q(**{f"{prefix}due_date__gte": on})
    return recorded & not_yet_due


def tracked_status_expression(on=None):
    """The tracked status as an SQL expression, to annotate, filter, group and count by."""
    return Case(
        When(overdue_q(on), then=Value(TrackedStatus.OVERDUE.value)),
        default=F("status"),
        output_field=CharField(),
    )


def is_overdue_expression(on=None):
    """Whether the recommendation is overdue, as an SQL expression."""
    return ExpressionWrapper(overdue_q(on), output_field=BooleanField())


@dataclass(frozen=True)
class Progress:
    """How far a review's recommendations have got: "5 of 7 complete, 1 overdue"."""

    total: int
    completed: int
    overdue: int

    @classmethod
    def of(cls, recommendations, on=None):
        """The progress of ``recommendations`` (objects with ``status`` and ``due_date``)."""
        on = on or today()
        recommendations = list(recommendations)
        return cls(
            total=len(recommendations),
            completed=sum(r.status == RecommendationStatus.COMPLETED for r in recommendations),
            overdue=sum(is_overdue(r.status, r.due_date, on) for r in recommendations),
        )

    def __str__(self):
        line = f"{self.completed} of {self.total} complete"
        return f"{line}, {self.overdue} overdue" if self.overdue else line
