"""Generated reviews for load tests, inserted in bulk (``load_demo_content --reviews N``).

Saving 10,000 pages one by one through Wagtail takes many minutes, so the rows are written
with bulk inserts instead, doing by hand what ``Page.add_child`` and ``publish`` would do:

- treebeard paths: the new reviews are consecutive children of the review index (steps of
  four characters, alphabet 0-9A-Z) after its current last child, and the index's
  ``numchild`` is raised by the number added;
- ``ReviewPage`` is a multi-table child of ``Page``. Django's ``bulk_create`` refuses such
  models, so the ``wagtailcore_page`` rows are bulk-created first (content type ReviewPage)
  and the ``reviews_reviewpage`` rows are then inserted with the same batched insert that
  ``bulk_create`` uses, restricted to ReviewPage's own fields;
- the pages are live and published (dates, url_path, locale) but have no revisions: the first
  edit in the admin makes one;
- themes, recommendations and a shared full report are bulk-created as well, and the search
  index is updated for the new pages in chunks.

Everything is spread deterministically from the review's number (a hash, no randomness).
Wagtail's reference index ("usage" in the admin) is not updated for these pages; run
``manage.py rebuild_references_index`` if that matters.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Length
from wagtail.models import Page
from wagtail.search.backends import get_search_backends

from demo.builders import at_nine, ensure_document, stable_uuid
from demo.data.common import (
    CHILDRENS_SERVICES,
    COMMUNITY_HEALTH,
    EDUCATION,
    ICB,
    PARTNERSHIP,
    POLICE,
    TODAY,
    notice,
    p,
)
from demo.data.documents import GENERATED_REVIEW_REPORT
from learning.models import Theme
from reviews.models import Recommendation, ReviewDocument, ReviewIndexPage, ReviewPage
from safeguarding_site.cache import purge_all

SLUG_PREFIX = "generated-review-"
NUMBER_WIDTH = 6  # generated-review-000001: sorts by number, up to 999,999
FIRST_DAY = date(2019, 1, 1)
LAST_SCR_DAY = date(2020, 12, 31)
BATCH = 2000
INDEX_CHUNK = 1000
GENERATED_NOTICE = "Demo content: this review is generated for load tests. No real child or case."

# Weighted like a real partnership's output: mostly local reviews and rapid reviews.
TYPES = (
    [ReviewPage.ReviewType.LOCAL_CSPR] * 4
    + [ReviewPage.ReviewType.RAPID_REVIEW] * 3
    + [
        ReviewPage.ReviewType.THEMATIC,
        ReviewPage.ReviewType.SERIOUS_CASE_REVIEW,
        ReviewPage.ReviewType.NATIONAL_PANEL,
        ReviewPage.ReviewType.SAFEGUARDING_ADULTS,
        ReviewPage.ReviewType.DOMESTIC_HOMICIDE,
    ]
)
AGE_BANDS = list(ReviewPage.AgeBand)
CALLED = {
    ReviewPage.AgeBand.UNBORN: "Unborn Baby",
    ReviewPage.AgeBand.UNDER_1: "Baby",
    ReviewPage.AgeBand.AGE_16_17: "Young person",
}
LETTERS = "ABCDEFGHJKLMNPQRSTVWXYZ"
AGENCIES = [CHILDRENS_SERVICES, ICB, POLICE, COMMUNITY_HEALTH, EDUCATION, PARTNERSHIP]
REC_STATUSES = list(Recommendation.Status)
RARE_STATUSES = [
    ReviewPage.Status.DELAYED,
    ReviewPage.Status.SUMMARY_ONLY,
    ReviewPage.Status.ARCHIVED,
]


@dataclass
class Generated:
    """What one ``add_generated_reviews`` call made."""

    count: int
    first_number: int
    page_ids: list


def _digest(number):
    return hashlib.blake2b(f"review-{number}".encode(), digest_size=16).digest()


def _pick_themes(themes, digest):
    picked = [themes[digest[3] % len(themes)]]
    for byte in digest[4 : 4 + digest[5] % 3]:
        theme = themes[byte % len(themes)]
        if theme not in picked:
            picked.append(theme)
    return picked


def _review_fields(number, themes):
    """Everything about generated review ``number`` except its tree position."""
    digest = _digest(number)
    span = (TODAY - FIRST_DAY).days + 1
    review_type = TYPES[digest[9] % len(TYPES)]
    if review_type == ReviewPage.ReviewType.SERIOUS_CASE_REVIEW:
        span = LAST_SCR_DAY.toordinal() - FIRST_DAY.toordinal() + 1  # SCRs ended in 2019-20
    published = FIRST_DAY + timedelta(days=int.from_bytes(digest[0:3]) % span)
    age_band = AGE_BANDS[digest[6] % len(AGE_BANDS)]
    status = ReviewPage.Status.PUBLISHED
    if digest[7] < 26:  # about one in ten
        status = RARE_STATUSES[digest[7] % len(RARE_STATUSES)]
    picked = _pick_themes(themes, digest)
    topic = picked[0].name.lower()
    pseudonym = f"{CALLED.get(age_band, 'Child')} {LETTERS[digest[8] % len(LETTERS)]}{number}"
    slug = f"{SLUG_PREFIX}{number:0{NUMBER_WIDTH}d}"
    learning_points = [
        {
            "type": "learning_point",
            "value": {
                "title": f"Learning about {theme.name.lower()}",
                "detail": p(theme.description),
            },
            "id": str(stable_uuid("block", slug, n)),
        }
        for n, theme in enumerate(picked)
    ]
    return {
        "slug": slug,
        "title": f"{pseudonym}: learning about {topic}",
        "published": published,
        "themes": picked,
        "review": {
            "pseudonym": pseudonym,
            "review_type": review_type,
            "published_date": published,
            "status": status,
            "summary": f"Generated review {number} for load tests, about {topic}. "
            "Demo content: no real child or case.",
            "age_band": age_band,
            "learning_points": json.dumps(learning_points),
            "partnership_response": p(
                "The partners have agreed an action plan for this generated review."
            )
            + notice(GENERATED_NOTICE),
        },
        "recommendations": [
            {
                "reference": f"R{n}",
                "text": f"Share the learning about {theme.name.lower()} with every team.",
                "owning_agency": AGENCIES[(digest[10] + n) % len(AGENCIES)],
                "status": REC_STATUSES[(digest[11] + n) % len(REC_STATUSES)],
                "due_date": published + timedelta(days=180 * n),
                "sort_order": n,
            }
            for n, theme in enumerate(picked[:2], start=1)
        ],
    }


def _next_numbers(index):
    """The next free tree step under ``index`` and the next generated review number."""
    last_path = (
        Page.objects.filter(path__startswith=index.path, depth=index.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    next_step = Page._str2int(last_path[-Page.steplen :]) + 1 if last_path else 1
    last_slug = (
        Page.objects.child_of(index)
        .filter(slug__startswith=SLUG_PREFIX)
        .order_by("-slug")
        .values_list("slug", flat=True)
        .first()
    )
    next_number = int(last_slug.removeprefix(SLUG_PREFIX)) + 1 if last_slug else 1
    return next_step, next_number


def _insert_review_rows(reviews):
    """Insert only the ``reviews_reviewpage`` rows of ``reviews`` (their ``wagtailcore_page``
    rows exist already): the batched insert behind ``bulk_create``, which refuses
    multi-table models, limited to ReviewPage's own columns."""
    fields = ReviewPage._meta.local_concrete_fields
    ReviewPage._base_manager.all()._batched_insert(reviews, fields, batch_size=None)


def _shared_report(user, tally):
    return ensure_document(GENERATED_REVIEW_REPORT, user=user, tally=tally)


def _insert_batch(index, numbers, first_step, *, themes, content_type, report):
    """Insert the generated reviews ``numbers`` as children of ``index`` at consecutive tree
    steps from ``first_step``; returns their page ids."""
    specs = [_review_fields(number, themes) for number in numbers]
    base_rows = []
    for offset, spec in enumerate(specs):
        stamp = at_nine(spec["published"])
        base_rows.append(
            Page(
                title=spec["title"],
                draft_title=spec["title"],
                slug=spec["slug"],
                content_type=content_type,
                path=Page._get_path(index.path, index.depth + 1, first_step + offset),
                depth=index.depth + 1,
                numchild=0,
                url_path=f"{index.url_path}{spec['slug']}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=stamp,
                last_published_at=stamp,
                latest_revision_created_at=stamp,
                locale_id=index.locale_id,
                translation_key=stable_uuid("page", index.url_path, spec["slug"]),
            )
        )
    Page.objects.bulk_create(base_rows, batch_size=500)
    page_ids = [row.pk for row in base_rows]
    _insert_review_rows(
        [
            ReviewPage(page_ptr_id=pk, id=pk, **spec["review"])
            for pk, spec in zip(page_ids, specs, strict=True)
        ]
    )
    theme_link = ReviewPage._meta.get_field("themes").remote_field.through
    theme_link.objects.bulk_create(
        [
            theme_link(reviewpage_id=pk, theme_id=theme.pk)
            for pk, spec in zip(page_ids, specs, strict=True)
            for theme in spec["themes"]
        ],
        batch_size=1000,
    )
    Recommendation.objects.bulk_create(
        [
            Recommendation(review_id=pk, **rec)
            for pk, spec in zip(page_ids, specs, strict=True)
            for rec in spec["recommendations"]
        ],
        batch_size=1000,
    )
    ReviewDocument.objects.bulk_create(
        [
            ReviewDocument(review_id=pk, document=report, sort_order=0)
            for pk, spec in zip(page_ids, specs, strict=True)
            if spec["review"]["status"] == ReviewPage.Status.PUBLISHED
        ],
        batch_size=1000,
    )
    return page_ids


def index_for_search(page_ids):
    """Add the pages to every search backend, ``INDEX_CHUNK`` at a time."""
    backends = list(get_search_backends())
    for start in range(0, len(page_ids), INDEX_CHUNK):
        chunk = page_ids[start : start + INDEX_CHUNK]
        pages = list(
            ReviewPage.objects.filter(pk__in=chunk).prefetch_related("themes", "recommendations")
        )
        for backend in backends:
            backend.add_bulk(ReviewPage, pages)


def check_tree(index):
    """Check the part of the page tree the bulk insert wrote, in two queries: the index's
    ``numchild`` matches its children and every page under it has the depth of its path.

    (``manage.py fixtree`` checks the whole tree, but with two queries per page.)
    """
    numchild = Page.objects.filter(pk=index.pk).values_list("numchild", flat=True).get()
    children = Page.objects.filter(path__startswith=index.path, depth=index.depth + 1).count()
    wrong_depth = (
        Page.objects.filter(path__startswith=index.path)
        .exclude(depth=Length("path") / Page.steplen)
        .count()
    )
    if children != numchild or wrong_depth:
        raise CommandError(
            f"Page tree problem under {index.url_path}: numchild {numchild}, {children} "
            f"children, {wrong_depth} pages with the wrong depth."
        )


def add_generated_reviews(count, *, user, tally):
    """Add ``count`` generated, published reviews under the review index in one transaction."""
    index = ReviewIndexPage.objects.first()
    if index is None:
        raise CommandError("There is no review index page to add reviews to.")
    themes = list(Theme.objects.order_by("slug"))
    if not themes:
        raise CommandError("There are no themes to give the generated reviews.")
    content_type = ContentType.objects.get_for_model(ReviewPage)
    with transaction.atomic():
        next_step, first_number = _next_numbers(index)
        if next_step + count > len(Page.alphabet) ** Page.steplen:
            raise CommandError("The review index has no room for that many more children.")
        report = _shared_report(user, tally)
        page_ids = []
        for start in range(0, count, BATCH):
            numbers = range(first_number + start, first_number + min(start + BATCH, count))
            page_ids += _insert_batch(
                index,
                numbers,
                next_step + start,
                themes=themes,
                content_type=content_type,
                report=report,
            )
        Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + count)
        check_tree(index)
        index_for_search(page_ids)
        transaction.on_commit(purge_all)
    tally["generated reviews"] += count
    return Generated(count=count, first_number=first_number, page_ids=page_ids)
