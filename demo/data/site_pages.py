"""The site shell of the demo: settings, the home page, the index pages, the standard pages
(about, accessibility statement, privacy notice) and the members-only secure area.

Rich text links to other demo pages by their public address (``common.page_link``).
"""

from demo.data.common import PAGE_NOTICE, PARTNERSHIP_NAME, notice, p, page_link, ul
from demo.data.documents import MINUTES
from demo.shapes import (
    DemoDocumentLink,
    DemoHeading,
    DemoLink,
    DemoPage,
    DemoSettings,
    callout,
    paragraph,
)

SITE_NAME = PARTNERSHIP_NAME
CONTACT_EMAIL = "safeguarding.partnership@example.org"
OFFICE_PHONE = "01632 960 123"

SETTINGS = DemoSettings(
    partnership_name=PARTNERSHIP_NAME,
    email=CONTACT_EMAIL,
    phone=OFFICE_PHONE,
    address="Safeguarding Partnership Business Unit (demo)\nCounty Hall\nNorthtown\nNorthshire",
    concern_heading="Worried about a child?",
    concern_text=p(
        "If you think a child is being abused or neglected, contact Northshire children's "
        "services. You do not need to be sure: <b>tell us what you know</b>. Professionals "
        "should also follow the multi-agency safeguarding procedures."
    ),
    children_services_phone="01632 960 456",
    out_of_hours_phone="01632 960 789",
    emergency_text="If a child is in immediate danger, call 999.",
    quick_exit_url="https://www.bbc.co.uk/weather",
    footer_links=(
        DemoLink(
            "https://www.example.org/northshire-council",
            "Northshire Council (demo)",
            "The invented local authority of this demo.",
        ),
        DemoLink(
            "https://learning.nspcc.org.uk/",
            "NSPCC Learning",
            "Safeguarding training, research and case reviews.",
        ),
        DemoLink(
            "https://www.gov.uk/government/organisations/child-safeguarding-practice-review-panel",
            "Child Safeguarding Practice Review Panel",
            "National reviews and the panel's annual reports.",
        ),
    ),
)


HOME = DemoPage(
    slug="home",
    title="Home",
    intro=p(
        "We are the Northshire Safeguarding Children Partnership (demo): Northshire Council, "
        "the Northshire and Eastvale Integrated Care Board and Northshire Police, working with "
        "schools, early years settings, health services and the voluntary sector to keep "
        "children safe.",
        "This site publishes our Child Safeguarding Practice Reviews and other reviews, "
        "7-minute learning briefings for practitioners and links to national learning.",
    ),
    body=(
        callout(
            "This is a demonstration site",
            p(
                "Everything on this site is invented for demonstration: the partnership, its "
                "reviews, briefings and people. No real child, family or case is described."
            ),
        ),
    ),
)


REVIEW_INDEX = DemoPage(
    slug="reviews",
    title="Child Safeguarding Practice Reviews",
    intro=p(
        "When a child suffers serious harm or dies as a result of abuse or neglect, "
        "understanding what happened, and why, helps us improve how we respond in the future. "
        "Understanding how the actions of each organisation affected the child's life and "
        "the life of their family is essential to improving what we all know and do."
    )
    + p(
        "The government's statutory guidance, <i>Working Together to Safeguard Children</i>, "
        "sets out how reviews are carried out. It defines their purpose like this: the "
        "purpose of reviews of serious safeguarding cases is to identify improvements to be "
        "made to safeguard and promote the welfare of children; reviews should seek to prevent "
        "or reduce the risk of recurrence of similar incidents."
    )
    + p(
        "All our reviews, with their recommendations, our response and the learning "
        "briefings that come from them, are published here. Filter by theme, type of review, "
        "year or the child's age."
    ),
    show_in_menus=True,
    menu_title="Reviews",
)

LEARNING_INDEX = DemoPage(
    slug="learning",
    title="7-minute learning",
    intro=p(
        "A 7-minute briefing turns the learning from local and national reviews into seven "
        "short sections that a team can read and talk about together in about seven minutes: "
        "in a team meeting, a huddle or supervision. Each briefing ends with questions for "
        "reflection and has a printable one-page version."
    ),
    show_in_menus=True,
)

NEWS_INDEX = DemoPage(
    slug="news",
    title="News",
    intro=p(
        "New reviews, national reports and learning events from the partnership and the "
        "Child Safeguarding Practice Review Panel."
    ),
    show_in_menus=True,
)

RESOURCE_INDEX = DemoPage(
    slug="resources",
    title="National resources",
    intro=p(
        "Learning published by other organisations: the NSPCC's national case review "
        "repository, reports of the Child Safeguarding Practice Review Panel and statutory "
        "guidance. These links go to other websites."
    ),
    show_in_menus=True,
    menu_title="Resources",
)


ABOUT = DemoPage(
    slug="about",
    title="About the partnership",
    intro="Who the safeguarding partners are and how we learn from reviews.",
    body=(
        DemoHeading("Who we are"),
        paragraph(
            p(
                "The Northshire Safeguarding Children Partnership (demo) is led by the three "
                "safeguarding partners named in law: Northshire Council, the Northshire and "
                "Eastvale Integrated Care Board and Northshire Police. Schools, early years "
                "settings, health providers, the Probation Service and voluntary organisations "
                "work with us as relevant agencies. Together we agree how local services work "
                "together to safeguard and promote the welfare of children."
            )
        ),
        DemoHeading("Learning from reviews"),
        paragraph(
            p(
                "The responsibility for reviews sits locally with the safeguarding partners. "
                "Their aim is to identify improvements to practice and to protect children "
                "from harm."
            ),
            p(
                "The partners are supported by a multi-agency case review group who, on their "
                "behalf:"
            ),
            ul(
                "identify and review serious safeguarding cases;",
                "share the learning across the local health, care, education and policing economy;",
                "make sure policies and training change as a result of the findings;",
                "monitor regularly that the changes are embedded in practice.",
            ),
            p(
                "The safeguarding partners have signed up to the regional Local Child "
                "Safeguarding Practice Reviews Framework (demo), which sets out how the "
                "partnerships of the region commission reviews, check their quality and share "
                "what they learn."
            ),
        ),
        DemoHeading("How a review happens"),
        paragraph(
            "<ol>"
            "<li><b>Notification.</b> When the council learns that a child has died or been "
            "seriously harmed and abuse or neglect is known or suspected, it notifies the "
            "national Child Safeguarding Practice Review Panel within five working days.</li>"
            "<li><b>Rapid review.</b> The partners gather the facts from every agency, "
            "usually within 15 working days, take any immediate action needed to keep "
            "children safe and decide whether a local review would bring new learning.</li>"
            "<li><b>Local child safeguarding practice review.</b> An independent reviewer "
            "works with the practitioners involved and invites the family to contribute. "
            "Reviews should normally be completed and published within six months.</li>"
            "<li><b>Publication and learning.</b> We publish the report, unless that would "
            "harm the child or their family, with a 7-minute briefing, and the case review "
            "group tracks every recommendation until it is done.</li>"
            "</ol>"
        ),
        paragraph(
            p(
                "We also publish learning from other reviews that involve children: Serious "
                "Case Reviews (the reviews carried out before 2019), Safeguarding Adults "
                "Reviews, Domestic Homicide Reviews and national panel reviews.",
                f"Read our {page_link('/reviews/', 'published reviews')} and the "
                f"{page_link('/learning/', '7-minute learning briefings')}.",
            )
        ),
        DemoLink(
            "https://www.gov.uk/government/publications/working-together-to-safeguard-children--2",
            "Working Together to Safeguard Children (GOV.UK)",
            "The statutory guidance on safeguarding partnerships and reviews.",
        ),
        paragraph(notice(PAGE_NOTICE)),
    ),
    show_in_menus=True,
)

ACCESSIBILITY_STATEMENT = DemoPage(
    slug="accessibility-statement",
    title="Accessibility statement",
    intro="How accessible this website is and how to ask for information in another format.",
    body=(
        paragraph(
            p(
                "This accessibility statement applies to the website of the Northshire "
                "Safeguarding Children Partnership (demo)."
            ),
            p(
                "This website is run by the Northshire Safeguarding Children Partnership "
                "(demo). We want as many people as possible to be able to use this website. "
                "For example, that means you should be able to:"
            ),
            ul(
                "change colours, contrast levels and fonts using browser or device settings;",
                "zoom in up to 400% without the text spilling off the screen;",
                "navigate the whole website using just a keyboard;",
                "navigate the website using speech recognition software;",
                "listen to the website using a screen reader (including the most recent "
                "versions of JAWS, NVDA and VoiceOver);",
                "use the website with JavaScript switched off.",
            ),
            p(
                "We have also made the website text as simple as possible to understand. Every "
                "7-minute briefing can be downloaded as a tagged PDF that works with screen "
                "readers."
            ),
            p(
                '<a href="https://mcmw.abilitynet.org.uk/">AbilityNet</a> has advice on making '
                "your device easier to use if you have a disability."
            ),
        ),
        DemoHeading("How accessible this website is"),
        paragraph(
            p(
                "We know of no parts of this website that are not accessible. Some review "
                "reports published before 2026 were written by independent reviewers as PDF "
                "documents; if one of them does not work with your assistive technology, ask "
                "us for it in another format."
            )
        ),
        DemoHeading("Feedback and contact information"),
        paragraph(
            p(
                "If you need information on this website in a different format, like an "
                "accessible PDF, large print, easy read, audio recording or braille:"
            ),
            ul(
                f'email <a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a>',
                f"call {OFFICE_PHONE} (Monday to Friday, 9am to 5pm)",
            ),
            p("We'll consider your request and get back to you in 5 working days."),
        ),
        DemoHeading("Reporting accessibility problems with this website"),
        paragraph(
            p(
                "We're always looking to improve the accessibility of this website. If you "
                "find any problems not listed on this page or think we're not meeting "
                f'accessibility requirements, email <a href="mailto:{CONTACT_EMAIL}">'
                f"{CONTACT_EMAIL}</a>."
            )
        ),
        DemoHeading("Enforcement procedure"),
        paragraph(
            p(
                "The Equality and Human Rights Commission (EHRC) is responsible for enforcing "
                "the Public Sector Bodies (Websites and Mobile Applications) (No. 2) "
                "Accessibility Regulations 2018 (the 'accessibility regulations'). If you're "
                "not happy with how we respond to your complaint, contact the "
                '<a href="https://www.equalityadvisoryservice.com/">Equality Advisory and '
                "Support Service (EASS)</a>."
            )
        ),
        DemoHeading("Technical information about this website's accessibility"),
        paragraph(
            p(
                "The Northshire Safeguarding Children Partnership (demo) is committed to "
                "making its website accessible, in accordance with the Public Sector Bodies "
                "(Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018."
            )
        ),
        DemoHeading("Compliance status", level="h3"),
        paragraph(
            p(
                "This website is fully compliant with the "
                '<a href="https://www.w3.org/TR/WCAG22/">Web Content Accessibility Guidelines '
                "version 2.2</a> AA standard."
            )
        ),
        DemoHeading("What we're doing to improve accessibility"),
        paragraph(
            p(
                "Every page type is tested automatically in a real browser each time the "
                "website changes. We ask independent reviewers to provide accessible reports, "
                "and we check every document before we publish it."
            )
        ),
        DemoHeading("Preparation of this accessibility statement"),
        paragraph(
            p(
                "This statement was prepared on 2 March 2026. It was last reviewed on "
                "2 October 2026."
            ),
            p(
                "This website was last tested on 28 September 2026 against the WCAG 2.2 AA "
                "standard. The test was carried out by the partnership's web team, who tested "
                "every type of page with automated tools, a keyboard and screen readers."
            ),
        ),
        paragraph(notice("Demo content: the organisation and the dates above are invented.")),
    ),
)

EMAIL_ALERTS_PRIVACY_NOTICE = DemoPage(
    slug="email-alerts",
    title="Email alerts: privacy notice",
    intro="What we keep when you sign up for email alerts, why, for how long, and your rights.",
    body=(
        paragraph(
            p(
                "You can ask us to email you when we publish a review or a 7-minute briefing "
                "on the themes you choose. This notice explains what we keep to do that. The "
                "data controller is Northshire Council (demo) on behalf of the safeguarding "
                "partners; we send the alerts because you ask us to (your consent)."
            )
        ),
        DemoHeading("What we keep"),
        paragraph(
            ul(
                "your email address;",
                "your choices: the themes, the types of review, whether you want every new "
                "briefing, and whether you want a daily or a weekly email;",
                "when you confirmed your address, and when we last emailed you an alert.",
            ),
            p(
                "Nothing else: not your name, not your organisation, not your internet address, "
                "and we do not track whether you open our emails or follow their links."
            ),
        ),
        DemoHeading("Before you confirm"),
        paragraph(
            p(
                "When you sign up we email you one link to confirm. We keep nothing until you "
                "follow it: if you do not, we never write to you again. If someone else signs "
                "up with your address, ignore our email."
            )
        ),
        DemoHeading("How long we keep it"),
        paragraph(
            p(
                "Until you unsubscribe. Every alert has a link to change your choices and a "
                "link to unsubscribe; unsubscribing deletes your address and your choices at "
                "once. Our mail provider's delivery logs are kept for 30 days."
            )
        ),
        DemoHeading("Who sees it"),
        paragraph(
            p(
                "The partnership's business unit sees the list of subscribers, to run the "
                "alerts and to count, for the partnership's yearly report, how many people "
                "follow each theme. We never share the list or use it for anything else."
            )
        ),
        DemoHeading("Your rights"),
        paragraph(
            p(
                "You can ask for a copy of what we keep about you, or ask us to delete it, by "
                f'emailing <a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a>. If you are '
                "unhappy with our answer you can complain to the "
                '<a href="https://ico.org.uk/make-a-complaint/">Information Commissioner\'s '
                "Office</a>."
            )
        ),
        paragraph(notice(PAGE_NOTICE)),
    ),
)

PRIVACY_NOTICE = DemoPage(
    slug="privacy",
    title="Privacy notice",
    intro="What personal information this website collects and why.",
    body=(
        paragraph(
            p(
                "This notice explains what personal information this website collects and why. "
                "The data controller is Northshire Council (demo) on behalf of the safeguarding "
                "partners."
            )
        ),
        DemoHeading("What we collect"),
        paragraph(
            ul(
                "Visitors: our web server keeps a log of requests (address, page and time) for "
                "up to 30 days, to keep the site secure. We use no analytics and no "
                "advertising or tracking cookies.",
                "Partnership members who sign in: your name, email address and group "
                "membership, so that you can read the secure area. A cookie keeps you signed "
                "in; it is deleted when you sign out or after two weeks.",
                "If you email us: your message and contact details, to answer you.",
                "If you ask for the full report of an archived review: your name, email "
                "address, organisation if you give it, and why you need the report, to answer "
                "you. We delete them a year after you send them.",
                "If you sign up for email alerts: your email address and your choices, to "
                "send the alerts (the email alerts privacy notice, below, says more).",
            )
        ),
        DemoHeading("Reviews and children's information"),
        paragraph(
            p(
                "Published reviews never name a child or family: they use a pseudonym such as "
                "'Child Q' and leave out anything that could identify them. Reviews are "
                "published under the Children Act 2004 and Working Together to Safeguard "
                "Children."
            )
        ),
        DemoHeading("Your rights"),
        paragraph(
            p(
                "You can ask for a copy of your information, ask us to correct or delete it, or "
                f'object to how we use it: email <a href="mailto:{CONTACT_EMAIL}">'
                f"{CONTACT_EMAIL}</a>. If you are unhappy with our answer you can complain to "
                'the <a href="https://ico.org.uk/make-a-complaint/">Information '
                "Commissioner's Office</a>."
            )
        ),
        paragraph(notice(PAGE_NOTICE)),
    ),
    children=(EMAIL_ALERTS_PRIVACY_NOTICE,),
)

STANDARD_PAGES = (ABOUT, ACCESSIBILITY_STATEMENT, PRIVACY_NOTICE)

MEMBERS_COLLECTION = "Partnership members"

CASE_REVIEW_GROUP_MINUTES = DemoPage(
    slug="case-review-group-minutes",
    title="Case review group minutes (demo)",
    intro="Minutes of the multi-agency case review group, for members only.",
    body=(
        paragraph(
            p(
                "The case review group meets every month. Its minutes record the rapid reviews "
                "it has considered, its recommendations to the safeguarding partners and the "
                "progress of review action plans."
            )
        ),
        DemoDocumentLink(MINUTES, "Minutes of the case review group, 17 March 2026 (demo, PDF)"),
        callout(
            "Confidential",
            p(
                "Minutes name the agencies and practitioners involved in reviews. Keep them "
                "within the partnership and do not save copies on shared drives."
            ),
        ),
        paragraph(notice(PAGE_NOTICE)),
    ),
)

MEMBERS_BRIEFING = DemoPage(
    slug="briefing-themes-from-rapid-reviews",
    title="Briefing for members: themes emerging from rapid reviews (demo)",
    intro="What this year's rapid reviews are telling us, before any review is published.",
    body=(
        paragraph(
            p(
                "Since April 2026 the case review group has considered six rapid reviews (demo "
                "figures). This briefing for members draws out the themes before any local "
                "review is published, so that agencies can act on them now."
            )
        ),
        DemoHeading("Emerging themes"),
        paragraph(
            ul(
                "Four of the six reviews concerned babies under one year old.",
                "In three, a father or the mother's partner was caring for the baby but was "
                "not known to midwifery or health visiting.",
                "Two involved unsafe sleep after a parent had been drinking alcohol.",
                "In two, an older child had been 'not brought' to health appointments for "
                "more than a year before the incident.",
            )
        ),
        DemoHeading("What we ask of partner agencies"),
        paragraph(
            ul(
                "Record every adult who lives in or often visits a baby's household.",
                "Repeat ICON and safer sleep conversations whenever family circumstances "
                "change, not only at the new birth visit.",
                "Escalate through the partnership's escalation policy when a referral about a "
                "non-mobile baby does not lead to a strategy discussion.",
            )
        ),
        paragraph(notice(PAGE_NOTICE)),
    ),
)

SECURE_AREA = DemoPage(
    slug="secure-area",
    title="Secure area",
    show_in_menus=True,
    intro="For partnership members: case review group papers and briefings for members.",
    body=(
        paragraph(
            p(
                "This area is for members of the safeguarding partnership only. Its pages and "
                "documents are confidential: do not forward them or share them outside the "
                "partnership."
            ),
            p(
                "Sensitive material is published here as documents in the members' collection, "
                "never as images: images are not protected by the sign-in."
            ),
        ),
        paragraph(notice(PAGE_NOTICE)),
    ),
    members_only=True,
    children=(CASE_REVIEW_GROUP_MINUTES, MEMBERS_BRIEFING),
)
