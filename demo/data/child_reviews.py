"""The partnership's own demo reviews of children: local child safeguarding practice reviews
and rapid reviews.

With ``other_reviews`` they spread across the filters of ``/reviews/``: every review type, the
years 2019 to 2026, every age band, every status and several reviews per theme. The practice
learning is sound; the children, places and events are invented.
"""

from datetime import date

from demo.data.common import (
    CHILDRENS_SERVICES,
    COMMUNITY_HEALTH,
    EDUCATION,
    HOSPITAL,
    ICB,
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

CHILD_REVIEWS = (
    DemoReview(
        slug="baby-r",
        title="Baby R: bruising in a non-mobile baby",
        pseudonym="Baby R",
        review_type=Type.LOCAL_CSPR,
        published_date=date(2024, 5, 14),
        status=Status.PUBLISHED,
        age_band=Age.UNDER_1,
        themes=(
            "non-accidental-injury",
            "abusive-head-trauma",
            "male-carers-and-fathers",
            "professional-curiosity",
        ),
        summary="A four-month-old baby suffered a serious head injury three weeks after a "
        "small bruise on her cheek was seen and not referred.",
        learning_points=(
            DemoLearningPoint(
                "A bruise on a non-mobile baby is a warning sign",
                p(
                    "A health visitor saw a small bruise on Baby R's cheek at eleven weeks and "
                    "accepted that a sibling had caused it. The protocol was not followed, so "
                    "no paediatrician saw her and no one else knew."
                ),
            ),
            DemoLearningPoint(
                "The mother's partner was invisible to services",
                p(
                    "Baby R's mother's partner had moved in before the birth and cared for her "
                    "most evenings. No agency recorded his name, and he was never asked how he "
                    "coped with her crying."
                ),
            ),
            DemoLearningPoint(
                "Crying was the trigger",
                p(
                    "Baby R cried for long periods in her first months. Advice on coping with "
                    "crying was given once, to her mother alone, at the new birth visit."
                ),
            ),
        ),
        response=p(
            "The partners have relaunched the bruising in non-mobile babies protocol with "
            "training for every health visitor, GP practice and early years setting, and ICON "
            "conversations now take place at four points before and after birth, with fathers "
            "and partners invited."
        ),
        recommendations=(
            DemoRecommendation(
                "Relaunch the bruising in non-mobile babies protocol and audit its use.",
                PARTNERSHIP,
                Done,
                date(2024, 12, 31),
                "Relaunched in September 2024; the first audit found the protocol followed in "
                "47 of 50 cases.",
            ),
            DemoRecommendation(
                "Record the name and role of every adult living in a baby's household at the "
                "new birth visit.",
                COMMUNITY_HEALTH,
                Done,
                date(2025, 3, 31),
                "The record template has been changed and staff trained.",
            ),
            DemoRecommendation(
                "Deliver ICON to fathers and male carers at antenatal and postnatal contacts.",
                ICB,
                Doing,
                date(2027, 3, 31),
                "Midwifery and health visiting have started; GP practices are next.",
            ),
            DemoRecommendation(
                "Include the role of male carers in the multi-agency training programme.",
                PARTNERSHIP,
                Done,
                date(2025, 6, 30),
                "Included in the level 3 course from June 2025.",
            ),
        ),
        executive_summary=True,
        resources=("invisible-men", "icon", "nice-cg89"),
    ),
    DemoReview(
        slug="child-q",
        title="Child Q: neglect over many years",
        pseudonym="Child Q",
        review_type=Type.LOCAL_CSPR,
        published_date=date(2023, 3, 8),
        status=Status.PUBLISHED,
        age_band=Age.AGE_5_10,
        themes=("neglect", "parental-mental-health", "professional-curiosity"),
        summary="An eight-year-old boy lived with neglect for six years while agencies "
        "responded to each referral as if it were the first.",
        learning_points=(
            DemoLearningPoint(
                "Start-again syndrome",
                p(
                    "Eleven referrals were made over six years. Each was assessed on its own, "
                    "and none of the assessments drew on the history."
                ),
            ),
            DemoLearningPoint(
                "Think family",
                p(
                    "Child Q's mother was seen regularly by adult mental health services, who "
                    "did not know she was the sole carer of three children."
                ),
            ),
            DemoLearningPoint(
                "The child's lived experience",
                p(
                    "Teachers knew Child Q came to school hungry and in the same clothes each "
                    "day. Nobody asked him what his evenings and weekends were like."
                ),
            ),
        ),
        response=p(
            "The partnership has made the Graded Care Profile 2 the expected tool for neglect, "
            "and adult services now ask about children at every assessment."
        ),
        recommendations=(
            DemoRecommendation(
                "Use the Graded Care Profile 2 in every assessment where neglect is suspected.",
                CHILDRENS_SERVICES,
                Done,
                date(2023, 12, 31),
                "Training completed for 420 practitioners across agencies.",
            ),
            DemoRecommendation(
                "Ask every adult mental health patient about children in their care and record "
                "the answer.",
                MENTAL_HEALTH,
                Done,
                date(2024, 3, 31),
                "Now a mandatory question in the assessment record.",
            ),
            DemoRecommendation(
                "Include a multi-agency chronology in every repeat referral assessment.",
                CHILDRENS_SERVICES,
                Doing,
                date(2024, 9, 30),
                "Delayed by the change of case management system; a new date is being agreed.",
            ),
        ),
        resources=("nspcc-learning",),
    ),
    DemoReview(
        slug="baby-s",
        title="Baby S: sudden unexpected death in infancy",
        pseudonym="Baby S",
        review_type=Type.RAPID_REVIEW,
        published_date=date(2022, 11, 17),
        status=Status.SUMMARY_ONLY,
        age_band=Age.UNDER_1,
        themes=("safer-sleep", "substance-misuse", "neglect"),
        summary="A seven-week-old baby died while sleeping on a sofa with a parent who had "
        "been drinking.",
        learning_points=(
            DemoLearningPoint(
                "Safer sleep advice must be repeated when plans change",
                p(
                    "The family had safer sleep advice after the birth, but the baby was "
                    "staying at a relative's home with no cot on the night she died."
                ),
            ),
            DemoLearningPoint(
                "Alcohol and co-sleeping",
                p(
                    "Services knew of the father's alcohol use but had not talked with the "
                    "parents about the added risk of sleeping with a baby after drinking."
                ),
            ),
        ),
        response=p(
            "Safer sleep conversations now include what happens when the baby sleeps away "
            "from home, and drug and alcohol services give safer sleep advice to every parent "
            "of a baby."
        ),
        recommendations=(
            DemoRecommendation(
                "Include 'sleeping away from home' in the safer sleep assessment tool.",
                COMMUNITY_HEALTH,
                Done,
                date(2023, 6, 30),
                "Tool updated and in use.",
            ),
            DemoRecommendation(
                "Drug and alcohol services to give safer sleep advice to parents of babies.",
                RECOVERY,
                Done,
                date(2023, 9, 30),
                "Training delivered; advice recorded in 92% of cases in the 2024 audit.",
            ),
        ),
        resources=("lullaby-trust",),
    ),
    DemoReview(
        slug="child-t",
        title="Child T: fractures in an infant",
        pseudonym="Child T",
        review_type=Type.LOCAL_CSPR,
        published_date=date(2021, 9, 29),
        status=Status.PUBLISHED,
        age_band=Age.UNDER_1,
        themes=("fractures-in-infants", "non-accidental-injury", "male-carers-and-fathers"),
        summary="A ten-week-old baby was found to have rib and leg fractures of different ages "
        "after being taken to hospital with a swollen leg.",
        learning_points=(
            DemoLearningPoint(
                "An explanation that did not fit",
                p(
                    "The father said Child T had caught her leg in the cot bars. A ten-week-old "
                    "baby cannot do this, but the explanation was accepted at first."
                ),
            ),
            DemoLearningPoint(
                "The skeletal survey found older injuries",
                p(
                    "Healing rib fractures were found on the survey. They showed that Child T "
                    "had been hurt before, at a time when she had been seen by two services."
                ),
            ),
            DemoLearningPoint(
                "Young fathers need support too",
                p(
                    "Child T's father was nineteen and a care leaver. His own needs were not "
                    "known to the services supporting the mother."
                ),
            ),
        ),
        response=p(
            "The fractures in infants pathway is now shared by the emergency department, "
            "paediatrics, social care and the police, with a named consultant on call."
        ),
        recommendations=(
            DemoRecommendation(
                "Agree a multi-agency pathway for babies under one with suspected fractures.",
                HOSPITAL,
                Done,
                date(2022, 3, 31),
                "The pathway was agreed in February 2022 and is reviewed every year.",
            ),
            DemoRecommendation(
                "Offer care leavers who become parents a named worker and parenting support.",
                CHILDRENS_SERVICES,
                Done,
                date(2022, 9, 30),
                "The leaving care service now has two specialist parenting workers.",
            ),
            DemoRecommendation(
                "Train emergency department staff to recognise explanations that do not fit a "
                "baby's development.",
                HOSPITAL,
                Done,
                date(2022, 6, 30),
                "",
            ),
        ),
        resources=("nice-cg89", "rcpch-evidence"),
    ),
    DemoReview(
        slug="child-w",
        title="Child W: a disabled child who was not brought to appointments",
        pseudonym="Child W",
        review_type=Type.LOCAL_CSPR,
        published_date=date(2024, 10, 3),
        status=Status.PUBLISHED,
        age_band=Age.AGE_11_15,
        themes=("children-with-disabilities", "neglect", "information-sharing"),
        summary="A thirteen-year-old with cerebral palsy became seriously unwell after "
        "eighteen months in which she was not brought to health appointments.",
        learning_points=(
            DemoLearningPoint(
                "Was not brought",
                p(
                    "Child W was not brought to fourteen appointments with four services. "
                    "Each service discharged her without telling the others or her GP."
                ),
            ),
            DemoLearningPoint(
                "Diagnostic overshadowing",
                p(
                    "Her weight loss was put down to her condition. Nobody asked whether it "
                    "would have caused concern in a child without a disability."
                ),
            ),
            DemoLearningPoint(
                "Hearing the child",
                p("Child W uses a communication aid. Practitioners spoke only to her mother."),
            ),
        ),
        response=p(
            "A 'was not brought' policy now applies to every health service in Northshire, and "
            "the partnership has published a 7-minute briefing on children with disabilities."
        ),
        recommendations=(
            DemoRecommendation(
                "Adopt a single 'was not brought' policy across all health services.",
                ICB,
                Done,
                date(2025, 3, 31),
                "Adopted by all NHS providers in Northshire.",
            ),
            DemoRecommendation(
                "Tell the GP and the referrer whenever a child is discharged after not being "
                "brought.",
                ICB,
                Doing,
                date(2026, 12, 31),
                "Two of three providers have changed their discharge letters.",
            ),
            DemoRecommendation(
                "Record how every disabled child communicates and use it at every visit.",
                CHILDRENS_SERVICES,
                Waiting,
                date(2025, 9, 30),
                "The recording change is waiting for the case management system upgrade.",
            ),
        ),
        executive_summary=True,
        resources=("nspcc-learning", "kcsie"),
    ),
    DemoReview(
        slug="child-l",
        title="Child L: severe obesity and unmet health needs",
        pseudonym="Child L",
        review_type=Type.LOCAL_CSPR,
        published_date=date(2025, 2, 12),
        status=Status.PUBLISHED,
        age_band=Age.AGE_11_15,
        themes=("childhood-obesity", "neglect", "professional-curiosity"),
        summary="A twelve-year-old boy living with severe obesity developed type 2 diabetes "
        "after years of health advice that was not followed up.",
        learning_points=(
            DemoLearningPoint(
                "Obesity as one sign among many",
                p(
                    "Child L's weight was known to school nursing, his GP and the hospital. "
                    "Poor attendance, missed appointments and low mood were known to others."
                ),
            ),
            DemoLearningPoint(
                "The child's voice",
                p(
                    "Child L said he was bullied about his weight and avoided PE. He had never "
                    "been asked what would help."
                ),
            ),
            DemoLearningPoint(
                "Respectful challenge",
                p(
                    "Practitioners feared that raising neglect would damage their relationship "
                    "with the family, so the concern was never named."
                ),
            ),
        ),
        response=p(
            "The partnership has published guidance on when obesity becomes a safeguarding "
            "concern and a 7-minute briefing for all agencies."
        ),
        recommendations=(
            DemoRecommendation(
                "Publish multi-agency guidance on obesity and neglect.",
                PARTNERSHIP,
                Done,
                date(2025, 6, 30),
                "Published in May 2025.",
            ),
            DemoRecommendation(
                "Offer every child with severe obesity a team around the family meeting.",
                COMMUNITY_HEALTH,
                Doing,
                date(2026, 12, 31),
                "",
            ),
            DemoRecommendation(
                "Include children's views in every weight management plan.",
                COMMUNITY_HEALTH,
                Doing,
                date(2027, 3, 31),
                "",
            ),
        ),
    ),
    DemoReview(
        slug="child-j",
        title="Child J: exploitation and going missing",
        pseudonym="Child J",
        review_type=Type.LOCAL_CSPR,
        published_date=date(2023, 11, 22),
        status=Status.PUBLISHED,
        age_band=Age.AGE_16_17,
        themes=("child-exploitation", "information-sharing", "substance-misuse"),
        summary="A sixteen-year-old was seriously injured after months of going missing and "
        "being criminally exploited to sell drugs in another county.",
        learning_points=(
            DemoLearningPoint(
                "Going missing is a warning sign",
                p(
                    "Child J went missing nine times in four months. Return interviews were "
                    "offered twice and he declined both."
                ),
            ),
            DemoLearningPoint(
                "Seeing a victim, not an offender",
                p(
                    "When he was arrested with drugs, he was treated as an offender and the "
                    "exploitation was not explored."
                ),
            ),
            DemoLearningPoint(
                "Places, not only people",
                p(
                    "The places where he was being exploited were known to the police but not "
                    "shared with the exploitation panel."
                ),
            ),
        ),
        response=p(
            "The exploitation panel now looks at places and groups as well as individual "
            "children, and return interviews are offered by a worker the child knows."
        ),
        recommendations=(
            DemoRecommendation(
                "Offer return interviews by a worker the child already knows.",
                CHILDRENS_SERVICES,
                Done,
                date(2024, 6, 30),
                "",
            ),
            DemoRecommendation(
                "Consider exploitation at every arrest of a child for drug offences.",
                POLICE,
                Done,
                date(2024, 3, 31),
                "Custody procedures updated.",
            ),
            DemoRecommendation(
                "Share intelligence about places of concern with the exploitation panel.",
                POLICE,
                Doing,
                date(2024, 12, 31),
                "An information-sharing agreement is still being finalised.",
            ),
        ),
        resources=("panel", "kcsie"),
    ),
    DemoReview(
        slug="unborn-baby-v",
        title="Unborn Baby V: pre-birth assessment",
        pseudonym="Unborn Baby V",
        review_type=Type.RAPID_REVIEW,
        published_date=date(2026, 3, 18),
        status=Status.PUBLISHED,
        age_band=Age.UNBORN,
        themes=("substance-misuse", "domestic-abuse", "information-sharing"),
        summary="A rapid review of a pre-birth assessment that began too late to plan for a "
        "baby's safety at birth.",
        learning_points=(
            DemoLearningPoint(
                "Late booking",
                p(
                    "The mother booked with midwifery at 30 weeks. The referral to children's "
                    "social care followed at 36 weeks."
                ),
            ),
            DemoLearningPoint(
                "The father's history",
                p(
                    "The father's history of domestic abuse was held by probation and the "
                    "police but was not known to the midwife."
                ),
            ),
        ),
        response=p(
            "The pre-birth protocol has been revised so that a referral is made as soon as "
            "concerns are known, at any stage of pregnancy."
        ),
        recommendations=(
            DemoRecommendation(
                "Revise the pre-birth protocol to require referral as soon as concerns arise.",
                PARTNERSHIP,
                Done,
                date(2026, 9, 30),
                "Revised protocol published in September 2026.",
            ),
            DemoRecommendation(
                "Check police and probation records for both parents in every pre-birth "
                "assessment.",
                CHILDRENS_SERVICES,
                Doing,
                date(2027, 3, 31),
                "",
            ),
            DemoRecommendation(
                "Offer late-booking mothers a specialist midwife appointment within a week.",
                HOSPITAL,
                Waiting,
                date(2027, 6, 30),
                "",
            ),
        ),
    ),
    DemoReview(
        slug="baby-h",
        title="Baby H: abusive head trauma",
        pseudonym="Baby H",
        review_type=Type.LOCAL_CSPR,
        published_date=date(2026, 1, 20),
        status=Status.DELAYED,
        age_band=Age.UNDER_1,
        themes=("abusive-head-trauma", "male-carers-and-fathers", "non-accidental-injury"),
        summary="The report of this review is delayed until criminal proceedings end. The "
        "partners have acted on the early learning.",
        learning_points=(
            DemoLearningPoint(
                "Early learning: crying plans",
                p("Neither parent had a plan for what to do when the crying became too much."),
            ),
        ),
        response=p(
            "The review is complete, but its report cannot be published until the criminal "
            "proceedings have ended. The partners have already acted on the early learning "
            "about crying plans."
        ),
        recommendations=(
            DemoRecommendation(
                "Make a crying plan with every family at the six to eight week contact.",
                COMMUNITY_HEALTH,
                Doing,
                date(2027, 1, 31),
                "Included in the contact template from October 2026.",
            ),
            DemoRecommendation(
                "Publish the review when proceedings have ended.",
                PARTNERSHIP,
                Waiting,
                date(2027, 9, 30),
                "",
            ),
        ),
        resources=("icon",),
    ),
    DemoReview(
        slug="child-f",
        title="Child F: obesity, neglect and school attendance",
        pseudonym="Child F",
        review_type=Type.RAPID_REVIEW,
        published_date=date(2021, 4, 28),
        status=Status.SUMMARY_ONLY,
        age_band=Age.AGE_5_10,
        themes=("childhood-obesity", "neglect", "information-sharing"),
        summary="A rapid review of a nine-year-old whose weight, poor attendance and missed "
        "dental care were each known to a different agency.",
        learning_points=(
            DemoLearningPoint(
                "Three agencies, three pieces",
                p(
                    "School knew about attendance, the dentist about decay and the school "
                    "nurse about weight. Nobody put them together."
                ),
            ),
            DemoLearningPoint(
                "The lockdown effect",
                p(
                    "During school closures Child F was not seen by any professional for five "
                    "months."
                ),
            ),
        ),
        response=p(
            "The partnership has asked schools to share attendance concerns with the school "
            "nursing service."
        ),
        recommendations=(
            DemoRecommendation(
                "Share persistent absence with the school nursing service.",
                EDUCATION,
                Done,
                date(2021, 12, 31),
                "",
            ),
            DemoRecommendation(
                "Include dental health in neglect assessments.",
                CHILDRENS_SERVICES,
                Doing,
                date(2022, 6, 30),
                "Included in the new assessment form, due to go live with the new system.",
            ),
        ),
    ),
)
