"""The five 7-minute learning briefings named on the page this site replaces.

The practice messages follow national guidance (NICE, the national panel, ICON, Working
Together); the local detail (reviews, protocols, figures) is invented for the demo. Each
briefing names its source reviews by slug (see ``child_reviews`` and ``other_reviews``).
"""

from datetime import date

from demo.data.common import BRIEFING_NOTICE, notice, p, ul
from demo.shapes import DemoBriefing

ALL_AUDIENCES = ("Early years", "Education", "Health", "Police", "Social care", "Voluntary sector")

BRIEFINGS = (
    DemoBriefing(
        slug="abusive-head-trauma",
        title="Abusive Head Trauma - 7 minute learning",
        summary="Learning from local reviews of babies injured by shaking or impact, and how "
        "ICON helps parents and carers cope with crying.",
        published_date=date(2024, 6, 10),
        review_by=date(2027, 6, 10),
        themes=("abusive-head-trauma", "non-accidental-injury", "male-carers-and-fathers"),
        audiences=("Early years", "Health", "Police", "Social care", "Voluntary sector"),
        source_reviews=("baby-r", "thematic-review-non-accidental-injury-in-babies"),
        background=p(
            "Abusive head trauma (AHT), sometimes called shaken baby syndrome, is an injury to "
            "the skull or brain of a baby or young child caused by violent shaking, impact, or "
            "both. Most babies who suffer AHT are under one year old, and the risk is highest "
            "in the first months of life, when crying is at its most intense.",
            "Two local reviews (Baby R and our thematic review of non-accidental injury in "
            "babies) found that crying was the trigger, that the babies had been cared for by "
            "their fathers or their mothers' partners at the time, and that services had "
            "rarely spoken to those men before the injury.",
        )
        + notice(BRIEFING_NOTICE),
        why_it_matters=p(
            "AHT is one of the most serious forms of child abuse. Some babies die, and many "
            "survivors live with lifelong disability: learning difficulties, epilepsy, sight "
            "loss, cerebral palsy. It is also largely preventable. Parents and carers who "
            "understand that crying is normal, and who have a plan for when it gets too much, "
            "are less likely to lose control.",
        ),
        key_information_1_heading="ICON: babies cry, you can cope",
        key_information_1=p("ICON is the message every parent and carer should hear:")
        + ul(
            "<b>I</b>nfant crying is normal and it will stop.",
            "<b>C</b>omforting methods can help, and the crying may stop.",
            "<b>O</b>K to walk away: if you have checked the baby is safe and the crying is "
            "getting to you, put the baby down safely in the cot and take a few minutes.",
            "<b>N</b>ever, ever shake or hurt a baby.",
        ),
        key_information_2_heading="Bruising in non-mobile babies",
        key_information_2=p(
            "A bruise on a baby who is not yet crawling or cruising is rare and must never be "
            "dismissed. It may be a sentinel injury: the first visible sign of abuse before a "
            "serious head injury. Under the Northshire bruising in non-mobile babies protocol "
            "(demo), any bruise, mark, or bleeding from the mouth or nose leads to a same-day "
            "referral to children's social care and a paediatric assessment. Do not decide "
            "alone that a mark is a birthmark or was caused accidentally.",
        ),
        key_information_3_heading="The men caring for the baby",
        key_information_3=p(
            "Fathers, stepfathers and mothers' partners are often invisible to services. The "
            "national panel found that male carers were frequently not seen, not assessed and "
            "not offered support, and that anger and a low tolerance of frustration were common "
            "among the men who injured babies. Ask who lives in the household and who looks "
            "after the baby, invite fathers to appointments and record their details.",
        ),
        what_to_remember=ul(
            "Crying peaks at around six to eight weeks of age; the risk of AHT follows the same "
            "curve.",
            "Parental stress, isolation, substance misuse, domestic abuse and a history of "
            "violence add to the risk, but AHT also happens in families with no known risk "
            "factors.",
            "Every contact is a chance to talk about crying: do not assume that another "
            "service has already done it.",
            "A small injury in a non-mobile baby can be a warning of much worse to come.",
        ),
        what_to_do=ul(
            "Talk through ICON with both parents and every carer: midwives before and after "
            "the birth, health visitors at the new birth visit and the six to eight week "
            "contact, GPs at the baby's check, and in emergency departments.",
            "Help parents make a crying plan: who they can call and how they will take a break.",
            "Record who was present for the conversation and what they said they would do.",
            "Follow the bruising protocol for any injury in a non-mobile baby, the same day.",
        ),
        reflective_questions=ul(
            "When did you last talk to a father or male carer about crying and how he copes "
            "with it?",
            "How do you record who lives in, and often visits, a baby's household?",
            "What might stop you making a same-day referral about a small bruise, and how "
            "could your team help you?",
        ),
    ),
    DemoBriefing(
        slug="childhood-obesity-awareness",
        title="Childhood Obesity Awareness - 7 minute learning",
        summary="When a child's severe obesity becomes a safeguarding concern, and how to "
        "work with families with respect.",
        published_date=date(2025, 3, 3),
        review_by=date(2027, 3, 3),
        themes=("childhood-obesity", "neglect", "professional-curiosity"),
        audiences=("Early years", "Education", "Health", "Social care"),
        source_reviews=("child-l", "child-f"),
        background=p(
            "Most children living with obesity are not being neglected, and obesity alone is "
            "not a child protection concern. Two local reviews (Child L and Child F) found that "
            "severe obesity was one sign among several of unmet health needs: missed "
            "appointments, poor school attendance and health advice not followed over several "
            "years, while each agency saw only its own part of the picture.",
        )
        + notice(BRIEFING_NOTICE),
        why_it_matters=p(
            "Severe obesity in childhood carries real risks now, such as sleep apnoea, type 2 "
            "diabetes, joint pain, low self-esteem and bullying, and into adult life. Where "
            "parents cannot or will not meet a child's health needs, it can amount to neglect. "
            "The harm builds slowly, which is why it is easily missed.",
        ),
        key_information_1_heading="When it becomes a safeguarding concern",
        key_information_1=p("Consider neglect when:")
        + ul(
            "the child's health is being harmed, or is likely to be;",
            "the family has had clear advice and support, but changes have not followed;",
            "the child is repeatedly not brought to appointments;",
            "there are other signs of neglect.",
        )
        + p("Use the Graded Care Profile 2 to bring the evidence together."),
        key_information_2_heading="Was not brought",
        key_information_2=p(
            "Children do not miss appointments: they are not brought. Record 'was not brought' "
            "rather than 'did not attend', and follow it up. Ask the family why, tell the GP "
            "and the person who referred, and think about what it means for the child. In "
            "Child L's review, eleven appointments in two years were recorded as missed and "
            "closed without anyone asking what they added up to.",
        ),
        key_information_3_heading="The child's voice",
        key_information_3=p(
            "Ask the child, sensitively and without judgement, how they feel about their body, "
            "food, activity, school and friendships. Child L told the reviewer that being "
            "weighed at school was humiliating and that he avoided PE to escape comments. "
            "Bullying and low mood can make eating patterns harder to change.",
        ),
        what_to_remember=ul(
            "Obesity alone is not neglect: look at the whole picture over time.",
            "Consider underlying causes: medical conditions, medication, learning disability, "
            "emotional eating and food poverty.",
            "Use respectful language, such as 'living with obesity', and avoid blame.",
            "A chronology shared between agencies shows patterns no single agency can see.",
        ),
        what_to_do=ul(
            "Agree one plan with the family, health, school and any other services, with "
            "clear, small goals and a date to review them.",
            "Hold a team around the family meeting if progress stalls.",
            "If the child is suffering, or likely to suffer, significant harm, refer to "
            "children's social care and share your chronology.",
        ),
        reflective_questions=ul(
            "How would you start a conversation with a parent about their child's weight?",
            "What does a day in the life of this child look like?",
            "What do you do when a child is not brought to an appointment?",
        ),
    ),
    DemoBriefing(
        slug="fractures-in-infants",
        title="Fractures in Infants - 7 minute learning",
        summary="Why any fracture in a baby under one needs a careful explanation, a "
        "skeletal survey and a same-day safeguarding response.",
        published_date=date(2024, 11, 18),
        review_by=date(2027, 11, 18),
        themes=("fractures-in-infants", "non-accidental-injury", "male-carers-and-fathers"),
        audiences=("Health", "Police", "Social care"),
        source_reviews=("child-t", "thematic-review-non-accidental-injury-in-babies"),
        background=p(
            "Fractures in babies are uncommon, because babies who are not yet mobile rarely "
            "injure themselves. Local reviews (Child T and our thematic review of "
            "non-accidental injury in babies) found babies whose fractures were only found "
            "later, on a skeletal survey, after they came to hospital with another injury or "
            "an unexplained illness.",
        )
        + notice(BRIEFING_NOTICE),
        why_it_matters=p(
            "Fractures caused by abuse are often hidden: the baby may just be unsettled or not "
            "move a limb. Rib fractures, fractures at the ends of the long bones (metaphyseal "
            "fractures) and several fractures of different ages are strongly suggestive of "
            "abuse in infants. A missed fracture can mean a baby goes home to further, "
            "sometimes fatal, harm.",
        ),
        key_information_1_heading="Signs to look for",
        key_information_1=ul(
            "Swelling, pain when the baby is handled, or a baby who will not move an arm or leg.",
            "Crying when picked up or at nappy changes.",
            "Bruising anywhere on a non-mobile baby.",
            "An explanation that does not fit the baby's development ('he rolled off the sofa' "
            "at six weeks), that changes, or that comes late.",
        ),
        key_information_2_heading="The medical pathway",
        key_information_2=p(
            "Under the Northshire protocol (demo), a baby under one with a suspected fracture "
            "is seen the same day by a consultant paediatrician and has:",
        )
        + ul(
            "a full skeletal survey, repeated after 11 to 14 days;",
            "a CT scan of the head and an eye examination;",
            "blood tests to look for bone disease;",
            "an assessment of any other children in the household.",
        ),
        key_information_3_heading="Medical explanations",
        key_information_3=p(
            "Conditions such as osteogenesis imperfecta ('brittle bones') or metabolic bone "
            "disease are rare. They must be ruled out by specialists, not assumed by the "
            "network. Keep an open mind both ways: investigate thoroughly, and keep the baby "
            "safe while you do.",
        ),
        what_to_remember=ul(
            "Any fracture in a non-mobile baby needs a safeguarding referral.",
            "Record the explanation word for word, who gave it and when.",
            "Ask who cares for the baby: in the Child T review, the father's role in the "
            "baby's care was not known to any agency.",
            "Siblings and other children in the household may also be at risk.",
        ),
        what_to_do=ul(
            "Refer to children's social care the same day; a strategy discussion with the "
            "police and the paediatrician should follow.",
            "Do not send the baby home until the paediatrician and social care agree a plan.",
            "Share what you know about every adult in the household.",
            "Use the escalation policy if you disagree with a decision.",
        ),
        reflective_questions=ul(
            "How confident are you that you would notice a hidden fracture in a baby?",
            "What would you do if a parent's explanation did not fit the injury?",
            "How do you find out who is caring for a baby day to day?",
        ),
    ),
    DemoBriefing(
        slug="childhood-neglect",
        title="Childhood Neglect - 7 minute learning",
        summary="Recognising the slow build-up of neglect, seeing the child's day-to-day "
        "life and acting before harm becomes entrenched.",
        published_date=date(2023, 5, 15),
        review_by=date(2027, 1, 15),
        themes=(
            "neglect",
            "parental-mental-health",
            "substance-misuse",
            "professional-curiosity",
        ),
        audiences=ALL_AUDIENCES,
        source_reviews=("child-q", "child-p", "child-w"),
        background=p(
            "Neglect is the persistent failure to meet a child's basic physical and/or "
            "psychological needs, likely to result in the serious impairment of the child's "
            "health or development. It is the most common reason for a child protection plan "
            "in England and features in most local reviews, including those of Child Q, "
            "Child P and Child W.",
        )
        + notice(BRIEFING_NOTICE),
        why_it_matters=p(
            "Neglect harms children's brain development, health, attachment, learning and "
            "friendships, and its effects last into adult life. Because it is chronic, "
            "practitioners can become used to it: each new referral is treated as a fresh "
            "start, plans drift, and small improvements are taken as lasting change.",
        ),
        key_information_1_heading="What neglect looks like",
        key_information_1=ul(
            "<b>Physical:</b> hunger, poor hygiene, unsuitable clothing, an unsafe home.",
            "<b>Medical:</b> health needs not met, children not brought to appointments.",
            "<b>Emotional:</b> a child who is ignored, unloved or not spoken to.",
            "<b>Educational:</b> poor attendance, no support to learn.",
            "<b>Supervisory:</b> children left alone or exposed to dangerous adults.",
        ),
        key_information_2_heading="Think family",
        key_information_2=p(
            "Parental mental ill health, drug and alcohol use and domestic abuse often lie "
            "behind neglect. Adult services should always ask: 'Are there children in your "
            "care, or who visit you?' Child Q's mother was seen regularly by adult mental "
            "health services, who did not know she was the sole carer of three children.",
        ),
        key_information_3_heading="Evidence, not optimism",
        key_information_3=p(
            "Keep a chronology, use the Graded Care Profile 2 to measure the care a child "
            "receives, and set out what must change and by when. Look for sustained change, "
            "not promises: be alert to disguised compliance, where a family appears to "
            "cooperate but nothing changes for the child.",
        ),
        what_to_remember=ul(
            "Focus on the child's lived experience: what is a day like for this child?",
            "Small things add up: look at the pattern, not the incident.",
            "A child who is not brought to appointments is a child whose needs are not met.",
            "Professional curiosity and respectful uncertainty keep the child in view.",
        ),
        what_to_do=ul(
            "Talk to and observe the child, on their own where you can.",
            "Share your concerns with the other agencies involved and agree who does what.",
            "Use the Graded Care Profile 2 and review progress against clear goals.",
            "Refer to children's social care when needs are not being met despite support, "
            "and escalate if you disagree with the response.",
        ),
        reflective_questions=ul(
            "Do you know what a day in the life of the children you work with looks like?",
            "How do you tell the difference between real change and compliance?",
            "When did you last escalate a concern about neglect, and what happened?",
        ),
    ),
    DemoBriefing(
        slug="children-with-disabilities",
        title="Children with Disabilities - 7 minute learning",
        summary="Disabled children are more likely to be abused and less likely to be "
        "protected: seeing the child, not only the condition.",
        published_date=date(2025, 1, 27),
        review_by=date(2027, 1, 27),
        themes=("children-with-disabilities", "information-sharing", "professional-curiosity"),
        audiences=ALL_AUDIENCES,
        source_reviews=(
            "child-w",
            "young-person-k",
            "thematic-review-disabled-children-short-breaks",
        ),
        background=p(
            "Research suggests disabled children are around three times more likely to be "
            "abused or neglected than non-disabled children, yet they are under-represented "
            "in child protection plans. Three local reviews (Child W, Young person K and our "
            "thematic review of short breaks) found that concerns about the children were "
            "explained by their impairments rather than explored.",
        )
        + notice(BRIEFING_NOTICE),
        why_it_matters=p(
            "Disabled children may depend on several adults for intimate care, may not be able "
            "to tell anyone what is happening, and are often more isolated. Practitioners may "
            "focus on the child's condition or the parents' needs and stop seeing the child.",
        ),
        key_information_1_heading="Hearing the child",
        key_information_1=p(
            "Every child can communicate. Find out how this child does, using their "
            "communication passport, Makaton, signing, symbols or an interpreter, and involve "
            "the people who know their communication well, but never rely only on the parent "
            "or carer who may be the subject of concern.",
        ),
        key_information_2_heading="Don't explain it away",
        key_information_2=p(
            "Injuries, weight loss, soreness or a change in behaviour may be put down to the "
            "child's impairment, known as diagnostic overshadowing. Ask yourself: would this "
            "worry me in a child without a disability? Apply the same thresholds to every "
            "child.",
        ),
        key_information_3_heading="Carers under strain, and growing up",
        key_information_3=p(
            "Caring can be exhausting. Offer carers' assessments and short breaks, but do not "
            "lower your expectations of the care the child receives. Start planning the move "
            "to adult services from age 14, so that support does not stop at 18.",
        ),
        what_to_remember=ul(
            "Disabled children are at greater risk, not less.",
            "Seeing a child is not the same as hearing them.",
            "Missed health appointments matter even more for children with complex needs.",
            "Share information early: the whole picture is held by several agencies.",
        ),
        what_to_do=ul(
            "Plan visits so you can communicate with the child in their own way.",
            "Record how the child communicated and what they told you.",
            "Follow the same safeguarding procedures as for any child, without delay.",
            "Invite specialist health and education staff to every planning meeting.",
        ),
        reflective_questions=ul(
            "How do you find out how a disabled child communicates before you visit?",
            "Can you think of a time when a concern was put down to a child's condition?",
            "Who speaks up for the child when the family's needs are the focus?",
        ),
    ),
)
