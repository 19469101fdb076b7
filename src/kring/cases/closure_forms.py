from django import forms
from django.utils.translation import gettext_lazy as _


class ProposeForm(forms.Form):
    summary = forms.CharField(
        label=_("Closing summary"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What was reached, what the family takes with them, and who they can turn to."),
    )


class DecideForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when you do not confirm: say what must happen first."),
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for reopening"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
