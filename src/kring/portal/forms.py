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
        label=_("E-mail address"),
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


class IkPlanForm(forms.Form):
    """The young person's own IK-plan, in their own words (kring.safety.success.IkPlan)."""

    goals = forms.CharField(
        label=_("My goals: what do I want to reach?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    steps = forms.CharField(
        label=_("My steps: what do I do to get there?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    helpers = forms.CharField(
        label=_("Who helps me?"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    based_on = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class ScaleAnswerForm(forms.Form):
    """A score from 0 to 10 on a question put to the family member, with an optional word."""

    score = forms.TypedChoiceField(
        label=_("Your score"),
        choices=[(str(n), str(n)) for n in range(11)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a number from 0 to 10."),
            "invalid_choice": _("Choose a number from 0 to 10."),
        },
    )
    note = forms.CharField(
        label=_("Do you want to say something about it?"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ScaleAskForm(forms.Form):
    """The worker puts a scaling question to a family member with an account."""

    account = forms.TypedChoiceField(label=_("To whom?"), coerce=int)
    question = forms.ChoiceField(label=_("Which question?"))
    custom_question = forms.CharField(
        label=_("Own question (with what 0 and 10 mean)"), max_length=300, required=False
    )

    def __init__(self, *args, accounts=(), **kwargs) -> None:
        from kring.safety.models import ScaleQuestion

        super().__init__(*args, **kwargs)
        self.accounts = {account.pk: account for account in accounts}
        self.fields["account"].choices = [(a.pk, f"{a.person} ({a.get_kind_display()})") for a in accounts]
        self.fields["question"].choices = ScaleQuestion.choices

    def clean_account(self):
        return self.accounts[self.cleaned_data["account"]]


class QuestionnaireAskForm(forms.Form):
    """The worker puts a waiting questionnaire in a family member's portal."""

    administration = forms.TypedChoiceField(label=_("Which waiting questionnaire?"), coerce=int)
    account = forms.TypedChoiceField(label=_("In whose portal?"), coerce=int)

    def __init__(self, *args, accounts=(), administrations=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.accounts = {account.pk: account for account in accounts}
        self.administrations = {a.pk: a for a in administrations}
        self.fields["account"].choices = [(a.pk, f"{a.person} ({a.get_kind_display()})") for a in accounts]
        self.fields["administration"].choices = [
            (
                a.pk,
                f"{a.instrument.display_name} — {a.get_respondent_type_display()}"
                + (f" ({a.respondent_label})" if a.respondent_label else ""),
            )
            for a in administrations
        ]

    def clean_account(self):
        return self.accounts[self.cleaned_data["account"]]

    def clean_administration(self):
        return self.administrations[self.cleaned_data["administration"]]


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


class AdviceViewForm(forms.Form):
    text = forms.CharField(
        label=_("Your view"),
        required=False,  # the service says "write down your view" in the person's language
        help_text=_(
            "What do you think of this advice? Your case worker reads it. It is kept beside the advice."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
