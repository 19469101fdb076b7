"""The filter and search form of the caseload lists (a GET form; it only validates)."""

import re
from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from .caseload import CaseloadFilters
from .models import DossierStatus, MeasureKind

# 7-3-2014, 07-03-2014, 07/03/2014, 07.03.2014 (how Dutch and Flemish people write a date) and 2014-03-07.
DAY_FIRST = re.compile(r"^(?P<day>\d{1,2})[-/.](?P<month>\d{1,2})[-/.](?P<year>\d{4})$")
YEAR_FIRST = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})$")

NOT_A_DATE = _("“%(value)s” is not a date that exists. Write a date of birth as dd-mm-yyyy, e.g. 07-03-2014.")
MAX_ENDS_WITHIN_DAYS = 730
MAX_INACTIVE_WEEKS = 520


def parse_birth_date(value: str) -> date | None:
    """The date in `value` if it is written as a date (day first, or ISO); None if it is no date at all.
    Raises ValidationError for something written as a date that does not exist (31-02-2014)."""
    match = DAY_FIRST.match(value) or YEAR_FIRST.match(value)
    if match is None:
        return None
    try:
        return date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        raise forms.ValidationError(NOT_A_DATE, code="invalid_date", params={"value": value}) from None


def _blank(choices: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [("", _("all")), *choices]


class CaseloadFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_("A child's name or part of it, a date of birth (dd-mm-yyyy) or a dossier reference."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "spellcheck": "false"}),
    )
    frame = forms.ChoiceField(
        label=_("Legal frame running today"), required=False, choices=_blank(MeasureKind.choices)
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=_blank(DossierStatus.choices))
    ends_within = forms.IntegerField(
        label=_("Planned end within (days)"),
        required=False,
        min_value=1,
        max_value=MAX_ENDS_WITHIN_DAYS,
        help_text=_("A running measure (of the chosen legal frame, if any) whose planned end is this near."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    inactive_weeks = forms.IntegerField(
        label=_("No activity for (weeks)"),
        required=False,
        min_value=1,
        max_value=MAX_INACTIVE_WEEKS,
        help_text=_("Nothing recorded in the dossier's history for at least this many weeks."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    no_contact_weeks = forms.IntegerField(
        label=_("No contact for (weeks)"),
        required=False,
        min_value=1,
        max_value=MAX_INACTIVE_WEEKS,
        help_text=_("No contact with the family registered for at least this many weeks (or since opening)."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def clean_q(self) -> str:
        return " ".join(self.cleaned_data["q"].split())

    def clean(self) -> dict:
        cleaned = super().clean()
        text = cleaned.get("q") or ""
        try:
            cleaned["date_of_birth"] = parse_birth_date(text)
        except forms.ValidationError as error:
            self.add_error("q", error)
        return cleaned

    def filters(self) -> CaseloadFilters | None:
        """What to filter on: nothing for an empty form; None for an invalid one, which must match nothing."""
        if not self.is_bound:
            return CaseloadFilters()
        if not self.is_valid():
            return None
        data = self.cleaned_data
        born = data.get("date_of_birth")
        return CaseloadFilters(
            text="" if born else data["q"],
            date_of_birth=born,
            frame=data["frame"],
            status=data["status"],
            ends_within_days=data["ends_within"],
            inactive_weeks=data["inactive_weeks"],
            no_contact_weeks=data["no_contact_weeks"],
        )
