"""The page kit: the few steps every page takes between the door (an app's `*_open` selector) and the
template — submit a form to a service and show its refusal, tell an htmx request from a page load, render
the whole page or only the part htmx asked for."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from kring.access.policy import DossierClosed

from .forms import add_service_error


def is_htmx(request: HttpRequest) -> bool:
    """Whether htmx sent this request (it then wants a part of the page, not the page)."""
    return request.headers.get("HX-Request") == "true"


def submit(form: Form, write: Callable[[dict[str, Any]], Any]) -> Any:
    """Validate `form` and call the service `write` with its cleaned data. Returns what the service returned
    (True when that was None), or None when the form or the service refused — the reasons then on the form."""
    if not form.is_valid():
        return None
    try:
        result = write(form.cleaned_data)
    except ValidationError as error:
        add_service_error(form, error)
        return None
    return True if result is None else result


def form_messages(request: HttpRequest, form: Form) -> None:
    """A refused form's errors as page messages, for the forms that post and redirect back."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def render_page_or_part(
    request: HttpRequest,
    page: str,
    part: str,
    context: dict[str, Any],
    *,
    status: int = 200,
) -> HttpResponse:
    """The part template for an htmx request, the page template otherwise; caches keep them apart."""
    template = part if is_htmx(request) and not request.headers.get("HX-History-Restore-Request") else page
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ("HX-Request",))
    return response


def refusals_as_not_found(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A refusal by the policy — a service's PermissionDenied — answered as "not found", the same 404 as for
    a dossier that does not exist, so that no page tells whether it does. A write refused because the
    dossier is closed (DossierClosed) stays a 403 that says why."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except DossierClosed:
            raise
        except PermissionDenied as refused:
            raise Http404 from refused

    return wrapped


def dossier_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page about one dossier (or part of one): for logged-in users, with the policy's refusals answered
    as 404 (refusals_as_not_found). The API answers the same in its one exception handler (config.api); the
    family portal's pages in kring.portal.views.family_login_required."""
    return login_required(refusals_as_not_found(view))
