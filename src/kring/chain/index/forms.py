from django import forms
from django.utils.translation import gettext_lazy as _

from kring.accounts.models import Organisation

from .models import Category


class RegistrationForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    prefix = forms.CharField(label=_("Prefix (van, de, van der …)"), max_length=30, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    date_of_birth = forms.DateField(label=_("Date of birth"), widget=forms.DateInput(attrs={"type": "date"}))
    sex = forms.ChoiceField(
        label=_("Sex"),
        choices=[("", _("not known")), ("V", _("girl or young woman")), ("M", _("boy or young man"))],
        required=False,
    )
    bsn = forms.CharField(label=_("BSN"), max_length=11, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=10, required=False)
    house_number = forms.CharField(label=_("House number"), max_length=10, required=False)
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    contact_name = forms.CharField(label=_("Contact person"), max_length=200)
    contact_details = forms.CharField(label=_("Phone or e-mail"), max_length=200)
    own_reference = forms.CharField(label=_("Your own reference"), max_length=100, required=False)


class LetterForm(forms.Form):
    """What the print may add to the letter; used for that print only, never stored."""

    name = forms.CharField(
        label=_("First name of the young person (for the print only)"), max_length=100, required=False
    )
    addressee = forms.CharField(
        label=_("Addressed to, e.g. 'Mrs Jansen' (for the print only)"), max_length=200, required=False
    )
    language = forms.ChoiceField(
        label=_("Language of the letter"), choices=[("nl", _("Dutch")), ("en", _("English"))], initial="nl"
    )


class InformedForm(forms.Form):
    informed_on = forms.DateField(label=_("Letter sent on"), widget=forms.DateInput(attrs={"type": "date"}))


class WithdrawForm(forms.Form):
    """Withdraw a registration: the concern is gone, or it was unjustified."""

    reason = forms.ChoiceField(
        label=_("Reason"), choices=[("concern_gone", _("concern gone")), ("unjustified", _("unjustified"))]
    )


class MatchDecisionForm(forms.Form):
    """One side's step on a match (kring.chain.index.services.match_decide checks what is possible)."""

    decision = forms.ChoiceField(
        choices=[
            ("confirm", _("Same person: confirm")),
            ("followed_up", _("We have contacted them")),
            ("lead", _("Record agreed coordinator")),
            ("dismiss", _("Dismiss")),
        ]
    )
    coordinator = forms.ModelChoiceField(
        label=_("Coordinator"), queryset=Organisation.objects.all(), required=False
    )
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)
