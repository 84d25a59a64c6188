"""Copying and aliasing pages without carrying members-only content out of the secure area.

A copy carries the page's content; an alias shows it, kept in step with the original. Either,
put where a reader could open it without being a member, would show that reader a
members-only page. Wagtail's Copy view (with or without "Alias") asks the page type for its
form (``copy_form_class``): this one refuses such a destination with an error on the
destination field, so the editor can choose another. Code that calls ``Page.copy`` or
``Page.create_alias`` is refused too (``mixins.PartnershipPrivacyMixin``); an alias made any
other way is given its original's restriction (``privacy.keep_aliases_members_only``).

The rule (``privacy.copy_widens_readers``): a copy or alias is allowed where every reader who
may open it may open the original, e.g. under the secure area itself.
"""

from wagtail.admin.forms.pages import CopyForm

from safeguarding_site import privacy


class PrivacyKeepingCopyForm(CopyForm):
    """Wagtail's copy form, refusing a destination that would show a members-only page (or,
    when copying subpages, one under it) to readers who may not read it."""

    def clean(self):
        cleaned_data = super().clean()
        destination = cleaned_data.get("new_parent_page") or self.page.get_parent()
        if destination is not None and "new_parent_page" not in self.errors:
            widened = privacy.copy_widens_readers(
                self.page, destination, recursive=bool(cleaned_data.get("copy_subpages"))
            )
            if widened:
                self.add_error("new_parent_page", privacy.copy_refusal(widened))
        return cleaned_data
