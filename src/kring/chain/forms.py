"""Forms of the chain table pages. They only parse what was typed and offer the choices that fit; the rules
(dates, persons, who may do what) are the services', whose messages the views put on these forms. Every form
that changes an existing case carries the version it showed (optimistic locking)."""

from datetime import datetime, time, timedelta
from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.ui.forms import SELECT, TEXTAREA, TEXTBOX, DateInput

from .models import DecisionMeasure, InvolvedRole, LegalStatus, Trigger

MAX_PERSONS = 20
PERSON_ROWS = 3


def _text(label: Any, *, required: bool = True, help_text: Any = "", rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=10000,
        help_text=help_text,
        widget=forms.Textarea(attrs={**TEXTAREA, "rows": rows}),
    )


def _date(label: Any, **kwargs: Any) -> forms.DateField:
    return forms.DateField(label=label, widget=DateInput(), **kwargs)


class VersionForm(forms.Form):
    """A form that changes an existing case: the version of the case it was shown with."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class IntakeForm(forms.Form):
    table = forms.TypedChoiceField(label=_("Chain table"), coerce=int, widget=forms.Select(attrs=SELECT))
    brought_in_by = forms.TypedChoiceField(
        label=_("Brought in by"), coerce=int, widget=forms.Select(attrs=SELECT)
    )
    reference = forms.CharField(label=_("Reference"), max_length=40, widget=forms.TextInput(attrs=TEXTBOX))
    incident = _text(_("Incident"), help_text=_("What happened, in a few sentences."), rows=4)
    incident_on = _date(_("Date of the incident"))
    listed_on = _date(_("On the list of"), help_text=_("The day the table discusses the case."))
    legal_status = forms.ChoiceField(
        label=_("Legal status"), choices=LegalStatus.choices, widget=forms.Select(attrs=SELECT)
    )
    triggers_by_hand = forms.MultipleChoiceField(
        label=_("Triggers for deepening, chosen by hand"),
        help_text=_(
            "The intake rules flag triggers from the persons by themselves; add any you see, such as facts "
            "that contradict each other or a bad feeling (“stomach ache”)."
        ),
        choices=Trigger.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, tables: list[Any], organisations: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["table"].choices = [(t.pk, t.name) for t in tables]
        self.fields["brought_in_by"].choices = [(o.pk, o.name) for o in organisations]


class PersonForm(forms.Form):
    # Required for a row that is filled in; a row left untouched is skipped (empty_permitted).
    role = forms.ChoiceField(
        label=_("Role"), choices=[("", "—"), *InvolvedRole.choices], widget=forms.Select(attrs=SELECT)
    )
    name = forms.CharField(label=_("Name"), max_length=200, widget=forms.TextInput(attrs=TEXTBOX))
    birth_date = _date(_("Birth date"))
    problems = forms.IntegerField(
        label=_("Number of known problems"),
        help_text=_("For example school, home, money, addiction, friends."),
        min_value=0,
        max_value=20,
        initial=0,
        required=False,
        widget=forms.NumberInput(attrs=TEXTBOX),
    )
    intellectual_disability = forms.BooleanField(
        label=_("Intellectual disability (known or suspected)"), required=False
    )
    custody_unclear = forms.BooleanField(label=_("Custody unclear"), required=False)


class BasePersonFormSet(forms.BaseFormSet):
    """Rows of persons involved; an untouched row is left out. There are no "initial" rows to keep: a row
    filled in earlier is a row like any other, so every row may stay empty."""

    def initial_form_count(self) -> int:
        return 0

    def persons(self) -> list[dict]:
        return [
            {**form.cleaned_data, "problems": form.cleaned_data.get("problems") or 0}
            for form in self.forms
            if form.has_changed()
        ]


def person_formset(data: Any = None, *, rows: int = PERSON_ROWS, initial: list[dict] | None = None) -> Any:
    formset = formset_factory(
        PersonForm, formset=BasePersonFormSet, extra=rows, max_num=MAX_PERSONS, absolute_max=MAX_PERSONS
    )
    return formset(data, initial=initial, prefix="persons")


class TriggersForm(VersionForm):
    triggers = forms.MultipleChoiceField(
        label=_("Triggers for deepening, chosen by hand"),
        help_text=_("The triggers the intake rules flagged stay."),
        choices=Trigger.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


def _default_due() -> datetime:
    tomorrow = timezone.localdate() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(tomorrow, time(12, 0)))


class DueInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(attrs=TEXTBOX, format="%Y-%m-%dT%H:%M")


class ContextRequestForm(forms.Form):
    requested_by = forms.TypedChoiceField(label=_("Asked by"), coerce=int, widget=forms.Select(attrs=SELECT))
    addressee = forms.TypedChoiceField(
        label=_("Ask"), coerce=int, widget=forms.Select(attrs=SELECT), empty_value=None
    )
    about = forms.TypedMultipleChoiceField(
        label=_("About"),
        help_text=_("The partner you ask sees the names and birth dates of these persons, not the case."),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    question = _text(_("Question"))
    need_to_know = _text(
        _("Need to know"),
        help_text=_("Why does the table need this to decide? Need to know, not nice to know."),
    )
    due_at = forms.DateTimeField(
        label=_("Answer before"),
        widget=DueInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        initial=_default_due,
    )

    def __init__(
        self, *args: Any, organisations: list[Any], addressees: list, persons: list[Any], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["requested_by"].choices = [(o.pk, o.name) for o in organisations]
        labels = {"table": _("At this table"), "other": _("Other organisations")}
        self.fields["addressee"].choices = [("", "—")] + [
            (labels[group], options) for group, options in addressees if options
        ]
        self.fields["about"].choices = [
            (p.pk, f"{p.name} ({p.get_role_display()}, {p.birth_date:%d-%m-%Y})") for p in persons
        ]


class AnswerForm(forms.Form):
    answer = _text(_("Answer"), rows=4)


class PartnerViewForm(forms.Form):
    """One partner's view; the page shows one form per organisation of the user at the table."""

    organisation = forms.IntegerField(widget=forms.HiddenInput)
    view = _text(_("Our view"), help_text=_("What your organisation sees in this case."), rows=4)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class HypothesesForm(VersionForm):
    hypotheses = _text(
        _("Testable hypotheses"),
        help_text=_("One per line: what we think is going on, put so that the look-back can test it."),
        rows=4,
    )


class DecisionForm(VersionForm):
    measures = forms.MultipleChoiceField(
        label=_("Decision: care and punishment"),
        help_text=_("Choose every part of the decision; a mix of care and punishment is usual."),
        choices=DecisionMeasure.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one part of the decision (care or punishment).")},
    )
    tasks = _text(
        _("Who does what"),
        help_text=_("One task per line, for example: Halt: starts the hours this week."),
        rows=4,
    )
    decided_on = _date(_("Decided on"), initial=timezone.localdate)
    look_back_on = _date(
        _("Plan date to look back"),
        help_text=_("On this day the table looks back: what happened, and what do we learn?"),
    )


class LookBackForm(VersionForm):
    what_happened = _text(_("What happened next"), rows=4)
    lessons = _text(_("What we learn"), required=False, rows=3)


class DossierOpenForm(VersionForm):
    team = forms.TypedChoiceField(label=_("Team"), coerce=int, widget=forms.Select(attrs=SELECT))
    reference = forms.CharField(
        label=_("Dossier reference"), max_length=32, widget=forms.TextInput(attrs=TEXTBOX)
    )
    title = forms.CharField(
        label=_("Family"),
        max_length=200,
        help_text=_("For example: Family de Wit."),
        widget=forms.TextInput(attrs=TEXTBOX),
    )
    case_role = forms.CharField(
        label=_("Your role in this dossier"),
        max_length=100,
        required=False,
        help_text=_("For example: family guardian, youth probation officer. A team lead can leave it empty."),
        widget=forms.TextInput(attrs=TEXTBOX),
    )
    children = forms.TypedMultipleChoiceField(
        label=_("Children of the dossier"),
        help_text=_("The persons under 18 of this case."),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, teams: list[Any], children: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [(t.pk, str(t)) for t in teams]
        self.fields["children"].choices = [(p.pk, f"{p.name} ({p.birth_date:%d-%m-%Y})") for p in children]


class DossierLinkForm(VersionForm):
    reference = forms.CharField(
        label=_("Reference of the dossier"),
        max_length=32,
        help_text=_("A dossier you may open, for example KR-NL-2026-0042."),
        widget=forms.TextInput(attrs=TEXTBOX),
    )
