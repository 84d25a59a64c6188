"""Template tags of the impact app: the "Was this page useful?" form for the foot of a review
or briefing page (``templates/impact/page_feedback.html``)."""

from django import template

from impact.forms import PageFeedbackForm
from impact.views import FEEDBACK_PREFIX

register = template.Library()


@register.simple_tag
def page_feedback_form():
    """A new, unbound feedback form: its ``fresh_token`` is the time the page is rendered
    (which the page cache may then keep for an hour: see ``impact.views``)."""
    return PageFeedbackForm(prefix=FEEDBACK_PREFIX)
