"""The staff's recommendation report in the Wagtail admin (Reports > Recommendations, at
``/admin/reports/recommendations/``): every recommendation of every live review the user can
edit, overdue first, then by due date, with filters and a CSV or XLSX download.

Live reviews only, members-only ones included: a live review's recommendations are what the
partnership has published and answers for, and staff track them wherever they are published. A
draft's recommendations are not agreed yet; a live review's unpublished edits show once
published (the rows are the published version). Staff who can edit review pages (Editors,
Moderators, superusers) see it; a partnership member without admin access never does.
"""

import django_filters
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils import timezone
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import policy_registry

from reviews import tracking
from reviews.choices import TrackedStatus
from reviews.models import Recommendation, ReviewPage
from safeguarding_site.spreadsheets import spreadsheet_safe


def reviews_editable_by(user):
    """The review pages ``user`` may edit, by Wagtail's page permissions."""
    policy = policy_registry.get_by_type(Page)
    return policy.instances_user_has_permission_for(user, "change").type(ReviewPage)


def may_track_recommendations(user):
    """Whether ``user`` sees the report and the dashboard panel: anyone who can edit a review."""
    return user.is_authenticated and user.is_active and reviews_editable_by(user).exists()


def recommendations_for_staff(user):
    """The recommendations of the live reviews ``user`` may edit, with their tracked status,
    overdue first, then by due date."""
    return (
        Recommendation.objects.filter(review__in=reviews_editable_by(user).live().values("pk"))
        .select_related("review")
        .defer("review__learning_points", "review__partnership_response")
        .with_tracked_status()
        .overdue_first()
    )


def agency_choices(request):
    return [(agency, agency) for agency in recommendations_for_staff(request.user).agencies()]


class RecommendationReportFilterSet(WagtailFilterSet):
    """Owning agency, status as the site shows it, and overdue or not."""

    agency = django_filters.ChoiceFilter(
        label="Owning agency", field_name="owning_agency", choices=[], empty_label="Any"
    )
    status = django_filters.ChoiceFilter(
        label="Status", field_name="tracked_status", choices=TrackedStatus.choices
    )
    overdue = django_filters.BooleanFilter(label="Overdue", field_name="is_overdue")

    class Meta:
        model = Recommendation
        fields = []

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        # The agencies that exist, read when the report is asked for, not when the module loads.
        self.filters["agency"].extra["choices"] = agency_choices(request)


def yes_or_no(value):
    return "yes" if value else "no"


def london_time_text(value):
    """A moment as London date and time text, for a CSV cell (Wagtail would write it in UTC)."""
    return timezone.localtime(value, tracking.PARTNERSHIP_TIME_ZONE).strftime("%Y-%m-%d %H:%M")


def london_time(value):
    """A moment as London time without a zone, for an XLSX cell (which cannot hold one)."""
    return timezone.make_naive(value, tracking.PARTNERSHIP_TIME_ZONE)


class RecommendationReportView(ReportView):
    """Recommendations of live reviews, overdue first, with a spreadsheet download."""

    page_title = "Recommendations"
    header_icon = "list-ul"
    index_url_name = "recommendation_report"
    index_results_url_name = "recommendation_report_results"
    filterset_class = RecommendationReportFilterSet
    columns = [
        TitleColumn(
            "review",
            label="Review",
            accessor="review.title",
            get_url=lambda recommendation: reverse(
                "wagtailadmin_pages:edit", args=[recommendation.review_id]
            ),
        ),
        Column("reference", label="Ref"),
        Column("owning_agency", label="Owning agency"),
        StatusTagColumn(
            "tracked_status",
            label="Status",
            accessor="get_tracked_status_display",
            primary=lambda recommendation: recommendation.is_overdue,
        ),
        Column("due_date", label="Due"),
        Column("progress_note", label="Progress note"),
        DateColumn("last_updated", label="Updated"),
    ]
    list_export = [
        "review.title",
        "review.full_url",
        "reference",
        "text",
        "owning_agency",
        "get_tracked_status_display",
        "get_status_display",
        "due_date",
        "is_overdue",
        "progress_note",
        "last_updated",
    ]
    export_headings = {
        "review.title": "Review",
        "review.full_url": "Review address",
        "reference": "Ref",
        "text": "Recommendation",
        "owning_agency": "Owning agency",
        "get_tracked_status_display": "Status",
        "get_status_display": "Recorded status",
        "due_date": "Due",
        "is_overdue": "Overdue",
        "progress_note": "Progress note",
        "last_updated": "Last updated",
    }
    custom_field_preprocess = {
        "is_overdue": {
            ReportView.FORMAT_CSV: yes_or_no,
            ReportView.FORMAT_XLSX: yes_or_no,
        },
        "last_updated": {
            ReportView.FORMAT_CSV: lambda value: value and london_time_text(value),
            ReportView.FORMAT_XLSX: lambda value: value and london_time(value),
        },
    }

    def dispatch(self, request, *args, **kwargs):
        if not may_track_recommendations(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        self.queryset = recommendations_for_staff(self.request.user)
        return super().get_queryset()

    def get_filename(self):
        return f"recommendations-{tracking.today():%Y-%m-%d}"

    def preprocess_field_value(self, field, value, export_format):
        """As Wagtail prepares it, and in CSV made spreadsheet-safe as the public CSV is (its
        XLSX cells are already typed as text, never formulas)."""
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV and isinstance(value, str):
            return spreadsheet_safe(value)
        return value


class RecommendationReportMenuItem(MenuItem):
    """Reports > Recommendations, for the staff who may see the report."""

    def is_shown(self, request):
        return may_track_recommendations(request.user)


urlpatterns = [
    path(
        "reports/recommendations/",
        RecommendationReportView.as_view(),
        name="recommendation_report",
    ),
    path(
        "reports/recommendations/results/",
        RecommendationReportView.as_view(results_only=True),
        name="recommendation_report_results",
    ),
]
