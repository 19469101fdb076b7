"""The reader's memberships, loaded once per request (kring.access.policy.current_memberships)."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .policy import memberships_memo_end, memberships_memo_start


class MembershipsPerRequestMiddleware:
    """Gives each request its own memo of memberships and drops it with the response: never shared between
    requests, since memberships change between them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = memberships_memo_start()
        try:
            return self.get_response(request)
        finally:
            memberships_memo_end(token)
