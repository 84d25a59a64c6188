"""Small behaviours that several page types share."""

from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from safeguarding_site import privacy
from safeguarding_site.page_copies import PrivacyKeepingCopyForm


class PartnershipPrivacyMixin:
    """What every page type of the site shares about privacy (before ``Page`` in its bases).

    - Editors may restrict it to groups only: no shared password, no "any signed-in user"
      (``privacy.PAGE_RESTRICTION_OPTIONS``).
    - It cannot be copied or aliased, in the admin or in code, to where readers who may not
      read it could read the copy (``page_copies``).
    """

    private_page_options = privacy.PAGE_RESTRICTION_OPTIONS
    copy_form_class = PrivacyKeepingCopyForm

    def copy(self, recursive=False, to=None, *args, **kwargs):
        privacy.refuse_copy_that_widens_readers(self, to or self.get_parent(), recursive=recursive)
        return super().copy(recursive, to, *args, **kwargs)

    copy.alters_data = True

    def create_alias(self, *, recursive=False, parent=None, **kwargs):
        privacy.refuse_copy_that_widens_readers(
            self, parent or self.get_parent(), recursive=recursive
        )
        return super().create_alias(recursive=recursive, parent=parent, **kwargs)

    create_alias.alters_data = True


class DocumentListMixin:
    """A page with inline document records (a ``documents`` child relation, each record with
    a ``document``), listed in the editor's order with each file's collection fetched at once:
    the documents section asks the privacy rule about each collection."""

    @cached_property
    def document_list(self):
        return list(self.documents.select_related("document__collection"))


class MenuTitleMixin(models.Model):
    """A page that can be a section of the main menu, with a shorter name for it."""

    menu_title = models.CharField(
        max_length=40,
        blank=True,
        help_text="A short name for the main menu, e.g. 'Reviews'. The page title if empty. "
        "The page is in the menu when it sits under the home page and 'Show in menus' is on.",
    )

    promote_panels = [
        MultiFieldPanel(
            [FieldPanel("slug"), FieldPanel("seo_title"), FieldPanel("search_description")],
            heading="For search engines",
        ),
        MultiFieldPanel(
            [FieldPanel("show_in_menus"), FieldPanel("menu_title")], heading="For site menus"
        ),
    ]

    class Meta:
        abstract = True

    @property
    def menu_label(self):
        return self.menu_title or self.title


# The help of every dated page's ``published_date``, after what the date is.
PUBLISHED_DATE_HELP = (
    "Leave it empty for the day the page goes live: its go-live date if you schedule it "
    "(Status, then Set schedule), else the day you publish. Once the page is live its date "
    "is kept."
)


def go_live_day(page):
    """The day ``page`` goes live, in the site's time zone (Europe/London): the day of its
    go-live time if it has one, else today."""
    return timezone.localdate(page.go_live_at) if page.go_live_at else timezone.localdate()


class DatedPageMixin:
    """A page dated by its ``published_date``, which editors may leave empty: the page then
    takes the day it goes live, whether an editor publishes it now or ``publish_scheduled``
    puts it live at its go-live time; a page that was live before keeps the date it had.

    Every way of publishing (the editor, a workflow, a bulk action, ``publish_scheduled``)
    ends in Wagtail's publish action saving the page whole, live, with the revision it
    publishes as its live revision; so the date is filled in there, before the page is
    validated, indexed, purged from the cache or printed, and written into that revision too:
    the editor sees it on opening the page, and a later publish starts from it. A draft saves
    without a date, and scheduling leaves it empty until the page goes live.
    """

    def save(self, *args, **kwargs):
        # Live with a live revision: being published. (Wagtail's create view first adds a new
        # page to the tree as "live" with no revision yet, before it publishes or schedules.)
        publishing = self.live and self.live_revision_id is not None
        if publishing and self.published_date is None and kwargs.get("update_fields") is None:
            self.published_date = self.date_kept_or_go_live_day()
            self.date_the_live_revision()
        return super().save(*args, **kwargs)

    def date_kept_or_go_live_day(self):
        """The date this page had when it was last live, if it was ever published; else the
        day it goes live."""
        kept = (
            type(self)
            .objects.filter(pk=self.pk, first_published_at__isnull=False)
            .values_list("published_date", flat=True)
            .first()
        )
        return kept or go_live_day(self)

    def date_the_live_revision(self):
        """Write the page's date into its live revision, if that revision has none."""
        revision = self.live_revision
        if revision is not None and not revision.content.get("published_date"):
            revision.content["published_date"] = self.published_date.isoformat()
            revision.save(update_fields=["content"])
