"""Admin hooks of the reviews app: a review that must stay published cannot be taken down
early, by the editor's "Unpublish" or "Delete" (of the review or a page above it) or by a
bulk unpublish or delete; the recommendation report (Reports > Recommendations) and the
dashboard's "Overdue recommendations" panel."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.models import Page

from reviews import dashboard, publication, reports
from reviews.models import ReviewPage

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
