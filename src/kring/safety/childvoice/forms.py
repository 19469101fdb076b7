"""Forms of the child's-voice pages. They only parse; the services validate and save."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

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
