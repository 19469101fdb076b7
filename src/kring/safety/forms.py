"""Forms of the safety pages. They only parse and validate input; the services decide and write."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from kring.cases.models import CircleMember, Dossier, Participant, Person

from .evaluations import DECISIONS_NEEDED
from .mapping import EMPTY_ITEM, ITEM_MAX_LENGTH, SCALE_RANGE, UNKNOWN_ELEMENT
from .models import (
    COLUMN_ELEMENTS,
    SCALE_HELP,
    SCALE_MAX,
    SCALE_MIN,
    BottomLineStatus,
    DangerStatement,
    EvaluationKind,
    EvaluationOutcome,
    JournalKind,
    MappingElement,
    RaterGroup,
    SafetyPlan,
    ScaleQuestion,
    SetBy,
    StatementLanguage,
)
from .scales import NO_SCORES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        if isinstance(obj, Participant):
            return f"{obj.person} ({obj.relation})"
        return f"{obj.user.get_full_name() or obj.user.get_username()} ({obj.case_role})"


def scale_field(label: Any, *, required: bool = False, help_text: Any = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=SCALE_MIN,
        max_value=SCALE_MAX,
        help_text=help_text,
        error_messages={"min_value": SCALE_RANGE, "max_value": SCALE_RANGE, "invalid": SCALE_RANGE},
        widget=forms.NumberInput(attrs={"min": SCALE_MIN, "max": SCALE_MAX, "inputmode": "numeric"}),
    )


class DossierPeopleForm(forms.Form):
    """A form that offers the people of one dossier: its current network and circle."""

    def __init__(self, *args: Any, dossier: Dossier, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.dossier = dossier
        if "participants" in self.fields:
            self.fields["participants"].queryset = (
                Participant.objects.current().filter(dossier=dossier).select_related("person")
            )
        if "circle_members" in self.fields:
            self.fields["circle_members"].queryset = (
                CircleMember.objects.current().filter(dossier=dossier).select_related("user")
            )


class MeetingForm(DossierPeopleForm):
    """Who of the family, the network and the circle took part in a meeting."""

    participants = PersonChoiceField(
        label=_("Family and network present"),
        queryset=Participant.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    circle_members = PersonChoiceField(
        label=_("Professionals present"),
        queryset=CircleMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class MappingForm(MeetingForm):
    held_on = forms.DateField(label=_("Date of the meeting"), widget=DATE)
    meeting = forms.CharField(
        label=_("Meeting"), max_length=200, required=False, help_text=_("For example: network meeting")
    )
    safety_scale = scale_field(
        _("Safety scale (0 to 10)"),
        help_text=SCALE_HELP,
    )


class MappingItemForm(forms.Form):
    """The quick form under one column: choose the element, type, press Enter."""

    element = forms.ChoiceField(label=_("Element"), error_messages={"invalid_choice": UNKNOWN_ELEMENT})
    text = forms.CharField(
        label=_("New item"),
        max_length=ITEM_MAX_LENGTH,
        error_messages={"required": EMPTY_ITEM},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args: Any, column: str, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", column)
        super().__init__(*args, **kwargs)
        labels = dict(MappingElement.choices)
        self.column = column
        self.fields["element"].choices = [(e, labels[e]) for e in COLUMN_ELEMENTS[column]]


class MappingItemEditForm(forms.Form):
    element = forms.ChoiceField(
        label=_("Element"),
        choices=MappingElement.choices,
        error_messages={"invalid_choice": UNKNOWN_ELEMENT},
    )
    text = forms.CharField(
        label=_("Text"),
        max_length=ITEM_MAX_LENGTH,
        error_messages={"required": EMPTY_ITEM},
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class StatementForm(forms.Form):
    """The fields danger statements and safety goals share. `recompose` and `revision` are for edits."""

    who_is_worried = forms.CharField(
        label=_("Who is worried"),
        max_length=300,
        help_text=_("For example: the youth judge, Elke (consultant) and grandmother Rita"),
    )
    children = forms.ModelMultipleChoiceField(
        label=_("About which children"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    language = forms.ChoiceField(label=_("Language of the sentence"), choices=StatementLanguage.choices)
    text = forms.CharField(
        label=_("The sentence"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Leave it empty and it is composed from the fields; then change it as you like."),
    )
    recompose = forms.BooleanField(label=_("Compose the sentence again from the fields"), required=False)
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args: Any, dossier: Dossier, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.dossier = dossier
        self.fields["children"].queryset = dossier.children.order_by("date_of_birth", "first_name")
        self.fields["children"].label_from_instance = lambda child: child.first_name
        if not editing:
            del self.fields["recompose"]
            del self.fields["revision"]
        elif "revision" in self.fields:
            self.fields["revision"].required = True


class DangerStatementForm(StatementForm):
    by_whom = forms.CharField(
        label=_("Whose behaviour"), max_length=200, help_text=_("For example: mum, or mum and dad")
    )
    behaviour = forms.CharField(
        label=_("Which behaviour"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Written to follow “that mum …”, for example: leaves the children alone at night"),
    )
    impact = forms.CharField(
        label=_("Impact on the child"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: Louis kept crying and Emma had to look after him"),
    )
    could_happen = forms.CharField(
        label=_("What could happen if nothing changes"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Written to follow “the worry is that …”, for example: Louis gets hurt and nobody notices"
        ),
    )
    field_order = [
        "who_is_worried",
        "by_whom",
        "behaviour",
        "children",
        "impact",
        "could_happen",
        "language",
        "text",
        "recompose",
        "revision",
    ]


class SafetyGoalForm(StatementForm):
    what_to_see = forms.CharField(
        label=_("What they need to see"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Written to follow “it must be seen that …”, for example: there is always an adult with Emma and "
            "Louis who can care for them"
        ),
    )
    over_time = forms.CharField(
        label=_("Over what time"),
        max_length=300,
        required=False,
        help_text=_("For example: every night, for the next six weeks"),
    )
    danger_statement = forms.ModelChoiceField(
        label=_("Answers the danger statement"), queryset=DangerStatement.objects.none(), required=False
    )
    field_order = [
        "who_is_worried",
        "children",
        "what_to_see",
        "over_time",
        "danger_statement",
        "language",
        "text",
        "recompose",
        "revision",
    ]

    def __init__(self, *args: Any, dossier: Dossier, **kwargs: Any) -> None:
        super().__init__(*args, dossier=dossier, **kwargs)
        self.fields["danger_statement"].queryset = dossier.danger_statements.all()
        self.fields["danger_statement"].label_from_instance = lambda s: s.text[:120]


class ScoresMixin:
    """One optional score field per rater (`self.raters`), grouped for the template."""

    raters: list
    fields: dict

    def add_score_fields(self, raters: list) -> None:
        self.raters = raters
        for rater in raters:
            self.fields[f"score_{rater.key}"] = scale_field(rater.name)

    def scores_given(self, data: dict[str, Any]) -> list:
        return [(r, data[f"score_{r.key}"]) for r in self.raters if data.get(f"score_{r.key}") is not None]

    def _scores(self, group: str) -> list:
        return [self[f"score_{r.key}"] for r in self.raters if r.group == group]

    @property
    def family_scores(self) -> list:
        return self._scores(RaterGroup.FAMILY)

    @property
    def professional_scores(self) -> list:
        return self._scores(RaterGroup.PROFESSIONAL)


class ScaleRoundForm(ScoresMixin, forms.Form):
    """The scores of one question on one date, one optional field per person who may score."""

    question = forms.ChoiceField(label=_("Question"), choices=ScaleQuestion.choices)
    custom_question = forms.CharField(
        label=_("Own question"),
        max_length=300,
        required=False,
        help_text=_("Only for “own question”. For example: How sure are you that mum calls Rita in time?"),
    )
    rated_on = forms.DateField(label=_("Date"), widget=DATE)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args: Any, raters: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_score_fields(raters)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        data["scores"] = self.scores_given(data)
        if not data["scores"] and not self.errors:
            raise forms.ValidationError(NO_SCORES)
        return data


class EvaluationForm(ScoresMixin, MeetingForm):
    """An evaluation moment: who took part, how every bottom line stands (with evidence), a round of scores
    and what was decided. One status and evidence field per bottom line, one score field per rater."""

    kind = forms.ChoiceField(label=_("Kind of evaluation"), choices=EvaluationKind.choices)
    held_on = forms.DateField(label=_("Date"), widget=DATE)
    plan = forms.ModelChoiceField(label=_("Safety plan"), queryset=SafetyPlan.objects.none(), required=False)
    question = forms.ChoiceField(label=_("Scaling question"), choices=ScaleQuestion.choices)
    custom_question = forms.CharField(label=_("Own question"), max_length=300, required=False)
    decisions = forms.CharField(
        label=_("Decisions"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": DECISIONS_NEEDED},
    )
    outcome = forms.ChoiceField(label=_("Outcome"), choices=EvaluationOutcome.choices)

    def __init__(self, *args: Any, dossier: Dossier, bottom_lines: list, raters: list, **kwargs: Any) -> None:
        super().__init__(*args, dossier=dossier, **kwargs)
        self.fields["plan"].queryset = dossier.safety_plans.all()
        self.bottom_lines = bottom_lines
        for line in bottom_lines:
            self.fields[f"status_{line.pk}"] = forms.ChoiceField(
                label=_("Status"), choices=BottomLineStatus.choices, initial=line.status
            )
            self.fields[f"evidence_{line.pk}"] = forms.CharField(
                label=_("Evidence"),
                max_length=2000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("What shows it; needed when the bottom line is met or breached."),
            )
        self.add_score_fields(raters)

    def lines(self) -> list[dict[str, Any]]:
        return [
            {"line": line, "status": self[f"status_{line.pk}"], "evidence": self[f"evidence_{line.pk}"]}
            for line in self.bottom_lines
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        data["assessments"] = [
            (line, data[f"status_{line.pk}"], data.get(f"evidence_{line.pk}", ""))
            for line in self.bottom_lines
            if data.get(f"status_{line.pk}")
        ]
        data["scores"] = self.scores_given(data)
        return data


class JournalEntryForm(forms.Form):
    """A journal entry as a worker writes it down: in their own name, or what someone of the family said."""

    happened_on = forms.DateField(label=_("Date"), widget=DATE)
    said_by = forms.ChoiceField(
        label=_("Who said it"),
        required=False,
        help_text=_(
            "Someone of the family or network without an account: you write it down on their behalf."
        ),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=JournalKind.choices)
    text = forms.CharField(
        label=_("What happened"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "In their words, for example: Rita slept over on Tuesday; Louis slept through the night."
        ),
    )
    rule = forms.ChoiceField(label=_("About the rule"), required=False)

    def __init__(self, *args: Any, dossier: Dossier, rules: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.children = {f"k{c.pk}": c for c in dossier.children.order_by("date_of_birth")}
        self.participants = {
            f"p{p.pk}": p
            for p in Participant.objects.current().filter(dossier=dossier).select_related("person")
        }
        self.rules = {str(r.pk): r for r in rules}
        self.fields["said_by"].choices = [
            ("", _("I write it myself")),
            *[(key, child.first_name) for key, child in self.children.items()],
            *[(key, f"{p.person} ({p.relation})") for key, p in self.participants.items()],
        ]
        self.fields["rule"].choices = [("", "-"), *[(key, r.text[:100]) for key, r in self.rules.items()]]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        said_by = data.get("said_by") or ""
        data["said_by_child"] = self.children.get(said_by)
        data["said_by_participant"] = self.participants.get(said_by)
        data["rule"] = self.rules.get(data.get("rule") or "")
        return data


class BottomLineForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Bottom lines"),
        help_text=gettext_lazy("One bottom line per line: several lines are saved as several bottom lines."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    set_by_kind = forms.ChoiceField(label=gettext_lazy("Set by"), choices=SetBy.choices)
    set_by_name = forms.CharField(label=gettext_lazy("Name of who set it"), max_length=200)
    set_on = forms.DateField(label=gettext_lazy("Set on"))
    min_network_adults = forms.IntegerField(
        label=gettext_lazy("Adults of the informal network needed"), required=False, min_value=0, max_value=50
    )


class PlanForm(forms.Form):
    """A new plan and the checks it must pass before it can be signed (configurable per plan)."""

    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    check_bottom_lines = forms.BooleanField(
        label=gettext_lazy("Check: every bottom line is served by a rule"), required=False, initial=True
    )
    check_network_adults = forms.BooleanField(
        label=gettext_lazy("Check: enough adults of the informal network carry a rule"),
        required=False,
        initial=True,
    )
    check_responsible = forms.BooleanField(
        label=gettext_lazy("Check: every rule has a responsible person"), required=False, initial=True
    )
    check_safety_goals = forms.BooleanField(
        label=gettext_lazy("Check: every safety goal is served by a rule"), required=False
    )
