from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django_otp import match_token, user_has_device

TOKEN_INVALID = _("That code is not right, or it is too old. Type the 6 numbers that the app shows now.")


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
        label=_("Code from the app on your phone"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": TOKEN_INVALID, "required": _("Type the code of 6 numbers.")},
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
    """A token opens the API for months: whoever asks for one proves again who they are (password, and the
    code of their authenticator app when they set one up), so an unattended session cannot mint one."""

    name = forms.CharField(
        label=_("Name of the token"),
        max_length=100,
        help_text=_("So you recognise it later, e.g. 'reporting script'."),
        widget=forms.TextInput(attrs={"class": "utrecht-textbox"}),
    )
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "class": "utrecht-textbox"}),
    )
    otp_token = forms.RegexField(
        label=_("Code from the app on your phone"),
        regex=r"^\s*\d{6}\s*$",
        required=False,
        error_messages={"invalid": TOKEN_INVALID},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "class": "utrecht-textbox"}
        ),
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.needs_code = user is not None and user_has_device(user)
        if not self.needs_code:
            del self.fields["otp_token"]

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if self.user is None or not self.user.check_password(password):
            raise forms.ValidationError(_("That password is not right. No token was made."))
        return password

    def clean_otp_token(self) -> str:
        code = (self.cleaned_data.get("otp_token") or "").strip()
        if not code:
            raise forms.ValidationError(_("Type the code of 6 numbers."))
        if match_token(self.user, code) is None:
            raise forms.ValidationError(TOKEN_INVALID)
        return code
