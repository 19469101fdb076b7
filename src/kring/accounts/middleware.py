import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp import user_has_device

from .services import mfa_required

SESSION_AUTH_AT = "kring_auth_at"
SESSION_SEEN_AT = "kring_seen_at"
SEEN_RESOLUTION_SECONDS = 30


def _wants_fragment(request: HttpRequest) -> bool:
    return request.path.startswith("/api/") or request.headers.get("HX-Request") == "true"


class SessionTimeoutMiddleware:
    """Ends a session after an idle period and after an absolute lifetime, whichever comes first."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and hasattr(request, "session"):
            now = time.time()
            # a session without the stamps set at login counts as expired
            auth_at = request.session.get(SESSION_AUTH_AT, 0)
            seen_at = request.session.get(SESSION_SEEN_AT, 0)
            idle = now - seen_at > settings.KRING_SESSION_IDLE_MINUTES * 60
            too_old = now - auth_at > settings.KRING_SESSION_ABSOLUTE_HOURS * 3600
            if idle or too_old:
                logout(request)
                if _wants_fragment(request):
                    return JsonResponse(
                        {"detail": _("Your session has ended. Please log in again.")}, status=401
                    )
                messages.info(request, _("Your session has ended. Please log in again."))
                return redirect(f"{reverse('login')}?{urlencode({'next': request.get_full_path()})}")
            if now - seen_at >= SEEN_RESOLUTION_SECONDS:
                request.session[SESSION_SEEN_AT] = now
        return self.get_response(request)


MFA_EXEMPT_URL_NAMES = ("login", "logout", "mfa_setup", "mfa_verify", "set_language", "healthz")


class MfaRequiredMiddleware:
    """Professionals who must use two-factor login see nothing else until they have verified."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    @staticmethod
    def _is_exempt(path: str) -> bool:
        static_prefix = "/" + settings.STATIC_URL.lstrip("/")
        return path.startswith(static_prefix) or path in {reverse(name) for name in MFA_EXEMPT_URL_NAMES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and not self._is_exempt(request.path)
            and mfa_required(user)
        ):
            if _wants_fragment(request):
                return JsonResponse({"detail": _("Two-factor verification is required.")}, status=401)
            target = "mfa_verify" if user_has_device(user) else "mfa_setup"
            return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
