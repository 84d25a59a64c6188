"""The "Overdue recommendations" panel of the admin dashboard: how many recommendations of
live reviews are overdue, the longest overdue first, each linking to its review's editor, and a
link to the full report (``reviews.reports``). Shown to the staff who may see that report."""

from django.urls import reverse
from wagtail.admin.ui.components import Component

from reviews.reports import may_track_recommendations, recommendations_for_staff

PANEL_LIMIT = 5


class OverdueRecommendationsPanel(Component):
    """The dashboard panel; ``reviews.wagtail_hooks`` adds it to the home page's panels."""

    name = "overdue_recommendations"
    template_name = "reviews/admin/overdue_recommendations_panel.html"
    order = 150  # after Wagtail's summary of the site, before its lists of pages

    def render_html(self, parent_context=None):
        if not may_track_recommendations(parent_context["request"].user):
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context):
        overdue = recommendations_for_staff(parent_context["request"].user).overdue()
        return {
            "count": overdue.count(),
            "recommendations": list(overdue[:PANEL_LIMIT]),
            "report_url": reverse("recommendation_report"),
            "overdue_url": reverse("recommendation_report") + "?overdue=true",
        }
