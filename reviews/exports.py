"""Open data: every live, public review as CSV or JSON, and every recommendation of them as
CSV, narrowed by their listing's filters.

``/reviews/export.csv`` and ``/reviews/export.json`` take the same query as ``/reviews/``, and
``/reviews/recommendations.csv`` the same as ``/reviews/recommendations/``; an invalid filter
is a 400 that says which value is wrong. Each review's ``url`` is at the site's public address
(``SITE_URL``), whatever host the export was asked for by.
"""

import csv

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from learning.models import Theme
from reviews import tracking
from reviews.choices import TrackedStatus
from reviews.forms import RecommendationFilterForm, ReviewFilterForm
from reviews.models import ReviewIndexPage
from safeguarding_site.addresses import public_page_url
from safeguarding_site.cache import declare_query
from safeguarding_site.listing import bad_filter_response, listing_page_for
from safeguarding_site.spreadsheets import spreadsheet_safe

# Counted by the status the site shows, so the four add up to the review's recommendations
# (an overdue one is counted as overdue only).
STATUS_COLUMNS = {
    status: f"recommendations_{status.replace('-', '_')}" for status in TrackedStatus.values
}
COLUMNS = [
    "title",
    "pseudonym",
    "review_type",
    "published_date",
    "status",
    "age_band",
    "themes",
    "url",
    "recommendations",
    *STATUS_COLUMNS.values(),
]


# One row a recommendation, for the partnership's yearly report: what each review asked, of
# whom, by when, and what has been done.
RECOMMENDATION_COLUMNS = [
    "review_title",
    "review_url",
    "review_type",
    "published_date",
    "reference",
    "recommendation",
    "owning_agency",
    "status",  # as the site shows it: "Overdue" worked out from the due date
    "recorded_status",  # as the agency reported it: an overdue one may be in progress
    "due_date",
    "overdue",
    "progress_note",
    "last_updated",
]


def export_rows(request, index, form):
    """One dict per review, in the listing's order, with counts of recommendations by status."""
    today = tracking.today()
    counts = {
        column: Count(
            "recommendations",
            filter=tracking.tracked_status_q(status, today, prefix="recommendations__"),
            distinct=True,
        )
        for status, column in STATUS_COLUMNS.items()
    }
    reviews = (
        form.filter_queryset(index.get_reviews())
        .defer_streamfields()
        .annotate(recommendation_count=Count("recommendations", distinct=True), **counts)
    )
    for review in reviews:
        yield {
            "title": review.title,
            "pseudonym": review.pseudonym,
            "review_type": review.get_review_type_display(),
            "published_date": review.published_date,
            "status": review.get_status_display(),
            "age_band": review.get_age_band_display(),
            "themes": [theme.name for theme in review.themes.all()],
            "url": public_page_url(review, request=request),
            "recommendations": review.recommendation_count,
            **{column: getattr(review, column) for column in STATUS_COLUMNS.values()},
        }


def validated(request):
    """The review index and the valid filter form, or a 400 response naming the bad values."""
    index = listing_page_for(request, ReviewIndexPage)
    form = ReviewFilterForm(request.GET, themes=Theme.objects.options())
    if form.is_valid():
        declare_query(request, form.canonical_values(), names=form.fields)
        return index, form, None
    return index, form, bad_filter_response(form)


def spreadsheet_cell(value):
    """A CSV cell of ``value``: made safe (``spreadsheet_safe``), empty for no value, a list's
    items joined by "; "."""
    if value is None:
        return ""
    if isinstance(value, list):
        # Each item made safe on its own: a spreadsheet that splits the cell on ";" meets each
        # alone. (Made safe once: the apostrophe before a formula is itself a quote before one.)
        return "; ".join(spreadsheet_safe(item) for item in value)
    return spreadsheet_safe(value)


def csv_response(filename, columns, rows):
    """``rows`` (dicts by column) as a CSV download, every cell quoted and spreadsheet-safe."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Every cell quoted, so a spreadsheet that splits on another character (;) keeps it whole.
    writer = csv.DictWriter(response, fieldnames=columns, quoting=csv.QUOTE_ALL)
    writer.writeheader()
    for row in rows:
        writer.writerow({key: spreadsheet_cell(value) for key, value in row.items()})
    return response


def export_csv(request):
    """The filtered reviews as CSV, one row a review."""
    index, form, error = validated(request)
    if error:
        return error
    return csv_response("reviews.csv", COLUMNS, export_rows(request, index, form))


def export_json(request):
    """The filtered reviews as JSON: ``{"count": n, "reviews": [...]}``."""
    index, form, error = validated(request)
    if error:
        return error
    rows = list(export_rows(request, index, form))
    return JsonResponse({"count": len(rows), "reviews": rows}, encoder=DjangoJSONEncoder)


def recommendation_rows(request, recommendations):
    """One dict per recommendation (read with its review and tracked status)."""
    for recommendation in recommendations:
        review = recommendation.review
        last_updated = recommendation.last_updated
        yield {
            "review_title": review.title,
            # The site's public address: the export is cached, and must not name whatever
            # host (or port) one request came in by.
            "review_url": public_page_url(review, request),
            "review_type": review.get_review_type_display(),
            "published_date": review.published_date,
            "reference": recommendation.reference,
            "recommendation": recommendation.text,
            "owning_agency": recommendation.owning_agency,
            "status": recommendation.get_tracked_status_display(),
            "recorded_status": recommendation.get_status_display(),
            "due_date": recommendation.due_date,
            "overdue": "yes" if recommendation.is_overdue else "no",
            "progress_note": recommendation.progress_note,
            "last_updated": timezone.localdate(last_updated) if last_updated else None,
        }


@require_safe
def export_recommendations_csv(request):
    """The filtered recommendations as CSV, one row a recommendation, in the tracker's order."""
    index = listing_page_for(request, ReviewIndexPage)
    recommendations = index.get_recommendations()
    form = RecommendationFilterForm(request.GET, agencies=recommendations.agencies())
    if not form.is_valid():
        return bad_filter_response(form)
    declare_query(request, form.canonical_values(), names=form.fields)
    rows = recommendation_rows(request, form.filter_queryset(recommendations))
    return csv_response("recommendations.csv", RECOMMENDATION_COLUMNS, rows)
