from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views import i18n
from django.views.decorators.http import require_POST

from kring.access import policy
from kring.access.family import is_family_user


def healthz(request: HttpRequest) -> JsonResponse:
    """For operators: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def home(request: HttpRequest) -> HttpResponse:
    """The start page after login: where this user's work is (see access.policy.start_page); a family
    member's is their portal."""
    if is_family_user(request.user):
        return redirect("portal_home")
    return redirect(policy.start_page(request.user))


set_language = require_POST(i18n.set_language)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "ui/404.html", status=404)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # A refusal that carries its reason for the reader (e.g. a closed dossier) says it; others stay generic.
    reason = getattr(exception, "message", None)
    return render(request, "ui/403.html", {"reason": reason}, status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "ui/500.html", status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "ui/403.html", status=403)
