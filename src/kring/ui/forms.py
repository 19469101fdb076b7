from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import Form
from django.forms.renderers import DjangoTemplates

# The NL Design System (Utrecht) classes of the form widgets, for every app's forms.
TEXTBOX = {"class": "utrecht-textbox"}
TEXTAREA = {"class": "utrecht-textarea", "rows": 3}
SELECT = {"class": "utrecht-select"}


class DateInput(forms.DateInput):
    """A date field as the browser's date picker, in ISO format."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={**TEXTBOX, **(attrs or {})}, format="%Y-%m-%d")


class FormRenderer(DjangoTemplates):
    """Renders every form field with a label, hint and error linked for screen readers (ui/_field.html)."""

    field_template_name = "ui/_field.html"


def add_service_error(form: Form, error: ValidationError) -> None:
    """Put a service's refusal on the form: on the field it names when the form has it, else on top."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)
