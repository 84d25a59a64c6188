"""Admin registration for the learning snippets: themes, audiences and external resources."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from learning.models import Audience, ExternalResource, Theme


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
