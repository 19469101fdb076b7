from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from kring.access.policy import Capability, capabilities
from kring.accounts.language import flemish_user


def navigation(request: HttpRequest) -> dict[str, Any]:
    """What the navigation shows; one query, and only when a template asks."""
    user = getattr(request, "user", None)
    granted = SimpleLazyObject(lambda: capabilities(user))
    return {
        "can_break_glass": SimpleLazyObject(lambda: Capability.BREAK_GLASS in granted),
        "is_privacy_officer": SimpleLazyObject(lambda: Capability.READ_AUDIT_LOG in granted),
        "is_functional_admin": SimpleLazyObject(lambda: Capability.RETENTION in granted),
        "may_see_insights": SimpleLazyObject(lambda: Capability.INSIGHTS in granted),
        # features that exist only in the Netherlands (the signal index) are not offered in Flemish work
        "offers_dutch_features": SimpleLazyObject(lambda: not _flemish(request, user)),
    }


def _flemish(request: HttpRequest, user) -> bool:
    """FlemishMiddleware's answer for this request, or asked now (a page rendered without it)."""
    if hasattr(request, "kring_flemish_user"):
        return request.kring_flemish_user
    return flemish_user(user)
