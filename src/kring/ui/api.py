from typing import Any

from django.utils.translation import gettext_lazy
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_PAGE_SIZE = 100
MAX_OFFSET = 10**9


class ErrorOut(Schema):
    """The body of every error response: a translated, human-readable message."""

    detail: str


# Pydantic's messages are English; the API answers in the reader's language. By error type, with the limits
# pydantic passes in `ctx`; a type not named here keeps pydantic's message. kring's own messages (raised as
# ValueError in a validator) are translated already: pydantic only puts "Value error, " before them.
PYDANTIC_MESSAGES = {
    "missing": gettext_lazy("This field is required."),
    "extra_forbidden": gettext_lazy("This field is not expected here."),
    "string_type": gettext_lazy("Give a text."),
    "string_too_short": gettext_lazy("Give at least %(min_length)s characters."),
    "string_too_long": gettext_lazy("Give at most %(max_length)s characters."),
    "int_type": gettext_lazy("Give a whole number."),
    "int_parsing": gettext_lazy("Give a whole number."),
    "int_from_float": gettext_lazy("Give a whole number."),
    "float_type": gettext_lazy("Give a number."),
    "float_parsing": gettext_lazy("Give a number."),
    "bool_type": gettext_lazy("Give true or false."),
    "bool_parsing": gettext_lazy("Give true or false."),
    "date_type": gettext_lazy("Give a date as YYYY-MM-DD."),
    "date_parsing": gettext_lazy("Give a date as YYYY-MM-DD."),
    "date_from_datetime_parsing": gettext_lazy("Give a date as YYYY-MM-DD."),
    "date_from_datetime_inexact": gettext_lazy("Give a date as YYYY-MM-DD."),
    "datetime_type": gettext_lazy("Give a date and time."),
    "datetime_parsing": gettext_lazy("Give a date and time."),
    "uuid_type": gettext_lazy("Give a valid identifier."),
    "uuid_parsing": gettext_lazy("Give a valid identifier."),
    "literal_error": gettext_lazy("Choose one of: %(expected)s."),
    "enum": gettext_lazy("Choose one of: %(expected)s."),
    "greater_than": gettext_lazy("Give a number greater than %(gt)s."),
    "greater_than_equal": gettext_lazy("Give a number of at least %(ge)s."),
    "less_than": gettext_lazy("Give a number less than %(lt)s."),
    "less_than_equal": gettext_lazy("Give a number of at most %(le)s."),
    "too_short": gettext_lazy("Give at least %(min_length)s items."),
    "too_long": gettext_lazy("Give at most %(max_length)s items."),
    "list_type": gettext_lazy("Give a list."),
    "dict_type": gettext_lazy("Give an object."),
    "model_attributes_type": gettext_lazy("Give an object."),
    "json_invalid": gettext_lazy("The request body is not valid JSON."),
}
VALUE_ERROR_PREFIX = "Value error, "


def translated_errors(errors: list[Any]) -> list[Any]:
    """The errors of a refused API request (pydantic's list of dicts) with `msg` in the active language;
    `type`, `loc` and `ctx` stay as they are for programs."""
    out = []
    for error in errors:
        if not isinstance(error, dict):
            out.append(error)
            continue
        error = dict(error)
        message = PYDANTIC_MESSAGES.get(error.get("type", ""))
        context = {key: str(value) for key, value in (error.get("ctx") or {}).items()}
        if message is not None:
            try:
                error["msg"] = str(message) % context if "%(" in str(message) else str(message)
            except (KeyError, ValueError):
                error["msg"] = str(message).split("%(")[0].rstrip(" :")
        elif str(error.get("msg", "")).startswith(VALUE_ERROR_PREFIX):
            error["msg"] = str(error["msg"])[len(VALUE_ERROR_PREFIX) :]
        out.append(error)
    return out


class BoundedPagination(LimitOffsetPagination):
    """Limit/offset pages with bounds the database can hold: at most 100 a page."""

    class Input(Schema):
        limit: int = Field(25, ge=1, le=MAX_PAGE_SIZE, description="At most 100 items a page.")
        offset: int = Field(0, ge=0, le=MAX_OFFSET)


# What a write to dossier data may answer besides its success: refused input (400, 422), not logged in (401),
# not found or not yours (404), the dossier is closed (409).
WRITE_ERRORS = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
