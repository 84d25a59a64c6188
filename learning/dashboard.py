"""The admin dashboard's "Broken links" panel: the links the nightly check found broken (and
so hidden from the public), each linking to its editor, with their number and a way to the
link report. Shown to those who may edit external resources (``learning.wagtail_hooks``)."""

from django.db.models import Max
from django.urls import reverse
from wagtail.admin.ui.components import Component

from learning.models import ExternalResource

SHOWN = 10  # the rest are a click away, in the link report


class BrokenLinksPanel(Component):
    """The dashboard panel listing broken links, or saying there are none."""

    name = "broken_links"
    template_name = "learning/admin/broken_links_panel.html"
    order = 150  # above Wagtail's own panels: a broken link is something to act on

    def get_context_data(self, parent_context):
        broken = ExternalResource.objects.broken().order_by("failing_since", "title", "pk")
        return {
            "broken_links": broken[:SHOWN],
            "broken_count": broken.count(),
            "last_checked": ExternalResource.objects.aggregate(last=Max("last_checked"))["last"],
            "report_url": reverse("learning_link_report"),
        }
