from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_cache_control

FLEMISH = "nl-be"


class DutchFirstMiddleware:
    """kring speaks the configured language (Dutch by default) until the user picks another one.

    The browser's Accept-Language is ignored on purpose: a case worker whose browser happens to be English
    should still see the Dutch terms of the practice, unless they choose English in the language switch.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class NoStoreMiddleware:
    """No response of kring is kept in a browser or proxy cache, except static files.

    Every page and API answer may hold personal data of children; `no-store` keeps it off shared computers'
    disks and out of the back button after logout.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.static_prefix = "/" + settings.STATIC_URL.lstrip("/")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(self.static_prefix):
            patch_cache_control(response, no_store=True, private=True)
        return response


class FlemishMiddleware:
    """Flemish words for Flemish work: a reader of Dutch gets `nl-be` (the `nl_BE` catalogue, which holds only
    the terms that differ, on top of `nl`) on the pages of a Flemish dossier, and everywhere else when all
    their active memberships are in Flemish organisations. A Dutch dossier reads in Dutch-Netherlands words,
    also for a Flemish user. English stays English. After the authentication middleware (it needs the user)
    and after LocaleMiddleware (it refines the language that one chose).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if translation.get_language() == "nl" and self._flemish(request):
            translation.activate(FLEMISH)
            request.LANGUAGE_CODE = FLEMISH
        return self.get_response(request)

    @staticmethod
    def _flemish(request: HttpRequest) -> bool:
        from kring.accounts.models import Country
        from kring.cases.models import Dossier

        try:
            dossier_id = resolve(request.path_info).kwargs.get("dossier_id")
        except Resolver404:
            dossier_id = None
        if dossier_id:
            try:
                found = Dossier.objects.filter(pk=dossier_id).values_list("jurisdiction", flat=True)
                jurisdiction = found.first()
            except (ValidationError, ValueError):
                jurisdiction = None
            if jurisdiction:
                return jurisdiction == Country.BE
        return flemish_user(getattr(request, "user", None))


def flemish_user(user) -> bool:
    """All active memberships of the user are in Flemish organisations (one query)."""
    from kring.accounts.models import Country, Membership

    if user is None or not user.is_authenticated:
        return False
    memberships = Membership.objects.filter(user=user, is_active=True)
    return set(memberships.values_list("organisation__country", flat=True)) == {Country.BE}


def language_for(*, jurisdiction: str = "", user=None) -> str:
    """The language of something kring writes outside a request (a reminder mail): the configured one, and
    Flemish words instead of Dutch for a Flemish dossier or a user of Flemish organisations only."""
    language = settings.LANGUAGE_CODE
    if language != "nl":
        return language
    if jurisdiction:
        return FLEMISH if jurisdiction == "BE" else language
    return FLEMISH if flemish_user(user) else language
