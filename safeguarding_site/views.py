"""Views outside the page tree: site search, robots.txt and the health check."""

from django import forms
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from wagtail.models import Page

from learning.models import BriefingPage, NewsPage
from reviews.models import ReviewPage
from safeguarding_site.addresses import public_url
from safeguarding_site.cache import declare_query
from safeguarding_site.listing import (
    BAD_FILTER_STATUS,
    QUERY_MAX_LENGTH,
    RankedSearch,
    page_parameter,
    paginate,
)
from safeguarding_site.themes import public_resources

RESOURCE_RESULT_LIMIT = 5
TYPE_LABELS = {
    ReviewPage: "Review",
    BriefingPage: "7-minute briefing",
    NewsPage: "News",
}


class SearchForm(forms.Form):
    """The site search box: one query, capped so a huge value is a form error, not a slow search."""

    q = forms.CharField(
        label="Search this site",
        max_length=QUERY_MAX_LENGTH,
        strip=True,
        error_messages={
            "required": "Enter what you are looking for.",
            "max_length": f"Search for at most {QUERY_MAX_LENGTH} characters.",
        },
    )


@require_safe
def search(request):
    """Search every live, public page (never the secure area: ``.public()``) and resources."""
    form = SearchForm(request.GET or None)
    results = None
    page_range = []
    labelled_results = []
    resources = []
    if form.is_valid():
        words = form.cleaned_data["q"]
        pages = RankedSearch(Page.objects.live().public().exclude(depth__lte=1).specific(), words)
        results = paginate(request, pages)
        # Cached under the words searched for. An empty ?page= is the first page, but an
        # empty ?q= asks for the form's error message: not the same page as /search/.
        declare_query(
            request,
            {"q": form.cleaned_data["q"], **page_parameter(request, results)},
            names={"q", "page"},
            blank_means_absent={"page"},
        )
        page_range = list(results.paginator.get_elided_page_range(results.number, on_ends=1))
        labelled_results = [(page, TYPE_LABELS.get(type(page), "Page")) for page in results]
        if results.number == 1:
            resources = list(RankedSearch(public_resources(), words)[:RESOURCE_RESULT_LIMIT])
    context = {
        "form": form,
        "results": results,
        "page_range": page_range,
        "labelled_results": labelled_results,
        "resources": resources,
    }
    # A search that is not valid (empty, too long) is answered 400, as a bad filter value is
    # on every listing route; the page still shows the form and its error.
    status = BAD_FILTER_STATUS if form.is_bound and not form.is_valid() else 200
    return TemplateResponse(request, "search/search.html", context, status=status)


@require_safe
def robots_txt(request):
    """Crawlers may read the public site; the admin, search results and the forms that record
    a briefing's use or a page's feedback are not for indexing."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "Disallow: /used/",
        "Disallow: /feedback/",
        # The public address, never the request's host: the answer is cached for every host.
        f"Sitemap: {public_url('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def health(request):
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@csrf_exempt  # it does nothing, so a POST without a token gets the 404 too, not a 403
def not_found(request, *args, **kwargs):
    """404 for every method and input: an address the site keeps but does not serve."""
    raise Http404
