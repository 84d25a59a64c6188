"""The admin's date and date-time boxes, which never change what an editor typed.

Wagtail's date picker (jQuery datetimepicker) checks the box when it loses focus and puts in
today's date for a date it cannot read ("14/13/2025", "yesterday") or rolls an impossible
one on ("31/02/2025" becomes 3 March): a review would be published with a date nobody
chose. With ``validateOnBlur`` off, what was typed stays, and the form says it is not a date.
"""

from django.db import models
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput


class TypedDateInput(AdminDateInput):
    """Wagtail's date box, keeping what was typed for the form to check."""

    def get_config(self):
        return {**super().get_config(), "validateOnBlur": False}


class TypedDateTimeInput(AdminDateTimeInput):
    """Wagtail's date and time box, keeping what was typed for the form to check."""

    def get_config(self):
        return {**super().get_config(), "validateOnBlur": False}


def use_typed_date_inputs():
    """Every date and date-time field in the admin's forms (pages, snippets, settings)."""
    register_form_field_override(models.DateField, override={"widget": TypedDateInput})
    register_form_field_override(models.DateTimeField, override={"widget": TypedDateTimeInput})
