"""Filter forms for the learning listings."""

from django import forms

from learning.models import Theme
from safeguarding_site.listing import QUERY_MAX_LENGTH, ListingFilterForm


class ThemeFilterForm(ListingFilterForm):
    """A listing filter form with a ``theme`` field offering the themes that exist.

    The themes are read once, when the form is built.
    """

    theme = forms.ChoiceField(label="Theme", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = list(Theme.objects.values_list("slug", "name"))

    @property
    def selected_theme_name(self):
        """The name of the chosen theme, or an empty string."""
        return dict(self.fields["theme"].choices).get(self.values.get("theme"), "")


class BriefingFilterForm(ThemeFilterForm):
    """Search and theme for the 7-minute briefings (``/learning/``)."""

    q = forms.CharField(
        label="Search briefings", required=False, max_length=QUERY_MAX_LENGTH, strip=True
    )

    field_order = ["q", "theme"]
    facets = {"theme": "themes__slug"}
    sort_orders = {"newest": ("-published_date", "title", "pk")}


class FeedFilterForm(ThemeFilterForm):
    """The one filter a feed takes: ``?theme=<slug>``."""

    facets = {"theme": "themes__slug"}
