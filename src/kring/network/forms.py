"""Forms of the network pages. They only parse input; the rules live in services.py.

Choices come from the Network the page already loaded (selectors.network_for_dossier), so rendering a form
costs no queries of its own; the views turn the chosen ids back into those objects.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from kring.cases.models import Closeness, ParticipantRole

from .models import FamilyFindingStatus
from .selectors import Network


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


class ParticipantAddForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        required=False,
        widget=DateInput(),
        help_text=_(
            "With a date of birth, someone already known in kring is linked instead of entered twice."
        ),
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=ParticipantRole.choices, initial=ParticipantRole.INFORMAL
    )
    relation = forms.CharField(
        label=_("Relation to the family"), max_length=100, help_text=_("e.g. 'grandmother', 'football coach'")
    )
    closeness = forms.ChoiceField(label=_("Closeness"), choices=Closeness.choices, initial=Closeness.WIDER)
    lives_with_child = forms.BooleanField(label=_("Lives with the child"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)


class ClosenessForm(forms.Form):
    closeness = forms.ChoiceField(label=_("Closeness"), choices=Closeness.choices)


class JimChooseForm(forms.Form):
    young_person = forms.TypedChoiceField(label=_("Young person"), coerce=int)
    jim = forms.TypedChoiceField(
        label=_("JIM"), coerce=int, help_text=_("The trusted adult the young person chose; not a parent.")
    )
    chosen_on = forms.DateField(label=_("Chosen on"), widget=DateInput())
    parental_consent_by = forms.TypedChoiceField(
        label=_("Parental consent given by"),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Needed from 12 years old: a parent or guardian with authority."),
    )
    parental_consent_on = forms.DateField(
        label=_("Parental consent given on"), required=False, widget=DateInput()
    )

    def __init__(self, *args, network: Network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["young_person"].choices = [(child.pk, str(child)) for child in network.children]
        self.fields["jim"].choices = [
            (p.pk, f"{p.person} ({p.relation})")
            for p in network.participants
            if p.role != ParticipantRole.PARENT
        ]
        self.fields["parental_consent_by"].choices = [("", "—")] + [
            (person.pk, str(person)) for person in network.consenters
        ]


class JimEndForm(forms.Form):
    ended_on = forms.DateField(label=_("Ended on"), widget=DateInput())


class FamilyFindingAddForm(forms.Form):
    name = forms.CharField(label=_("Name of the relative"), max_length=200)
    relation = forms.CharField(
        label=_("Relation to the child"), max_length=100, help_text=_("e.g. 'uncle on father's side'")
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=FamilyFindingStatus.choices, initial=FamilyFindingStatus.SEARCHED
    )
    noted_on = forms.DateField(label=_("Date"), widget=DateInput())
    outcome = forms.CharField(label=_("Outcome"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class FamilyFindingUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=FamilyFindingStatus.choices)
    noted_on = forms.DateField(label=_("Date"), widget=DateInput())
    outcome = forms.CharField(label=_("Outcome"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    participant = forms.TypedChoiceField(
        label=_("Now in the network as"), coerce=int, empty_value=None, required=False
    )

    def __init__(self, *args, network: Network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].choices = [("", "—")] + [
            (p.pk, f"{p.person} ({p.relation})") for p in network.participants
        ]


class SeatAddForm(forms.Form):
    """Who takes a seat: a value "participant-<id>" or "professional-<id>" from one list, grouped."""

    occupant = forms.ChoiceField(label=_("Who"))
    task = forms.CharField(
        label=_("Task at the table"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What this person does with the family, in a sentence."),
    )

    def __init__(self, *args, network: Network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occupant"].choices = [
            ("", "—"),
            (
                _("Family and informal network"),
                [
                    (f"participant-{p.pk}", f"{p.person} ({p.relation})")
                    for p in network.unseated_participants
                ],
            ),
            (
                _("Professionals"),
                [
                    (f"professional-{m.pk}", f"{_name(m.user)} ({m.case_role})")
                    for m in network.unseated_professionals
                ],
            ),
        ]
