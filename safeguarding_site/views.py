"""Views outside the page tree: site search."""

from django import forms
from django.template.response import TemplateResponse
from wagtail.models import Page

from safeguarding_site.listing import paginate

QUERY_MAX_LENGTH = 100


class SearchForm(forms.Form):
    """The site search box: one query, capped so a huge value is a form error, not a slow search."""

    q = forms.CharField(label="Search this site", max_length=QUERY_MAX_LENGTH, strip=True)


def search(request):
    """Search every live, public page (never the secure area: ``.public()``)."""
    form = SearchForm(request.GET or None)
    results = None
    if form.is_valid():
        pages = Page.objects.live().public().specific().search(form.cleaned_data["q"])
        results = paginate(request, pages)
    response = TemplateResponse(request, "search/search.html", {"form": form, "results": results})
    return response
