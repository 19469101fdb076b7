from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.safety.childvoice.models import HOUSE_TEXT_MAX
from kring.safety.models import JournalKind

from .models import FamilyKind, NoticeFrequency


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Your invitation code"),
        max_length=20,
        help_text=_("The code your case worker gave you, for example ABCD-EFGH-23."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "characters"}),
    )


class AccountForm(forms.Form):
    username = forms.CharField(
        label=_("Choose a username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Choose a password"),
        help_text=_("At least 12 characters. A few words in a row are easy to remember."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label=_("Type the password again"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("The two passwords are not the same."))
        return data


class JournalForm(forms.Form):
    happened_on = forms.DateField(
        label=_("When did it happen?"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    kind = forms.ChoiceField(label=_("How did it go?"), choices=JournalKind.choices, widget=forms.RadioSelect)
    text = forms.CharField(
        label=_("What happened?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
    rule = forms.TypedChoiceField(label=_("About which rule?"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, rules=(), **kwargs) -> None:
        kwargs.setdefault("initial", {"happened_on": timezone.localdate(), "kind": JournalKind.NOTE})
        super().__init__(*args, **kwargs)
        self.rules = {rule.pk: rule for rule in rules}
        self.fields["rule"].choices = [("", _("not about one rule"))] + [
            (rule.pk, rule.text[:80]) for rule in rules
        ]

    def clean_rule(self):
        value = self.cleaned_data.get("rule")
        return self.rules.get(value) if value else None


class InviteForm(forms.Form):
    person = forms.TypedChoiceField(label=_("Who do you invite?"), coerce=int)
    kind = forms.ChoiceField(label=_("As"), choices=FamilyKind.choices)
    email = forms.EmailField(
        label=_("E-mail address (optional)"),
        required=False,
        help_text=_("With an address kring sends the link; without one, give the code shown after inviting."),
    )

    def __init__(self, *args, people=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.people = {person.pk: person for person in people}
        self.fields["person"].choices = [(p.pk, str(p)) for p in people]

    def clean_person(self):
        return self.people[self.cleaned_data["person"]]


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Why?"), max_length=300, required=False)


class ShieldForm(forms.Form):
    person = forms.TypedChoiceField(label=_("Whose address and whereabouts"), coerce=int)
    hidden_from = forms.TypedChoiceField(label=_("are hidden from"), coerce=int)
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)

    def __init__(self, *args, people=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.people = {person.pk: person for person in people}
        for name in ("person", "hidden_from"):
            self.fields[name].choices = [(p.pk, str(p)) for p in people]

    def clean_person(self):
        return self.people[self.cleaned_data["person"]]

    def clean_hidden_from(self):
        return self.people[self.cleaned_data["hidden_from"]]


class ThreeHousesForm(forms.Form):
    """The young person's three houses, in their own words (kring.safety.childvoice.ThreeHouses)."""

    worries = forms.CharField(
        label=_("The house of worries: what worries you?"),
        required=False,
        max_length=HOUSE_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    good_things = forms.CharField(
        label=_("The house of good things: what goes well?"),
        required=False,
        max_length=HOUSE_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    dreams = forms.CharField(
        label=_("The house of dreams: what do you wish for?"),
        required=False,
        max_length=HOUSE_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    based_on = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class NoticeForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("How often do you want an e-mail when there is something new?"),
        choices=NoticeFrequency.choices,
        widget=forms.RadioSelect,
    )


class ViewForm(forms.Form):
    text = forms.CharField(
        label=_("Your view"),
        required=False,  # the service says "write down your view" in the person's language
        help_text=_(
            "What do you think of this plan? Your case worker reads it. It is printed with the plan."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
