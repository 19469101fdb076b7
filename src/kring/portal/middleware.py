"""Languages on the family's pages (docs/portal.md, "Languages").

The portal speaks Dutch, English, Arabic (right to left), Turkish and Polish
(settings.KRING_PORTAL_LANGUAGES); professional pages keep nl, nl-be and en (KRING_PROFESSIONAL_LANGUAGES).
After LocaleMiddleware (the language cookie) and the user: on a portal page the person's own choice (the
session, filled from their family account at login or by the portal's switch) wins; on any other page a
portal-only language falls back to kring's default, so that a worker never meets a page in a language kring
is not translated into for them.

Pages of other apps that a family passes through count as the family's pages: the self-entry page of a
questionnaire link (`/f/…`), and — for a family on their way in (a portal language chosen in the session, or
`next` pointing into the portal) — the password login and the authenticator-app pages. Those get the person's
language and the portal's layout (`request.kring_base_template`, which their templates extend).
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

PORTAL_LANGUAGE_SESSION_KEY = "kring_portal_language"
PORTAL_PREFIX = "/gezin/"
SELF_ENTRY_PREFIX = "/f/"
PASSED_THROUGH = ("/login/", "/account/mfa/setup/", "/account/mfa/verify/")
PORTAL_BASE_TEMPLATE = "portal/base.html"


def language_at_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """user_logged_in: the language the person chose before, from their family account."""
    from .models import FamilyAccount

    if request is None or not hasattr(request, "session"):
        return
    chosen = (
        FamilyAccount.objects.active()
        .filter(user=user)
        .exclude(language="")
        .values_list("language", flat=True)
    ).first()
    if chosen in settings.KRING_PORTAL_LANGUAGES:
        request.session[PORTAL_LANGUAGE_SESSION_KEY] = chosen


def _next(request: HttpRequest) -> str:
    return request.GET.get("next") or (request.POST.get("next") if request.method == "POST" else "") or ""


class PortalLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        chosen = session.get(PORTAL_LANGUAGE_SESSION_KEY) if session is not None else None
        path = request.path_info
        family_on_the_way_in = path in PASSED_THROUGH and (
            chosen is not None or _next(request).startswith(PORTAL_PREFIX)
        )
        if family_on_the_way_in:
            request.kring_base_template = PORTAL_BASE_TEMPLATE  # type: ignore[attr-defined]
        if path.startswith(PORTAL_PREFIX) or path.startswith(SELF_ENTRY_PREFIX) or family_on_the_way_in:
            if chosen in settings.KRING_PORTAL_LANGUAGES:
                self._use(request, chosen)
        elif translation.get_language() not in settings.KRING_PROFESSIONAL_LANGUAGES:
            self._use(request, settings.LANGUAGE_CODE)
        return self.get_response(request)

    @staticmethod
    def _use(request: HttpRequest, code: str) -> None:
        translation.activate(code)
        request.LANGUAGE_CODE = code
