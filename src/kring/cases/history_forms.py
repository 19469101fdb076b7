"""Forms of the history pages: measures, the lead, scaling, consent and the family's timelines.

They only parse what was typed and offer the choices that fit this dossier; the rules (overlap, authority,
jurisdiction, end reasons…) are in cases.services.history, whose errors the views put on these forms. A
field the service requires is required here too, with the service's own message.
"""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.access.policy import SECTION_LABELS, Section
from kring.ui.forms import SELECT, TEXTAREA, TEXTBOX, DateInput

from .models import (
    CONTACT_MAX_MINUTES,
    ConsentStep,
    ContactKind,
    CooperationModel,
    Dossier,
    EndReason,
    MeasureKind,
    Person,
    TimelineLine,
    measure_jurisdiction,
)
from .services import history


def _date(label: Any, *, required: bool = True, initial: Any = None, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label, required=required, initial=initial, help_text=help_text, widget=DateInput()
    )


def _text(
    label: Any, *, required: bool = True, max_length: int = 2000, help_text: Any = "", missing: Any = None
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs=TEXTAREA),
        error_messages={"required": missing} if missing else None,
    )


def kind_choices(jurisdiction: str) -> list[tuple[str, Any]]:
    """The legal frames of the dossier's country only."""
    return [
        (value, label) for value, label in MeasureKind.choices if measure_jurisdiction(value) == jurisdiction
    ]


class MeasureStartForm(forms.Form):
    child = forms.ModelChoiceField(
        label=_("Child"), queryset=None, empty_label=None, widget=forms.Select(attrs=SELECT)
    )
    kind = forms.ChoiceField(label=_("Legal frame"), widget=forms.Select(attrs=SELECT))
    started_on = _date(_("Start"))
    planned_end_on = _date(_("Planned end"), required=False)
    decided_by = forms.CharField(
        label=_("Decided by"),
        required=False,
        max_length=200,
        help_text=_("For example: the youth judge of Rechtbank Noordkust, 3 March 2026."),
        widget=forms.TextInput(attrs=TEXTBOX),
    )

    def __init__(self, *args: Any, dossier: Dossier, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = dossier.children.order_by("date_of_birth", "pk")
        self.fields["kind"].choices = kind_choices(dossier.jurisdiction)


class MeasureExtendForm(forms.Form):
    new_planned_end_on = _date(_("New planned end"))
    decided_on = _date(_("Decided on"), initial=timezone.localdate)
    reason = _text(_("Reason for the extension"), missing=history.REASON_REQUIRED)


class MeasureEndForm(forms.Form):
    ended_on = _date(_("Actual end"), initial=timezone.localdate)
    end_reason = forms.ChoiceField(
        label=_("End reason"),
        choices=[("", _("— choose why the measure ends —")), *EndReason.choices],
        error_messages={"required": history.END_REASON_REQUIRED},
        widget=forms.Select(attrs=SELECT),
    )


class LeadForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation with the lead"), queryset=None, widget=forms.Select(attrs=SELECT)
    )
    cooperation_model = forms.ChoiceField(
        label=_("Cooperation model"), choices=CooperationModel.choices, widget=forms.RadioSelect
    )
    since = _date(_("Since"), initial=timezone.localdate)
    note = _text(_("Note"), required=False)

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class ScaleDirection:
    UP = "up"
    DOWN = "down"
    CHOICES = (
        (UP, _("Scale up: heavier help or a measure")),
        (DOWN, _("Scale down: lighter help, back to the local team")),
    )


class ScaleForm(forms.Form):
    direction = forms.ChoiceField(
        label=_("Direction"), choices=ScaleDirection.CHOICES, widget=forms.RadioSelect
    )
    occurred_on = _date(_("Date"), initial=timezone.localdate)
    note = _text(_("What changes, and why"), max_length=300, missing=history.REASON_REQUIRED)


class ConsentGiveForm(forms.Form):
    step = forms.TypedChoiceField(
        label=_("SAVE step"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("— no step: another consent —")), *ConsentStep.choices],
        widget=forms.Select(attrs=SELECT),
    )
    scope = _text(_("What the consent covers"), help_text=_("In the words used with the family."))
    given_by = forms.ModelChoiceField(
        label=_("Given by"),
        queryset=None,
        help_text=_("A parent or guardian with authority, or the young person from 12."),
        widget=forms.Select(attrs=SELECT),
    )
    given_on = _date(_("Given on"), initial=timezone.localdate)
    shared_with = forms.ModelChoiceField(
        label=_("Shared with"),
        queryset=None,
        required=False,
        help_text=_("An organisation in the circle that may see more because of this consent."),
        widget=forms.Select(attrs=SELECT),
    )
    sections = forms.MultipleChoiceField(
        label=_("Parts of the dossier it may see"),
        required=False,
        choices=[(section.value, SECTION_LABELS[section]) for section in Section],
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, people: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["given_by"].queryset = people
        self.fields["shared_with"].queryset = organisations


class ConsentWithdrawForm(forms.Form):
    withdrawn_on = _date(_("Withdrawn on"), initial=timezone.localdate)
    note = _text(_("Note"), required=False)


class TimelineEntryForm(forms.Form):
    line = forms.ChoiceField(
        label=_("Timeline"), choices=TimelineLine.choices, widget=forms.Select(attrs=SELECT)
    )
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        help_text=_("The year is enough; give the date if it is known."),
        widget=forms.NumberInput(attrs={**TEXTBOX, "inputmode": "numeric"}),
    )
    date = _date(_("Date"), required=False)
    text = forms.CharField(label=_("What happened"), max_length=200, widget=forms.TextInput(attrs=TEXTBOX))


class ContactForm(forms.Form):
    occurred_on = _date(_("Date"), initial=timezone.localdate)
    minutes = forms.IntegerField(
        label=_("Duration in minutes"),
        min_value=1,
        max_value=CONTACT_MAX_MINUTES,
        help_text=_("The time spent with the family or network, e.g. 90 for an hour and a half."),
        widget=forms.NumberInput(attrs={**TEXTBOX, "inputmode": "numeric"}),
    )
    kind = forms.ChoiceField(
        label=_("Kind of contact"), choices=ContactKind.choices, widget=forms.Select(attrs=SELECT)
    )
    people = forms.ModelMultipleChoiceField(
        label=_("With whom"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The children, parents and network members who took part."),
    )
    note = _text(_("Short note"), required=False, max_length=300)

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people


class IntensityPeriodForm(forms.Form):
    """The period of the intensity report: the dossier's opening until today unless the reader says."""

    start = _date(_("From"), required=False)
    end = _date(_("Until"), required=False)
