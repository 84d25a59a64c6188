"""The admin's link report, at /admin/reports/links/ in the Reports menu: the external resources
whose links need attention (broken, failing, or not confirmed yet; a filter shows the others),
each with its address, state, HTTP status, last check and the reviews that use it. It
downloads as CSV or XLSX.

"Used by" lists reviews only: reviews link resources (``ReviewPage.related_resources``, the
reverse relation ``reviews`` here); briefings and news do not link resources. The relation is
followed by name, so ``learning`` still imports nothing from ``reviews``.

Who may see it: whoever may edit external resources (the snippet's change permission).
"""

import csv

import django_filters
from django.utils import timezone
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.coreutils import multigetattr
from wagtail.permissions import policy_registry

from learning.choices import LinkStatus
from learning.models import ExternalResource
from safeguarding_site.spreadsheets import spreadsheet_safe

NEEDS_ATTENTION = "Needs attention: broken, failing or not confirmed yet"
FAILING = "failing"
ALL = "all"


def may_manage_links(user):
    """Whether ``user`` may see the link report and the broken-links panel: those who may
    edit external resources, who can act on what they show."""
    return policy_registry.get_by_type(ExternalResource).user_has_permission(user, "change")


class LinkStateFilter(django_filters.ChoiceFilter):
    """Which links to list; with no choice, those that need attention."""

    def filter(self, qs, value):
        if value == ALL:
            return qs
        if value == FAILING:
            return qs.failing()
        if value in LinkStatus.values:
            return qs.filter(link_status=value)
        return qs.needing_attention()


class LinkReportFilterSet(WagtailFilterSet):
    state = LinkStateFilter(
        label="Links",
        empty_label=NEEDS_ATTENTION,
        choices=[
            (LinkStatus.BROKEN, "Broken"),
            (FAILING, "Failing: broken if the next check fails too"),
            (LinkStatus.UNCHECKED, LinkStatus.UNCHECKED.label),
            (LinkStatus.MOVED, "Moved: the address should be changed"),
            (LinkStatus.WORKING, "Working"),
            (ALL, "All links"),
        ],
    )

    class Meta:
        model = ExternalResource
        fields = []


def reviews_using(resource):
    """The reviews that link ``resource``, by title (prefetched by the report)."""
    return sorted(resource.reviews.all(), key=lambda review: review.title)


class AddressColumn(Column):
    """The address, as a link that opens in a new tab."""

    cell_template_name = "learning/admin/link_report_address_cell.html"


class StateColumn(Column):
    """The state, with what the last check found and since when the link has been failing."""

    cell_template_name = "learning/admin/link_report_state_cell.html"


class UsedByColumn(Column):
    """The reviews that link the resource, each linking to its editor."""

    cell_template_name = "learning/admin/link_report_used_by_cell.html"

    def get_value(self, instance):
        return reviews_using(instance)


class LinkReportView(ReportView):
    """Broken, failing and unconfirmed links (a filter shows the rest), with their reviews."""

    model = ExternalResource
    permission_required = "change"
    page_title = "Link checks"
    header_icon = "link-external"
    index_url_name = "learning_link_report"
    index_results_url_name = "learning_link_report_results"
    filterset_class = LinkReportFilterSet
    default_ordering = "title"
    verbose_name_plural = "links"
    columns = [
        TitleColumn(
            "title",
            label="Resource",
            url_name="wagtailsnippets_learning_externalresource:edit",
            sort_key="title",
            width="22%",
        ),
        AddressColumn("url", label="Address", width="20%"),
        StateColumn("link_status", label="State", sort_key="link_status", width="20%"),
        Column("http_status", label="HTTP status", sort_key="http_status", width="8%"),
        Column("last_checked", label="Last checked", sort_key="last_checked", width="10%"),
        UsedByColumn("used_by", label="Used by", width="20%"),
    ]
    list_export = [
        "title",
        "url",
        "get_link_status_display",
        "http_status",
        "last_checked",
        "failing_since",
        "failed_checks",
        "check_note",
        "moved_to",
        "used_by",
    ]
    export_headings = {
        "title": "Resource",
        "url": "Address",
        "get_link_status_display": "State",
        "http_status": "HTTP status",
        "last_checked": "Last checked",
        "failing_since": "Failing since",
        "failed_checks": "Failed checks in a row",
        "check_note": "What the last check found",
        "moved_to": "Moved to",
        "used_by": "Used by (reviews)",
    }
    # In CSV, no cell a spreadsheet could read as a formula; each review's title on its own,
    # as a spreadsheet that splits the cell on ";" meets each alone.
    custom_value_preprocess = {
        **ReportView.custom_value_preprocess,
        str: {ReportView.FORMAT_CSV: spreadsheet_safe},
    }
    custom_field_preprocess = {
        "used_by": {
            ReportView.FORMAT_CSV: lambda titles: "; ".join(map(spreadsheet_safe, titles)),
            ReportView.FORMAT_XLSX: "; ".join,
        }
    }

    def filter_queryset(self, queryset):
        if self.filters and not self.filters.is_valid():
            return queryset.needing_attention()  # an unknown choice: the default list
        return super().filter_queryset(queryset)

    def get_base_queryset(self):
        return ExternalResource.objects.prefetch_related("reviews")

    def order_queryset(self, queryset):
        queryset = super().order_queryset(queryset)
        # A stable order within equal states, codes or dates: by title, then id.
        return queryset.order_by(*queryset.query.order_by, "title", "pk")

    def get_filename(self):
        return f"link-report-{timezone.localdate():%Y-%m-%d}"

    def to_row_dict(self, item):
        return {
            field: (
                [review.title for review in reviews_using(item)]
                if field == "used_by"
                else multigetattr(item, field)
            )
            for field in self.list_export
        }

    def stream_csv(self, queryset):
        """The CSV line by line, every cell quoted (as the site's other CSV), so a spreadsheet
        that splits cells on another character keeps each whole."""
        writer = csv.DictWriter(_Lines(), fieldnames=self.list_export, quoting=csv.QUOTE_ALL)
        yield writer.writerow(
            {field: self.get_heading(queryset, field) for field in writer.fieldnames}
        )
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))


class _Lines:
    """A file that hands back what is written to it, for streaming CSV one row at a time."""

    def write(self, line):
        return line


class LinkReportMenuItem(MenuItem):
    """The report's entry in the Reports menu, for those who may see it."""

    def is_shown(self, request):
        return may_manage_links(request.user)
