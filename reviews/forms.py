"""The filter forms of the review listing (``/reviews/``), the recommendation tracker
(``/reviews/recommendations/``) and their exports."""

from django import forms

from learning.forms import ThemeFilterForm
from reviews.choices import AgeBand, ReviewType, TrackedStatus
from safeguarding_site.listing import QUERY_MAX_LENGTH, Facet, ListingFilterForm, year_of
from safeguarding_site.querysets import NEWEST_FIRST, OLDEST_FIRST, newest_first_through

EARLIEST_YEAR = 1990
LATEST_YEAR = 2100


def year_field(label):
    """A year filter: any year in range is valid (so the cache holds at most one page per
    year), offered as a list of the years that have items (``YearFacetMixin``)."""
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=EARLIEST_YEAR,
        max_value=LATEST_YEAR,
        widget=forms.Select,
        error_messages={"invalid": "Choose a year from the list."},
    )


class YearFacetMixin:
    """A listing filter form whose ``year`` facet offers the years that have items, newest
    first (an item without the date has no year, and is not an option)."""

    def facet_options(self, name, counts):
        if name == "year":
            years = sorted((year for year in counts if year not in ("None", "")), reverse=True)
            return [(year, year) for year in years]
        return super().facet_options(name, counts)


class ReviewFilterForm(YearFacetMixin, ThemeFilterForm):
    """Search, theme, type, year and age band, combinable, with counts on every option."""

    q = forms.CharField(
        label="Search reviews", required=False, max_length=QUERY_MAX_LENGTH, strip=True
    )
    type = forms.ChoiceField(label="Type of review", required=False, choices=ReviewType.choices)
    year = year_field("Year published")
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


class RecommendationFilterForm(YearFacetMixin, ListingFilterForm):
    """Owning agency, status (overdue included) and the year due, combinable, with counts on
    every option; the tracker lists recommendations by review, newest review first.

    The year is the year a recommendation is *due*, not the year its review was published:
    the partnership's yearly report says what was done about the work that fell due in the
    year (the review listing already filters by year published).
    """

    agency = forms.ChoiceField(label="Owning agency", required=False)
    status = forms.ChoiceField(label="Status", required=False, choices=TrackedStatus.choices)
    year = year_field("Year due")

    field_order = ["agency", "status", "year"]
    facets = {
        "agency": "owning_agency",
        "status": "tracked_status",  # worked out: RecommendationQuerySet.with_tracked_status
        "year": Facet("due_date__year", group_by=year_of("due_date")),
    }
    # No choice of order: by review as the review listing orders them, then the editors' order.
    sort_orders = {"review": (*newest_first_through("review"), "sort_order", "pk")}

    def __init__(self, *args, agencies=(), **kwargs):
        """``agencies``: the owning agencies that public recommendations name."""
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [(agency, agency) for agency in agencies]
