"""Theme hubs: ``/themes/`` and ``/themes/<slug>/``.

A hub gathers a theme's reviews, briefings, resources and news, and shows how often the theme
has appeared in reviews year by year: the national panel's "stubborn and perennial problems",
made visible locally.
"""

from dataclasses import dataclass

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse

from learning.models import BriefingPage, ExternalResource, NewsPage, Theme
from reviews.models import ReviewPage
from safeguarding_site.listing import Facet, year_of
from safeguarding_site.option_counts import kept_option_table

HUB_REVIEW_LIMIT = 12
HUB_NEWS_LIMIT = 6
CHART_WIDTH = 640
CHART_HEIGHT = 200
CHART_BASELINE = 170  # leaves room under the bars for the year labels
CHART_TOP = 24  # leaves room above the tallest bar for its count


def public_reviews():
    return ReviewPage.objects.live().public()


def public_briefings():
    return BriefingPage.objects.live().public()


def public_resources():
    return ExternalResource.objects.public()


# What the hubs count: items by theme, and reviews by theme and year published.
THEME_FACETS = {"theme": "themes"}
REVIEW_FACETS = {**THEME_FACETS, "year": Facet("published_date__year", year_of("published_date"))}


def counted_hubs():
    """(queryset, facets) of what the hubs count, counted again after every change
    (``option_counts.refresh``), so no hub groups the archive."""
    yield public_reviews(), REVIEW_FACETS
    yield public_briefings(), THEME_FACETS
    yield public_resources(), THEME_FACETS


def counts_by_theme(queryset, facets=THEME_FACETS):
    """{theme id (text): number of items}, from the kept counts of ``queryset``."""
    return kept_option_table(queryset, facets).counts("theme", {})


def theme_index(request):
    """Every theme with how many reviews, briefings and resources carry it."""
    reviews = counts_by_theme(public_reviews(), REVIEW_FACETS)
    briefings = counts_by_theme(public_briefings())
    resources = counts_by_theme(public_resources())
    themes = [
        {
            "theme": theme,
            "reviews": reviews.get(str(theme.pk), 0),
            "briefings": briefings.get(str(theme.pk), 0),
            "resources": resources.get(str(theme.pk), 0),
        }
        for theme in Theme.objects.all()
    ]
    return TemplateResponse(request, "safeguarding_site/theme_index.html", {"themes": themes})


@dataclass
class Bar:
    """One year's bar in the recurring-theme chart, in SVG user units."""

    year: int
    count: int
    x: float
    y: float
    width: float
    height: float

    @property
    def centre(self):
        return round(self.x + self.width / 2, 1)

    @property
    def value_y(self):
        """Where the count sits: just above the bar."""
        return round(self.y - 6, 1)


def year_chart(counts_by_year):
    """Bars for every year from the first review with the theme to the last, zeros included."""
    if not counts_by_year:
        return []
    first, last = min(counts_by_year), max(counts_by_year)
    years = list(range(first, last + 1))
    tallest = max(counts_by_year.values())
    slot = CHART_WIDTH / len(years)
    width = slot * 0.6
    bars = []
    for position, year in enumerate(years):
        count = counts_by_year.get(year, 0)
        height = (CHART_BASELINE - CHART_TOP) * count / tallest
        bars.append(
            Bar(
                year=year,
                count=count,
                x=round(position * slot + (slot - width) / 2, 1),
                y=round(CHART_BASELINE - height, 1),
                width=round(width, 1),
                height=round(height, 1),
            )
        )
    return bars


def theme_detail(request, slug):
    """One theme's reviews, briefings, resources and news, and its reviews year by year."""
    theme = get_object_or_404(Theme, slug=slug)
    reviews = public_reviews().filter(themes=theme)
    by_year = {
        int(year): items
        for year, items in kept_option_table(public_reviews(), REVIEW_FACETS)
        .counts("year", {"theme": theme.pk})
        .items()
        if year is not None
    }
    context = {
        "theme": theme,
        "trail": [("Themes", reverse("theme_index"))],
        "reviews": list(
            reviews.defer_streamfields()
            .prefetch_related("themes")
            .newest_first()[:HUB_REVIEW_LIMIT]
        ),
        "review_count": sum(by_year.values()),
        "briefings": list(
            public_briefings().filter(themes=theme).prefetch_related("themes").newest_first()
        ),
        "resources": list(public_resources().filter(themes=theme).order_by("title")),
        "news": list(
            NewsPage.objects.live()
            .public()
            .filter(themes=theme)
            .defer_streamfields()
            .newest_first()[:HUB_NEWS_LIMIT]
        ),
        "chart": {
            "bars": year_chart(by_year),
            "width": CHART_WIDTH,
            "height": CHART_HEIGHT,
            "baseline": CHART_BASELINE,
            "label_y": CHART_BASELINE + 20,
        },
    }
    return TemplateResponse(request, "safeguarding_site/theme_detail.html", context)
