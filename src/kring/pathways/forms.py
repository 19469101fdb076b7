"""Page forms of the pathway pages: start, move and finish steps, close, reflect, hand over, extend."""

from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from kring.cases.models import CircleMember, EndReason, Measure
from kring.ui.forms import SELECT, TEXTAREA, TEXTBOX, DateInput

from . import services
from .models import PathwayStep, PathwayTemplate


class StartForm(forms.Form):
    template = forms.ModelChoiceField(
        queryset=PathwayTemplate.objects.all(),
        label=gettext_lazy("Template"),
        widget=forms.Select(attrs=SELECT),
    )
    started_on = forms.DateField(
        label=gettext_lazy("Start date"),
        widget=DateInput(),
        help_text=gettext_lazy("For example the day of the urgent claim."),
    )


class MoveForm(forms.Form):
    new_start = forms.DateField(label=gettext_lazy("New start date"), widget=DateInput())


class DoneForm(forms.Form):
    done_on = forms.DateField(label=gettext_lazy("Done on"), widget=DateInput())
    artefact_url = forms.CharField(
        label=gettext_lazy("Link to the artefact"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs=TEXTBOX),
    )


class CloseForm(forms.Form):
    ended_on = forms.DateField(label=gettext_lazy("End date"), widget=DateInput())
    end_reason = forms.ChoiceField(
        label=gettext_lazy("End reason"),
        choices=[("", "—"), *EndReason.choices],
        error_messages={"required": services.END_REASON_REQUIRED},
        widget=forms.Select(attrs=SELECT),
    )
    note = forms.CharField(
        label=gettext_lazy("How it ended"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={**TEXTAREA, "rows": 3}),
    )
    measures = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Also end these measures, with the same date and reason"),
        queryset=Measure.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, dossier: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["measures"].queryset = Measure.objects.filter(dossier=dossier, ended_on__isnull=True)


class ReflectionForm(forms.Form):
    occurred_on = forms.DateField(label=gettext_lazy("Date"), widget=DateInput())
    question = forms.CharField(
        label=gettext_lazy("Reflective question"),
        max_length=1000,
        widget=forms.Textarea(attrs={**TEXTAREA, "rows": 2}),
    )
    answer = forms.CharField(
        label=gettext_lazy("What it brought"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={**TEXTAREA, "rows": 3}),
    )
    step = forms.ModelChoiceField(
        label=gettext_lazy("Step it guided"),
        queryset=PathwayStep.objects.none(),
        required=False,
        widget=forms.Select(attrs=SELECT),
    )

    def __init__(self, *args: Any, pathway: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["step"].queryset = pathway.steps.order_by("order")


class HandoverForm(forms.Form):
    from_member = forms.ModelChoiceField(
        label=gettext_lazy("From"), queryset=CircleMember.objects.none(), widget=forms.Select(attrs=SELECT)
    )
    to_member = forms.ModelChoiceField(
        label=gettext_lazy("To"), queryset=CircleMember.objects.none(), widget=forms.Select(attrs=SELECT)
    )
    handed_over_on = forms.DateField(label=gettext_lazy("Handed over on"), widget=DateInput())
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={**TEXTAREA, "rows": 2}),
    )

    def __init__(self, *args: Any, dossier: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = (
            CircleMember.objects.filter(dossier=dossier).select_related("user").order_by("started_on", "pk")
        )
        self.fields["from_member"].queryset = members
        self.fields["to_member"].queryset = members.filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=timezone.localdate())
        )


class ExtendForm(forms.Form):
    condition = forms.CharField(label=gettext_lazy("Condition"), required=False, max_length=40)
    decided_on = forms.DateField(label=gettext_lazy("Decided on"), widget=DateInput())


class PauseForm(forms.Form):
    paused_on = forms.DateField(label=gettext_lazy("Paused from"), widget=DateInput())
    reason = forms.CharField(
        label=gettext_lazy("Reason for the pause"),
        help_text=gettext_lazy(
            "For example: the young person is in detention or in hospital, the family is abroad."
        ),
        max_length=1000,
        error_messages={"required": services.PAUSE_REASON_REQUIRED},
        widget=forms.Textarea(attrs={**TEXTAREA, "rows": 2}),
    )


class ResumeForm(forms.Form):
    resumed_on = forms.DateField(label=gettext_lazy("Resumed on"), widget=DateInput())
