"""The forms of the child's space in the portal."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kring.safety.childvoice.models import WORDS_MAX, Feeling
from kring.safety.childvoice.services import FEELING_REQUIRED, FEELING_UNKNOWN


class HowAmIDoingForm(forms.Form):
    """How the young person is doing today: one of five faces (5 very good … 1 very bad), and a few words."""

    feeling = forms.TypedChoiceField(
        label=_("How are you doing today?"),
        choices=[(str(value), label) for value, label in Feeling.choices],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": FEELING_REQUIRED, "invalid_choice": FEELING_UNKNOWN},
    )
    words = forms.CharField(
        label=_("Do you want to say more? (you do not have to)"),
        required=False,
        max_length=WORDS_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
