"""Filter forms for the learning listings and the feeds.

Forms import no models: the page or view that builds a form gives it the themes that exist
(``Theme.objects.options()``), so the models can import the forms.
"""

from django import forms

from safeguarding_site.listing import QUERY_MAX_LENGTH, ListingFilterForm
from safeguarding_site.querysets import NEWEST_FIRST


class ThemeFilterForm(ListingFilterForm):
    """A listing filter form with a ``theme`` field offering ``themes``, (slug, name) pairs."""

    theme = forms.ChoiceField(label="Theme", required=False)

    def __init__(self, *args, themes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = list(themes)

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
    sort_orders = {"newest": NEWEST_FIRST}


class ResourceFilterForm(ThemeFilterForm):
    """The theme filter of the external resources (``/resources/``), grouped by type."""

    facets = {"theme": "themes__slug"}
    sort_orders = {"type": ("resource_type", "title", "pk")}


class FeedFilterForm(ThemeFilterForm):
    """The one filter a feed takes: ``?theme=<slug>``."""

    facets = {"theme": "themes__slug"}
