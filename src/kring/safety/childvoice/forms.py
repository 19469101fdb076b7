"""Forms of the child's-voice pages. They only parse; the services validate and save."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kring.ui.forms import DateInput

from . import images
from .models import IMAGE_ALT_MAX


class PanelForm(forms.Form):
    text = forms.CharField(
        label=_("What this panel tells"),
        help_text=_("In plain words, as you would say it to the child."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    image = forms.FileField(label=_("Picture"), required=False)
    image_alt = forms.CharField(
        label=_("What the picture shows"),
        help_text=_("A few words for people who cannot see the picture."),
        required=False,
        max_length=IMAGE_ALT_MAX,
    )
    revision = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["image"].help_text = _(
            "A JPEG, PNG, GIF or WebP picture of at most %(max)s MB. Hidden information in the file, such as "
            "where a photo was taken, is removed."
        ) % {"max": images.max_bytes() // (1024 * 1024)}
        self.fields["image"].widget.attrs["accept"] = "image/jpeg,image/png,image/gif,image/webp"


class PanelChangeForm(PanelForm):
    remove_image = forms.BooleanField(label=_("Remove the picture"), required=False)


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("up")), ("down", _("down"))])
    revision = forms.IntegerField(min_value=0)


class RevisionForm(forms.Form):
    revision = forms.IntegerField(min_value=0)


class ThreeHousesForm(forms.Form):
    worries = forms.CharField(
        label=_("House of worries"),
        help_text=_("What worries the child, in their own words."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    good_things = forms.CharField(
        label=_("House of good things"),
        help_text=_("What is going well, what the child likes, in their own words."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    dreams = forms.CharField(
        label=_("House of dreams"),
        help_text=_("What the child wishes for, how it would be if everything were fine."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    talked_on = forms.DateField(label=_("Date of the conversation"), widget=DateInput(), required=False)
    based_on = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=0)
