"""Open data: every live, public review as CSV or JSON, narrowed by the listing's filters.

``/reviews/export.csv`` and ``/reviews/export.json`` take the same query as ``/reviews/``;
an invalid filter is a 400 that says which value is wrong. Each review's ``url`` is at the
site's public address (``SITE_URL``), whatever host the export was asked for by.
"""

import csv

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Q
from django.http import HttpResponse, JsonResponse

from learning.models import Theme
from reviews.choices import RecommendationStatus
from reviews.forms import ReviewFilterForm
from reviews.models import ReviewIndexPage
from safeguarding_site.addresses import public_page_url
from safeguarding_site.cache import declare_query
from safeguarding_site.listing import bad_filter_response, listing_page_for
from safeguarding_site.spreadsheets import spreadsheet_safe

STATUS_COLUMNS = {
    status: f"recommendations_{status.replace('-', '_')}" for status in RecommendationStatus.values
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


def export_rows(request, index, form):
    """One dict per review, in the listing's order, with counts of recommendations by status."""
    counts = {
        column: Count("recommendations", filter=Q(recommendations__status=status), distinct=True)
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


def export_csv(request):
    """The filtered reviews as CSV, one row a review."""
    index, form, error = validated(request)
    if error:
        return error
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="reviews.csv"'
    # Every cell quoted, so a spreadsheet that splits on another character (;) keeps it whole.
    writer = csv.DictWriter(response, fieldnames=COLUMNS, quoting=csv.QUOTE_ALL)
    writer.writeheader()
    for row in export_rows(request, index, form):
        themes = row.pop("themes")
        cells = {key: spreadsheet_safe(value) for key, value in row.items()}
        # Each name made safe on its own: a spreadsheet that splits the cell on ";" meets each
        # alone. (Made safe once: the apostrophe before a formula is itself a quote before one.)
        cells["themes"] = "; ".join(spreadsheet_safe(name) for name in themes)
        writer.writerow(cells)
    return response


def export_json(request):
    """The filtered reviews as JSON: ``{"count": n, "reviews": [...]}``."""
    index, form, error = validated(request)
    if error:
        return error
    rows = list(export_rows(request, index, form))
    return JsonResponse({"count": len(rows), "reviews": rows}, encoder=DjangoJSONEncoder)
