"""Reviews made up from a number, for load tests (``manage.py generate_reviews N``).

``generated_review(number, themes)`` is the same ``DemoReview`` every time for the same number
and themes: everything is spread from a hash of the number, with no randomness, across review
types (weighted like a real partnership's output), dates from 2019, age bands, statuses (about
one in ten not simply published) and one to three themes.
"""

import hashlib
from datetime import date, timedelta

from demo.data.common import (
    CHILDRENS_SERVICES,
    COMMUNITY_HEALTH,
    EDUCATION,
    GENERATED_NOTICE,
    ICB,
    PARTNERSHIP,
    POLICE,
    TODAY,
    p,
)
from demo.shapes import DemoLearningPoint, DemoRecommendation, DemoReview
from reviews.models import Recommendation, ReviewPage

SLUG_PREFIX = "generated-review-"
NUMBER_WIDTH = 6  # generated-review-000001: sorts by number, up to 999,999
FIRST_DAY = date(2019, 1, 1)
LAST_SCR_DAY = date(2020, 12, 31)

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
RECOMMENDATION_STATUSES = list(Recommendation.Status)
RARE_STATUSES = [
    ReviewPage.Status.DELAYED,
    ReviewPage.Status.SUMMARY_ONLY,
    ReviewPage.Status.ARCHIVED,
]


def slug_of(number):
    return f"{SLUG_PREFIX}{number:0{NUMBER_WIDTH}d}"


def number_of(slug):
    return int(slug.removeprefix(SLUG_PREFIX))


def _pick_themes(themes, digest):
    picked = [themes[digest[3] % len(themes)]]
    for byte in digest[4 : 4 + digest[5] % 3]:
        theme = themes[byte % len(themes)]
        if theme not in picked:
            picked.append(theme)
    return picked


def generated_review(number, themes):
    """Generated review ``number``; ``themes`` (anything with a slug, name and description,
    in a fixed order) are the vocabulary it draws on."""
    digest = hashlib.blake2b(f"review-{number}".encode(), digest_size=16).digest()
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
    return DemoReview(
        slug=slug_of(number),
        title=f"{pseudonym}: learning about {topic}",
        pseudonym=pseudonym,
        review_type=review_type,
        published_date=published,
        status=status,
        age_band=age_band,
        themes=tuple(theme.slug for theme in picked),
        summary=f"Generated review {number} for load tests, about {topic}. "
        "Demo content: no real child or case.",
        learning_points=tuple(
            DemoLearningPoint(f"Learning about {theme.name.lower()}", p(theme.description))
            for theme in picked
        ),
        response=p("The partners have agreed an action plan for this generated review."),
        recommendations=tuple(
            DemoRecommendation(
                f"Share the learning about {theme.name.lower()} with every team.",
                AGENCIES[(digest[10] + n) % len(AGENCIES)],
                RECOMMENDATION_STATUSES[(digest[11] + n) % len(RECOMMENDATION_STATUSES)],
                published + timedelta(days=180 * n),
            )
            for n, theme in enumerate(picked[:2], start=1)
        ),
        demo_notice=GENERATED_NOTICE,
    )
