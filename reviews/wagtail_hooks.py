"""Admin hooks of the reviews app: a review that must stay published cannot be taken down
early, by the editor's "Unpublish" or "Delete" (of the review or a page above it) or by a
bulk unpublish or delete; the recommendation report (Reports > Recommendations) and the
dashboard's "Overdue recommendations" panel; staff read the requests for archived reviews' full
reports."""

import django_filters
from django.contrib import messages
from django.contrib.auth import get_permission_codename
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page
from wagtail.permissions import register_permission_policy

from reviews import dashboard, publication, reports
from reviews.models import ReviewPage
from reviews.report_requests import ADMIN_VIEWSET_NAME, FullReportRequest
from safeguarding_site.staff import READ_ONLY_ACTIONS, ReadAndDeletePolicy

TAKE_DOWN_BULK_ACTIONS = {"unpublish", "delete"}


def reviews_that_must_stay(pages):
    """The live reviews among ``pages`` or under them whose date to stay published is to come."""
    today = timezone.localdate()
    found = []
    for page in pages:
        found.extend(
            ReviewPage.objects.live()
            .descendant_of(page, inclusive=True)
            .filter(keep_published_until__gt=today)
        )
    return found


def refused(request, reviews, page):
    """Back to the page's editor, saying which reviews must stay published and until when."""
    messages.error(
        request,
        "These reviews must stay published (Working Together asks for at least a year): "
        f"{publication.describe(reviews)}. Change a review's 'Keep published until' date "
        "first if the partnership has agreed to take it down.",
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_unpublish_page")
def keep_reviews_published_on_unpublish(request, page):
    reviews = reviews_that_must_stay([page])
    return refused(request, reviews, page) if reviews else None


@hooks.register("before_delete_page")
def keep_reviews_published_on_delete(request, page):
    if request.method != "POST":  # the confirmation page: asking is allowed
        return None
    reviews = reviews_that_must_stay([page])
    return refused(request, reviews, page) if reviews else None


@hooks.register("before_bulk_action")
def keep_reviews_published_in_bulk(request, action_type, objects, action_class_instance):
    if action_type not in TAKE_DOWN_BULK_ACTIONS or request.method != "POST":
        return None
    reviews = reviews_that_must_stay([item for item in objects if isinstance(item, Page)])
    return refused(request, reviews, reviews[0]) if reviews else None


@hooks.register("register_admin_urls")
def register_recommendation_report_urls():
    return reports.urlpatterns


@hooks.register("register_reports_menu_item")
def register_recommendation_report_menu_item():
    return reports.RecommendationReportMenuItem(
        "Recommendations",
        reverse("recommendation_report"),
        name="recommendations",
        icon_name="list-ul",
        order=650,  # before Wagtail's own reports: the one staff use every week
    )


@hooks.register("construct_homepage_panels")
def add_overdue_recommendations_panel(request, panels):
    panels.append(dashboard.OverdueRecommendationsPanel())


# Requests for full reports: read in the admin, answered by email, deleted after a year.

register_permission_policy(FullReportRequest, ReadAndDeletePolicy(FullReportRequest))


def reviews_with_requests(request):
    """The reviews anyone has asked for, for the listing's filter (not every review)."""
    return (
        ReviewPage.objects.filter(full_report_requests__isnull=False).distinct().order_by("title")
    )


class FullReportRequestFilterSet(WagtailFilterSet):
    """Filter requests by review and by the day they were received."""

    review = django_filters.ModelChoiceFilter(queryset=reviews_with_requests, label="Review")
    created_at = django_filters.DateFromToRangeFilter(
        label="Received", widget=DateRangePickerWidget
    )

    class Meta:
        model = FullReportRequest
        fields = ["review", "created_at"]


class FullReportRequestViewSet(ModelViewSet):
    """The admin's "Report requests": requests, newest first, searched and filtered by review
    and day, each to read (and delete), never to add or edit. Group permissions offer only
    "view" and "delete" (Settings, Groups)."""

    model = FullReportRequest
    name = ADMIN_VIEWSET_NAME
    url_prefix = "report-requests"
    icon = "mail"
    menu_label = "Report requests"
    add_to_admin_menu = True
    menu_order = 250
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["name", "review", "organisation", "created_at"]
    filterset_class = FullReportRequestFilterSet
    search_fields = ["name", "email", "organisation", "reason"]
    inspect_view_fields = ["review", "created_at", "name", "email", "organisation", "reason"]
    # Required of a ModelViewSet, though its permission policy refuses its add and edit views.
    form_fields = ["name", "email", "organisation", "reason"]

    def get_permissions_to_register(self):
        codenames = [
            get_permission_codename(action, self.model_opts) for action in READ_ONLY_ACTIONS
        ]
        return super().get_permissions_to_register().filter(codename__in=codenames)


@hooks.register("register_admin_viewset")
def register_full_report_requests():
    return FullReportRequestViewSet()
