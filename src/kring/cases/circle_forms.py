from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kring.accounts.models import Membership


class SeatForm(forms.Form):
    membership = forms.ModelChoiceField(queryset=Membership.objects.none(), label=_("Professional"))
    case_role = forms.CharField(
        label=_("Role in this case"), max_length=100, help_text=_("e.g. family guardian")
    )
    assignment = forms.CharField(
        label=_("Assignment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What this professional is asked to do in this case."),
    )
    started_on = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = (
            Membership.objects.active()
            .select_related("user", "organisation", "team")
            .order_by("organisation__name", "user__last_name", "user__first_name")
        )
        self.fields["membership"].label_from_instance = lambda m: (
            f"{m.user.get_full_name()} — {m.get_role_display()}, {m.team or m.organisation}"
        )


class LeaveForm(forms.Form):
    ended_on = forms.DateField(label=_("Until"), widget=forms.DateInput(attrs={"type": "date"}))
