"""Forms of the feedback pages. The questions of an instrument are not a Django form: they are drawn from the
items (feedback/_questions.html) and checked in one place, scoring.validate_answers, whose plain-language
messages are shown beside each question."""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from .models import AgreementStatus, AnswerType, EntryMode, Instrument, Item, Moment, RespondentType, Topic
from .self_entry import rule

# The words at the ends of a scale (unless the item has its own), and of every step of the 1-4 scale (B1).
SCALE_ENDS = {
    AnswerType.SCALE_0_10: (_("very bad"), _("very good")),
    AnswerType.GRADE_1_10: (_("very bad"), _("excellent")),
}
STEP_WORDS = {
    AnswerType.SCALE_1_4: {
        1: _("not true"),
        2: _("a little true"),
        3: _("mostly true"),
        4: _("completely true"),
    },
}


@dataclass
class Question:
    """One item as the form shows it, with the respondent's answer so far and the messages about it."""

    item: Item
    value: str
    errors: list[str]
    heading: str

    @property
    def name(self) -> str:
        return self.item.key

    @property
    def is_text(self) -> bool:
        return self.item.answer_type == AnswerType.FREE_TEXT

    @property
    def options(self) -> list[dict[str, Any]]:
        if self.is_text or self.item.min_value is None or self.item.max_value is None:
            return []
        words = STEP_WORDS.get(self.item.answer_type, {})
        return [
            {"value": str(v), "word": words.get(v, ""), "checked": self.value == str(v)}
            for v in range(self.item.min_value, self.item.max_value + 1)
        ]

    @property
    def ends(self) -> tuple[str, str] | None:
        item = self.item
        if item.low_label and item.high_label:
            low, high = gettext(item.low_label), gettext(item.high_label)
        elif item.answer_type in SCALE_ENDS:
            low, high = SCALE_ENDS[item.answer_type]
        else:
            return None
        return f"{item.min_value} = {low}", f"{item.max_value} = {high}"


def questions(instrument: Instrument, data: Any = None, errors: dict | None = None) -> list[Question]:
    """The questions of the instrument in order, each with the heading to show above it (once per topic)."""
    errors = errors or {}
    shown = []
    previous_heading = None
    for item in instrument.items.all():
        heading = item.display_heading
        shown.append(
            Question(
                item=item,
                value=(data.get(item.key, "") if data is not None else ""),
                errors=[str(e) for e in errors.get(item.key, [])],
                heading=heading if heading and heading != previous_heading else "",
            )
        )
        previous_heading = heading
    return shown


def answers_from(instrument: Instrument, data: Any) -> dict[str, str]:
    """The posted answers of the instrument's items (left-out questions stay out: the check names them)."""
    answers = {}
    for item in instrument.items.all():
        value = data.get(item.key, "")
        if isinstance(value, str):
            value = value.strip()
        if value != "":
            answers[item.key] = value
    return answers


def respondent_choices(instrument: Instrument) -> list[tuple[str, str]]:
    labels = dict(RespondentType.choices)
    return [(code, labels.get(code, code)) for code in instrument.respondent_types or RespondentType.values]


class PlanForm(forms.Form):
    """Plan a questionnaire for someone: then fill it in together, or give them a link."""

    instrument = forms.ModelChoiceField(label=_("Questionnaire"), queryset=Instrument.objects.none())
    respondent_type = forms.ChoiceField(label=_("Who fills it in?"), choices=RespondentType.choices)
    respondent_label = forms.CharField(
        label=_("First name to show"),
        help_text=_(
            "Only this name is shown to the person who fills it in, nothing else of the dossier. "
            "Leave it empty to show no name."
        ),
        max_length=50,
        required=False,
    )
    moment = forms.ChoiceField(
        label=_("Moment"),
        choices=[("", _("not applicable")), *Moment.choices],
        required=False,
        help_text=_("For questionnaires filled in at the start, during and at the end of the help."),
    )
    contact = forms.ModelChoiceField(label=_("With contact"), queryset=None, required=False)

    def __init__(self, *args: Any, dossier: Any, instruments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["instrument"].queryset = instruments
        self.fields["instrument"].label_from_instance = lambda i: i.display_name
        self.fields["contact"].queryset = dossier.contacts.order_by("-occurred_on", "-pk")


class LinkForm(forms.Form):
    valid_hours = forms.TypedChoiceField(
        label=_("The link works for"),
        coerce=int,
        choices=[
            (1, _("1 hour (fill it in now, during the meeting)")),
            (24, _("1 day")),
            (72, _("3 days")),
            (168, _("1 week")),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        default = rule()["valid_hours"]
        choices = list(self.fields["valid_hours"].choices)
        if default not in [value for value, _label in choices]:
            choices.append((default, _("%(hours)s hours") % {"hours": default}))
        self.fields["valid_hours"].choices = choices
        self.fields["valid_hours"].initial = default


class EntryModeForm(forms.Form):
    """On the worker's screen: together with the respondent, or entered by the professional."""

    entry_mode = forms.ChoiceField(
        label=_("How is this filled in?"),
        choices=[
            (EntryMode.TOGETHER, _("Together with the respondent, on this screen")),
            (EntryMode.ENTERED, _("By me: my own answers, or copied from a paper form")),
        ],
        widget=forms.RadioSelect,
        initial=EntryMode.TOGETHER,
    )


class AgreementForm(forms.Form):
    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices)
    # text and who are checked by the service, with its plain-language messages
    text = forms.CharField(
        label=_("What do we agree on?"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    who = forms.CharField(
        label=_("Who does it?"),
        max_length=100,
        required=False,
        help_text=_("For example: the mother, Anna, both."),
    )
    made_on = forms.DateField(label=_("Agreed on"), widget=forms.DateInput(attrs={"type": "date"}))
    due_on = forms.DateField(
        label=pgettext_lazy("agreement", "Done by"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class AgreementStatusForm(forms.Form):
    status = forms.ChoiceField(choices=AgreementStatus.choices, widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    done_on = forms.DateField(
        label=pgettext_lazy("agreement", "Done on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
