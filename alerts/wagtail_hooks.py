"""Staff see who subscribes to email alerts in the admin ("Alert subscribers"): a read-only
list with how many there are, searched by address and filtered by theme, frequency and the day
they confirmed. Nobody adds, edits or deletes a subscriber there: people subscribe and
unsubscribe themselves, and ``manage.py alerts_subscriber`` exports or erases one on request.
Only staff with the "view" permission (Moderators, by a migration, and superusers) see it."""

import django_filters
from django.contrib.auth import get_permission_codename
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from alerts.choices import Frequency
from alerts.models import Subscriber
from learning.models import Theme

VIEW_ONLY = frozenset({"view"})


class ViewOnlyPolicy(ModelPermissionPolicy):
    """Staff with the model's "view" permission may read subscribers, nothing else."""

    def user_has_permission(self, user, action):
        return action in VIEW_ONLY and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(set(actions) & VIEW_ONLY)


register_permission_policy(Subscriber, ViewOnlyPolicy(Subscriber))


class SubscriberFilterSet(WagtailFilterSet):
    """Filter subscribers by a theme they chose, how often they hear, the day they confirmed."""

    themes = django_filters.ModelChoiceFilter(queryset=Theme.objects.all(), label="Theme")
    frequency = django_filters.ChoiceFilter(choices=Frequency.choices, label="How often")
    confirmed_at = django_filters.DateFromToRangeFilter(
        label="Confirmed", widget=DateRangePickerWidget
    )

    class Meta:
        model = Subscriber
        fields = ["themes", "frequency", "confirmed_at"]


class SubscriberIndexView(IndexView):
    """The list, with the number of subscribers above it."""

    results_template_name = "alerts/admin/subscriber_index_results.html"

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["subscriber_total"] = Subscriber.objects.count()
        return context


class SubscriberViewSet(ModelViewSet):
    """The admin's "Alert subscribers": each to read, never to add, edit or delete. Group
    permissions offer only "view" (Settings, Groups)."""

    model = Subscriber
    name = "alert_subscribers"
    url_prefix = "alert-subscribers"
    icon = "mail"
    menu_label = "Alert subscribers"
    add_to_admin_menu = True
    menu_order = 260
    index_view_class = SubscriberIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["email", "frequency", "confirmed_at", "last_sent_at"]
    filterset_class = SubscriberFilterSet
    search_fields = ["email"]
    inspect_view_fields = [
        "email",
        "themes",
        "review_types",
        "all_briefings",
        "frequency",
        "confirmed_at",
        "last_sent_at",
    ]
    # Required of a ModelViewSet, though its permission policy refuses its add and edit views.
    form_fields = ["email"]

    def get_permissions_to_register(self):
        codenames = [get_permission_codename(action, self.model_opts) for action in VIEW_ONLY]
        return super().get_permissions_to_register().filter(codename__in=codenames)


@hooks.register("register_admin_viewset")
def register_alert_subscribers():
    return SubscriberViewSet()
