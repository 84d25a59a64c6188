"""The filter forms of the review listing (``/reviews/``), the recommendation tracker
(``/reviews/recommendations/``) and their exports, and the public form to request an archived
review's full report."""

from django import forms

from learning.forms import ThemeFilterForm
from reviews.choices import AgeBand, ReviewType, TrackedStatus
from safeguarding_site.form_guard import GuardedForm
from safeguarding_site.listing import QUERY_MAX_LENGTH, Facet, ListingFilterForm, year_of
from safeguarding_site.querysets import NEWEST_FIRST, OLDEST_FIRST, newest_first_through

EARLIEST_YEAR = 1990
LATEST_YEAR = 2100
# The longest answers the full-report request takes, as its model stores them.
NAME_MAX_LENGTH = 100
EMAIL_MAX_LENGTH = 254
ORGANISATION_MAX_LENGTH = 150
REASON_MAX_LENGTH = 2000


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
            years = sorted((year for year in counts if year not in (None, "")), reverse=True)
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


class FullReportRequestForm(GuardedForm):
    """What someone asking for an archived review's full report tells the partnership: no more
    than it needs to answer (``reviews.report_requests``)."""

    guard_salt = "reviews.full-report-request"

    name = forms.CharField(label="Your name", max_length=NAME_MAX_LENGTH)
    email = forms.EmailField(
        label="Your email address",
        max_length=EMAIL_MAX_LENGTH,
        help_text="The partnership replies to this address.",
    )
    organisation = forms.CharField(
        label="Your organisation (optional)",
        required=False,
        max_length=ORGANISATION_MAX_LENGTH,
        help_text="If you ask for your work, for example a school, a GP practice or a charity.",
    )
    reason = forms.CharField(
        label="Why you need the full report",
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="For example for training, research or your work with a family. "
        f"At most {REASON_MAX_LENGTH:,} characters.",
    )

    field_order = ["name", "email", "organisation", "reason"]

    @property
    def answer_fields(self):
        """The fields the requester fills in, in order (not the hidden defences)."""
        return [self[name] for name in self.field_order]

    @property
    def answers(self):
        """The cleaned answers a request is stored with."""
        return {name: self.cleaned_data[name] for name in self.field_order}
