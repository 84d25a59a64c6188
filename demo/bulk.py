"""Generated reviews written in bulk as published pages (``manage.py generate_reviews N``).

Adding pages one by one through Wagtail (``add_child``, then ``save_revision().publish()``)
takes about 140 ms a review here: 20 minutes for 10,000. So the rows are written in bulk with
Django's public API, doing what ``add_child`` and ``publish`` would do:

- the tree (treebeard's materialised path): the reviews become the review index's last
  children. A child's path is its parent's path and one step of ``Page.steplen`` characters,
  its number written in ``Page.alphabet`` (treebeard's ``NumConv``); its depth is one more
  than the parent's; the index's ``numchild`` grows by the number added. The index row is
  locked first, as ``add_child`` does, and the result checked before the transaction commits;
- ``ReviewPage`` is a multi-table child of ``Page``, which ``bulk_create`` refuses: the
  ``Page`` rows are bulk-created, then each review's own row is saved raw, as loading a fixture
  does (``save_base(raw=True)`` writes only ReviewPage's table and Wagtail's signal handlers
  skip it);
- each review is live and published (dates, ``url_path``, locale, owner), and its themes,
  recommendations (last updated when the review was published) and document are bulk-created;
- the search index gets the reviews through each backend's ``add_bulk``.

Two things are left out, for speed. The reviews have no revision (the first edit in the admin
makes one): serialising and storing one for each would add about half again to the time. And
Wagtail's reference index ("usage" in the admin) does not list them; run
``manage.py rebuild_references_index`` if that matters.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Length
from treebeard.numconv import NumConv
from wagtail.models import Page
from wagtail.search.backends import get_search_backends

from demo.builders import at_nine, ensure_document, stable_uuid
from demo.data.documents import GENERATED_REVIEW_REPORT
from demo.generated import SLUG_PREFIX, generated_review, number_of
from demo.loader import review_page
from learning.models import Theme
from reviews.models import Recommendation, ReviewDocument, ReviewIndexPage, ReviewPage
from safeguarding_site import option_counts
from safeguarding_site.cache import purge_all

BATCH = 1000


@dataclass(frozen=True)
class Generated:
    """What one ``add_generated_reviews`` call made."""

    count: int
    first_number: int


class Tree:
    """Where the next children of ``parent`` go in treebeard's materialised path."""

    def __init__(self, parent):
        self.parent = parent
        self.steps = NumConv(Page.alphabet)
        last = parent.get_last_child()
        self.next_step = self.steps.str2int(last.path[-Page.steplen :]) + 1 if last else 1

    def room(self):
        return len(Page.alphabet) ** Page.steplen - self.next_step

    def next_path(self):
        step = self.steps.int2str(self.next_step).rjust(Page.steplen, Page.alphabet[0])
        self.next_step += 1
        return self.parent.path + step

    def check(self):
        """The parent's ``numchild`` matches its children and every page under it has the depth
        of its path: two queries (treebeard's ``find_problems`` makes two per page)."""
        parent = self.parent
        numchild = Page.objects.filter(pk=parent.pk).values_list("numchild", flat=True).get()
        children = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        wrong_depth = Page.objects.filter(path__startswith=parent.path).exclude(
            depth=Length("path") / Page.steplen
        )
        if children.count() != numchild or wrong_depth.exists():
            raise CommandError(f"Page tree problem under {parent.url_path} after generating.")


def add_generated_reviews(count, *, user, tally):
    """Add ``count`` generated, published reviews under the review index in one transaction,
    numbered on from the last generated review there."""
    themes = list(Theme.objects.order_by("slug"))
    if not themes:
        raise CommandError("There are no themes for the generated reviews: load_demo_content.")
    with transaction.atomic():
        index = ReviewIndexPage.objects.select_for_update().first()
        if index is None:
            raise CommandError("There is no review index to add reviews to: load_demo_content.")
        tree = Tree(index)
        if count > tree.room():
            raise CommandError("The review index has no room for that many more children.")
        last = Page.objects.child_of(index).filter(slug__startswith=SLUG_PREFIX).order_by("-slug")
        last_slug = last.values_list("slug", flat=True).first()
        first_number = number_of(last_slug) + 1 if last_slug else 1
        writer = BulkWriter(index, tree, themes=themes, user=user, tally=tally)
        for start in range(first_number, first_number + count, BATCH):
            numbers = range(start, min(start + BATCH, first_number + count))
            writer.write([generated_review(n, themes) for n in numbers])
        Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + count)
        tree.check()
        transaction.on_commit(purge_all)
        option_counts.forget()  # no signal: the pages are written in bulk
    tally["generated reviews"] += count
    return Generated(count=count, first_number=first_number)


class BulkWriter:
    """Writes ``DemoReview``s as published children of the review index, a batch at a time."""

    def __init__(self, index, tree, *, themes, user, tally):
        self.index = index
        self.tree = tree
        self.user = user
        self.themes = {theme.slug: theme for theme in themes}
        self.report = ensure_document(GENERATED_REVIEW_REPORT, user=user, tally=tally)
        self.content_type = ContentType.objects.get_for_model(ReviewPage)
        self.backends = list(get_search_backends())

    def write(self, reviews):
        pages = [self.page(review) for review in reviews]
        # The Page rows get their ids here; each ReviewPage shares its row's id.
        rows = Page.objects.bulk_create([self.page_row(page) for page in pages])
        for page, row in zip(pages, rows, strict=True):
            page.id = page.page_ptr_id = row.pk
            page.save_base(raw=True, force_insert=True)
        self.write_children(pages)
        for backend in self.backends:
            backend.add_bulk(ReviewPage, pages)

    def page(self, review):
        """The unsaved ReviewPage of ``review``, placed in the tree and published."""
        documents = []
        if review.has_full_report:
            documents.append(ReviewDocument(document=self.report, sort_order=0))
        page = review_page(review, themes=self.themes, review_documents=documents)
        stamp = at_nine(review.published_date)
        page.slug = review.slug
        page.draft_title = page.title
        page.content_type = self.content_type
        page.path = self.tree.next_path()
        page.depth = self.index.depth + 1
        page.numchild = 0
        page.url_path = f"{self.index.url_path}{review.slug}/"
        page.locale_id = self.index.locale_id
        page.translation_key = stable_uuid("page", self.index.url_path, review.slug)
        page.owner = self.user
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = stamp
        page.latest_revision_created_at = stamp
        return page

    @staticmethod
    def page_row(page):
        """The ``Page`` part of a review: the columns of Page's own table."""
        columns = Page._meta.local_concrete_fields
        return Page(**{field.attname: getattr(page, field.attname) for field in columns})

    def write_children(self, pages):
        """Themes, recommendations and documents, from each page's in-memory relations."""
        theme_link = ReviewPage.themes.through
        links, recommendations, documents = [], [], []
        for page in pages:
            links += [theme_link(reviewpage_id=page.pk, theme=theme) for theme in page.themes.all()]
            for child in [*page.recommendations.all(), *page.documents.all()]:
                child.review_id = page.pk
            for recommendation in page.recommendations.all():
                # bulk_create skips Recommendation.save, which would stamp it: recorded
                # when the review was published, as a hand-made review's would be.
                recommendation.last_updated = page.last_published_at
            recommendations += page.recommendations.all()
            documents += page.documents.all()
        theme_link.objects.bulk_create(links)
        Recommendation.objects.bulk_create(recommendations)
        ReviewDocument.objects.bulk_create(documents)
