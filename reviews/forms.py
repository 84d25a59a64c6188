"""The filter form of the review listing (``/reviews/``) and its exports."""

from django import forms

from learning.forms import ThemeFilterForm
from reviews.choices import AgeBand, ReviewType
from safeguarding_site.listing import QUERY_MAX_LENGTH, Facet, year_of
from safeguarding_site.querysets import NEWEST_FIRST, OLDEST_FIRST

EARLIEST_YEAR = 1990
LATEST_YEAR = 2100


class ReviewFilterForm(ThemeFilterForm):
    """Search, theme, type, year and age band, combinable, with counts on every option."""

    q = forms.CharField(
        label="Search reviews", required=False, max_length=QUERY_MAX_LENGTH, strip=True
    )
    type = forms.ChoiceField(label="Type of review", required=False, choices=ReviewType.choices)
    year = forms.IntegerField(
        label="Year published",
        required=False,
        min_value=EARLIEST_YEAR,
        max_value=LATEST_YEAR,
        widget=forms.Select,
        error_messages={"invalid": "Choose a year from the list."},
    )
    age = forms.ChoiceField(label="Child's age", required=False, choices=AgeBand.choices)
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[("newest", "Newest first"), ("oldest", "Oldest first"), ("title", "Title A to Z")],
    )

    field_order = ["q", "theme", "type", "year", "age", "sort"]
    facets = {
        "theme": "themes__slug",
        "type": "review_type",
        "year": Facet("published_date__year", group_by=year_of("published_date")),
        "age": "age_band",
    }
    sort_orders = {
        "newest": NEWEST_FIRST,
        "oldest": OLDEST_FIRST,
        "title": ("title", "pk"),
    }

    def facet_options(self, name, counts):
        if name == "year":
            return [(year, year) for year in sorted(counts, reverse=True)]
        return super().facet_options(name, counts)
