"""The demo news: the national panel's report on male carers (from the page this site
replaces, with its briefing paper and presentation) and two local announcements."""

from datetime import date

from demo.common import (
    NEWS_NOTICE,
    callout,
    link,
    notice,
    p,
    page_link,
    paragraph,
    ul,
)

REPORT_URL = (
    "https://www.gov.uk/government/publications/"
    "safeguarding-children-under-1-from-non-accidental-injury-caused-by-male-carers"
)
REPORT_TITLE = (
    "The Myth of Invisible Men: safeguarding children under 1 from non-accidental injury "
    "caused by male carers"
)

MALE_CARERS = {
    "slug": "new-report-safeguarding-children-under-1-male-carers",
    "title": "New report on safeguarding children under 1 from non-accidental injury by male "
    "carers",
    "published_date": date(2021, 9, 28),
    "summary": "The national panel's report on non-accidental injury to babies by male carers, "
    "with our briefing paper and presentation for practitioners.",
    "themes": ["male-carers-and-fathers", "non-accidental-injury", "abusive-head-trauma"],
    "links": [
        ("https://iconcope.org/", "ICON: Babies cry, you can cope"),
        (
            "https://learning.nspcc.org.uk/case-reviews/learning-from-case-reviews",
            "NSPCC Learning from case reviews",
        ),
    ],
    "documents": [
        ("briefing-paper", "Briefing paper: the Myth of Invisible Men (demo)", "Briefing paper"),
        ("presentation", "Presentation: the Myth of Invisible Men (demo)", "Presentation"),
    ],
}


def male_carers_body(pages, documents):
    return [
        paragraph(
            p(
                "The Child Safeguarding Practice Review Panel has published a report following "
                "a review of non-accidental injury to babies caused by male carers. The "
                "recommendations include important messages for practitioners to engage with "
                "and involve fathers and other men who are caring for a child, so that they "
                "are better able to cope with the stresses of caring for a baby, understand "
                "the extreme vulnerability of babies and to never shake a baby."
            ),
            p(
                "The report found that the role that men played in the child's life and their "
                "own experiences were frequently overlooked by services. Anger and a low "
                "tolerance of frustration were key characteristics of the men, and the "
                "injuries were often responses to triggers like crying or vomiting, that are "
                "normal behaviours of babies."
            ),
        ),
        callout(
            "Never shake a baby",
            p(
                "Talk to every parent and carer, including fathers and partners, about crying "
                "and how to cope: crying is normal and it will stop; comforting can help; it "
                "is OK to walk away for a few minutes if the baby is safe; never, ever shake "
                "a baby."
            ),
        ),
        paragraph(
            p(
                "Our briefing paper, below, summarises the key messages for practitioners and "
                "identifies useful resources. The presentation provides a full summary of the "
                "report. We encourage all professionals to share this information widely "
                "among their networks and with colleagues."
            )
        ),
        link(REPORT_URL, "The full report is available on GOV.UK", REPORT_TITLE),
        paragraph(notice(NEWS_NOTICE + " The national report and its link are real.")),
    ]


BRIEFINGS_LAUNCH = {
    "slug": "new-7-minute-briefings",
    "title": "Five 7-minute learning briefings for team meetings",
    "published_date": date(2025, 3, 10),
    "summary": "Briefings on abusive head trauma, childhood obesity, fractures in infants, "
    "neglect and children with disabilities, each printable on one page.",
    "themes": ["neglect", "abusive-head-trauma", "childhood-obesity", "children-with-disabilities"],
}


def briefings_launch_body(pages, documents):
    return [
        paragraph(
            p(
                "Our five 7-minute learning briefings turn the learning from local reviews "
                "into seven short sections a team can discuss in a team meeting, a huddle or "
                "supervision:"
            ),
            ul(
                "Abusive Head Trauma",
                "Childhood Obesity Awareness",
                "Fractures in Infants",
                "Childhood Neglect",
                "Children with Disabilities",
            ),
            p(
                "Each briefing ends with questions for reflection and can be downloaded as a "
                "one-page PDF.",
                f"Find them all on the {page_link(pages['learning'], '7-minute learning')} page.",
            ),
        ),
        paragraph(notice(NEWS_NOTICE)),
    ]


THEMATIC_REVIEW = {
    "slug": "thematic-review-non-accidental-injury-published",
    "title": "Thematic review of non-accidental injury in babies published",
    "published_date": date(2025, 7, 9),
    "summary": "Six babies, three lessons: the partnership publishes its thematic review and "
    "funds a fathers' worker in every family hub.",
    "themes": ["non-accidental-injury", "male-carers-and-fathers", "fractures-in-infants"],
}


def thematic_review_body(pages, documents):
    review = pages["review:thematic-review-non-accidental-injury-in-babies"]
    return [
        paragraph(
            p(
                "The safeguarding partners have published their thematic review of six babies "
                "who were seriously injured between 2022 and 2024. In five of the six cases "
                "the baby was injured while a male carer was looking after them alone."
            ),
            p(f"Read the {page_link(review, 'thematic review and its recommendations')}."),
        ),
        paragraph(notice(NEWS_NOTICE)),
    ]


# (data, body builder)
NEWS = [
    (MALE_CARERS, male_carers_body),
    (BRIEFINGS_LAUNCH, briefings_launch_body),
    (THEMATIC_REVIEW, thematic_review_body),
]


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

PRESENTATION_SLIDES = [
    (
        "The Myth of Invisible Men",
        p(
            "Safeguarding children under 1 from non-accidental injury caused by male carers: "
            "a summary of the national panel's report for Northshire practitioners (demo)."
        ),
    ),
    (
        "Why the panel looked at this",
        ul(
            "Babies under one are the most vulnerable to fatal and serious injury.",
            "In many serious incidents the baby was in the care of a man.",
            "The men were often unknown to the services supporting the family.",
        ),
    ),
    (
        "What the panel found",
        ul(
            "Anger and a low tolerance of frustration were common.",
            "Crying and vomiting were frequent triggers.",
            "Services rarely engaged with fathers or partners.",
        ),
    ),
    (
        "What this means for you",
        ul(
            "Ask who lives in and visits the household.",
            "Invite fathers and partners to appointments, and talk to them directly.",
            "Talk about crying at every contact: ICON.",
        ),
    ),
    (
        "Never shake a baby",
        p("Crying is normal and it will stop. It is OK to walk away. Never, ever shake a baby."),
    ),
]
