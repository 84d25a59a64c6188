"""Idempotent builders for the demo content.

Each ``ensure_*`` function looks its object up first and creates it only when it is missing,
so a second run changes nothing: no new revisions, documents or users. Objects that already
exist are left exactly as they are, including any edits made in the admin.
"""

import os
import secrets
import uuid
from collections import Counter
from datetime import datetime, time
from io import BytesIO

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management.base import CommandError
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.log_actions import log
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    Site,
)
from wagtail.utils.file import hash_filelike

from demo import pdfs

# Fixed namespace: the demo's translation keys and block ids are the same on every machine.
DEMO_NAMESPACE = uuid.UUID("5b1f3c2e-8d7a-4e61-9c0b-2a4f6d8e1b37")
PASSWORD_LENGTH = 18  # bytes of randomness: 24 URL-safe characters


class Tally(Counter):
    """How many objects of each kind a run created."""

    def summary(self):
        if not +self:
            return "nothing to create: the demo content is already there"
        return "created " + ", ".join(f"{count} {kind}" for kind, count in self.items() if count)


def stable_uuid(*parts):
    """A UUID that depends only on ``parts``."""
    return uuid.uuid5(DEMO_NAMESPACE, ":".join(str(part) for part in parts))


def at_nine(day):
    """9am, London time, on ``day``: the demo's fixed publishing time."""
    return timezone.make_aware(datetime.combine(day, time(9)))


# Users -----------------------------------------------------------------------------------


def _checked_password(password, user, source):
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise CommandError(f"{source} is not accepted: {' '.join(error.messages)}") from error
    return password


def ensure_user(username, *, email, env_var, superuser=False, group=None, tally, messages):
    """The user ``username``, created if missing.

    The password comes from the environment variable ``env_var``; without it a random one is
    generated and reported once, in ``messages``, when the user is created. On later runs a
    password set in the environment replaces a different one; otherwise it is left alone.
    """
    User = get_user_model()
    password = os.environ.get(env_var) or None
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, email=email, is_staff=superuser, is_superuser=superuser)
        if password is None:
            password = secrets.token_urlsafe(PASSWORD_LENGTH)
            messages.append(f"Created user '{username}' with the password: {password}")
        else:
            _checked_password(password, user, env_var)
            messages.append(f"Created user '{username}' with the password from {env_var}.")
        user.set_password(password)
        user.save()
        tally["users"] += 1
    elif password is not None and not user.check_password(password):
        user.set_password(_checked_password(password, user, env_var))
        user.save(update_fields=["password"])
        messages.append(f"Set the password of '{username}' from {env_var}.")
    if group is not None and not user.groups.filter(pk=group.pk).exists():
        user.groups.add(group)
    return user


# Pages -----------------------------------------------------------------------------------


def find_child(parent, slug):
    """The child page of ``parent`` with ``slug`` (not specific), or None."""
    return Page.objects.child_of(parent).filter(slug=slug).first()


def ensure_page(parent, slug, build, *, user, published, tally):
    """The child page of ``parent`` with ``slug``; if missing, ``build()`` makes the unsaved
    page, which is added, saved as a revision and published by ``user``, dated ``published``.

    Returns the existing page (not specific) or the new one. ``build`` runs only when the page
    is missing, so documents it needs are only generated then.
    """
    existing = find_child(parent, slug)
    if existing is not None:
        return existing
    page = build()
    page.slug = slug
    page.owner = user
    page.live = False
    page.translation_key = stable_uuid("page", parent.url_path, slug)
    parent.refresh_from_db(fields=["numchild"])  # treebeard picks the new path from it
    parent.add_child(instance=page)
    log(instance=page, action="wagtail.create", user=user)
    page.save_revision(user=user).publish(user=user, skip_permission_checks=True)
    stamp = at_nine(published)
    Page.objects.filter(pk=page.pk).update(first_published_at=stamp, last_published_at=stamp)
    page.first_published_at = page.last_published_at = stamp
    tally["pages"] += 1
    return page


def ensure_default_site(home, site_name):
    """Point the default site at ``home`` (localhost:80), naming it if it has no name."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    if site.pk is None or site.root_page_id != home.pk or not site.site_name:
        site.root_page = home
        site.site_name = site.site_name or site_name
        site.save()
    return site


def remove_wagtail_welcome_page():
    """Delete the "Welcome to your new Wagtail site!" page that Wagtail's migrations make, if
    it is still there untouched (a plain page without children). Its site goes with it."""
    welcome = (
        Page.objects.filter(depth=2, numchild=0, title__startswith="Welcome to your new Wagtail")
        .exact_type(Page)
        .first()
    )
    if welcome is not None:
        welcome.delete()


def ensure_page_group_restriction(page, group, *, user):
    """A view restriction on ``page`` for members of ``group`` only."""
    restriction = PageViewRestriction.objects.filter(
        page=page, restriction_type=PageViewRestriction.GROUPS
    ).first()
    if restriction is None:
        restriction = PageViewRestriction(page=page, restriction_type=PageViewRestriction.GROUPS)
        restriction.save(user=user)
    if not restriction.groups.filter(pk=group.pk).exists():
        restriction.groups.add(group)
    return restriction


# Documents and collections -----------------------------------------------------------------


def ensure_private_collection(name, group):
    """A collection under the root, readable only by members of ``group``."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=name).first()
    if collection is None:
        collection = root.add_child(name=name)
    restriction = CollectionViewRestriction.objects.filter(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    ).first()
    if restriction is None:
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
    if not restriction.groups.filter(pk=group.pk).exists():
        restriction.groups.add(group)
    return collection


def ensure_document(document, *, user, tally, collection=None):
    """The document titled as ``document`` (a ``DemoDocument``) in ``collection`` (the root
    collection by default); if missing, its PDF is generated and stored."""
    Document = get_document_model()
    collection = collection or Collection.get_first_root_node()
    existing = Document.objects.filter(title=document.title, collection=collection).first()
    if existing is not None:
        return existing
    pdf = pdfs.render(document)
    stored = Document(title=document.title, collection=collection, uploaded_by_user=user)
    stored.file.save(document.filename, ContentFile(pdf), save=False)
    stored.file_size = len(pdf)
    stored.file_hash = hash_filelike(BytesIO(pdf))
    stored.save()
    tally["documents"] += 1
    return stored


# Snippets --------------------------------------------------------------------------------


def publish_snippet(obj, *, user, published):
    """Save a new draft-state snippet, then save a revision and publish it, dated
    ``published``, so the admin shows its history."""
    obj.live = False
    obj.save()
    obj.save_revision(user=user).publish(user=user, skip_permission_checks=True)
    stamp = at_nine(published)
    type(obj).objects.filter(pk=obj.pk).update(first_published_at=stamp, last_published_at=stamp)
    return obj
