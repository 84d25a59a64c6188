"""Names, dates, notices and small HTML helpers shared by the demo content modules."""

from datetime import date
from html import escape

PARTNERSHIP_NAME = "Northshire Safeguarding Children Partnership (demo)"
SITE_LAUNCH = date(2026, 3, 2)
TODAY = date(2026, 11, 26)  # the demo's "today": nothing is dated after it

REVIEW_NOTICE = "Demo content: this review is invented for demonstration. No real child or case."
BRIEFING_NOTICE = (
    "Demo content: this briefing is invented for demonstration. No real child or case."
)
NEWS_NOTICE = "Demo content: this announcement is invented for demonstration."
PAGE_NOTICE = "Demo content: this page is invented for demonstration. No real child or case."

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


def p(*sentences):
    """One rich-text paragraph from sentences (which may contain inline HTML)."""
    return f"<p>{' '.join(sentences)}</p>"


def ul(*items):
    """A rich-text bulleted list."""
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def notice(text):
    """A demo notice as its own italic paragraph."""
    return f"<p><i>{escape(text)}</i></p>"


def page_link(page, text):
    """A rich-text link to a page, in the form Wagtail stores (it follows moves and renames)."""
    return f'<a linktype="page" id="{page.pk}">{text}</a>'


# StreamField blocks (BodyBlock) in Wagtail's JSON form; builders.stream() adds stable ids.


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def paragraph(*html):
    return {"type": "paragraph", "value": "".join(html)}


def callout(title, *html):
    return {"type": "callout", "value": {"title": title, "text": "".join(html)}}


def link(url, title, description=""):
    return {"type": "link", "value": {"url": url, "title": title, "description": description}}


def document(doc, label=""):
    return {"type": "document", "value": {"document": doc.pk, "label": label}}
