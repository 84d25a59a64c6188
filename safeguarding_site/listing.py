"""The one listing helper: every page that lists other pages builds its results here.

A listing is: a validated filter form -> the page's live, public queryset -> the form's
filters -> ``select_related``/``prefetch_related`` -> a paginator that answers 404 for a page
that does not exist. No raw ``request.GET`` value reaches the ORM: the page number is checked
by the paginator and every filter value by the form.

This module imports nothing from the site's apps, so any app may use it.
"""

from dataclasses import dataclass, field

from django import forms
from django.core.paginator import InvalidPage, Page, Paginator
from django.http import Http404

PER_PAGE = 12


class ListingFilterForm(forms.Form):
    """Base class for a listing's filter form.

    Subclasses declare their fields and implement ``filter_queryset``, which receives only
    the fields that validated (``cleaned_data``) and returns the narrowed queryset.
    """

    def filter_queryset(self, queryset, cleaned_data):
        return queryset


@dataclass
class Listing:
    """What a listing template needs: the page of results, the form and the page links."""

    page: Page
    form: ListingFilterForm | None = None
    page_range: list = field(default_factory=list)

    @property
    def items(self):
        return self.page.object_list

    @property
    def count(self):
        return self.page.paginator.count


def paginate(request, queryset, per_page=PER_PAGE):
    """The requested page of ``queryset``; a missing, non-numeric or out-of-range page is a 404.

    An empty ``?page=`` means the first page.
    """
    paginator = Paginator(queryset, per_page)
    number = request.GET.get("page") or 1
    try:
        return paginator.page(number)
    except InvalidPage as error:
        raise Http404(f"There is no page {str(number)[:20]!r} in this list.") from error


def build_listing(request, queryset, *, form_class=None, per_page=PER_PAGE):
    """Filter and paginate ``queryset`` (already ``.live().public()``) for ``request``."""
    form = None
    if form_class is not None:
        form = form_class(request.GET or None)
        if form.is_bound:
            form.is_valid()  # fills cleaned_data with the fields that validated
            queryset = form.filter_queryset(queryset, getattr(form, "cleaned_data", {}))
    page = paginate(request, queryset, per_page)
    page_range = list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
    return Listing(page=page, form=form, page_range=page_range)
