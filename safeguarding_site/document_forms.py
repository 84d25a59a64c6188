"""The admin's document form (``WAGTAILDOCS_DOCUMENT_FORM_BASE``): used by Documents > Add, the
multiple upload and the upload tab of the document chooser in the page editor.

- A document uploaded while editing a members-only page (the chooser is opened from that
  page's editor) goes to the members' private collection unless the editor picks another.
- A document needs a title that says what it is, not its file name: "scan_0001" or
  "CRG-minutes-2026-03" tell a practitioner nothing, and the title is what lists show.
"""

import re
from urllib.parse import urlparse

from django import forms
from django.urls import Resolver404, resolve
from wagtail.documents.forms import BaseDocumentForm
from wagtail.models import Page

from safeguarding_site import privacy

# A title made only of a file name's characters (no spaces) with a separator, a digit or an
# extension in it: what Wagtail fills in from the file, or a scanner's name for it.
FILE_NAME_LIKE = re.compile(r"[\w.\-]*[_.\-\d][\w.\-]*")

COLLECTION_HELP = (
    "Who can download it. Only documents in a members' collection are protected: members "
    "must sign in. A document in any other collection can be downloaded by anyone who has its "
    "address, even if it is linked only from the secure area."
)


def page_being_edited(request):
    """The page whose editor opened this form (for the chooser, the page the editor came
    from): the page itself, or for a new page its parent. ``None`` when there is none."""
    referer = request.META.get("HTTP_REFERER", "") if request is not None else ""
    address = urlparse(referer)
    if not referer or (address.netloc and address.netloc != request.get_host()):
        return None
    try:
        match = resolve(address.path)
    except Resolver404:
        return None
    page_id = {
        "wagtailadmin_pages:edit": match.kwargs.get("page_id"),
        "wagtailadmin_pages:add": match.kwargs.get("parent_page_id"),
    }.get(match.view_name)
    return Page.objects.filter(pk=page_id).first() if page_id else None


class PartnershipDocumentForm(BaseDocumentForm):
    """Wagtail's document form with a members' default collection and a real title."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "collection" in self.fields:
            self.fields["collection"].help_text = COLLECTION_HELP
            if not self.is_bound and not self.instance.pk:
                page = page_being_edited(privacy.current_reader())
                collection = privacy.members_collection_for(page)
                if collection is not None and collection in self.collections:
                    self.initial["collection"] = collection.pk
        if "title" in self.fields:
            self.fields["title"].help_text = (
                "What the document is, as a reader would say it, e.g. 'Child Q: executive "
                "summary' - not its file name."
            )

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if FILE_NAME_LIKE.fullmatch(title):
            raise forms.ValidationError(
                "Give the document a title that says what it is, e.g. 'Minutes of the case "
                "review group, March 2026', not its file name."
            )
        return title
