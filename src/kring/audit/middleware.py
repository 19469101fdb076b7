import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from .context import RequestContext, request_context


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or behind trusted proxies the nearest untrusted forwarded hop."""
    trusted = settings.KRING_TRUSTED_PROXIES
    address = request.META.get("REMOTE_ADDR", "")
    if address not in trusted:
        return address
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        if hop not in trusted:
            return hop[:45]
    return address


class RequestContextMiddleware:
    """Gives every request an id and remembers its client IP, for the audit log; logs every refusal of a
    page (404 or 403 raised by a view) once, centrally (`kring.audit.refusals`)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        context = RequestContext(request_id=str(uuid.uuid4()), client_ip=client_ip(request))
        token = request_context.set(context)
        try:
            response = self.get_response(request)
        finally:
            request_context.reset(token)
        response["X-Request-ID"] = context.request_id
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        if isinstance(exception, (Http404, PermissionDenied)):
            from .refusals import audit_refusal

            audit_refusal(request, status=404 if isinstance(exception, Http404) else 403)
