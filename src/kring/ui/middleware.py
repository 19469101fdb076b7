from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


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
