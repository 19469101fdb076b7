"""Forms of the intake and of the dossier's make-up. They only parse what was typed and offer the choices that
fit; the rules (authority, dates, jurisdiction, who may see whom) live in cases.services.intake."""

from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.accounts.models import Organisation, OrganisationKind

from .models import AuthoritySource, Gender, MeasureKind, OriginKind, ParticipantRole
from .services.intake import AuthorityIn, CarerIn, Intake, MeasureIn, PersonIn, person_for_reuse

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_ROWS = 8
CHILD_ROWS = 3
CARER_ROWS = 3
AUTHORITY_ROWS = 4
EVERY_CHILD = "all"
INSTITUTION = "institution"


def _date(label: Any, **kwargs: Any) -> forms.DateField:
    return forms.DateField(label=label, widget=DATE, **kwargs)


def _text(label: Any, **kwargs: Any) -> forms.CharField:
    return forms.CharField(label=label, required=False, **kwargs)


class ReuseField(forms.IntegerField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            label=_("Person number (already known)"),
            required=False,
            min_value=1,
            help_text=_("Only when the search above found this person: their number. Leave empty otherwise."),
            **kwargs,
        )


class PersonFieldsMixin(forms.Form):
    """The person's own fields, shared by the child and the parent/carer rows."""

    user: Any = None

    def clean_reuse(self) -> Any:
        number = self.cleaned_data.get("reuse")
        if number is None:
            return None
        person = person_for_reuse(user=self.user, person_id=number)
        if person is None:
            raise forms.ValidationError(_("This person is not known in the dossiers you work on."))
        return person

    def person_in(self) -> PersonIn:
        data = self.cleaned_data
        return PersonIn(
            first_name=data.get("first_name", ""),
            last_name=data.get("last_name", ""),
            date_of_birth=data.get("date_of_birth"),
            gender=data.get("gender") or Gender.UNKNOWN,
            school=data.get("school", ""),
            living_situation=data.get("living_situation", ""),
            language=data.get("language", ""),
            lvb=bool(data.get("lvb")),
            existing=data.get("reuse"),
        )


class ChildForm(PersonFieldsMixin):
    reuse = ReuseField()
    first_name = _text(_("First name"), max_length=100)
    last_name = _text(_("Last name"), max_length=150)
    date_of_birth = _date(_("Date of birth"), required=False)
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, initial=Gender.UNKNOWN)
    school = _text(_("School or work"), max_length=200)
    living_situation = _text(
        _("Living situation"), max_length=200, help_text=_("e.g. 'with mother and her partner'")
    )
    language = _text(_("Language at home"), max_length=100)
    lvb = forms.BooleanField(label=_("Indication of a mild intellectual disability (LVB)"), required=False)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user


class CarerForm(PersonFieldsMixin):
    reuse = ReuseField()
    first_name = _text(_("First name"), max_length=100)
    last_name = _text(_("Last name"), max_length=150)
    date_of_birth = _date(_("Date of birth"), required=False)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[(ParticipantRole.PARENT, _("parent")), (ParticipantRole.CARER, _("carer"))],
        initial=ParticipantRole.PARENT,
    )
    relation = _text(_("Relation to the children"), max_length=100, help_text=_("e.g. mother, stepfather"))
    phone = _text(_("Phone"), max_length=40)
    lives_with_child = forms.BooleanField(label=_("Lives with the children"), required=False)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def carer_in(self) -> CarerIn:
        data = self.cleaned_data
        return CarerIn(
            person=self.person_in(),
            role=data.get("role") or ParticipantRole.PARENT,
            relation=data.get("relation", ""),
            phone=data.get("phone", ""),
            lives_with_child=bool(data.get("lives_with_child")),
        )


def _institutions() -> Any:
    return Organisation.objects.filter(
        kind__in=[OrganisationKind.CERTIFIED_INSTITUTION, OrganisationKind.COURT_SOCIAL_SERVICE]
    ).order_by("name")


class IntakeAuthorityForm(forms.Form):
    """One authority row of the intake: children and carers are named by their row number on the form."""

    # the initial values are the first choices, so that an untouched row counts as empty
    child = forms.TypedChoiceField(label=_("Over child"), coerce=int, initial=0)
    holder = forms.ChoiceField(label=_("Held by"), initial="0")
    holder_organisation = forms.ModelChoiceField(
        label=_("Institution (guardianship)"), queryset=Organisation.objects.none(), required=False
    )
    source = forms.ChoiceField(
        label=_("Source"), choices=AuthoritySource.choices, initial=AuthoritySource.BY_LAW
    )
    started_on = _date(_("From"))
    ended_on = _date(_("Until"), required=False)

    def __init__(self, *args: Any, institutions: list[Organisation] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["holder_organisation"].queryset = _institutions()
        if institutions is not None:
            # the rows share one list of institutions instead of a query each
            self.fields["holder_organisation"].choices = [("", "---------")] + [
                (o.pk, o.name) for o in institutions
            ]
        self.fields["child"].choices = [
            (i, _("Child %(number)s") % {"number": i + 1}) for i in range(CHILD_ROWS)
        ]
        self.fields["holder"].choices = [
            *((str(i), _("Parent or carer %(number)s") % {"number": i + 1}) for i in range(CARER_ROWS)),
            (INSTITUTION, _("An institution (guardianship)")),
        ]

    def authority_in(self) -> AuthorityIn:
        data = self.cleaned_data
        holder = data["holder"]
        return AuthorityIn(
            child=data["child"],
            holder=None if holder == INSTITUTION else int(holder),
            holder_organisation=data.get("holder_organisation"),
            source=data["source"],
            started_on=data["started_on"],
            ended_on=data.get("ended_on"),
        )


class IntakeForm(forms.Form):
    team = forms.ModelChoiceField(label=_("For team"), queryset=None, empty_label=None)
    title = forms.CharField(label=_("Family"), max_length=200, help_text=_("e.g. 'Family Jansen'"))
    summary = _text(_("Summary"), widget=forms.Textarea(attrs={"rows": 3}))
    origin_kind = forms.ChoiceField(label=_("The case came in through"), choices=OriginKind.choices)
    origin_on = _date(_("Came in on"))
    origin_note = _text(_("Referrer or note"), max_length=300)
    case_role = forms.CharField(
        label=_("Your role in this case"), max_length=100, help_text=_("e.g. family guardian")
    )
    assignment = _text(
        _("Your assignment"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What you are asked to do in this case."),
    )
    measure_kind = forms.ChoiceField(
        label=_("First legal frame or measure"),
        required=False,
        choices=[("", _("— none yet —")), *MeasureKind.choices],
    )
    measure_child = forms.ChoiceField(label=_("For"), required=False)
    measure_started_on = _date(_("Start"), required=False)
    measure_planned_end_on = _date(_("Planned end"), required=False)
    measure_decided_by = _text(
        _("Decided by"), max_length=200, help_text=_("e.g. the youth court of Gent, 3 March 2026")
    )

    def __init__(self, *args: Any, teams: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        self.fields["measure_child"].choices = [
            (EVERY_CHILD, _("every child")),
            *((str(i), _("Child %(number)s") % {"number": i + 1}) for i in range(CHILD_ROWS)),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("measure_kind") and not data.get("measure_started_on"):
            self.add_error("measure_started_on", _("Give the start of the legal frame."))
        return data

    def measure_in(self) -> MeasureIn | None:
        data = self.cleaned_data
        if not data.get("measure_kind"):
            return None
        child = data.get("measure_child") or EVERY_CHILD
        return MeasureIn(
            kind=data["measure_kind"],
            started_on=data["measure_started_on"],
            child=None if child == EVERY_CHILD else int(child),
            planned_end_on=data.get("measure_planned_end_on"),
            decided_by=data.get("measure_decided_by", ""),
        )


ChildFormSet = formset_factory(ChildForm, extra=CHILD_ROWS, max_num=CHILD_ROWS, absolute_max=MAX_ROWS)
CarerFormSet = formset_factory(CarerForm, extra=CARER_ROWS, max_num=CARER_ROWS, absolute_max=MAX_ROWS)
AuthorityFormSet = formset_factory(
    IntakeAuthorityForm, extra=AUTHORITY_ROWS, max_num=AUTHORITY_ROWS, absolute_max=MAX_ROWS
)


class IntakeForms:
    """The intake form and its three formsets (children, parents and carers, authority) as one unit."""

    def __init__(self, data: Any = None, *, user: Any, teams: Any) -> None:
        today = timezone.localdate()
        self.main = IntakeForm(data, teams=teams, initial={"origin_on": today})
        self.children = ChildFormSet(data, prefix="children", form_kwargs={"user": user})
        self.carers = CarerFormSet(data, prefix="carers", form_kwargs={"user": user})
        self.authorities = AuthorityFormSet(
            data, prefix="authority", form_kwargs={"institutions": list(_institutions())}
        )

    def is_valid(self) -> bool:
        return all(
            [
                self.main.is_valid(),
                self.children.is_valid(),
                self.carers.is_valid(),
                self.authorities.is_valid(),
            ]
        )

    def intake(self) -> Intake:
        """The intake typed in. Rows left empty are skipped; the row numbers the authority rows and the
        measure refer to are those shown on the form."""
        filled_children = [(i, f) for i, f in enumerate(self.children.forms) if f.has_changed()]
        filled_carers = [(i, f) for i, f in enumerate(self.carers.forms) if f.has_changed()]
        child_position = {row: pos for pos, (row, _form) in enumerate(filled_children)}
        carer_position = {row: pos for pos, (row, _form) in enumerate(filled_carers)}
        authorities = []
        for form in self.authorities.forms:
            if not form.has_changed():
                continue
            authority = form.authority_in()
            # a row that names an empty child or carer gets a position past the end: intake_errors names it
            authority.child = child_position.get(authority.child, len(filled_children) + authority.child)
            if authority.holder is not None:
                authority.holder = carer_position.get(authority.holder, len(filled_carers) + authority.holder)
            authorities.append(authority)
        measure = self.main.measure_in()
        if measure is not None and measure.child is not None:
            measure.child = child_position.get(measure.child, len(filled_children) + measure.child)
        data = self.main.cleaned_data
        return Intake(
            team=data["team"],
            title=data["title"],
            summary=data.get("summary", ""),
            origin_kind=data["origin_kind"],
            origin_on=data["origin_on"],
            origin_note=data.get("origin_note", ""),
            case_role=data["case_role"],
            assignment=data.get("assignment", ""),
            children=[form.person_in() for _row, form in filled_children],
            carers=[form.carer_in() for _row, form in filled_carers],
            authorities=authorities,
            measure=measure,
        )


class PeopleSearchForm(forms.Form):
    q = forms.CharField(label=_("Name"), max_length=100, required=False)
    date_of_birth = _date(_("Date of birth"), required=False)


# --- the dossier's make-up over its life --------------------------------------------------------------------


class ChildAddForm(ChildForm):
    pass


class ChildMoveForm(forms.Form):
    child = forms.ModelChoiceField(label=_("Child"), queryset=None)
    target = forms.ModelChoiceField(label=_("To dossier"), queryset=None)
    moved_on = _date(_("On"), initial=timezone.localdate)
    reason = forms.CharField(label=_("Reason"), max_length=200)

    def __init__(self, *args: Any, children: Any, targets: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = children
        self.fields["target"].queryset = targets
        self.fields["target"].label_from_instance = lambda d: f"{d.reference} · {d.title}"


class AuthorityAddForm(forms.Form):
    child = forms.ModelChoiceField(label=_("Over child"), queryset=None)
    holder = forms.ModelChoiceField(label=_("Held by"), queryset=None, required=False)
    holder_organisation = forms.ModelChoiceField(
        label=_("Institution (guardianship)"), queryset=Organisation.objects.none(), required=False
    )
    source = forms.ChoiceField(label=_("Source"), choices=AuthoritySource.choices)
    started_on = _date(_("From"))
    ended_on = _date(_("Until"), required=False)

    def __init__(self, *args: Any, children: Any, holders: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = children
        self.fields["holder"].queryset = holders
        self.fields["holder_organisation"].queryset = _institutions()


class AuthorityChangeForm(forms.Form):
    source = forms.ChoiceField(label=_("Source"), choices=AuthoritySource.choices)
    started_on = _date(_("From"))
    ended_on = _date(_("Until"), required=False)


class AuthorityEndForm(forms.Form):
    ended_on = _date(_("Until"))


class SummaryForm(forms.Form):
    title = forms.CharField(label=_("Family"), max_length=200)
    summary = _text(_("Summary"), widget=forms.Textarea(attrs={"rows": 6}))
    version = forms.CharField(widget=forms.HiddenInput, required=False)


class TransferForm(forms.Form):
    team = forms.ModelChoiceField(label=_("To team"), queryset=None)
    transferred_on = _date(_("On"), initial=timezone.localdate)
    reason = forms.CharField(label=_("Reason"), max_length=200)

    def __init__(self, *args: Any, teams: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
