"""The one input guard of kring: every request passes here before any view, form or API schema sees it.

Why a middleware and not a form mixin plus a schema type: a mixin or a type can be forgotten in the next form
or schema, and pages that read `request.POST` directly would never see it. A middleware cannot be forgotten.

What it refuses, with a translated message and without running the view (so nothing changes):

- **Control characters** (Unicode category Cc: NUL and the other C0/C1 codes, DEL) anywhere in the path, the
  query string, form fields (names and values), uploaded file names, and in every string (keys and values) of
  a JSON body. Tab, line feed and carriage return are ordinary text and pass. PostgreSQL cannot store NUL in
  text at all (it was a 500), and the others have no place in casework text. Pages get a 400 page, the API a
  422 `{"detail": ...}` like its other validation errors.
- **Bodies that are too large**, answered 413 before the body is read: the declared `Content-Length` is
  checked against `DATA_UPLOAD_MAX_MEMORY_SIZE` (forms and JSON) or `KRING_MAX_UPLOAD_BYTES` (multipart,
  i.e. a picture plus its form); a body that turns out larger than it said (or has no length) is stopped by
  Django's own limit for form data and by `LimitedUploadHandler` for files, while it streams.

Dates from the API (`IsoDate`): pydantic reads a number as a Unix time, so `start=0` was 1 January 1970.
API parameters and schema fields that take a day use `IsoDate`, which accepts only the ISO form YYYY-MM-DD
(and the OpenAPI schema still says `format: date`).

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


def declare_refusals(schema: dict[str, Any]) -> dict[str, Any]:
    """Say in the OpenAPI document what this guard refuses, on every operation: 422 (control characters, in
    any parameter) and, for operations with a body, 413 (too large). Clients then know these answers."""
    error = {"$ref": "#/components/schemas/ErrorOut"}
    for operations in schema.get("paths", {}).values():
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
