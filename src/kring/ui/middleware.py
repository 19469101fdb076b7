from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

from kring.accounts import language


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
    """Flemish words for Flemish work (kring.accounts.language): after LocaleMiddleware, which chose nl or en,
    and the authentication middleware. While it runs, opening a dossier may switch nl and nl-be."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with language.request_scope():
            language.reader_language(request)
            return self.get_response(request)
