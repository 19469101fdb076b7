from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from .models import AuditAction, AuditOutcome, AuditPurpose

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DATE_BOUNDS = [MinValueValidator(date(2000, 1, 1)), MaxValueValidator(date(2100, 12, 31))]


def _blank(choices: Sequence[tuple[str, "StrOrPromise"]]) -> list[tuple[str, "StrOrPromise"]]:
    return [("", _("all")), *choices]


def _date_field(label: "StrOrPromise") -> forms.DateField:
    return forms.DateField(
        label=label, required=False, widget=forms.DateInput(attrs={"type": "date"}), validators=DATE_BOUNDS
    )


class AuditFilterForm(forms.Form):
    dossier_reference = forms.CharField(label=_("Dossier reference"), required=False, max_length=32)
    username = forms.CharField(label=_("Username"), required=False, max_length=150)
    action = forms.ChoiceField(label=_("Action"), required=False, choices=_blank(AuditAction.choices))
    outcome = forms.ChoiceField(label=_("Outcome"), required=False, choices=_blank(AuditOutcome.choices))
    purpose = forms.ChoiceField(label=_("Purpose"), required=False, choices=_blank(AuditPurpose.choices))
    date_from = _date_field(_("From"))
    date_to = _date_field(_("Until"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("date_from") and cleaned.get("date_to") and cleaned["date_to"] < cleaned["date_from"]:
            raise forms.ValidationError(_("The end date lies before the start date."))
        return cleaned


class BreakGlassReviewForm(forms.Form):
    note = forms.CharField(
        label=_("Review note"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Was the emergency access justified? What follows?"),
    )
