"""The admin dashboard's "Scheduled to go live" panel (``construct_homepage_panels``).

Every page with a version waiting for its go-live time, soonest first: when it goes live, who
scheduled it, whether it replaces a live version, and a link to edit it. Editors see the pages
they may edit or publish. Wagtail itself shows a schedule only on each page's own status.
"""

from dataclasses import dataclass

from wagtail.admin.ui.components import Component
from wagtail.models import Page, Revision
from wagtail.permissions import policy_registry


@dataclass(frozen=True)
class ScheduledPage:
    """A page and its revision that is waiting for its go-live time."""

    page: Page
    revision: Revision


def scheduled_pages(user):
    """The pages ``user`` may edit or publish that have a revision scheduled, soonest first."""
    revisions = list(
        Revision.page_revisions.filter(approved_go_live_at__isnull=False)
        .select_related("user")
        .order_by("approved_go_live_at", "pk")
    )
    pages = (
        policy_registry.get_by_type(Page)
        .instances_user_has_any_permission_for(user, ["change", "publish"])
        .in_bulk([int(revision.object_id) for revision in revisions])
    )
    return [
        ScheduledPage(page=pages[int(revision.object_id)], revision=revision)
        for revision in revisions
        if int(revision.object_id) in pages
    ]


class ScheduledPagesPanel(Component):
    """The dashboard panel listing ``scheduled_pages``, with an empty state."""

    name = "scheduled_pages"
    template_name = "safeguarding_site/admin/scheduled_pages_panel.html"
    order = 150  # above Wagtail's workflow (210, 220) and recent edits (250) panels

    def get_context_data(self, parent_context):
        return {"scheduled": scheduled_pages(parent_context["request"].user)}


def add_scheduled_pages_panel(request, panels):
    """``construct_homepage_panels`` hook: add the panel to the dashboard."""
    panels.append(ScheduledPagesPanel())
