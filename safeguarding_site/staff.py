"""The admin as the partnership's staff use it every week: the dashboard's "Awaiting approval"
panel (everything submitted and not yet approved, whoever may approve it), the editor's guide
in the admin's Help menu, and the rule for what the public sent in (read and delete, never
add or change)."""

from django.contrib.auth.decorators import user_passes_test
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.models import WorkflowState
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy

PANEL_SHOWN = 10


def may_edit_pages(user):
    """Editors, Moderators and superusers: anyone who may write or publish pages."""
    return PagePermissionPolicy().user_has_any_permission(user, ["add", "change", "publish"])


class AwaitingApprovalPanel(Component):
    """Every page waiting for approval, oldest first, with who submitted it and when.

    Wagtail's own panels show a moderator what they may approve and an editor what they sent;
    the business manager needs the whole queue, to see that nothing has waited too long.
    """

    name = "awaiting_approval"
    template_name = "safeguarding_site/admin/awaiting_approval_panel.html"
    order = 90

    def get_context_data(self, parent_context):
        states = (
            WorkflowState.objects.active()
            .select_related("current_task_state__task", "requested_by")
            .prefetch_related("content_object")
            .order_by("created_at")
        )
        return {"states": list(states[:PANEL_SHOWN]), "waiting": states.count()}


def editors_guide(request):
    """The editor's guide: how the partnership's staff publish and keep the site current."""
    return TemplateResponse(request, "safeguarding_site/admin/editors_guide.html")


editors_guide_view = user_passes_test(may_edit_pages)(editors_guide)


class EditorsGuideMenuItem(MenuItem):
    """ "Partnership editor's guide" in the admin's Help menu."""

    def is_shown(self, request):
        return may_edit_pages(request.user)


def editors_guide_menu_item():
    return EditorsGuideMenuItem(
        "Partnership editor's guide",
        reverse("partnership_editors_guide"),
        icon_name="help",
        order=900,  # above Wagtail's own guide: this is the one about this site
        name="partnership-editors-guide",
    )


READ_ONLY_ACTIONS = frozenset({"view", "delete"})


class ReadAndDeletePolicy(ModelPermissionPolicy):
    """Staff with the model's permissions may read and delete what the public sent on a form
    (a request for a full report, a briefing's use, page feedback), never add or change it:
    it is what its sender wrote."""

    def user_has_permission(self, user, action):
        return action in READ_ONLY_ACTIONS and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(set(actions) & READ_ONLY_ACTIONS)
