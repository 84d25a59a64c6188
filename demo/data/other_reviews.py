"""The other demo reviews: thematic reviews, serious case reviews (before 2019), a national
panel review, a safeguarding adults review and a domestic homicide review.

The practice learning is sound; the children, adults, places and events are invented.
"""

from datetime import date

from demo.data.common import (
    ADULT_SOCIAL_CARE,
    CHILDRENS_SERVICES,
    COMMUNITY_HEALTH,
    DOMESTIC_ABUSE,
    EDUCATION,
    MENTAL_HEALTH,
    PARTNERSHIP,
    POLICE,
    RECOVERY,
    Age,
    Doing,
    Done,
    Status,
    Type,
    Waiting,
    p,
)
from demo.shapes import DemoLearningPoint, DemoRecommendation, DemoReview

OTHER_REVIEWS = (
    DemoReview(
        slug="family-m",
        title="Family M: children living with domestic abuse",
        pseudonym="Family M",
        review_type=Type.DOMESTIC_HOMICIDE,
        published_date=date(2022, 6, 21),
        status=Status.PUBLISHED,
        age_band=Age.AGE_5_10,
        themes=("domestic-abuse", "parental-mental-health", "information-sharing"),
        summary="A domestic homicide review of the death of a mother of two, whose children "
        "had told school staff they were frightened at home.",
        learning_points=(
            DemoLearningPoint(
                "Children are victims of domestic abuse in their own right",
                p(
                    "The children's accounts to school were recorded but not shared, because "
                    "staff thought a referral needed the mother's consent."
                ),
            ),
            DemoLearningPoint(
                "Coercive control was not recognised",
                p(
                    "The police attended four incidents, each graded as standard risk. The "
                    "pattern of control over money, friends and the mother's phone was not "
                    "seen."
                ),
            ),
            DemoLearningPoint(
                "Information sharing",
                p("Five agencies each held part of the picture. None held all of it."),
            ),
        ),
        response=p(
            "Schools now receive a notification the morning after police attend domestic "
            "abuse where children live, and the partnership has run briefings on coercive "
            "control and information sharing."
        ),
        recommendations=(
            DemoRecommendation(
                "Tell schools the next school day when police attend domestic abuse where a "
                "child lives.",
                POLICE,
                Done,
                date(2023, 1, 31),
                "Notifications go to every school in Northshire.",
            ),
            DemoRecommendation(
                "Train frontline staff in recognising coercive control.",
                DOMESTIC_ABUSE,
                Done,
                date(2023, 6, 30),
                "",
            ),
            DemoRecommendation(
                "Publish clear guidance that consent is not needed to share information to "
                "protect a child.",
                PARTNERSHIP,
                Done,
                date(2022, 12, 31),
                "",
            ),
            DemoRecommendation(
                "Review how repeat domestic abuse incidents are risk-assessed.",
                POLICE,
                Doing,
                date(2027, 1, 31),
                "A new repeat-incident review is being piloted in the east of the county.",
            ),
        ),
        resources=("information-sharing-advice",),
    ),
    DemoReview(
        slug="thematic-review-non-accidental-injury-in-babies",
        title="Thematic review: non-accidental injury in babies under one",
        pseudonym="Babies A to F",
        review_type=Type.THEMATIC,
        published_date=date(2025, 7, 9),
        status=Status.PUBLISHED,
        age_band=Age.UNDER_1,
        themes=(
            "non-accidental-injury",
            "abusive-head-trauma",
            "fractures-in-infants",
            "male-carers-and-fathers",
        ),
        summary="Six babies seriously injured between 2022 and 2024: what their cases tell us "
        "about male carers, crying and missed early signs.",
        learning_points=(
            DemoLearningPoint(
                "Men were caring for five of the six babies",
                p(
                    "In five cases the injury happened while a father or the mother's partner "
                    "was caring for the baby alone. Four of the men were not known to "
                    "universal services."
                ),
            ),
            DemoLearningPoint(
                "Earlier injuries were missed",
                p("Three babies had been seen with bruises or marks before the serious injury."),
            ),
            DemoLearningPoint(
                "Stress at home",
                p(
                    "Money worries, poor housing and sleep deprivation were common to all six "
                    "families."
                ),
            ),
        ),
        response=p(
            "The partners have adopted the national panel's recommendations on male carers "
            "and fund a fathers' worker in each family hub."
        ),
        recommendations=(
            DemoRecommendation(
                "Fund a fathers' worker in each family hub.",
                CHILDRENS_SERVICES,
                Doing,
                date(2026, 12, 31),
                "Three of five posts filled.",
            ),
            DemoRecommendation(
                "Include male carers in every pre-birth assessment.",
                CHILDRENS_SERVICES,
                Done,
                date(2026, 3, 31),
                "",
            ),
            DemoRecommendation(
                "Audit the bruising protocol every year and report to the partners.",
                PARTNERSHIP,
                Doing,
                date(2027, 7, 31),
                "",
            ),
            DemoRecommendation(
                "Give housing officers training on signs of stress in families with babies.",
                ADULT_SOCIAL_CARE,
                Waiting,
                date(2027, 6, 30),
                "",
            ),
        ),
        executive_summary=True,
        resources=("invisible-men", "icon", "rcpch-evidence"),
    ),
    DemoReview(
        slug="young-person-k",
        title="Young person K: moving from children's to adult services",
        pseudonym="Young person K",
        review_type=Type.SAFEGUARDING_ADULTS,
        published_date=date(2025, 10, 15),
        status=Status.PUBLISHED,
        age_band=Age.AGE_16_17,
        themes=("children-with-disabilities", "information-sharing", "professional-curiosity"),
        summary="A Safeguarding Adults Review of a young man with a learning disability whose "
        "support ended at eighteen, carried out jointly with the adults board.",
        learning_points=(
            DemoLearningPoint(
                "Transition planning started too late",
                p(
                    "Planning for adulthood began three months before K's eighteenth birthday. "
                    "Adult services did not know him."
                ),
            ),
            DemoLearningPoint(
                "Risks outside the home",
                p(
                    "Concerns that K was being exploited by adults who befriended him were "
                    "known to his school but not passed on when he left."
                ),
            ),
        ),
        response=p(
            "The children's and adults' boards have agreed a joint transitions protocol, with "
            "planning starting at fourteen."
        ),
        recommendations=(
            DemoRecommendation(
                "Agree a joint transitions protocol starting at age fourteen.",
                ADULT_SOCIAL_CARE,
                Doing,
                date(2026, 12, 31),
                "Draft agreed by both boards.",
            ),
            DemoRecommendation(
                "Share safeguarding concerns with adult services when a young person leaves "
                "school or college.",
                EDUCATION,
                Waiting,
                date(2027, 4, 30),
                "",
            ),
        ),
    ),
    DemoReview(
        slug="child-n",
        title="Child N: head injury in a toddler",
        pseudonym="Child N",
        review_type=Type.SERIOUS_CASE_REVIEW,
        published_date=date(2019, 6, 12),
        status=Status.ARCHIVED,
        age_band=Age.AGE_1_4,
        themes=("non-accidental-injury", "domestic-abuse", "substance-misuse"),
        summary="A serious case review of a two-year-old who suffered a head injury in a "
        "household where domestic abuse and drug use were known.",
        learning_points=(
            DemoLearningPoint(
                "Risk from a new partner",
                p(
                    "The mother's new partner had a history of violence that was known to "
                    "the police but not checked."
                ),
            ),
            DemoLearningPoint(
                "Drug use and supervision",
                p("The adults' drug use meant Child N was often unsupervised."),
            ),
        ),
        response=p(
            "All recommendations of this review were completed by 2021. The full report is "
            "archived and available on request."
        ),
        recommendations=(
            DemoRecommendation(
                "Check the history of new partners in families open to children's services.",
                CHILDRENS_SERVICES,
                Done,
                date(2020, 3, 31),
                "",
            ),
            DemoRecommendation(
                "Train drug and alcohol workers to assess the supervision of children.",
                RECOVERY,
                Done,
                date(2020, 9, 30),
                "",
            ),
        ),
    ),
    DemoReview(
        slug="child-p",
        title="Child P: chronic neglect and home conditions",
        pseudonym="Child P",
        review_type=Type.SERIOUS_CASE_REVIEW,
        published_date=date(2020, 2, 26),
        status=Status.ARCHIVED,
        age_band=Age.AGE_1_4,
        themes=("neglect", "substance-misuse", "parental-mental-health"),
        summary="A serious case review of a three-year-old found living in very poor home "
        "conditions, with delayed speech and untreated tooth decay.",
        learning_points=(
            DemoLearningPoint(
                "Home visits were announced",
                p(
                    "Every visit was arranged in advance. The home was tidied beforehand, and "
                    "the real conditions were not seen for months."
                ),
            ),
            DemoLearningPoint(
                "Disguised compliance",
                p("The parents agreed to every plan. Nothing changed for Child P."),
            ),
        ),
        response=p(
            "All recommendations of this review were completed by 2021. The full report is "
            "archived and available on request."
        ),
        recommendations=(
            DemoRecommendation(
                "Include unannounced visits in child protection plans for neglect.",
                CHILDRENS_SERVICES,
                Done,
                date(2020, 9, 30),
                "",
            ),
            DemoRecommendation(
                "Train practitioners to recognise disguised compliance.",
                PARTNERSHIP,
                Done,
                date(2021, 3, 31),
                "",
            ),
        ),
    ),
    DemoReview(
        slug="national-panel-review-babies-sleeping-unsafely",
        title="National panel review: babies who died while sleeping unsafely",
        pseudonym="Babies in three areas",
        review_type=Type.NATIONAL_PANEL,
        published_date=date(2020, 7, 15),
        status=Status.PUBLISHED,
        age_band=Age.UNDER_1,
        themes=("safer-sleep", "substance-misuse", "parental-mental-health"),
        summary="A national panel review (demo) that included two Northshire babies: what it "
        "asks of local services about safer sleep in families under stress.",
        learning_points=(
            DemoLearningPoint(
                "Advice is not enough on its own",
                p(
                    "Parents knew the safer sleep advice. Alcohol, drugs, exhaustion and "
                    "disrupted routines meant they did not follow it on the night."
                ),
            ),
            DemoLearningPoint(
                "Plan for the unplanned",
                p("Most deaths happened when routines changed: a visit, a party, a move."),
            ),
        ),
        response=p(
            "Northshire's safer sleep assessment now asks about the times when routines "
            "change, and partner agencies have adopted the review's recommendations."
        ),
        recommendations=(
            DemoRecommendation(
                "Adopt a safer sleep assessment that covers changes in routine.",
                COMMUNITY_HEALTH,
                Done,
                date(2021, 3, 31),
                "",
            ),
            DemoRecommendation(
                "Include safer sleep in the work of adult mental health and substance misuse "
                "services.",
                MENTAL_HEALTH,
                Done,
                date(2021, 9, 30),
                "",
            ),
        ),
        resources=("panel", "lullaby-trust"),
    ),
    DemoReview(
        slug="thematic-review-disabled-children-short-breaks",
        title="Thematic review: disabled children in short-break care",
        pseudonym="Children A to D",
        review_type=Type.THEMATIC,
        published_date=date(2026, 9, 9),
        status=Status.PUBLISHED,
        age_band=Age.AGE_5_10,
        themes=("children-with-disabilities", "information-sharing", "professional-curiosity"),
        summary="Four disabled children whose injuries and changes in behaviour during short "
        "breaks were not explored.",
        learning_points=(
            DemoLearningPoint(
                "Concerns explained by the impairment",
                p(
                    "Bruising and distress were put down to the children's conditions and "
                    "were not recorded as safeguarding concerns."
                ),
            ),
            DemoLearningPoint(
                "Nobody asked the children",
                p(
                    "None of the four children had been asked about their stays, in any form "
                    "of communication."
                ),
            ),
            DemoLearningPoint(
                "Oversight of providers",
                p(
                    "Concerns about the provider were held by three agencies and never put "
                    "together."
                ),
            ),
        ),
        response=p(
            "The partners have commissioned independent visits to every short-break provider "
            "and a shared log of concerns."
        ),
        recommendations=(
            DemoRecommendation(
                "Commission independent visits to every short-break provider.",
                CHILDRENS_SERVICES,
                Waiting,
                date(2027, 3, 31),
                "",
            ),
            DemoRecommendation(
                "Keep a shared log of concerns about short-break providers.",
                PARTNERSHIP,
                Doing,
                date(2027, 1, 31),
                "",
            ),
            DemoRecommendation(
                "Ask every disabled child about their short breaks at their review.",
                CHILDRENS_SERVICES,
                Waiting,
                date(2027, 6, 30),
                "",
            ),
        ),
        executive_summary=True,
        resources=("nspcc-learning",),
    ),
)
