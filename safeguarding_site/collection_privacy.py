"""Collection privacy in the admin, offering group restrictions only.

Wagtail's collection privacy form offers "Private, accessible to any logged-in users" beside
groups, and no setting removes it (``WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS`` removes the
shared password only). A document collection restricted that way is readable by every staff
account, so, as for pages (``privacy.PAGE_RESTRICTION_OPTIONS``), only groups are offered:
this view answers Wagtail's own address for a collection's privacy (mounted ahead of the
admin's in ``safeguarding_site.urls``, with the admin's access check and no caching), as
Wagtail's does, with the narrower form.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.forms.collections import CollectionViewRestrictionForm
from wagtail.admin.modal_workflow import render_modal_workflow
from wagtail.models import Collection, CollectionViewRestriction
from wagtail.permissions import policy_registry

from safeguarding_site import privacy


class GroupsOnlyCollectionRestrictionForm(CollectionViewRestrictionForm):
    """Wagtail's collection restriction form with public or groups as the only choices."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = {CollectionViewRestriction.NONE, *privacy.COLLECTION_RESTRICTION_OPTIONS}
        field = self.fields["restriction_type"]
        field.choices = [choice for choice in field.choices if choice[0] in allowed]


@never_cache
@require_admin_access
def set_privacy(request, collection_id):
    """The privacy modal of a collection: who may download its documents."""
    collection = get_object_or_404(Collection, id=collection_id)
    policy = policy_registry.get_by_type(Collection)
    if not policy.user_has_permission_for_instance(request.user, "change", collection):
        raise PermissionDenied

    # Ancestors first: a restriction above this collection is changed there, not here.
    restriction = collection.get_view_restrictions().order_by("collection__depth").first()
    if restriction is not None and restriction.collection_id != collection.pk:
        return render_modal_workflow(
            request,
            "wagtailadmin/collection_privacy/ancestor_privacy.html",
            None,
            {"collection_with_restriction": restriction.collection},
        )

    if request.method == "POST":
        form = GroupsOnlyCollectionRestrictionForm(request.POST, instance=restriction)
        if form.is_valid():
            kind = form.cleaned_data["restriction_type"]
            if kind == CollectionViewRestriction.NONE:
                if restriction is not None:
                    restriction.delete()
            else:
                form.instance.collection = collection
                form.save()
            return render_modal_workflow(
                request,
                None,
                None,
                None,
                json_data={
                    "step": "set_privacy_done",
                    "is_public": kind == CollectionViewRestriction.NONE,
                },
            )
    elif restriction is not None:
        form = GroupsOnlyCollectionRestrictionForm(instance=restriction)
    else:
        form = GroupsOnlyCollectionRestrictionForm(
            initial={"restriction_type": CollectionViewRestriction.NONE}
        )

    return render_modal_workflow(
        request,
        "wagtailadmin/shared/set_privacy.html",
        None,
        {
            "action_url": reverse("wagtailadmin_collections:set_privacy", args=(collection.pk,)),
            "object": collection,
            "form": form,
        },
        json_data={"step": "set_privacy"},
    )
