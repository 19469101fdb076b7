"""The kring API under /api/v1/: the same access policy and audit log as the pages."""

import logging
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import APIKeyCookie, HttpBearer

from kring.access.policy import DossierClosed
from kring.accounts.api import router as accounts_router
from kring.accounts.services import api_token_user, mfa_required
from kring.accounts.throttle import TokenRateThrottle
from kring.audit.refusals import audit_refusal
from kring.cases.api import router as cases_router
from kring.cases.closure_api import router as closure_router
from kring.cases.intake_api import router as intake_router
from kring.cases.placement_api import router as placement_router
from kring.chain.api import router as chain_router
from kring.chain.index.api import router as signal_index_router
from kring.feedback.api import router as feedback_router
from kring.insights.api import router as insights_router
from kring.network.api import router as network_router
from kring.pathways.api import router as pathways_router
from kring.portal.api import router as portal_router
from kring.portal.child_api import router as portal_child_router
from kring.safety.advice_api import router as advice_router
from kring.safety.api import router as safety_router
from kring.safety.childvoice.api import router as childvoice_router
from kring.safety.success.api import router as success_router
from kring.ui.api import translated_errors
from kring.ui.input_guard import declare_refusals, number_too_large_message

logger = logging.getLogger(__name__)


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_user(token)
        if user is not None:
            request.user = user
        return user


class VerifiedSession(APIKeyCookie):
    """A logged-in browser session (CSRF-checked), verified with two-factor login where required."""

    param_name = settings.SESSION_COOKIE_NAME

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if mfa_required(user) and not user.is_verified():
            return None
        return user


def docs_for_logged_in_users(view):
    """The documentation and the OpenAPI schema map every dossier operation: not for anonymous visitors in
    production (KRING_API_DOCS_PUBLIC, decided per request so tests can switch it)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.KRING_API_DOCS_PUBLIC and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped


class KringAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any) -> Any:
        # The input guard's answers (422, 413) come before any operation; the document says so.
        return declare_refusals(super().get_openapi_schema(**kwargs))


api = KringAPI(
    title="kring API",
    version="1",
    description="Dossiers of the kring casework platform. Every call is checked against the access policy "
    "and written to the audit log. Authenticate with a personal token (Authorization: Bearer …) created on "
    "the 'My account' page, or with a logged-in browser session.",
    auth=[BearerToken(), VerifiedSession()],
    throttle=[TokenRateThrottle()],  # KRING_API_RATE calls per token; 429 beyond it
    urls_namespace="api",
    docs_decorator=docs_for_logged_in_users,
)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    audit_refusal(request, status=404)
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(PermissionDenied)
def refused(request: HttpRequest, exc: Exception) -> HttpResponse:
    """A service's refusal of dossier data answers as "not found", like a dossier that does not exist (the
    pages: kring.ui.pages.dossier_view); a refused write to a closed dossier is the 409 below."""
    return not_found(request, exc)


@api.exception_handler(DossierClosed)
def dossier_closed(request: HttpRequest, exc: DossierClosed) -> HttpResponse:
    """A write to a closed dossier its reader may see: refused with the reason (409), nothing changed."""
    return api.create_response(request, {"detail": str(exc.message)}, status=409)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    token = "an invalid token" if request.headers.get("Authorization") else "no credentials"
    audit_refusal(request, status=401, reason=token)
    return api.create_response(request, {"detail": _("Log in or send a valid API token.")}, status=401)


@api.exception_handler(NinjaValidationError)
def invalid_input(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    return api.create_response(
        request,
        {"detail": _("The request is not valid."), "errors": translated_errors(exc.errors)},
        status=422,
    )


@api.exception_handler(ValidationError)
def domain_invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(
        request, {"detail": _("The request is not valid."), "errors": exc.messages}, status=422
    )


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    detail = _("The request body is not valid JSON.") if exc.status_code == 400 else str(exc)
    if isinstance(exc, Throttled):
        detail = _("Too many calls with this token. Wait a moment and try again.")
    response = api.create_response(request, {"detail": detail}, status=exc.status_code)
    if isinstance(exc, Throttled) and exc.wait:
        response["Retry-After"] = str(max(1, int(exc.wait)))
    return response


@api.exception_handler(OverflowError)
def number_too_large(request: HttpRequest, exc: OverflowError) -> HttpResponse:
    """An id or number beyond a 64-bit integer (in the path, query or body) cannot name anything stored."""
    return api.create_response(request, {"detail": number_too_large_message()}, status=422)


@api.exception_handler(Exception)
def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    """An unexpected error still answers in JSON, with nothing of the error itself."""
    logger.exception("API error on %s %s", request.method, request.path)
    return api.create_response(
        request, {"detail": _("Something went wrong. Nothing was saved; please try again.")}, status=500
    )


api.add_router("/", accounts_router)
api.add_router("/dossiers", cases_router)
api.add_router("/", network_router)
# Dossier parts live under /dossiers/{dossier_id}/; the chain table under /chain/, the index under /signals/.
api.add_router("/", intake_router)
api.add_router("/", placement_router)
api.add_router("/", closure_router)
api.add_router("/", pathways_router)
api.add_router("/", feedback_router)
api.add_router("/", safety_router)
api.add_router("/", advice_router)
api.add_router("/", success_router)
api.add_router("/", childvoice_router)
api.add_router("/", chain_router)
api.add_router("/", signal_index_router)
api.add_router("/", insights_router)
api.add_router("/", portal_router)
api.add_router("/", portal_child_router)
