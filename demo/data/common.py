"""Names, dates, notices and small rich-text helpers shared by the demo data modules."""

from datetime import date
from html import escape

from reviews.models import Recommendation, ReviewPage

PARTNERSHIP_NAME = "Northshire Safeguarding Children Partnership (demo)"
SITE_LAUNCH = date(2026, 3, 2)
TODAY = date(2026, 11, 26)  # the demo's "today": nothing is dated after it

REVIEW_NOTICE = "Demo content: this review is invented for demonstration. No real child or case."
BRIEFING_NOTICE = (
    "Demo content: this briefing is invented for demonstration. No real child or case."
)
NEWS_NOTICE = "Demo content: this announcement is invented for demonstration."
PAGE_NOTICE = "Demo content: this page is invented for demonstration. No real child or case."
GENERATED_NOTICE = "Demo content: this review is generated for load tests. No real child or case."

# Owning agencies of recommendations: invented, in the invented county of Northshire.
CHILDRENS_SERVICES = "Northshire Council children's services"
EDUCATION = "Northshire Council education and inclusion service"
ADULT_SOCIAL_CARE = "Northshire Council adult social care"
ICB = "Northshire and Eastvale Integrated Care Board"
COMMUNITY_HEALTH = "Northshire Community Health NHS Trust"
HOSPITAL = "Eastvale Hospitals NHS Trust"
MENTAL_HEALTH = "Northshire Mental Health NHS Foundation Trust"
POLICE = "Northshire Police"
RECOVERY = "Northshire Drug and Alcohol Recovery Service"
DOMESTIC_ABUSE = "Northshire Domestic Abuse Service"
PARTNERSHIP = "Safeguarding partnership business unit"

# Short names for the choices the review data is written in.
Type = ReviewPage.ReviewType
Status = ReviewPage.Status
Age = ReviewPage.AgeBand
Done = Recommendation.Status.COMPLETED
Doing = Recommendation.Status.IN_PROGRESS
Waiting = Recommendation.Status.NOT_STARTED


def p(*sentences):
    """One rich-text paragraph from sentences (which may contain inline HTML)."""
    return f"<p>{' '.join(sentences)}</p>"


def ul(*items):
    """A rich-text bulleted list."""
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def notice(text):
    """A demo notice as its own italic paragraph."""
    return f"<p><i>{escape(text)}</i></p>"


def page_link(address, text):
    """A rich-text link to the demo page at ``address`` (``/learning/``), resolved by the
    loader to the form Wagtail stores: the page's id, which follows moves and renames."""
    return f'<a linktype="page" address="{address}">{text}</a>'
