"""Forms of the safety pages. They only parse and validate input; the services decide and write."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kring.cases.models import CircleMember, Dossier, Participant

from .mapping import EMPTY_ITEM, ITEM_MAX_LENGTH, SCALE_RANGE, UNKNOWN_ELEMENT
from .models import COLUMN_ELEMENTS, SCALE_HELP, SCALE_MAX, SCALE_MIN, MappingElement

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


class MappingForm(DossierPeopleForm):
    held_on = forms.DateField(label=_("Date of the meeting"), widget=DATE)
    meeting = forms.CharField(
        label=_("Meeting"), max_length=200, required=False, help_text=_("For example: network meeting")
    )
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
