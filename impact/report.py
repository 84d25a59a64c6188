"""The staff's impact report (Reports > Impact, ``/admin/reports/impact/``) and its CSV: what
the partnership's learning did, for its yearly report, over a date range.

- **Per briefing**: uses recorded, people reached, printable downloads, and answers to "Was
  this page useful?" (yes and no).
- **Per theme**: the same summed over the theme's briefings (a briefing with two themes counts
  under both, so theme rows do not add up to the totals), the feedback on its reviews and
  briefings, and how many alert subscribers chose it (``alerts.reports``).
- **Uses by agency** and **by month**; **feedback by page**, with the latest comments.

Uses are dated by the day the team used the briefing; downloads and feedback by the day they
came in (London). Every figure is one grouped query, so the report runs the same number of
queries for 5 briefings or 5,000. Staff who may edit pages see it (``may_edit_pages``); the
uses and feedback themselves are in the admin's "Briefing uses" and "Page feedback" lists.
"""

import csv
from dataclasses import dataclass, field
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.http import StreamingHttpResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.models import Page

from alerts.reports import subscribers_per_theme
from impact.choices import Agency
from impact.forms import ImpactReportForm
from impact.models import BriefingUse, PageFeedback
from learning.models import BriefingDownloadCount, BriefingPage, Theme
from reviews.models import ReviewPage
from safeguarding_site.addresses import public_url
from safeguarding_site.spreadsheets import spreadsheet_safe
from safeguarding_site.staff import may_edit_pages

COMMENTS_SHOWN = 50  # the rest are in the CSV and the admin's "Page feedback" list


@dataclass
class Figures:
    """What the report counts for one briefing, one theme, or everything."""

    uses: int = 0
    people: int = 0
    downloads: int = 0
    useful: int = 0
    not_useful: int = 0

    def add(self, other):
        self.uses += other.uses
        self.people += other.people
        self.downloads += other.downloads
        self.useful += other.useful
        self.not_useful += other.not_useful


@dataclass
class BriefingRow:
    briefing: BriefingPage
    figures: Figures


@dataclass
class ThemeRow:
    theme: Theme
    briefings: int = 0
    figures: Figures = field(default_factory=Figures)
    subscribers: int = 0  # alert subscribers who chose the theme


@dataclass
class FeedbackRow:
    """The answers about one review or briefing."""

    page_id: int
    title: str
    kind: str
    useful: int
    not_useful: int
    comments: int


@dataclass
class ImpactReport:
    """Everything the report shows for a date range (either end open)."""

    start: date | None
    end: date | None
    totals: Figures
    briefings: list
    themes: list
    by_agency: list  # (agency label, uses, people)
    by_month: list  # (first day of the month, uses, people)
    feedback: list  # FeedbackRow, most answers first
    comments: list  # PageFeedback with a comment, newest first (COMMENTS_SHOWN of them)
    comment_count: int


def within(queryset, field_name, start, end):
    """``queryset`` where the date ``field_name`` falls in the range."""
    if start:
        queryset = queryset.filter(**{f"{field_name}__gte": start})
    if end:
        queryset = queryset.filter(**{f"{field_name}__lte": end})
    return queryset


def uses_between(start, end):
    return within(BriefingUse.objects.all(), "date_used", start, end)


def feedback_between(start, end):
    return within(PageFeedback.objects.all(), "created_at__date", start, end)


def build_report(start=None, end=None):
    """The ``ImpactReport`` for the range, in a fixed number of queries."""
    uses = uses_between(start, end)
    feedback = feedback_between(start, end)
    use_counts = {
        row["briefing"]: row
        for row in uses.values("briefing").annotate(uses=Count("pk"), people=Sum("people"))
    }
    downloads = {
        row["briefing"]: row["downloads"]
        for row in within(BriefingDownloadCount.objects.all(), "day", start, end)
        .values("briefing")
        .annotate(downloads=Sum("downloads"))
    }
    answers = {
        row["page"]: row
        for row in feedback.values("page").annotate(
            yes=Count("pk", filter=Q(useful=True)),
            no=Count("pk", filter=Q(useful=False)),
            comments=Count("pk", filter=~Q(comment="")),
        )
    }

    # Every live briefing, and any other that has something to count in the range.
    active = set(use_counts) | set(downloads) | set(answers)
    briefing_pages = (
        BriefingPage.objects.filter(Q(live=True) | Q(pk__in=active))
        .only("pk", "title", "live", "url_path")
        .prefetch_related("themes")
        .order_by("title", "pk")
    )
    totals = Figures()
    briefings = []
    themes = {theme.pk: ThemeRow(theme) for theme in Theme.objects.order_by("name")}
    for briefing in briefing_pages:
        counted = use_counts.get(briefing.pk, {})
        answered = answers.get(briefing.pk, {})
        figures = Figures(
            uses=counted.get("uses", 0),
            people=counted.get("people") or 0,
            downloads=downloads.get(briefing.pk, 0),
            useful=answered.get("yes", 0),
            not_useful=answered.get("no", 0),
        )
        briefings.append(BriefingRow(briefing, figures))
        totals.add(figures)
        for theme in briefing.themes.all():
            themes[theme.pk].briefings += 1
            themes[theme.pk].figures.add(figures)

    pages = {
        page["pk"]: page
        for page in Page.objects.filter(pk__in=answers).values("pk", "title", "content_type")
    }
    review_type = ContentType.objects.get_for_model(ReviewPage).pk
    # Reviews' answers count under their themes too (briefings' already do, above).
    for link in ReviewPage.themes.through.objects.filter(reviewpage_id__in=answers).values(
        "reviewpage_id", "theme_id"
    ):
        answered = answers[link["reviewpage_id"]]
        row = themes[link["theme_id"]]
        row.figures.useful += answered["yes"]
        row.figures.not_useful += answered["no"]
    for page_id in set(answers) - {row.briefing.pk for row in briefings}:
        totals.useful += answers[page_id]["yes"]
        totals.not_useful += answers[page_id]["no"]

    for theme, subscribers in subscribers_per_theme(start=start, end=end):
        if theme.pk in themes:
            themes[theme.pk].subscribers = subscribers

    labels = dict(Agency.choices)
    by_agency = [
        (labels.get(row["agency"], row["agency"]), row["uses"], row["people"])
        for row in uses.values("agency")
        .annotate(uses=Count("pk"), people=Sum("people"))
        .order_by("-uses", "agency")
    ]
    by_month = [
        (row["month"], row["uses"], row["people"])
        for row in uses.annotate(month=TruncMonth("date_used"))
        .values("month")
        .annotate(uses=Count("pk"), people=Sum("people"))
        .order_by("month")
    ]
    feedback_rows = sorted(
        (
            FeedbackRow(
                page_id=page_id,
                title=pages[page_id]["title"],
                kind="Review" if pages[page_id]["content_type"] == review_type else "Briefing",
                useful=row["yes"],
                not_useful=row["no"],
                comments=row["comments"],
            )
            for page_id, row in answers.items()
            if page_id in pages
        ),
        key=lambda row: (-(row.useful + row.not_useful), row.title, row.page_id),
    )
    with_comments = feedback.exclude(comment="").select_related("page")
    return ImpactReport(
        start=start,
        end=end,
        totals=totals,
        briefings=briefings,
        themes=list(themes.values()),
        by_agency=by_agency,
        by_month=by_month,
        feedback=feedback_rows,
        comments=list(with_comments[:COMMENTS_SHOWN]),
        comment_count=sum(row.comments for row in feedback_rows),
    )


# The CSV: one file for the yearly report, its tables one under another, each with a title
# row; then every use recorded and every comment in the range, which the page leaves to the
# admin's lists.


def csv_rows(report):
    """The report as rows of cells, before they are made spreadsheet-safe."""
    period = f"{report.start or 'the start'} to {report.end or 'today'}"
    yield ["Impact report", period]
    yield []
    yield ["Totals"]
    yield ["Uses recorded", "People reached", "Printable downloads", "Useful: yes", "Useful: no"]
    yield figure_cells(report.totals)
    yield []
    yield ["By briefing"]
    yield [
        "Briefing",
        "Address",
        "Uses recorded",
        "People reached",
        "Printable downloads",
        "Useful: yes",
        "Useful: no",
    ]
    for row in report.briefings:
        address = public_url(row.briefing.url) if row.briefing.live and row.briefing.url else ""
        yield [row.briefing.title, address, *figure_cells(row.figures)]
    yield []
    yield ["By theme"]
    yield [
        "Theme",
        "Briefings",
        "Uses recorded",
        "People reached",
        "Printable downloads",
        "Useful: yes",
        "Useful: no",
        "Alert subscribers",
    ]
    for row in report.themes:
        yield [row.theme.name, row.briefings, *figure_cells(row.figures), row.subscribers]
    yield []
    yield ["Uses by agency"]
    yield ["Agency", "Uses recorded", "People reached"]
    yield from ([label, uses, people] for label, uses, people in report.by_agency)
    yield []
    yield ["Uses by month"]
    yield ["Month", "Uses recorded", "People reached"]
    yield from ([f"{month:%Y-%m}", uses, people] for month, uses, people in report.by_month)
    yield []
    yield ["Feedback by page"]
    yield ["Page", "Kind", "Useful: yes", "Useful: no", "Comments"]
    for row in report.feedback:
        yield [row.title, row.kind, row.useful, row.not_useful, row.comments]
    yield []
    yield ["Uses recorded"]
    yield ["Date used", "Briefing", "Team or setting", "Agency", "People", "Actions agreed"]
    uses = uses_between(report.start, report.end).select_related("briefing")
    for use in uses.order_by("date_used", "pk").iterator():
        yield [
            f"{use.date_used:%Y-%m-%d}",
            use.briefing.title,
            use.team,
            use.get_agency_display(),
            use.people,
            use.actions_agreed,
        ]
    yield []
    yield ["Comments"]
    yield ["Received", "Page", "Useful", "Comment"]
    comments = feedback_between(report.start, report.end).exclude(comment="")
    for answer in comments.select_related("page").order_by("created_at", "pk").iterator():
        yield [
            f"{timezone.localtime(answer.created_at):%Y-%m-%d %H:%M}",
            answer.page.title,
            "yes" if answer.useful else "no",
            answer.comment,
        ]


def figure_cells(figures):
    return [figures.uses, figures.people, figures.downloads, figures.useful, figures.not_useful]


class _Lines:
    """A file that hands back what is written to it, for streaming CSV one row at a time."""

    def write(self, line):
        return line


def csv_response(report):
    """The report as a CSV download: every cell quoted and spreadsheet-safe, as the site's
    other CSV."""
    writer = csv.writer(_Lines(), quoting=csv.QUOTE_ALL)
    lines = (writer.writerow([spreadsheet_safe(cell) for cell in row]) for row in csv_rows(report))
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    name = f"impact-report-{report.start or 'start'}-to-{report.end or timezone.localdate()}"
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


class ImpactReportView(WagtailAdminTemplateMixin, TemplateView):
    """The report, filtered by a date range; ``?export=csv`` downloads it. Bad dates are the
    form's errors, and the report shows everything meanwhile."""

    page_title = "Impact"
    header_icon = "clipboard-list"
    template_name = "impact/admin/impact_report.html"

    def dispatch(self, request, *args, **kwargs):
        if not may_edit_pages(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"label": "Impact"}]

    def get(self, request, *args, **kwargs):
        form = ImpactReportForm(request.GET or None)
        valid = form.is_valid() if form.is_bound else True
        dates = form.cleaned_data if form.is_bound and valid else {}
        report = build_report(dates.get("start"), dates.get("end"))
        if valid and request.GET.get("export") == "csv":
            return csv_response(report)
        context = self.get_context_data(form=form, report=report, **kwargs)
        status = 200 if valid else 400
        return self.render_to_response(context, status=status)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query["export"] = "csv"
        context["csv_url"] = f"{self.request.path}?{query.urlencode()}"
        context["comments_shown"] = COMMENTS_SHOWN
        return context


class ImpactReportMenuItem(MenuItem):
    """Reports > Impact, for the staff who may see the report."""

    def is_shown(self, request):
        return may_edit_pages(request.user)


class ImpactPanel(Component):
    """The dashboard's "Impact this year" panel: the report's totals since 1 April (the
    partnership's reporting year), with a link to the report."""

    name = "impact_summary"
    template_name = "impact/admin/impact_panel.html"
    order = 170

    def render_html(self, parent_context=None):
        if not may_edit_pages(parent_context["request"].user):
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context):
        start = reporting_year_start(timezone.localdate())
        uses = uses_between(start, None).aggregate(uses=Count("pk"), people=Sum("people"))
        answers = feedback_between(start, None).aggregate(
            yes=Count("pk", filter=Q(useful=True)),
            no=Count("pk", filter=Q(useful=False)),
        )
        downloads = within(BriefingDownloadCount.objects.all(), "day", start, None).aggregate(
            downloads=Sum("downloads")
        )
        totals = Figures(
            uses=uses["uses"],
            people=uses["people"] or 0,
            downloads=downloads["downloads"] or 0,
            useful=answers["yes"],
            not_useful=answers["no"],
        )
        report_url = reverse("impact_report")
        return {
            "start": start,
            "totals": totals,
            "report_url": f"{report_url}?start={start:%Y-%m-%d}",
        }


def reporting_year_start(today):
    """1 April of the reporting year ``today`` is in: partnerships report April to March."""
    year = today.year if today.month >= 4 else today.year - 1
    return date(year, 4, 1)


urlpatterns = [path("reports/impact/", ImpactReportView.as_view(), name="impact_report")]
