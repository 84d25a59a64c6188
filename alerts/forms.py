"""The forms of email alerts: what to hear of and how often (subscribing, and changing one's
choices from the link in every email), and the address on the public subscribe form."""

from django import forms

from alerts.choices import Frequency
from alerts.models import EMAIL_MAX_LENGTH
from reviews.choices import ReviewType
from safeguarding_site.form_guard import GuardedForm

ALL_BRIEFINGS = "all"
FREQUENCY_CHOICES = [
    (Frequency.DAILY, "Daily: one email a morning, when something new was published"),
    (Frequency.WEEKLY, "Weekly: one email a week, when something new was published"),
]
NOTHING_CHOSEN = "Choose at least one theme, type of review or every new briefing."


class FirstOptionLabelled:
    """A group of checkboxes or radios that an error summary links by its first option (Django
    gives the group no id, since its legend, not a label, names it)."""

    def id_for_label(self, id_, index="0"):
        return super().id_for_label(id_, index)


class CheckboxGroup(FirstOptionLabelled, forms.CheckboxSelectMultiple):
    pass


class RadioGroup(FirstOptionLabelled, forms.RadioSelect):
    pass


class AlertChoicesForm(forms.Form):
    """What a subscriber hears of (themes, types of review, every new briefing: at least one)
    and how often. ``themes`` are the site's themes, as (slug, name)."""

    themes = forms.MultipleChoiceField(
        label="Themes",
        required=False,
        widget=CheckboxGroup,
        help_text="New reviews and 7-minute briefings on any of these themes.",
    )
    review_types = forms.MultipleChoiceField(
        label="Types of review",
        required=False,
        choices=ReviewType.choices,
        widget=CheckboxGroup,
        help_text="Every new review of these types, whatever its themes.",
    )
    briefings = forms.MultipleChoiceField(
        label="7-minute briefings",
        required=False,
        choices=[(ALL_BRIEFINGS, "Every new 7-minute briefing, whatever its themes")],
        widget=CheckboxGroup,
    )
    frequency = forms.ChoiceField(
        label="How often",
        choices=FREQUENCY_CHOICES,
        initial=Frequency.WEEKLY,
        widget=RadioGroup,
        help_text="Nothing is sent when nothing new was published.",
    )

    choice_fields = ["themes", "review_types", "briefings", "frequency"]

    def __init__(self, *args, themes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].choices = list(themes)

    def clean(self):
        cleaned = super().clean()
        groups = ("themes", "review_types", "briefings")
        chosen = any(cleaned.get(name) for name in groups)
        if not chosen and not any(self.has_error(name) for name in groups):
            self.add_error("themes", NOTHING_CHOSEN)
        return cleaned

    @property
    def choice_bound_fields(self):
        """The fieldsets of the form, in order (themes only if the site has some)."""
        return [
            self[name]
            for name in self.choice_fields
            if name != "themes" or self.fields["themes"].choices
        ]

    @property
    def all_briefings(self):
        return ALL_BRIEFINGS in self.cleaned_data["briefings"]

    @classmethod
    def initial_for(cls, subscriber):
        """The form's answers as ``subscriber`` chose them."""
        return {
            "themes": [theme.slug for theme in subscriber.themes.all()],
            "review_types": list(subscriber.review_types),
            "briefings": [ALL_BRIEFINGS] if subscriber.all_briefings else [],
            "frequency": subscriber.frequency,
        }


class SubscribeForm(GuardedForm, AlertChoicesForm):
    """The public subscribe form: the choices and the address to confirm them by. Guarded as
    every public form that sends email (``form_guard``)."""

    guard_salt = "alerts.subscribe"

    email = forms.EmailField(
        label="Your email address",
        max_length=EMAIL_MAX_LENGTH,
        help_text="We email you a link to confirm: nothing is sent to you until you follow it.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )

    def clean_email(self):
        """Addresses are compared and kept in lower case: one subscription per mailbox."""
        return self.cleaned_data["email"].strip().lower()

    @property
    def answer_fields(self):
        """The fields a person fills in, in order (for the error summary)."""
        return [*self.choice_bound_fields, self["email"]]
