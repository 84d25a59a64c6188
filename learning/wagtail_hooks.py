"""Admin registration for the learning snippets (themes, audiences and external resources),
the link report (Reports menu) and the dashboard's broken-links panel."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from learning.briefing_reviews import (
    BriefingsDueMenuItem,
    BriefingsDuePanel,
    BriefingsDueReportView,
    may_keep_briefings_current,
    warn_of_a_past_review_date,
)
from learning.dashboard import BrokenLinksPanel
from learning.link_report import LinkReportMenuItem, LinkReportView, may_manage_links
from learning.models import Audience, ExternalResource, Theme
from learning.printable import forget_printables


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = "Themes"
    list_display = ["name", "slug"]


class AudienceViewSet(SnippetViewSet):
    model = Audience
    icon = "group"
    menu_label = "Audiences"
    list_display = ["name"]


class ExternalResourceViewSet(SnippetViewSet):
    model = ExternalResource
    icon = "link-external"
    menu_label = "External resources"
    list_display = ["title", "publisher", "resource_type", "link_status", "last_checked"]
    list_filter = ["publisher", "resource_type", "link_status"]


class LearningSnippetGroup(SnippetViewSetGroup):
    items = (ThemeViewSet, ExternalResourceViewSet, AudienceViewSet)
    menu_icon = "tag"
    menu_label = "Learning vocabulary"
    menu_name = "learning-vocabulary"


register_snippet(LearningSnippetGroup)


@hooks.register("register_admin_urls")
def register_link_report_urls():
    return [
        path("reports/links/", LinkReportView.as_view(), name="learning_link_report"),
        path(
            "reports/links/results/",
            LinkReportView.as_view(results_only=True),
            name="learning_link_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_link_report_menu_item():
    return LinkReportMenuItem(
        "Link checks",
        reverse("learning_link_report"),
        name="link-checks",
        icon_name="link-external",
        order=1300,
    )


@hooks.register("construct_homepage_panels")
def add_broken_links_panel(request, panels):
    if may_manage_links(request.user):
        panels.append(BrokenLinksPanel())


@hooks.register("register_admin_urls")
def register_briefings_due_report_urls():
    return [
        path(
            "reports/briefings-due/",
            BriefingsDueReportView.as_view(),
            name="learning_briefings_due_report",
        ),
        path(
            "reports/briefings-due/results/",
            BriefingsDueReportView.as_view(results_only=True),
            name="learning_briefings_due_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_briefings_due_report_menu_item():
    return BriefingsDueMenuItem(
        "Briefings due for review",
        reverse("learning_briefings_due_report"),
        name="briefings-due",
        icon_name="time",
        order=1310,
    )


@hooks.register("construct_homepage_panels")
def add_briefings_due_panel(request, panels):
    if may_keep_briefings_current(request.user):
        panels.append(BriefingsDuePanel())


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_when_a_briefing_is_saved_past_its_review_date(request, page):
    warn_of_a_past_review_date(request, page)


@hooks.register("after_bulk_action")
def forget_printables_after_bulk_action(request, action_type, objects, action_class_instance):
    """A bulk action (moving documents to a collection, unpublishing or moving pages) may make
    what a stored PDF links members-only, without a save signal: make PDFs again."""
    forget_printables()
