"""The shared vocabulary of the demo: themes, audiences and external resources.

The themes are the one controlled vocabulary of reviews, briefings, resources and news. The
external resources are real national links (the NSPCC, the national panel, GOV.UK and others);
their descriptions are written for this demo.
"""

from datetime import date

from demo.shapes import DemoResource, DemoTheme
from learning.models import ExternalResource

THEMES = (
    DemoTheme(
        "abusive-head-trauma",
        "Abusive head trauma",
        "Head injuries to babies and young children caused by shaking or impact, and how "
        "practitioners help parents cope with crying.",
    ),
    DemoTheme(
        "child-exploitation",
        "Child exploitation",
        "Criminal and sexual exploitation of children and young people, including county "
        "lines, going missing and contextual safeguarding.",
    ),
    DemoTheme(
        "childhood-obesity",
        "Childhood obesity",
        "When a child's weight is a sign of unmet health needs, and working with families "
        "with respect.",
    ),
    DemoTheme(
        "children-with-disabilities",
        "Children with disabilities",
        "Disabled children are more likely to be abused and less likely to be protected: "
        "seeing the child, not only the condition.",
    ),
    DemoTheme(
        "domestic-abuse",
        "Domestic abuse",
        "Children living with domestic abuse are victims in their own right: recognising "
        "coercive control and acting on what children tell us.",
    ),
    DemoTheme(
        "fractures-in-infants",
        "Fractures in infants",
        "Fractures in babies who are not yet mobile: explanations, investigations and a "
        "same-day safeguarding response.",
    ),
    DemoTheme(
        "information-sharing",
        "Information sharing",
        "Sharing the right information at the right time between agencies, and knowing that "
        "data protection law is not a barrier to keeping a child safe.",
    ),
    DemoTheme(
        "male-carers-and-fathers",
        "Male carers and fathers",
        "Seeing, assessing and supporting the men in a child's life: fathers, stepfathers "
        "and partners.",
    ),
    DemoTheme(
        "neglect",
        "Neglect",
        "The persistent failure to meet a child's basic needs: the slow build-up of harm, "
        "the child's lived experience and avoiding drift.",
    ),
    DemoTheme(
        "non-accidental-injury",
        "Non-accidental injury",
        "Physical abuse of children, including bruising in babies who are not yet mobile "
        "and injuries that are not explained.",
    ),
    DemoTheme(
        "parental-mental-health",
        "Parental mental health",
        "How a parent's mental ill health can affect their children, and thinking family "
        "across adult and children's services.",
    ),
    DemoTheme(
        "professional-curiosity",
        "Professional curiosity",
        "Looking, listening, asking direct questions and checking out what we are told, "
        "with respectful uncertainty.",
    ),
    DemoTheme(
        "safer-sleep",
        "Safer sleep",
        "Reducing the risk of sudden unexpected death in infancy: safer sleep advice for "
        "every family, every time, and when plans change.",
    ),
    DemoTheme(
        "substance-misuse",
        "Substance misuse",
        "Parental drug and alcohol use and its effect on children's safety, care and development.",
    ),
)

AUDIENCES = (
    "Early years",
    "Education",
    "Health",
    "Police",
    "Social care",
    "Voluntary sector",
)

Publisher = ExternalResource.Publisher
ResourceType = ExternalResource.ResourceType

# Reviews name resources by key.
RESOURCES = (
    DemoResource(
        key="nspcc-case-reviews",
        title="NSPCC Case Reviews pages including Case Review Repository",
        url="https://learning.nspcc.org.uk/case-reviews",
        publisher=Publisher.NSPCC,
        resource_type=ResourceType.REPOSITORY,
        description="The national case review repository: a searchable collection of over "
        "1,000 published case reviews from across the UK, with guidance on how reviews work.",
        themes=("information-sharing", "neglect", "non-accidental-injury"),
        last_checked=date(2026, 11, 2),
    ),
    DemoResource(
        key="nspcc-learning",
        title="NSPCC Learning from serious case reviews",
        url="https://learning.nspcc.org.uk/case-reviews/learning-from-case-reviews",
        publisher=Publisher.NSPCC,
        resource_type=ResourceType.BRIEFING_PAPER,
        description="Briefings that pull together the learning from published case "
        "reviews on a theme, such as neglect, disabled children or parental mental health.",
        themes=("neglect", "children-with-disabilities", "parental-mental-health"),
        last_checked=date(2026, 11, 2),
    ),
    DemoResource(
        key="invisible-men",
        title="The Myth of Invisible Men: safeguarding children under 1 from "
        "non-accidental injury caused by male carers",
        url="https://www.gov.uk/government/publications/"
        "safeguarding-children-under-1-from-non-accidental-injury-caused-by-male-carers",
        publisher=Publisher.NATIONAL_PANEL,
        resource_type=ResourceType.NATIONAL_REVIEW,
        description="The Child Safeguarding Practice Review Panel's national review of "
        "non-accidental injury to babies by fathers and other male carers, with "
        "recommendations for engaging men in services.",
        themes=(
            "male-carers-and-fathers",
            "non-accidental-injury",
            "abusive-head-trauma",
            "fractures-in-infants",
        ),
        last_checked=date(2026, 10, 19),
    ),
    DemoResource(
        key="working-together",
        title="Working Together to Safeguard Children",
        url="https://www.gov.uk/government/publications/working-together-to-safeguard-children--2",
        publisher=Publisher.GOVERNMENT,
        resource_type=ResourceType.PROCEDURES,
        description="Statutory guidance on inter-agency working to safeguard and promote "
        "the welfare of children, including how local and national reviews are carried out.",
        themes=("information-sharing", "professional-curiosity"),
        last_checked=date(2026, 10, 19),
    ),
    DemoResource(
        key="panel",
        title="Child Safeguarding Practice Review Panel",
        url="https://www.gov.uk/government/organisations/child-safeguarding-practice-review-panel",
        publisher=Publisher.NATIONAL_PANEL,
        resource_type=ResourceType.NATIONAL_REVIEW,
        description="The national panel's reports, annual reports and practice briefings, "
        "drawing on rapid reviews and local reviews from across England.",
        themes=("information-sharing", "safer-sleep", "child-exploitation"),
        last_checked=date(2026, 10, 19),
    ),
    DemoResource(
        key="nice-cg89",
        title="Child maltreatment: when to suspect maltreatment in under 18s (NICE CG89)",
        url="https://www.nice.org.uk/guidance/cg89",
        publisher=Publisher.OTHER,
        resource_type=ResourceType.PROCEDURES,
        description="National clinical guidance on the signs that should make a "
        "practitioner consider or suspect maltreatment, including bruising and fractures.",
        themes=("non-accidental-injury", "fractures-in-infants", "neglect"),
        last_checked=date(2026, 9, 7),
    ),
    DemoResource(
        key="rcpch-evidence",
        title="RCPCH Child Protection Evidence: systematic reviews",
        url="https://childprotection.rcpch.ac.uk/",
        publisher=Publisher.OTHER,
        resource_type=ResourceType.RESEARCH,
        description="The Royal College of Paediatrics and Child Health's systematic reviews "
        "of the evidence on bruising, fractures, head injuries and neglect.",
        themes=("fractures-in-infants", "abusive-head-trauma", "non-accidental-injury"),
        last_checked=date(2026, 9, 7),
    ),
    DemoResource(
        key="icon",
        title="ICON: Babies cry, you can cope",
        url="https://iconcope.org/",
        publisher=Publisher.OTHER,
        resource_type=ResourceType.BRIEFING_PAPER,
        description="The ICON programme's information for parents and practitioners on "
        "coping with a crying baby and preventing abusive head trauma.",
        themes=("abusive-head-trauma", "male-carers-and-fathers"),
        last_checked=date(2026, 8, 24),
    ),
    DemoResource(
        key="lullaby-trust",
        title="The Lullaby Trust: safer sleep advice",
        url="https://www.lullabytrust.org.uk/safer-sleep-advice/",
        publisher=Publisher.OTHER,
        resource_type=ResourceType.BRIEFING_PAPER,
        description="Evidence-based safer sleep advice for families and practitioners, "
        "including sleeping on a sofa, alcohol, drugs and co-sleeping.",
        themes=("safer-sleep", "substance-misuse"),
        last_checked=date(2026, 8, 24),
    ),
    DemoResource(
        key="information-sharing-advice",
        title="Information sharing advice for safeguarding practitioners",
        url="https://www.gov.uk/government/publications/safeguarding-practitioners-information-sharing-advice",
        publisher=Publisher.GOVERNMENT,
        resource_type=ResourceType.PROCEDURES,
        description="Government advice on when and how to share information about "
        "children and families, and why data protection law does not stop you.",
        themes=("information-sharing", "domestic-abuse"),
        last_checked=date(2026, 10, 5),
    ),
    DemoResource(
        key="kcsie",
        title="Keeping children safe in education",
        url="https://www.gov.uk/government/publications/keeping-children-safe-in-education--2",
        publisher=Publisher.GOVERNMENT,
        resource_type=ResourceType.PROCEDURES,
        description="Statutory guidance for schools and colleges on safeguarding "
        "children, including the role of the designated safeguarding lead.",
        themes=("child-exploitation", "neglect", "children-with-disabilities"),
        last_checked=date(2026, 10, 5),
    ),
    DemoResource(
        key="local-procedures",
        title="Northshire safeguarding children procedures (demo)",
        url="https://www.example.org/northshire-safeguarding-procedures",
        publisher=Publisher.OTHER,
        resource_type=ResourceType.PROCEDURES,
        description="The partnership's multi-agency procedures, including the bruising in "
        "non-mobile babies protocol and the escalation policy. (Demo: this link is invented.)",
        themes=("non-accidental-injury", "professional-curiosity", "neglect"),
        last_checked=date(2026, 11, 16),
    ),
)
