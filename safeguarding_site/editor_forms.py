"""The editor's base forms for pages, snippets and settings that hold typed addresses: Wagtail's
own, refusing on a public page (or in a public snippet, or the site settings) an address of
members-only material typed or pasted into a URL field or a URL block.

Such a link could only ever be text to the page's readers (the templates ask the privacy rule
at every rendering, as a page may become members-only after a link to it was saved), so the
editor is told at once, on the field. Rich-text links by address are not refused: like links to
members-only pages chosen in rich text, they are listed in the editor's warnings and flagged by
the content checks (``safeguarding_site.privacy.boundary_crossings``).

A model with a URL field or block names one of these forms as its ``base_form_class``;
tests/test_typed_addresses.py finds every such model and fails for one that does not.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.fields import StreamField
from wagtail.models import Page

from safeguarding_site import privacy, typed_addresses


def refusal(href):
    """Why ``href`` may not be linked from public content, or ``None`` if it may."""
    target = privacy.members_only_target(href)
    if target is None:
        return None
    what = "page" if isinstance(target, Page) else "document"
    return (
        f"This address is of a members-only {what}, which readers of this public content may "
        "not open: they would see the link's text only. Link a public page instead, or "
        "put this link on a page in the secure area."
    )


def refuse_members_only_addresses(form):
    """Add an error to every URL field, and every URL block of a StreamField, of the bound and
    cleaned ``form`` whose address names members-only material."""
    for name, value in list(form.cleaned_data.items()):
        try:
            field = form._meta.model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if isinstance(field, models.URLField):
            message = refusal(value) if value else None
            if message:
                form.add_error(name, message)
        elif isinstance(field, StreamField):
            error = typed_addresses.stream_url_errors(field.stream_block, value, refusal)
            if error is not None:
                form.add_error(name, error)


class TypedAddressChecks:
    """Refuses addresses of members-only material in the object's URL fields and blocks and in
    those of its inline records, unless what it edits is itself members-only."""

    def holds_members_only_content(self):
        return False

    def clean(self):
        cleaned_data = super().clean()
        if self.holds_members_only_content():
            return cleaned_data
        refuse_members_only_addresses(self)
        for formset in self.formsets.values():
            formset.is_valid()  # cleans its records' forms, so that their addresses can be read
            for form in formset.forms:
                cleaned = getattr(form, "cleaned_data", None)
                if cleaned and not cleaned.get("DELETE"):
                    refuse_members_only_addresses(form)
        return cleaned_data


class PartnershipPageForm(TypedAddressChecks, WagtailAdminPageForm):
    """The page editor's form. A page under a members-only page may link members-only
    material: its readers are members."""

    def holds_members_only_content(self):
        page = self.instance if self.instance.pk else self.parent_page
        return page is not None and privacy.page_is_members_only(page)


class PartnershipModelForm(TypedAddressChecks, WagtailAdminModelForm):
    """The editor's form for snippets and settings, which the public reads."""
