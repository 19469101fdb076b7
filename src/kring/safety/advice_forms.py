from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AdviceProposal, ExtensionCondition

TEXT = {"rows": 6}


class AdviceCreateForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, initial=_("Advice to the youth judge"))
    addressed_to = forms.CharField(
        label=_("Addressed to"), max_length=200, required=False, help_text=_("e.g. the youth judge of Gent")
    )


class AdviceEditForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    title = forms.CharField(label=_("Title"), max_length=200)
    addressed_to = forms.CharField(label=_("Addressed to"), max_length=200, required=False)
    frame = forms.CharField(label=_("Frame and measures"), required=False, widget=forms.Textarea(attrs=TEXT))
    bottom_lines = forms.CharField(
        label=_("Bottom lines: status and evidence"), required=False, widget=forms.Textarea(attrs=TEXT)
    )
    safety_plan = forms.CharField(
        label=_("The safety plan and its signatures"), required=False, widget=forms.Textarea(attrs=TEXT)
    )
    scaling = forms.CharField(
        label=_("The scaling questions over time"), required=False, widget=forms.Textarea(attrs=TEXT)
    )
    family_view = forms.CharField(
        label=_("The family's view, in their words"), required=False, widget=forms.Textarea(attrs=TEXT)
    )
    proposal = forms.ChoiceField(
        label=_("Proposal"), choices=[("", "—"), *AdviceProposal.choices], required=False
    )
    extension_condition = forms.ChoiceField(
        label=_("Extension condition"), choices=[("", "—"), *ExtensionCondition.choices], required=False
    )
    extend_until = forms.DateField(
        label=_("Extend until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    motivation = forms.CharField(
        label=_("Motivation of the proposal"), required=False, widget=forms.Textarea(attrs=TEXT)
    )


class AdviceApproveForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
