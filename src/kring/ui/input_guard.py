"""The one input guard of kring: every request passes here before any view, form or API schema sees it.

Why a middleware and not a form mixin plus a schema type: a mixin or a type can be forgotten in the next form
or schema, and pages that read `request.POST` directly would never see it. A middleware cannot be forgotten.

What it refuses, with a translated message and without running the view (so nothing changes):

- **Control characters** (Unicode category Cc: NUL and the other C0/C1 codes, DEL) anywhere in the path, the
  query string, form fields (names and values), uploaded file names, and in every string (keys and values) of
  a JSON body. Tab, line feed and carriage return are ordinary text and pass. PostgreSQL cannot store NUL in
  text at all (it was a 500), and the others have no place in casework text. Pages get a 400 page, the API a
  422 `{"detail": ...}` like its other validation errors.
- **Whole numbers beyond 64 bits** anywhere in a JSON body (no database key holds them; in a field the
  operation reads they overflowed in the driver): the API's 422, a page's 400.
- **Bodies that are too large**, answered 413 before the body is read: the declared `Content-Length` is
  checked against `DATA_UPLOAD_MAX_MEMORY_SIZE` (forms and JSON) or `KRING_MAX_UPLOAD_BYTES` (multipart,
  i.e. a picture plus its form); a body that turns out larger than it said (or has no length) is stopped by
  Django's own limit for form data and by `LimitedUploadHandler` for files, while it streams.

Dates from the API (`IsoDate`): pydantic reads a number as a Unix time, so `start=0` was 1 January 1970.
API parameters and schema fields that take a day use `IsoDate`, which accepts only the ISO form YYYY-MM-DD
(and the OpenAPI schema still says `format: date`).

The OpenAPI document says all this (`declare_refusals`): the answers, a pattern on every free text, the
64-bit bounds on every whole number, and the same for properties a body carries beyond the declared ones.

The body is parsed here once; Django caches it (`request.POST`, `request.FILES`, `request.body`), so views and
django-ninja read the same data afterwards.
"""

import json
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Annotated, Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from pydantic import BeforeValidator, Field

# Unicode category Cc (C0 controls, DEL, C1 controls) without tab, line feed and carriage return.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
API_PREFIX = "/api/"


ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_day(value: Any) -> Any:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and ISO_DAY.fullmatch(value):
        return value  # pydantic checks that the day exists
    raise ValueError(_("Give a date as YYYY-MM-DD, for example 2026-03-01."))


IsoDate = Annotated[date, BeforeValidator(_iso_day)]

# An object id sent in an API body: a database key is a positive signed 64-bit number, so a larger one is a
# 422 at the schema instead of an overflow (a 500) in the database driver.
ObjectId = Annotated[int, Field(ge=1, le=2**63 - 1)]


def number_too_large_message() -> str:
    return _("A number in what you sent is too large. Nothing was saved: check it and send again.")


class UploadTooLarge(Exception):
    """A multipart body grew past `KRING_MAX_UPLOAD_BYTES` while it was read."""


def max_upload_bytes() -> int:
    return int(getattr(settings, "KRING_MAX_UPLOAD_BYTES", 6 * 1024 * 1024))


def has_control_character(text: str) -> bool:
    return CONTROL.search(text) is not None


def _strings(value: Any) -> Iterator[str]:
    """Every string in a decoded JSON document, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _numbers(value: Any) -> Iterator[int | float]:
    """Every number in a decoded JSON document (not the booleans, which Python counts as numbers). Floats
    too: JSON Schema counts 6e307 as a whole number, and the OpenAPI document bounds every number."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _numbers(item)
    elif isinstance(value, list):
        for item in value:
            yield from _numbers(item)


class LimitedUploadHandler(FileUploadHandler):
    """First in FILE_UPLOAD_HANDLERS: counts the bytes of uploaded files as they stream in and stops the
    request at `KRING_MAX_UPLOAD_BYTES`, so a 60 MB file is never read whole before the size check."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = getattr(self, "received", 0)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received = getattr(self, "received", 0) + len(raw_data)
        if self.received > max_upload_bytes():
            raise UploadTooLarge
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


class InputGuardMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        too_large = self._declared_too_large(request)
        if too_large:
            return self._too_large(request)
        try:
            bad = self._has_control_characters(request)
        except (RequestDataTooBig, UploadTooLarge):
            return self._too_large(request)
        if bad:
            return self._refuse(request)
        if self._has_number_beyond_64_bits(request):
            return self._number_too_large(request)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        # A number in the URL or body beyond what the database stores (a 64-bit integer) overflows in the
        # driver: the request was bad, not the server, and nothing was written (its transaction rolls back).
        if isinstance(exc, OverflowError):
            return self._page(number_too_large_message(), 400)
        return None

    @staticmethod
    def _is_api(request: HttpRequest) -> bool:
        return request.path_info.startswith(API_PREFIX)

    @staticmethod
    def _declared_too_large(request: HttpRequest) -> bool:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return False
        if request.content_type == "multipart/form-data":
            return length > max_upload_bytes()
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return limit is not None and length > limit

    def _has_control_characters(self, request: HttpRequest) -> bool:
        texts: list[str] = [request.path_info]
        for query in (request.GET,):
            for key, values in query.lists():
                texts.append(key)
                texts.extend(values)
        if request.method in ("POST", "PUT", "PATCH", "DELETE"):
            if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
                try:
                    post = request.POST
                    files = request.FILES
                except MultiPartParserError:
                    return False  # a broken body: the view or Django answers it as usual
                for key, values in post.lists():
                    texts.append(key)
                    texts.extend(values)
                texts.extend(f.name or "" for f in files.values())
            elif request.content_type == "application/json" or request.content_type.endswith("+json"):
                try:
                    document = json.loads(request.body)
                except ValueError:
                    return False  # not JSON: the schema's own validation answers it
                texts.extend(_strings(document))
        return any(has_control_character(text) for text in texts)

    @staticmethod
    def _has_number_beyond_64_bits(request: HttpRequest) -> bool:
        """Whether a JSON body holds a number beyond 64 bits (no key or score holds one), anywhere (also in
        a property the operation ignores): refused as the OpenAPI document says (`_declare_guard`)."""
        if request.method not in ("POST", "PUT", "PATCH", "DELETE") or not (
            request.content_type == "application/json" or request.content_type.endswith("+json")
        ):
            return False
        try:
            document = json.loads(request.body)
        except ValueError:
            return False
        return any(not SMALLEST <= number <= LARGEST for number in _numbers(document))

    def _number_too_large(self, request: HttpRequest) -> HttpResponse:
        if self._is_api(request):
            return JsonResponse({"detail": number_too_large_message()}, status=422)
        return self._page(number_too_large_message(), 400)

    def _refuse(self, request: HttpRequest) -> HttpResponse:
        message = _(
            "The text you sent holds a control character (for example a NUL byte) that cannot be stored. "
            "Nothing was saved: remove it and send again."
        )
        if self._is_api(request):
            return JsonResponse({"detail": message}, status=422)
        return self._page(message, 400)

    def _too_large(self, request: HttpRequest) -> HttpResponse:
        message = _(
            "What you sent is too large (at most %(form)s MB of text, or %(upload)s MB with a picture). "
            "Nothing was saved: send less, or a smaller picture."
        ) % {
            "form": round(settings.DATA_UPLOAD_MAX_MEMORY_SIZE / (1024 * 1024), 1),
            "upload": round(max_upload_bytes() / (1024 * 1024), 1),
        }
        if self._is_api(request):
            response = JsonResponse({"detail": message}, status=413)
        else:
            response = self._page(message, 413)
        # The body was not read: the connection cannot carry another request after it.
        response["Connection"] = "close"
        return response

    @staticmethod
    def _page(message: str, status: int) -> HttpResponse:
        # A page of its own, without the site's base template: it runs before sessions and login are known.
        return HttpResponse(
            render_to_string("ui/refused_input.html", {"message": message, "status": status}), status=status
        )


# CONTROL as a JSON Schema pattern (ECMA-262 and Python read the same escapes): a text without them.
TEXT_PATTERN = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f]*$"
# Whole numbers the guard lets through: what a database key (a signed 64-bit integer) holds.
SMALLEST, LARGEST = -(2**63), 2**63 - 1
JSON_VALUE = "JsonValue"  # the schema of a property a body may carry beyond the declared ones
_JSON_VALUE_REF = {"$ref": f"#/components/schemas/{JSON_VALUE}"}


def _json_value_schema() -> dict[str, Any]:
    text = {"type": "string", "pattern": TEXT_PATTERN}
    return {
        "description": "Any JSON value whose texts (keys included) hold no control character and whose "
        "numbers fit in 64 bits: what the input guard lets through in a property the operation ignores.",
        "anyOf": [
            {"type": "null"},
            {"type": "boolean"},
            {"type": "number", "minimum": SMALLEST, "maximum": LARGEST},
            text,
            {"type": "array", "items": _JSON_VALUE_REF},
            {"type": "object", "propertyNames": text, "additionalProperties": _JSON_VALUE_REF},
        ],
    }


def _declare_guard(node: Any) -> None:
    """Say in an OpenAPI (JSON Schema) node what the guard refuses, where the node does not say more
    already: every free text (no enum, format or pattern of its own) gets the pattern without control
    characters, every number the 64-bit bounds, and every object the same for the properties it
    does not declare (the guard reads them too; the operation ignores them)."""
    if isinstance(node, list):
        for item in node:
            _declare_guard(item)
        return
    if not isinstance(node, dict):
        return
    if node.get("type") == "string" and not {"enum", "format", "pattern", "const"} & node.keys():
        node["pattern"] = TEXT_PATTERN
    if node.get("type") in ("integer", "number") and not {"enum", "const"} & node.keys():
        if not {"minimum", "exclusiveMinimum"} & node.keys():
            node["minimum"] = SMALLEST
        if not {"maximum", "exclusiveMaximum"} & node.keys():
            node["maximum"] = LARGEST
    if node.get("type") == "object" and "propertyNames" not in node:
        node["propertyNames"] = {"type": "string", "pattern": TEXT_PATTERN}
        if node.get("additionalProperties", True) is True:
            node["additionalProperties"] = _JSON_VALUE_REF
    for value in node.values():
        _declare_guard(value)


def declare_refusals(schema: dict[str, Any]) -> dict[str, Any]:
    """Say in the OpenAPI document what this guard refuses, on every operation: 422 (control characters, in
    any parameter) and, for operations with a body, 413 (too large); and in the parameters and bodies the
    texts and numbers it refuses (`_declare_guard`). Clients then know these answers."""
    error = {"$ref": "#/components/schemas/ErrorOut"}
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    _declare_guard(components)
    components.setdefault(JSON_VALUE, _json_value_schema())
    for operations in schema.get("paths", {}).values():
        _declare_guard([operation.get("parameters", []) for operation in operations.values()])
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            responses.setdefault(
                422,
                {
                    "description": "Unprocessable Content: not valid, or holds a control character",
                    "content": {"application/json": {"schema": error}},
                },
            )
            if "requestBody" in operation:
                responses.setdefault(
                    413,
                    {
                        "description": "Content Too Large",
                        "content": {"application/json": {"schema": error}},
                    },
                )
    return schema
