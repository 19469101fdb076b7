from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

TOKEN_INVALID = _("That code is not right, or has expired. Enter the 6 digits your app shows now.")


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("The username or password is not right. Please try again."),
        "inactive": _("This account has been disabled."),
    }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "class": "utrecht-textbox"})
        self.fields["password"].widget.attrs.update(
            {"autocomplete": "current-password", "class": "utrecht-textbox"}
        )


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=_("Code from your authenticator app"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": TOKEN_INVALID, "required": _("Enter the 6-digit code.")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "class": "utrecht-textbox",
                "size": 8,
            }
        ),
    )

    def clean_token(self) -> str:
        return self.cleaned_data["token"].strip()


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the token"),
        max_length=100,
        help_text=_("So you recognise it later, e.g. 'reporting script'."),
        widget=forms.TextInput(attrs={"class": "utrecht-textbox"}),
    )
