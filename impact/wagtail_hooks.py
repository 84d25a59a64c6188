"""The impact app in the admin: the uses of briefings and the page feedback the public sent
(Impact menu: read and delete, never add or edit), the impact report (Reports > Impact) and
the dashboard's "Impact this year" panel."""

import django_filters
from django.contrib.auth import get_permission_codename
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.models import Page
from wagtail.permissions import register_permission_policy

from impact import report
from impact.choices import Agency
from impact.models import BriefingUse, PageFeedback
from learning.models import BriefingPage
from safeguarding_site.staff import READ_ONLY_ACTIONS, ReadAndDeletePolicy

register_permission_policy(BriefingUse, ReadAndDeletePolicy(BriefingUse))
register_permission_policy(PageFeedback, ReadAndDeletePolicy(PageFeedback))


def briefings_with_uses(request):
    """The briefings anyone has recorded a use of, for the listing's filter."""
    return BriefingPage.objects.filter(uses__isnull=False).distinct().order_by("title")


def pages_with_feedback(request):
    """The pages anyone has answered about, for the listing's filter."""
    return Page.objects.filter(feedback__isnull=False).distinct().order_by("title")


class BriefingUseFilterSet(WagtailFilterSet):
    """Filter uses by briefing, agency and the day they were used."""

    briefing = django_filters.ModelChoiceFilter(queryset=briefings_with_uses, label="Briefing")
    agency = django_filters.ChoiceFilter(choices=Agency.choices, label="Agency")
    date_used = django_filters.DateFromToRangeFilter(label="Used", widget=DateRangePickerWidget)

    class Meta:
        model = BriefingUse
        fields = ["briefing", "agency", "date_used"]


class PageFeedbackFilterSet(WagtailFilterSet):
    """Filter feedback by page, answer and the day it came in."""

    page = django_filters.ModelChoiceFilter(queryset=pages_with_feedback, label="Page")
    useful = django_filters.BooleanFilter(label="Useful")
    created_at = django_filters.DateFromToRangeFilter(
        label="Received", widget=DateRangePickerWidget
    )

    class Meta:
        model = PageFeedback
        fields = ["page", "useful", "created_at"]


class ReadAndDeleteViewSet(ModelViewSet):
    """A list of what the public sent, each to read (and delete), never to add or edit; group
    permissions offer only "view" and "delete" (Settings, Groups)."""

    inspect_view_enabled = True
    copy_view_enabled = False

    def get_permissions_to_register(self):
        codenames = [
            get_permission_codename(action, self.model_opts) for action in READ_ONLY_ACTIONS
        ]
        return super().get_permissions_to_register().filter(codename__in=codenames)


class BriefingUseViewSet(ReadAndDeleteViewSet):
    """Impact > Briefing uses: every recorded use, most recent first."""

    model = BriefingUse
    name = "briefing_uses"
    url_prefix = "impact/uses"
    icon = "group"
    menu_label = "Briefing uses"
    list_display = ["briefing", "date_used", "team", "agency", "people", "created_at"]
    filterset_class = BriefingUseFilterSet
    search_fields = ["team", "actions_agreed"]
    inspect_view_fields = [
        "briefing",
        "date_used",
        "team",
        "agency",
        "people",
        "actions_agreed",
        "created_at",
    ]
    # Required of a ModelViewSet, though its permission policy refuses its add and edit views.
    form_fields = ["date_used", "team", "agency", "people", "actions_agreed"]

    def get_queryset(self, request):
        return BriefingUse.objects.select_related("briefing")


class PageFeedbackViewSet(ReadAndDeleteViewSet):
    """Impact > Page feedback: every answer to "Was this page useful?", newest first."""

    model = PageFeedback
    name = "page_feedback"
    url_prefix = "impact/feedback"
    icon = "comment"
    menu_label = "Page feedback"
    list_display = ["page", "useful", "comment", "created_at"]
    filterset_class = PageFeedbackFilterSet
    search_fields = ["comment"]
    inspect_view_fields = ["page", "useful", "comment", "created_at"]
    form_fields = ["useful", "comment"]

    def get_queryset(self, request):
        return PageFeedback.objects.select_related("page")


class ImpactViewSetGroup(ModelViewSetGroup):
    items = (BriefingUseViewSet, PageFeedbackViewSet)
    menu_label = "Impact"
    menu_icon = "clipboard-list"
    menu_name = "impact"
    menu_order = 260


@hooks.register("register_admin_viewset")
def register_impact_lists():
    return ImpactViewSetGroup()


@hooks.register("register_admin_urls")
def register_impact_report_urls():
    return report.urlpatterns


@hooks.register("register_reports_menu_item")
def register_impact_report_menu_item():
    return report.ImpactReportMenuItem(
        "Impact",
        reverse("impact_report"),
        name="impact",
        icon_name="clipboard-list",
        order=660,
    )


@hooks.register("construct_homepage_panels")
def add_impact_panel(request, panels):
    panels.append(report.ImpactPanel())
