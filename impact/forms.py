"""The public forms of the impact app ("We used this briefing", "Was this page useful?") and
the date range of the staff's impact report.

The public forms are ``GuardedForm``s (a trap field, the signed time the form was shown, and
the views' rate limits): see ``impact.views`` for how they are served and why they need no
CSRF token.
"""

from datetime import date

from django import forms
from django.utils import timezone

from impact.choices import Agency, Useful
from impact.models import (
    ACTIONS_MAX_LENGTH,
    COMMENT_MAX_LENGTH,
    MOST_PEOPLE,
    TEAM_MAX_LENGTH,
)
from safeguarding_site.form_guard import GuardedForm

# The earliest day a briefing without any date could have been used: the site's own records
# start later, so nothing real is refused.
EARLIEST_USE = date(2000, 1, 1)
DATE_HELP = "For example, 27/03/2026."
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d %m %Y", "%d-%m-%Y", "%d.%m.%Y"]


class DateInput(forms.DateInput):
    """A browser's own date box (a text box in a browser without one), ISO as browsers send."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class BriefingUseForm(GuardedForm):
    """What a team tells the partnership about using a briefing: when, who, how many, and
    what they agreed. Nothing about any person."""

    guard_salt = "impact.briefing-use"

    date_used = forms.DateField(
        label="Date you used the briefing",
        input_formats=DATE_FORMATS,
        widget=DateInput,
        help_text=DATE_HELP,
        error_messages={
            "required": "Enter the date you used the briefing.",
            "invalid": "Enter a real date as day, month and year, for example 27/03/2026.",
        },
    )
    team = forms.CharField(
        label="Team or setting",
        max_length=TEAM_MAX_LENGTH,
        help_text="For example 'North locality health visitors' or 'Year 7 pastoral team'.",
        error_messages={"required": "Enter your team or setting."},
    )
    agency = forms.ChoiceField(
        label="Agency",
        choices=[("", "Choose an agency")] + Agency.choices,
        error_messages={
            "required": "Choose the kind of agency your team is in.",
            "invalid_choice": "Choose an agency from the list.",
        },
    )
    people = forms.IntegerField(
        label="Number of people",
        min_value=1,
        max_value=MOST_PEOPLE,
        help_text=f"How many took part, from 1 to {MOST_PEOPLE}.",
        error_messages={
            "required": "Enter how many people took part.",
            "invalid": "Enter the number of people as a whole number, for example 12.",
            "min_value": "Enter at least 1 person.",
            "max_value": f"Enter at most {MOST_PEOPLE} people: for a bigger event, "
            "record each session.",
        },
    )
    actions_agreed = forms.CharField(
        label="Actions agreed (optional)",
        required=False,
        max_length=ACTIONS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What the team agreed to do differently. Please do not name anyone, or "
        f"anything that could identify a child or family. At most {ACTIONS_MAX_LENGTH:,} "
        "characters.",
    )

    field_order = ["date_used", "team", "agency", "people", "actions_agreed"]

    def __init__(self, *args, briefing, **kwargs):
        """``briefing``: the briefing the use is recorded for (it bounds the date)."""
        super().__init__(*args, **kwargs)
        self.briefing = briefing

    @property
    def earliest_date(self):
        """The first day the briefing could have been used: the day it was first published."""
        first = self.briefing.published_date
        if first is None and self.briefing.first_published_at:
            first = timezone.localdate(self.briefing.first_published_at)
        return max(first or EARLIEST_USE, EARLIEST_USE)

    def clean_date_used(self):
        used = self.cleaned_data["date_used"]
        if used > timezone.localdate():
            raise forms.ValidationError("The date cannot be in the future.")
        if used < self.earliest_date:
            raise forms.ValidationError(
                f"The briefing was first published on {self.earliest_date:%-d %B %Y}: "
                "enter that day or a later one."
            )
        return used

    @property
    def answer_fields(self):
        """The fields the reader fills in, in order (not the hidden defences)."""
        return [self[name] for name in self.field_order]

    @property
    def answers(self):
        """The cleaned answers a use is stored with."""
        return {name: self.cleaned_data[name] for name in self.field_order}


class PageFeedbackForm(GuardedForm):
    """ "Was this page useful?": yes or no, and an optional comment with no personal data."""

    guard_salt = "impact.page-feedback"

    useful = forms.ChoiceField(
        label="Was this page useful?",
        choices=Useful.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose yes or no.",
            "invalid_choice": "Choose yes or no.",
        },
    )
    comment = forms.CharField(
        label="Tell us more (optional)",
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Please do not give your name or contact details, or anything that could "
        "identify a child, a family or a worker: we do not ask for personal data and cannot "
        f"reply. At most {COMMENT_MAX_LENGTH:,} characters.",
    )

    field_order = ["useful", "comment"]

    @property
    def answer_fields(self):
        return [self[name] for name in self.field_order]

    @property
    def answers(self):
        return {
            "useful": self.cleaned_data["useful"] == Useful.YES,
            "comment": self.cleaned_data["comment"],
        }


class ImpactReportForm(forms.Form):
    """The impact report's date range: from and to, either may be left open. Uses count by
    the day they were used; downloads and feedback by the day they came in."""

    start = forms.DateField(
        label="From", required=False, input_formats=DATE_FORMATS, widget=DateInput
    )
    end = forms.DateField(label="To", required=False, input_formats=DATE_FORMATS, widget=DateInput)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", "The end of the range must be on or after its start.")
        return cleaned
