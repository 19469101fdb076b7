from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Person, PlacementDecider, PlacementKind
from .services.placement import CRISIS_DECISION_LABELS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlacementForm(forms.Form):
    child = forms.ModelChoiceField(queryset=Person.objects.none(), label=_("Child"))
    kind = forms.ChoiceField(label=_("Where the child lives"), choices=PlacementKind.choices)
    place = forms.CharField(
        label=_("Where exactly"),
        max_length=200,
        required=False,
        help_text=_("e.g. the crisis unit, or grandmother"),
    )
    started_on = forms.DateField(label=_("From"), widget=DATE)
    planned_end_on = forms.DateField(label=_("Planned until"), widget=DATE, required=False)
    ended_on = forms.DateField(
        label=_("Until"),
        widget=DATE,
        required=False,
        help_text=_("Only for a stay that already ended: the first day the child lived elsewhere."),
    )
    decided_by = forms.ChoiceField(
        label=_("Decided by"), choices=PlacementDecider.choices, widget=forms.RadioSelect
    )
    decided_by_name = forms.CharField(
        label=_("Name of who decided"),
        max_length=200,
        required=False,
        help_text=_("e.g. the youth court of Gent"),
    )
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, children: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = children


class PlacementEndForm(forms.Form):
    ended_on = forms.DateField(
        label=_("Until"), widget=DATE, help_text=_("The first day the child lived elsewhere.")
    )


class CrisisDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(key.value, label) for key, label in CRISIS_DECISION_LABELS.items()],
        widget=forms.RadioSelect,
    )
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE)
    decided_by = forms.ChoiceField(
        label=_("Decided by"), choices=PlacementDecider.choices, widget=forms.RadioSelect
    )
    decided_by_name = forms.CharField(label=_("Name of who decided"), max_length=200, required=False)
    extend_until = forms.DateField(
        label=_("Extended until"), widget=DATE, required=False, help_text=_("Only when extending.")
    )
    home_place = forms.CharField(
        label=_("Where at home"), max_length=200, required=False, help_text=_("Only when returning home.")
    )
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
