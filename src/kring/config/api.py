"""The kring API under /api/v1/: the same access policy and audit log as the pages."""

import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import APIKeyCookie, HttpBearer

from kring.accounts.api import router as accounts_router
from kring.accounts.services import api_token_user, mfa_required
from kring.accounts.throttle import TokenRateThrottle
from kring.cases.api import router as cases_router
from kring.chain.api import router as chain_router
from kring.chain.index.api import router as signal_index_router
from kring.feedback.api import router as feedback_router
from kring.pathways.api import router as pathways_router
from kring.safety.api import router as safety_router
from kring.safety.childvoice.api import router as childvoice_router
from kring.safety.success.api import router as success_router
from kring.ui.input_guard import declare_refusals

logger = logging.getLogger(__name__)


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_user(token)
        if user is not None:
            request.user = user
        return user


class VerifiedSession(APIKeyCookie):
    """A logged-in browser session (CSRF-checked), verified with two-factor login where required."""

    param_name = "kring_session"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if mfa_required(user) and not user.is_verified():
            return None
        return user


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
)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(request, {"detail": _("Log in or send a valid API token.")}, status=401)


@api.exception_handler(NinjaValidationError)
def invalid_input(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    return api.create_response(
        request, {"detail": _("The request is not valid."), "errors": exc.errors}, status=422
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


@api.exception_handler(Exception)
def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    """An unexpected error still answers in JSON, with nothing of the error itself."""
    logger.exception("API error on %s %s", request.method, request.path)
    return api.create_response(
        request, {"detail": _("Something went wrong. Nothing was saved; please try again.")}, status=500
    )


api.add_router("/", accounts_router)
api.add_router("/dossiers", cases_router)
# Dossier parts live under /dossiers/{dossier_id}/; the chain table under /chain/, the index under /signals/.
api.add_router("/", pathways_router)
api.add_router("/", feedback_router)
api.add_router("/", safety_router)
api.add_router("/", success_router)
api.add_router("/", childvoice_router)
api.add_router("/", chain_router)
api.add_router("/", signal_index_router)
