"""Keeping briefings current: the admin report of briefings due for review (Reports menu,
/admin/reports/briefings-due/), the dashboard panel, and the warning when an editor saves a
briefing whose "review by" date has passed.

A briefing past its "review by" date says on its page and in its printable PDF that it is
being reviewed (``BriefingPage.is_under_review``); this is what tells staff before then.
"""

from django.contrib import messages
from django.utils import timezone
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.coreutils import multigetattr
from wagtail.permission_policies.pages import PagePermissionPolicy

from learning.models import BriefingPage
from learning.models.briefings import DUE_SOON_DAYS
from safeguarding_site.spreadsheets import spreadsheet_safe

PANEL_SHOWN = 8
EDITING = ["change", "publish"]


def may_keep_briefings_current(user):
    """Those who may edit or publish pages: they can review a briefing and set a new date."""
    return PagePermissionPolicy().user_has_any_permission(user, EDITING)


def due_for_review():
    """Live briefings past their review date or due within the next 30 days, soonest first."""
    return BriefingPage.objects.live().due_for_review().order_by("review_by", "title", "pk")


def when_due(briefing):
    """In words: overdue since when, or due in how many days."""
    days = (briefing.review_by - timezone.localdate()).days
    if days < 0:
        return f"Overdue by {-days} day{'s' if days != -1 else ''}"
    if days == 0:
        return "Due today"
    return f"Due in {days} day{'s' if days != 1 else ''}"


class BriefingsDueReportView(ReportView):
    """Briefings due for review within 30 days or overdue, soonest first."""

    model = BriefingPage
    permission_policy = PagePermissionPolicy()
    any_permission_required = EDITING
    page_title = "Briefings due for review"
    header_icon = "time"
    index_url_name = "learning_briefings_due_report"
    index_results_url_name = "learning_briefings_due_report_results"
    verbose_name_plural = "briefings"
    columns = [
        TitleColumn("title", label="Briefing", url_name="wagtailadmin_pages:edit", width="40%"),
        DateColumn("review_by", label="Review by"),
        Column("when_due", label="When", accessor=when_due),
        DateColumn("last_confirmed", label="Last confirmed current"),
    ]
    list_export = ["title", "review_by", "when_due", "last_confirmed", "full_url"]
    export_headings = {
        "title": "Briefing",
        "review_by": "Review by",
        "when_due": "When",
        "last_confirmed": "Last confirmed current",
        "full_url": "Address",
    }
    custom_value_preprocess = {
        **ReportView.custom_value_preprocess,
        str: {ReportView.FORMAT_CSV: spreadsheet_safe},
    }

    def get_queryset(self):
        return due_for_review()

    def to_row_dict(self, item):
        return {
            field: when_due(item) if field == "when_due" else multigetattr(item, field)
            for field in self.list_export
        }

    def get_filename(self):
        return f"briefings-due-for-review-{timezone.localdate():%Y-%m-%d}"


class BriefingsDueMenuItem(MenuItem):
    """The report's entry in the Reports menu, for those who may see it."""

    def is_shown(self, request):
        return may_keep_briefings_current(request.user)


class BriefingsDuePanel(Component):
    """The dashboard panel listing briefings due for review, or saying none are."""

    name = "briefings_due"
    template_name = "learning/admin/briefings_due_panel.html"
    order = 160

    def get_context_data(self, parent_context):
        due = due_for_review()
        return {
            "briefings": [(briefing, when_due(briefing)) for briefing in due[:PANEL_SHOWN]],
            "due_count": due.count(),
            "days": DUE_SOON_DAYS,
        }


def warn_of_a_past_review_date(request, page):
    """After a save: a "review by" date in the past makes the briefing say it is being
    reviewed as soon as it is published; tell the editor, who may have mistyped the year."""
    draft = page.get_latest_revision_as_object()
    if isinstance(draft, BriefingPage) and draft.is_under_review:
        messages.warning(
            request,
            f"The 'Review by' date, {draft.review_by:%-d %B %Y}, has passed: once published, "
            "the briefing and its printable version say it is being reviewed. Set a date to "
            "come if the briefing has been reviewed, and its 'Last reviewed' date.",
        )
