from django import forms
from django.utils.translation import gettext_lazy as _


class DestroyForm(forms.Form):
    confirm_reference = forms.CharField(
        label=_("Type the reference to confirm"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "off", "class": "utrecht-textbox"}),
    )
