"""Page forms of the success pages (book ends, the IK plan, desistance, early closure)."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from kring.ui.forms import DateInput

from .models import (
    STAGE_MEANINGS,
    DesistanceStage,
    DesistanceView,
    IkPlan,
)


class BookEndsForm(forms.Form):
    greatest_worry = forms.CharField(
        label=_("Greatest worry"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    success_goal = forms.CharField(
        label=_("Success goal"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    actions = forms.CharField(
        label=_("Actions and who does what"),
        help_text=_(
            "One action per line: who, a colon, then what they do. For example: Probation: sets the frame."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )

    def clean_actions(self) -> list[dict[str, str]]:
        actions = []
        for number, line in enumerate(self.cleaned_data["actions"].splitlines(), start=1):
            if not line.strip():
                continue
            who, sep, what = line.partition(":")
            if not sep:
                raise ValidationError(
                    _("Line %(number)s: write who does it, a colon, then what they do."),
                    params={"number": number},
                )
            actions.append({"who": who.strip(), "what": what.strip()})
        return actions


class IkPlanForm(forms.Form):
    child = forms.TypedChoiceField(label=_("Whose IK-plan?"), required=False, coerce=int, empty_value=None)
    goals = forms.CharField(
        label=_("My goals, in my own words"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    steps = forms.CharField(label=_("My steps"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    helpers = forms.CharField(
        label=_("Who helps me"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    written_by = forms.ChoiceField(label=_("Who wrote this plan?"), choices=IkPlan.WrittenBy.choices)

    def __init__(self, *args: Any, children: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.children = {child.pk: child for child in children}
        self.fields["child"].choices = [(child.pk, str(child)) for child in children]
        if len(self.children) <= 1:  # the dossier's only child: nothing to choose
            self.fields["child"].widget = forms.HiddenInput()

    def clean_child(self) -> Any:
        """The young person (a Person); None leaves the choice to the service (the dossier's only child)."""
        value = self.cleaned_data.get("child")
        return self.children.get(value) if value is not None else None


class DesistanceForm(forms.Form):
    recorded_on = forms.DateField(label=_("Date"), widget=DateInput(), required=False)
    stage = forms.ChoiceField(label=_("Stage"), choices=DesistanceStage.choices, widget=forms.RadioSelect)
    view = forms.ChoiceField(
        label=_("Whose view is this?"), choices=DesistanceView.choices, widget=forms.RadioSelect
    )
    triggers = forms.CharField(
        label=_("What makes me want to stop (triggers)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    obstacles = forms.CharField(
        label=_("What gets in the way (obstacles)"),
        help_text=_("For example provocations, temptations, friends who still commit offences."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    relapse = forms.BooleanField(label=_("There was a relapse"), required=False)
    relapse_note = forms.CharField(
        label=_("What happened (relapse)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [
            (stage.value, f"{stage.label.capitalize()}: {STAGE_MEANINGS[stage]}") for stage in DesistanceStage
        ]


class ProposeForm(forms.Form):
    measure = forms.TypedChoiceField(label=gettext_lazy("Measure"), coerce=int)
    closes_on = forms.DateField(label=gettext_lazy("The measure ends on"), widget=DateInput(), required=False)
    achievements = forms.CharField(
        label=gettext_lazy("What the young person achieved"),
        help_text=gettext_lazy(
            "Successes in behaviour, in who they are and in belonging: school, work, home."
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    young_person_view = forms.CharField(
        label=gettext_lazy("In the young person's own words"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    network_support = forms.CharField(
        label=gettext_lazy("Who supports the young person"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    after_care = forms.CharField(
        label=gettext_lazy("After the measure"),
        help_text=gettext_lazy(
            "Who stays involved, and where the young person and family can go with questions."
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    report_to = forms.CharField(label=gettext_lazy("Report to"), max_length=200, required=False)

    def __init__(self, *args: Any, measures: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.measures = {measure.pk: measure for measure in measures}
        self.fields["measure"].choices = [
            (m.pk, f"{m.get_kind_display()} · {m.child.first_name} · {m.started_on:%d-%m-%Y}")
            for m in measures
        ]


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
