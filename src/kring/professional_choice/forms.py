from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Profile


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["expertise", "affinity", "practical", "introduction"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields}


class ProposalForm(forms.Form):
    first = forms.ModelChoiceField(queryset=None, label=_("First professional"))
    second = forms.ModelChoiceField(queryset=None, label=_("Second professional"))

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("first", "second"):
            self.fields[name].queryset = candidates
            self.fields[name].label_from_instance = lambda m: (
                f"{m.user.get_full_name()} ({m.team or m.organisation})"
            )


class ChoiceForm(forms.Form):
    chosen = forms.ModelChoiceField(queryset=None, label=_("The family chose"), widget=forms.RadioSelect)
    family_note = forms.CharField(
        label=_("What the family said"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, proposal: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from kring.accounts.models import Membership

        self.fields["chosen"].queryset = Membership.objects.filter(
            pk__in=[proposal.first_id, proposal.second_id]
        )
        self.fields["chosen"].label_from_instance = lambda m: m.user.get_full_name()
