"""The demo news: the national panel's report on male carers (from the page this site
replaces, with its briefing paper and presentation) and two local announcements."""

from datetime import date

from demo.data.common import NEWS_NOTICE, notice, p, page_link, ul
from demo.data.documents import BRIEFING_PAPER, PRESENTATION, REPORT_TITLE
from demo.shapes import DemoAttachment, DemoLink, DemoNews, callout, paragraph

REPORT_URL = (
    "https://www.gov.uk/government/publications/"
    "safeguarding-children-under-1-from-non-accidental-injury-caused-by-male-carers"
)
THEMATIC_REVIEW = "/reviews/thematic-review-non-accidental-injury-in-babies/"

MALE_CARERS = DemoNews(
    slug="new-report-safeguarding-children-under-1-male-carers",
    title="New report on safeguarding children under 1 from non-accidental injury by male carers",
    published_date=date(2021, 9, 28),
    summary="The national panel's report on non-accidental injury to babies by male carers, "
    "with our briefing paper and presentation for practitioners.",
    themes=("male-carers-and-fathers", "non-accidental-injury", "abusive-head-trauma"),
    body=(
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
        DemoLink(REPORT_URL, "The full report is available on GOV.UK", REPORT_TITLE),
        paragraph(notice(NEWS_NOTICE + " The national report and its link are real.")),
    ),
    links=(
        DemoLink("https://iconcope.org/", "ICON: Babies cry, you can cope"),
        DemoLink(
            "https://learning.nspcc.org.uk/case-reviews/learning-from-case-reviews",
            "NSPCC Learning from case reviews",
        ),
    ),
    documents=(
        DemoAttachment(BRIEFING_PAPER, "Briefing paper"),
        DemoAttachment(PRESENTATION, "Presentation"),
    ),
)

BRIEFINGS_LAUNCH = DemoNews(
    slug="new-7-minute-briefings",
    title="Five 7-minute learning briefings for team meetings",
    published_date=date(2025, 3, 10),
    summary="Briefings on abusive head trauma, childhood obesity, fractures in infants, "
    "neglect and children with disabilities, each printable on one page.",
    themes=("neglect", "abusive-head-trauma", "childhood-obesity", "children-with-disabilities"),
    body=(
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
                f"Find them all on the {page_link('/learning/', '7-minute learning')} page.",
            ),
        ),
        paragraph(notice(NEWS_NOTICE)),
    ),
)

THEMATIC_REVIEW_PUBLISHED = DemoNews(
    slug="thematic-review-non-accidental-injury-published",
    title="Thematic review of non-accidental injury in babies published",
    published_date=date(2025, 7, 9),
    summary="Six babies, three lessons: the partnership publishes its thematic review and "
    "funds a fathers' worker in every family hub.",
    themes=("non-accidental-injury", "male-carers-and-fathers", "fractures-in-infants"),
    body=(
        paragraph(
            p(
                "The safeguarding partners have published their thematic review of six babies "
                "who were seriously injured between 2022 and 2024. In five of the six cases "
                "the baby was injured while a male carer was looking after them alone."
            ),
            p(f"Read the {page_link(THEMATIC_REVIEW, 'thematic review and its recommendations')}."),
        ),
        paragraph(notice(NEWS_NOTICE)),
    ),
)

NEWS = (MALE_CARERS, BRIEFINGS_LAUNCH, THEMATIC_REVIEW_PUBLISHED)
