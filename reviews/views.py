"""The recommendation tracker at ``/reviews/recommendations/``: every recommendation of every
live, public review, with its agency, status (overdue worked out), due date and progress,
filtered by agency, status and year due, and a progress line for each review.

A view beside the feed and the exports rather than a route of ``ReviewIndexPage``: like them it
lists what the review listing lists without being a page editors make, and its CSV has to be a
view of its own anyway. ``listing_page_for`` ties it to the live, public review listing of the
site (404 without one), whose title and address its breadcrumbs show.
"""

from dataclasses import dataclass
from itertools import groupby

from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from reviews import tracking
from reviews.forms import RecommendationFilterForm
from reviews.models import Recommendation, ReviewIndexPage, ReviewPage
from safeguarding_site.listing import build_listing, listing_page_for
from safeguarding_site.option_counts import kept_option_table

# Rows of a table, not cards: a page holds more of them than the other listings' twelve.
TRACKER_PER_PAGE = 20


@dataclass(frozen=True)
class ReviewGroup:
    """A review and those of its recommendations that are on this page of the tracker."""

    review: ReviewPage
    recommendations: list
    progress: tracking.Progress  # of all the review's recommendations, whatever the filters


def by_review(recommendations):
    """The recommendations (ordered by review) in one group a review, each with the progress
    of the whole review, counted in one query."""
    runs = [(review, list(rows)) for review, rows in groupby(recommendations, lambda r: r.review)]
    progress = Recommendation.objects.filter(
        review__in=[review.pk for review, _ in runs]
    ).progress_by_review()
    return [ReviewGroup(review, rows, progress[review.pk]) for review, rows in runs]


@require_safe
def recommendation_tracker(request):
    """Every public review's recommendations, filtered, a page of rows at a time."""
    index = listing_page_for(request, ReviewIndexPage)
    recommendations = index.get_recommendations()
    # The agencies public recommendations name, from the tracker's kept option counts (the
    # same table its filter counts come from) rather than a query over every recommendation.
    agencies = kept_option_table(recommendations, RecommendationFilterForm.facets).counts(
        "agency", {}
    )
    form = RecommendationFilterForm(request.GET, agencies=sorted(agencies))
    listing = build_listing(request, recommendations, form=form, per_page=TRACKER_PER_PAGE)
    context = {
        "index": index,
        "listing": listing,
        "listing_url": reverse("recommendation_tracker"),
        "listing_noun": "recommendations",
        "groups": by_review(listing.items),
        "today": tracking.today(),
        "trail": [(index.title, index.get_url(request=request))],
    }
    return TemplateResponse(
        request, "reviews/recommendation_tracker.html", context, status=listing.status
    )
