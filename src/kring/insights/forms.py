from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kring.cases.models import YOUTH_PROBATION_MEASURES, Dossier, MeasureKind

from .models import (
    JUDGEMENT_MAX,
    JUDGEMENT_MIN,
    Method,
    ProbationEventKind,
    ProbationEventOutcome,
    ProbationEventReason,
    RiskInstrument,
    RiskLevel,
)
from .services import parse_factor_scores

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SCALE_CHOICES = [(n, str(n)) for n in range(JUDGEMENT_MIN, JUDGEMENT_MAX + 1)]


class _MeasureChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        end = f" - {obj.ended_on:%d-%m-%Y}" if obj.ended_on else ""
        return f"{obj.child.first_name}: {obj.get_kind_display()} ({obj.started_on:%d-%m-%Y}{end})"


class MethodLabelForm(forms.Form):
    method = forms.ChoiceField(label=_("Method"), choices=Method.choices)
    since = forms.DateField(label=_("Since"), widget=DATE)

    def __init__(self, *args: Any, dossier: Dossier, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["measure"] = _MeasureChoice(
            label=_("Measure"),
            queryset=dossier.measures.select_related("child").order_by("started_on", "pk"),
            required=False,
            empty_label=_("the whole dossier"),
        )


class RiskAssessmentForm(forms.Form):
    instrument = forms.ChoiceField(label=_("Instrument"), choices=RiskInstrument.choices)
    instrument_name = forms.CharField(label=_("Name of the instrument"), max_length=100, required=False)
    assessed_on = forms.DateField(label=_("Assessed on"), widget=DATE)
    overall_level = forms.ChoiceField(label=_("Overall risk level"), choices=RiskLevel.choices)
    dynamic_scores = forms.CharField(
        label=_("Scores of the dynamic factors"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One factor per line, e.g. 'Family: 3'."),
    )

    def __init__(self, *args: Any, dossier: Dossier, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["child"] = forms.ModelChoiceField(
            label=_("Young person"), queryset=dossier.children.order_by("date_of_birth", "pk")
        )
        self.fields["measure"] = _MeasureChoice(
            label=_("During measure"),
            queryset=dossier.measures.select_related("child").order_by("started_on", "pk"),
            required=False,
        )
        self.order_fields(["child", "measure"])

    def clean_dynamic_scores(self) -> dict[str, float]:
        return parse_factor_scores(self.cleaned_data["dynamic_scores"])


class ProbationEventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ProbationEventKind.choices)
    occurred_on = forms.DateField(label=_("Date"), widget=DATE)
    reason = forms.ChoiceField(label=_("Reason"), choices=ProbationEventReason.choices)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=ProbationEventOutcome.choices)

    def __init__(self, *args: Any, dossier: Dossier, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["measure"] = _MeasureChoice(
            label=_("Youth-probation measure"),
            queryset=dossier.measures.filter(kind__in=YOUTH_PROBATION_MEASURES)
            .select_related("child")
            .order_by("started_on", "pk"),
        )
        self.order_fields(["measure"])


class ProbationEventOutcomeForm(forms.Form):
    """What came of a warning talk or report back, with the version the writer saw (concurrent edits)."""

    outcome = forms.ChoiceField(label=_("Outcome"), choices=ProbationEventOutcome.choices)
    version = forms.IntegerField(widget=forms.HiddenInput)


class EndJudgementForm(forms.Form):
    goal_realisation = forms.TypedChoiceField(
        label=_("Goal realisation (1 not at all - 5 completely)"), choices=SCALE_CHOICES, coerce=int
    )
    help_accepted = forms.TypedChoiceField(
        label=_("Acceptance of necessary help (1 not at all - 5 completely)"),
        choices=SCALE_CHOICES,
        coerce=int,
    )
    evidence = forms.CharField(label=_("Evidence"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    judged_on = forms.DateField(label=_("Judged on"), widget=DATE)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


MEASURE_KIND_CHOICES = MeasureKind.choices


YOUTH_PROBATION = "youth_probation"


def _kinds(kind: str) -> tuple[str, ...]:
    if kind == YOUTH_PROBATION:
        return tuple(sorted(YOUTH_PROBATION_MEASURES))
    return (kind,) if kind else ()


class CohortForm(forms.Form):
    """Which measures a dashboard or one side of a comparison counts. All fields optional."""

    method = forms.ChoiceField(label=_("Method"), required=False)
    team = forms.TypedChoiceField(label=_("Team"), required=False, coerce=int, empty_value=None)
    organisation = forms.TypedChoiceField(
        label=_("Organisation"), required=False, coerce=int, empty_value=None
    )
    kind = forms.ChoiceField(label=_("Kind of measure"), required=False)
    age_band = forms.ChoiceField(label=_("Age at the start"), required=False)
    started_from = forms.DateField(label=_("Started from"), required=False, widget=DATE)
    started_until = forms.DateField(label=_("Started until"), required=False, widget=DATE)
    ended_from = forms.DateField(label=_("Ended from"), required=False, widget=DATE)
    ended_until = forms.DateField(label=_("Ended until"), required=False, widget=DATE)

    def __init__(
        self,
        *args: Any,
        teams: list[tuple[int, str]],
        organisations: list[tuple[int, str]] = (),
        **kwargs: Any,
    ) -> None:
        from .indicators import AGE_BANDS
        from .models import UNLABELLED

        super().__init__(*args, **kwargs)
        anything = [("", _("all"))]
        self.fields["method"].choices = [*anything, *Method.choices, (UNLABELLED, _("not recorded"))]
        self.fields["team"].choices = [*anything, *teams]
        self.fields["organisation"].choices = [*anything, *organisations]
        self.fields["kind"].choices = [
            *anything,
            (YOUTH_PROBATION, _("youth probation (all kinds)")),
            *MeasureKind.choices,
        ]
        self.fields["age_band"].choices = [*anything, *[(band, band) for band in AGE_BANDS]]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for start, end in (("started_from", "started_until"), ("ended_from", "ended_until")):
            if data.get(start) and data.get(end) and data[end] < data[start]:
                self.add_error(end, _("The end of the period lies before its start."))
        return data

    def cohort(self, label: str = "") -> Any:
        from .indicators import Cohort

        data = self.cleaned_data
        return Cohort(
            method=data.get("method") or "",
            team_id=data.get("team"),
            organisation_id=data.get("organisation"),
            kinds=_kinds(data.get("kind") or ""),
            age_band=data.get("age_band") or "",
            started_from=data.get("started_from"),
            started_until=data.get("started_until"),
            ended_from=data.get("ended_from"),
            ended_until=data.get("ended_until"),
            label=label,
        )


class ExportRequestForm(forms.Form):
    title = forms.CharField(label=_("Study"), max_length=200)
    purpose = forms.CharField(label=_("Purpose"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    period_start = forms.DateField(label=_("Measures started from"), widget=DATE)
    period_end = forms.DateField(label=_("Measures started until"), widget=DATE)
    measure_kinds = forms.MultipleChoiceField(
        label=_("Kinds of measure"),
        choices=MeasureKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    quasi_identifiers = forms.MultipleChoiceField(
        label=_("Quasi-identifiers for the k-anonymity check"), widget=forms.CheckboxSelectMultiple
    )
    k = forms.IntegerField(label=_("k (smallest group allowed)"), min_value=2, max_value=100, initial=5)

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        from .research import QUASI_IDENTIFIERS

        super().__init__(*args, **kwargs)
        self.fields["organisation"] = forms.ModelChoiceField(label=_("Organisation"), queryset=organisations)
        self.fields["quasi_identifiers"].choices = list(QUASI_IDENTIFIERS.items())
        self.order_fields(["organisation"])


class ExportDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("approve")), ("reject", _("reject"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
