from django import forms
from django.utils.translation import gettext_lazy as _


class BreakGlassForm(forms.Form):
    reference = forms.CharField(
        label=_("Dossier reference"),
        max_length=32,
        help_text=_("For example KR-NL-2026-0001."),
        widget=forms.TextInput(attrs={"class": "utrecht-textbox", "autocomplete": "off"}),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        help_text=_("Why you need this dossier now. The privacy officer reads this."),
        widget=forms.Textarea(attrs={"rows": 4, "class": "utrecht-textarea"}),
    )
