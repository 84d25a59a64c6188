"""The hand-written demo reviews: invented children, families and findings.

Each review spreads across the filters of ``/reviews/``: every review type, the years 2019 to
2026, every age band, every status and several reviews per theme. The practice learning is
sound; the children, places and events are invented.
"""

from dataclasses import dataclass
from datetime import date

from demo.common import (
    ADULT_SOCIAL_CARE,
    CHILDRENS_SERVICES,
    COMMUNITY_HEALTH,
    DOMESTIC_ABUSE,
    EDUCATION,
    HOSPITAL,
    ICB,
    MENTAL_HEALTH,
    PARTNERSHIP,
    POLICE,
    RECOVERY,
    REVIEW_NOTICE,
    notice,
    p,
    ul,
)
from reviews.models import Recommendation, ReviewPage

Type = ReviewPage.ReviewType
Status = ReviewPage.Status
Age = ReviewPage.AgeBand
Done = Recommendation.Status.COMPLETED
Doing = Recommendation.Status.IN_PROGRESS
Late = Recommendation.Status.OVERDUE
Waiting = Recommendation.Status.NOT_STARTED


@dataclass(frozen=True)
class Rec:
    """One recommendation: references (R1, R2...) follow the order in the review."""

    text: str
    agency: str
    status: str
    due: date
    note: str = ""


@dataclass(frozen=True)
class DemoReview:
    """One invented review and everything published with it."""

    slug: str
    title: str
    pseudonym: str
    review_type: str
    published: date
    status: str
    age_band: str
    themes: tuple
    summary: str
    learning_points: tuple  # (title, detail HTML)
    response: str  # HTML, before the demo notice
    recommendations: tuple
    executive_summary: bool = False
    resources: tuple = ()  # keys of vocabulary.RESOURCES

    @property
    def has_full_report(self):
        """Delayed reviews have no report yet; summary-only and archived ones publish only an
        executive summary (an archived full report is available on request)."""
        return self.status == Status.PUBLISHED

    @property
    def has_executive_summary(self):
        return self.executive_summary or self.status in (Status.SUMMARY_ONLY, Status.ARCHIVED)

    @property
    def response_html(self):
        return self.response + notice(REVIEW_NOTICE)


REVIEWS = [
    DemoReview(
        slug="baby-r",
        title="Baby R: bruising in a non-mobile baby",
        pseudonym="Baby R",
        review_type=Type.LOCAL_CSPR,
        published=date(2024, 5, 14),
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
            (
                "A bruise on a non-mobile baby is a warning sign",
                p(
                    "A health visitor saw a small bruise on Baby R's cheek at eleven weeks and "
                    "accepted that a sibling had caused it. The protocol was not followed, so "
                    "no paediatrician saw her and no one else knew."
                ),
            ),
            (
                "The mother's partner was invisible to services",
                p(
                    "Baby R's mother's partner had moved in before the birth and cared for her "
                    "most evenings. No agency recorded his name, and he was never asked how he "
                    "coped with her crying."
                ),
            ),
            (
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
            Rec(
                "Relaunch the bruising in non-mobile babies protocol and audit its use.",
                PARTNERSHIP,
                Done,
                date(2024, 12, 31),
                "Relaunched in September 2024; the first audit found the protocol followed in "
                "47 of 50 cases.",
            ),
            Rec(
                "Record the name and role of every adult living in a baby's household at the "
                "new birth visit.",
                COMMUNITY_HEALTH,
                Done,
                date(2025, 3, 31),
                "The record template has been changed and staff trained.",
            ),
            Rec(
                "Deliver ICON to fathers and male carers at antenatal and postnatal contacts.",
                ICB,
                Doing,
                date(2027, 3, 31),
                "Midwifery and health visiting have started; GP practices are next.",
            ),
            Rec(
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
        published=date(2023, 3, 8),
        status=Status.PUBLISHED,
        age_band=Age.AGE_5_10,
        themes=("neglect", "parental-mental-health", "professional-curiosity"),
        summary="An eight-year-old boy lived with neglect for six years while agencies "
        "responded to each referral as if it were the first.",
        learning_points=(
            (
                "Start-again syndrome",
                p(
                    "Eleven referrals were made over six years. Each was assessed on its own, "
                    "and none of the assessments drew on the history."
                ),
            ),
            (
                "Think family",
                p(
                    "Child Q's mother was seen regularly by adult mental health services, who "
                    "did not know she was the sole carer of three children."
                ),
            ),
            (
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
            Rec(
                "Use the Graded Care Profile 2 in every assessment where neglect is suspected.",
                CHILDRENS_SERVICES,
                Done,
                date(2023, 12, 31),
                "Training completed for 420 practitioners across agencies.",
            ),
            Rec(
                "Ask every adult mental health patient about children in their care and record "
                "the answer.",
                MENTAL_HEALTH,
                Done,
                date(2024, 3, 31),
                "Now a mandatory question in the assessment record.",
            ),
            Rec(
                "Include a multi-agency chronology in every repeat referral assessment.",
                CHILDRENS_SERVICES,
                Late,
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
        published=date(2022, 11, 17),
        status=Status.SUMMARY_ONLY,
        age_band=Age.UNDER_1,
        themes=("safer-sleep", "substance-misuse", "neglect"),
        summary="A seven-week-old baby died while sleeping on a sofa with a parent who had "
        "been drinking.",
        learning_points=(
            (
                "Safer sleep advice must be repeated when plans change",
                p(
                    "The family had safer sleep advice after the birth, but the baby was "
                    "staying at a relative's home with no cot on the night she died."
                ),
            ),
            (
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
            Rec(
                "Include 'sleeping away from home' in the safer sleep assessment tool.",
                COMMUNITY_HEALTH,
                Done,
                date(2023, 6, 30),
                "Tool updated and in use.",
            ),
            Rec(
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
        published=date(2021, 9, 29),
        status=Status.PUBLISHED,
        age_band=Age.UNDER_1,
        themes=("fractures-in-infants", "non-accidental-injury", "male-carers-and-fathers"),
        summary="A ten-week-old baby was found to have rib and leg fractures of different ages "
        "after being taken to hospital with a swollen leg.",
        learning_points=(
            (
                "An explanation that did not fit",
                p(
                    "The father said Child T had caught her leg in the cot bars. A ten-week-old "
                    "baby cannot do this, but the explanation was accepted at first."
                ),
            ),
            (
                "The skeletal survey found older injuries",
                p(
                    "Healing rib fractures were found on the survey. They showed that Child T "
                    "had been hurt before, at a time when she had been seen by two services."
                ),
            ),
            (
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
            Rec(
                "Agree a multi-agency pathway for babies under one with suspected fractures.",
                HOSPITAL,
                Done,
                date(2022, 3, 31),
                "The pathway was agreed in February 2022 and is reviewed every year.",
            ),
            Rec(
                "Offer care leavers who become parents a named worker and parenting support.",
                CHILDRENS_SERVICES,
                Done,
                date(2022, 9, 30),
                "The leaving care service now has two specialist parenting workers.",
            ),
            Rec(
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
        slug="family-m",
        title="Family M: children living with domestic abuse",
        pseudonym="Family M",
        review_type=Type.DOMESTIC_HOMICIDE,
        published=date(2022, 6, 21),
        status=Status.PUBLISHED,
        age_band=Age.AGE_5_10,
        themes=("domestic-abuse", "parental-mental-health", "information-sharing"),
        summary="A domestic homicide review of the death of a mother of two, whose children "
        "had told school staff they were frightened at home.",
        learning_points=(
            (
                "Children are victims of domestic abuse in their own right",
                p(
                    "The children's accounts to school were recorded but not shared, because "
                    "staff thought a referral needed the mother's consent."
                ),
            ),
            (
                "Coercive control was not recognised",
                p(
                    "The police attended four incidents, each graded as standard risk. The "
                    "pattern of control over money, friends and the mother's phone was not "
                    "seen."
                ),
            ),
            (
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
            Rec(
                "Tell schools the next school day when police attend domestic abuse where a "
                "child lives.",
                POLICE,
                Done,
                date(2023, 1, 31),
                "Notifications go to every school in Northshire.",
            ),
            Rec(
                "Train frontline staff in recognising coercive control.",
                DOMESTIC_ABUSE,
                Done,
                date(2023, 6, 30),
                "",
            ),
            Rec(
                "Publish clear guidance that consent is not needed to share information to "
                "protect a child.",
                PARTNERSHIP,
                Done,
                date(2022, 12, 31),
                "",
            ),
            Rec(
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
        slug="child-w",
        title="Child W: a disabled child who was not brought to appointments",
        pseudonym="Child W",
        review_type=Type.LOCAL_CSPR,
        published=date(2024, 10, 3),
        status=Status.PUBLISHED,
        age_band=Age.AGE_11_15,
        themes=("children-with-disabilities", "neglect", "information-sharing"),
        summary="A thirteen-year-old with cerebral palsy became seriously unwell after "
        "eighteen months in which she was not brought to health appointments.",
        learning_points=(
            (
                "Was not brought",
                p(
                    "Child W was not brought to fourteen appointments with four services. "
                    "Each service discharged her without telling the others or her GP."
                ),
            ),
            (
                "Diagnostic overshadowing",
                p(
                    "Her weight loss was put down to her condition. Nobody asked whether it "
                    "would have caused concern in a child without a disability."
                ),
            ),
            (
                "Hearing the child",
                p("Child W uses a communication aid. Practitioners spoke only to her mother."),
            ),
        ),
        response=p(
            "A 'was not brought' policy now applies to every health service in Northshire, and "
            "the partnership has published a 7-minute briefing on children with disabilities."
        ),
        recommendations=(
            Rec(
                "Adopt a single 'was not brought' policy across all health services.",
                ICB,
                Done,
                date(2025, 3, 31),
                "Adopted by all NHS providers in Northshire.",
            ),
            Rec(
                "Tell the GP and the referrer whenever a child is discharged after not being "
                "brought.",
                ICB,
                Doing,
                date(2026, 12, 31),
                "Two of three providers have changed their discharge letters.",
            ),
            Rec(
                "Record how every disabled child communicates and use it at every visit.",
                CHILDRENS_SERVICES,
                Late,
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
        published=date(2025, 2, 12),
        status=Status.PUBLISHED,
        age_band=Age.AGE_11_15,
        themes=("childhood-obesity", "neglect", "professional-curiosity"),
        summary="A twelve-year-old boy living with severe obesity developed type 2 diabetes "
        "after years of health advice that was not followed up.",
        learning_points=(
            (
                "Obesity as one sign among many",
                p(
                    "Child L's weight was known to school nursing, his GP and the hospital. "
                    "Poor attendance, missed appointments and low mood were known to others."
                ),
            ),
            (
                "The child's voice",
                p(
                    "Child L said he was bullied about his weight and avoided PE. He had never "
                    "been asked what would help."
                ),
            ),
            (
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
            Rec(
                "Publish multi-agency guidance on obesity and neglect.",
                PARTNERSHIP,
                Done,
                date(2025, 6, 30),
                "Published in May 2025.",
            ),
            Rec(
                "Offer every child with severe obesity a team around the family meeting.",
                COMMUNITY_HEALTH,
                Doing,
                date(2026, 12, 31),
                "",
            ),
            Rec(
                "Include children's views in every weight management plan.",
                COMMUNITY_HEALTH,
                Doing,
                date(2027, 3, 31),
                "",
            ),
        ),
    ),
    DemoReview(
        slug="thematic-review-non-accidental-injury-in-babies",
        title="Thematic review: non-accidental injury in babies under one",
        pseudonym="Babies A to F",
        review_type=Type.THEMATIC,
        published=date(2025, 7, 9),
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
            (
                "Men were caring for five of the six babies",
                p(
                    "In five cases the injury happened while a father or the mother's partner "
                    "was caring for the baby alone. Four of the men were not known to "
                    "universal services."
                ),
            ),
            (
                "Earlier injuries were missed",
                p("Three babies had been seen with bruises or marks before the serious injury."),
            ),
            (
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
            Rec(
                "Fund a fathers' worker in each family hub.",
                CHILDRENS_SERVICES,
                Doing,
                date(2026, 12, 31),
                "Three of five posts filled.",
            ),
            Rec(
                "Include male carers in every pre-birth assessment.",
                CHILDRENS_SERVICES,
                Done,
                date(2026, 3, 31),
                "",
            ),
            Rec(
                "Audit the bruising protocol every year and report to the partners.",
                PARTNERSHIP,
                Doing,
                date(2027, 7, 31),
                "",
            ),
            Rec(
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
        slug="child-j",
        title="Child J: exploitation and going missing",
        pseudonym="Child J",
        review_type=Type.LOCAL_CSPR,
        published=date(2023, 11, 22),
        status=Status.PUBLISHED,
        age_band=Age.AGE_16_17,
        themes=("child-exploitation", "information-sharing", "substance-misuse"),
        summary="A sixteen-year-old was seriously injured after months of going missing and "
        "being criminally exploited to sell drugs in another county.",
        learning_points=(
            (
                "Going missing is a warning sign",
                p(
                    "Child J went missing nine times in four months. Return interviews were "
                    "offered twice and he declined both."
                ),
            ),
            (
                "Seeing a victim, not an offender",
                p(
                    "When he was arrested with drugs, he was treated as an offender and the "
                    "exploitation was not explored."
                ),
            ),
            (
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
            Rec(
                "Offer return interviews by a worker the child already knows.",
                CHILDRENS_SERVICES,
                Done,
                date(2024, 6, 30),
                "",
            ),
            Rec(
                "Consider exploitation at every arrest of a child for drug offences.",
                POLICE,
                Done,
                date(2024, 3, 31),
                "Custody procedures updated.",
            ),
            Rec(
                "Share intelligence about places of concern with the exploitation panel.",
                POLICE,
                Late,
                date(2024, 12, 31),
                "An information-sharing agreement is still being finalised.",
            ),
        ),
        resources=("panel", "kcsie"),
    ),
    DemoReview(
        slug="young-person-k",
        title="Young person K: moving from children's to adult services",
        pseudonym="Young person K",
        review_type=Type.SAFEGUARDING_ADULTS,
        published=date(2025, 10, 15),
        status=Status.PUBLISHED,
        age_band=Age.AGE_16_17,
        themes=("children-with-disabilities", "information-sharing", "professional-curiosity"),
        summary="A Safeguarding Adults Review of a young man with a learning disability whose "
        "support ended at eighteen, carried out jointly with the adults board.",
        learning_points=(
            (
                "Transition planning started too late",
                p(
                    "Planning for adulthood began three months before K's eighteenth birthday. "
                    "Adult services did not know him."
                ),
            ),
            (
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
            Rec(
                "Agree a joint transitions protocol starting at age fourteen.",
                ADULT_SOCIAL_CARE,
                Doing,
                date(2026, 12, 31),
                "Draft agreed by both boards.",
            ),
            Rec(
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
        slug="unborn-baby-v",
        title="Unborn Baby V: pre-birth assessment",
        pseudonym="Unborn Baby V",
        review_type=Type.RAPID_REVIEW,
        published=date(2026, 3, 18),
        status=Status.PUBLISHED,
        age_band=Age.UNBORN,
        themes=("substance-misuse", "domestic-abuse", "information-sharing"),
        summary="A rapid review of a pre-birth assessment that began too late to plan for a "
        "baby's safety at birth.",
        learning_points=(
            (
                "Late booking",
                p(
                    "The mother booked with midwifery at 30 weeks. The referral to children's "
                    "social care followed at 36 weeks."
                ),
            ),
            (
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
            Rec(
                "Revise the pre-birth protocol to require referral as soon as concerns arise.",
                PARTNERSHIP,
                Done,
                date(2026, 9, 30),
                "Revised protocol published in September 2026.",
            ),
            Rec(
                "Check police and probation records for both parents in every pre-birth "
                "assessment.",
                CHILDRENS_SERVICES,
                Doing,
                date(2027, 3, 31),
                "",
            ),
            Rec(
                "Offer late-booking mothers a specialist midwife appointment within a week.",
                HOSPITAL,
                Waiting,
                date(2027, 6, 30),
                "",
            ),
        ),
    ),
    DemoReview(
        slug="child-n",
        title="Child N: head injury in a toddler",
        pseudonym="Child N",
        review_type=Type.SERIOUS_CASE_REVIEW,
        published=date(2019, 6, 12),
        status=Status.ARCHIVED,
        age_band=Age.AGE_1_4,
        themes=("non-accidental-injury", "domestic-abuse", "substance-misuse"),
        summary="A serious case review of a two-year-old who suffered a head injury in a "
        "household where domestic abuse and drug use were known.",
        learning_points=(
            (
                "Risk from a new partner",
                p(
                    "The mother's new partner had a history of violence that was known to "
                    "the police but not checked."
                ),
            ),
            (
                "Drug use and supervision",
                p("The adults' drug use meant Child N was often unsupervised."),
            ),
        ),
        response=p(
            "All recommendations of this review were completed by 2021. The full report is "
            "archived and available on request."
        ),
        recommendations=(
            Rec(
                "Check the history of new partners in families open to children's services.",
                CHILDRENS_SERVICES,
                Done,
                date(2020, 3, 31),
                "",
            ),
            Rec(
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
        published=date(2020, 2, 26),
        status=Status.ARCHIVED,
        age_band=Age.AGE_1_4,
        themes=("neglect", "substance-misuse", "parental-mental-health"),
        summary="A serious case review of a three-year-old found living in very poor home "
        "conditions, with delayed speech and untreated tooth decay.",
        learning_points=(
            (
                "Home visits were announced",
                p(
                    "Every visit was arranged in advance. The home was tidied beforehand, and "
                    "the real conditions were not seen for months."
                ),
            ),
            (
                "Disguised compliance",
                p("The parents agreed to every plan. Nothing changed for Child P."),
            ),
        ),
        response=p(
            "All recommendations of this review were completed by 2021. The full report is "
            "archived and available on request."
        ),
        recommendations=(
            Rec(
                "Include unannounced visits in child protection plans for neglect.",
                CHILDRENS_SERVICES,
                Done,
                date(2020, 9, 30),
                "",
            ),
            Rec(
                "Train practitioners to recognise disguised compliance.",
                PARTNERSHIP,
                Done,
                date(2021, 3, 31),
                "",
            ),
        ),
    ),
    DemoReview(
        slug="baby-h",
        title="Baby H: abusive head trauma",
        pseudonym="Baby H",
        review_type=Type.LOCAL_CSPR,
        published=date(2026, 1, 20),
        status=Status.DELAYED,
        age_band=Age.UNDER_1,
        themes=("abusive-head-trauma", "male-carers-and-fathers", "non-accidental-injury"),
        summary="The report of this review is delayed until criminal proceedings end. The "
        "partners have acted on the early learning.",
        learning_points=(
            (
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
            Rec(
                "Make a crying plan with every family at the six to eight week contact.",
                COMMUNITY_HEALTH,
                Doing,
                date(2027, 1, 31),
                "Included in the contact template from October 2026.",
            ),
            Rec(
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
        slug="national-panel-review-babies-sleeping-unsafely",
        title="National panel review: babies who died while sleeping unsafely",
        pseudonym="Babies in three areas",
        review_type=Type.NATIONAL_PANEL,
        published=date(2020, 7, 15),
        status=Status.PUBLISHED,
        age_band=Age.UNDER_1,
        themes=("safer-sleep", "substance-misuse", "parental-mental-health"),
        summary="A national panel review (demo) that included two Northshire babies: what it "
        "asks of local services about safer sleep in families under stress.",
        learning_points=(
            (
                "Advice is not enough on its own",
                p(
                    "Parents knew the safer sleep advice. Alcohol, drugs, exhaustion and "
                    "disrupted routines meant they did not follow it on the night."
                ),
            ),
            (
                "Plan for the unplanned",
                p("Most deaths happened when routines changed: a visit, a party, a move."),
            ),
        ),
        response=p(
            "Northshire's safer sleep assessment now asks about the times when routines "
            "change, and partner agencies have adopted the review's recommendations."
        ),
        recommendations=(
            Rec(
                "Adopt a safer sleep assessment that covers changes in routine.",
                COMMUNITY_HEALTH,
                Done,
                date(2021, 3, 31),
                "",
            ),
            Rec(
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
        published=date(2026, 9, 9),
        status=Status.PUBLISHED,
        age_band=Age.AGE_5_10,
        themes=("children-with-disabilities", "information-sharing", "professional-curiosity"),
        summary="Four disabled children whose injuries and changes in behaviour during short "
        "breaks were not explored.",
        learning_points=(
            (
                "Concerns explained by the impairment",
                p(
                    "Bruising and distress were put down to the children's conditions and "
                    "were not recorded as safeguarding concerns."
                ),
            ),
            (
                "Nobody asked the children",
                p(
                    "None of the four children had been asked about their stays, in any form "
                    "of communication."
                ),
            ),
            (
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
            Rec(
                "Commission independent visits to every short-break provider.",
                CHILDRENS_SERVICES,
                Waiting,
                date(2027, 3, 31),
                "",
            ),
            Rec(
                "Keep a shared log of concerns about short-break providers.",
                PARTNERSHIP,
                Doing,
                date(2027, 1, 31),
                "",
            ),
            Rec(
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
    DemoReview(
        slug="child-f",
        title="Child F: obesity, neglect and school attendance",
        pseudonym="Child F",
        review_type=Type.RAPID_REVIEW,
        published=date(2021, 4, 28),
        status=Status.SUMMARY_ONLY,
        age_band=Age.AGE_5_10,
        themes=("childhood-obesity", "neglect", "information-sharing"),
        summary="A rapid review of a nine-year-old whose weight, poor attendance and missed "
        "dental care were each known to a different agency.",
        learning_points=(
            (
                "Three agencies, three pieces",
                p(
                    "School knew about attendance, the dentist about decay and the school "
                    "nurse about weight. Nobody put them together."
                ),
            ),
            (
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
            Rec(
                "Share persistent absence with the school nursing service.",
                EDUCATION,
                Done,
                date(2021, 12, 31),
                "",
            ),
            Rec(
                "Include dental health in neglect assessments.",
                CHILDRENS_SERVICES,
                Late,
                date(2022, 6, 30),
                "Included in the new assessment form, due to go live with the new system.",
            ),
        ),
    ),
]

# The review a briefing or news item links to, by slug.
REVIEWS_BY_SLUG = {review.slug: review for review in REVIEWS}


def full_report_html(review):
    """The HTML body of a review's invented full report (see ``pdfs.report_pdf``)."""
    points = "".join(f"<h3>{title}</h3>{detail}" for title, detail in review.learning_points)
    recs = "".join(
        f"<tr><td>R{n}</td><td>{rec.text}</td><td>{rec.agency}</td></tr>"
        for n, rec in enumerate(review.recommendations, start=1)
    )
    return (
        f"<h2>Summary</h2>{p(review.summary)}"
        f"<h2>What we learned</h2>{points}"
        "<h2>Recommendations</h2>"
        "<table><thead><tr><th scope='col'>Ref</th><th scope='col'>Recommendation</th>"
        f"<th scope='col'>Agency</th></tr></thead><tbody>{recs}</tbody></table>"
        f"<h2>The partnership's response</h2>{review.response}"
    )


def executive_summary_html(review):
    """The HTML body of a review's invented executive summary."""
    points = ul(*(title for title, _detail in review.learning_points))
    return (
        f"<h2>Summary</h2>{p(review.summary)}"
        f"<h2>Key learning</h2>{points}"
        f"<h2>Response</h2>{review.response}"
    )
