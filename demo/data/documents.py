"""The demo's documents: what each generated PDF says (``demo.pdfs`` typesets them).

A review's full report and executive summary are written from the review itself; the national
panel report's briefing paper and presentation belong to a news item; the case review group's
minutes belong to the secure area; one shared full report stands in for every generated
review's.
"""

from datetime import date

from demo.data.common import TODAY, p, ul
from demo.shapes import DemoDocument, DemoSlide
from reviews.models import ReviewPage

REPORT_TITLE = (
    "The Myth of Invisible Men: safeguarding children under 1 from non-accidental injury "
    "caused by male carers"
)

# Reviews ------------------------------------------------------------------------------------


def full_report(review):
    """The invented full report of a ``DemoReview``."""
    points = "".join(f"<h3>{point.title}</h3>{point.detail}" for point in review.learning_points)
    recs = "".join(
        f"<tr><td>R{n}</td><td>{rec.text}</td><td>{rec.agency}</td></tr>"
        for n, rec in enumerate(review.recommendations, start=1)
    )
    return _review_document(
        review,
        "full report",
        "full-report",
        f"<h2>Summary</h2>{p(review.summary)}"
        f"<h2>What we learned</h2>{points}"
        "<h2>Recommendations</h2>"
        "<table><thead><tr><th scope='col'>Ref</th><th scope='col'>Recommendation</th>"
        f"<th scope='col'>Agency</th></tr></thead><tbody>{recs}</tbody></table>"
        f"<h2>The partnership's response</h2>{review.response}",
    )


def executive_summary(review):
    """The invented executive summary of a ``DemoReview``."""
    points = ul(*(point.title for point in review.learning_points))
    return _review_document(
        review,
        "executive summary",
        "executive-summary",
        f"<h2>Summary</h2>{p(review.summary)}"
        f"<h2>Key learning</h2>{points}"
        f"<h2>Response</h2>{review.response}",
    )


def _review_document(review, label, kind, html):
    review_type = ReviewPage.ReviewType(review.review_type).label
    published = f"{review.published_date.day} {review.published_date:%B %Y}"
    return DemoDocument(
        title=f"{review.title}: {label} (demo)",
        filename=f"{review.slug}-{kind}.pdf",
        heading=f"{review.title}: {label}",
        created=review.published_date,
        html=html,
        subtitle=f"{review.pseudonym} · {review_type} · published {published}",
    )


GENERATED_REVIEW_REPORT = DemoDocument(
    title="Generated review: full report (demo)",
    filename="generated-review-full-report.pdf",
    heading="Generated review: full report",
    created=TODAY,
    html=p(
        "This one document stands in for the full report of every generated review. Generated "
        "reviews exist to test the speed of listings, search and filters."
    ),
    subtitle="For load tests",
)

# The national panel's report on male carers (a news item) --------------------------------

BRIEFING_PAPER_HTML = (
    "<h2>About the report</h2>"
    + p(
        "In September 2021 the Child Safeguarding Practice Review Panel published <i>The Myth "
        "of Invisible Men</i>, a national review of non-accidental injury to babies under one "
        "caused by fathers and other male carers. This briefing summarises its messages for "
        "practitioners in Northshire."
    )
    + "<h2>Key messages</h2>"
    + ul(
        "Men who care for babies are often invisible to services: not seen, not assessed, "
        "not supported.",
        "Many of the men had experienced trauma, poor mental health or difficulty managing "
        "anger and frustration.",
        "Injuries were often a response to normal baby behaviour such as crying or vomiting.",
        "Services are designed around mothers; fathers need to be invited in, not just allowed in.",
    )
    + "<h2>What practitioners should do</h2>"
    + ul(
        "Find out who the men in a baby's life are, and record them.",
        "Talk to fathers and partners directly about crying, coping and never shaking a baby.",
        "Think about the man's own history and needs, not only his risk.",
        "Follow the bruising in non-mobile babies protocol for any injury.",
    )
    + "<h2>Useful resources</h2>"
    + ul(
        "ICON: Babies cry, you can cope (iconcope.org)",
        "NSPCC Learning: case reviews and briefings (learning.nspcc.org.uk)",
        "Northshire safeguarding children procedures (demo)",
    )
)

BRIEFING_PAPER = DemoDocument(
    title="Briefing paper: the Myth of Invisible Men (demo)",
    filename="new-report-safeguarding-children-under-1-male-carers-briefing-paper.pdf",
    heading="Briefing paper: the Myth of Invisible Men (demo)",
    created=date(2021, 9, 28),
    html=BRIEFING_PAPER_HTML,
    subtitle="Key messages for practitioners from the national panel's report",
)

SLIDES = (
    DemoSlide(
        "The Myth of Invisible Men",
        p(
            "Safeguarding children under 1 from non-accidental injury caused by male carers: "
            "a summary of the national panel's report for Northshire practitioners (demo)."
        ),
    ),
    DemoSlide(
        "Why the panel looked at this",
        ul(
            "Babies under one are the most vulnerable to fatal and serious injury.",
            "In many serious incidents the baby was in the care of a man.",
            "The men were often unknown to the services supporting the family.",
        ),
    ),
    DemoSlide(
        "What the panel found",
        ul(
            "Anger and a low tolerance of frustration were common.",
            "Crying and vomiting were frequent triggers.",
            "Services rarely engaged with fathers or partners.",
        ),
    ),
    DemoSlide(
        "What this means for you",
        ul(
            "Ask who lives in and visits the household.",
            "Invite fathers and partners to appointments, and talk to them directly.",
            "Talk about crying at every contact: ICON.",
        ),
    ),
    DemoSlide(
        "Never shake a baby",
        p("Crying is normal and it will stop. It is OK to walk away. Never, ever shake a baby."),
    ),
)

PRESENTATION = DemoDocument(
    title="Presentation: the Myth of Invisible Men (demo)",
    filename="new-report-safeguarding-children-under-1-male-carers-presentation.pdf",
    heading=REPORT_TITLE,
    created=date(2021, 9, 28),
    slides=SLIDES,
)

# The secure area ----------------------------------------------------------------------------

MINUTES_HTML = (
    "<h2>Present</h2>"
    + p(
        "Chair: independent scrutineer (demo). Members from children's services, the integrated "
        "care board, the police, education, the community health trust and the partnership "
        "business unit."
    )
    + "<h2>1. Rapid reviews</h2>"
    + p(
        "The group considered two rapid reviews (Baby X and Child Y, demo pseudonyms). For Baby X "
        "the group recommends a local child safeguarding practice review; for Child Y the "
        "learning will be shared through a 7-minute briefing."
    )
    + "<h2>2. Action plans</h2>"
    + ul(
        "Baby R: four recommendations, three complete; ICON for fathers in GP practices is due "
        "by March 2027.",
        "Child W: the recording of children's communication needs is overdue; children's "
        "services to report a new date next month.",
    )
    + "<h2>3. Date of next meeting</h2>"
    + p("21 April 2026, 10am, County Hall (demo).")
)


MINUTES = DemoDocument(
    title="Minutes of the case review group, March 2026 (demo)",
    filename="case-review-group-minutes-2026-03.pdf",
    heading="Minutes of the case review group, March 2026 (demo)",
    created=date(2026, 3, 17),
    html=MINUTES_HTML,
    subtitle="Confidential: for partnership members only",
)
