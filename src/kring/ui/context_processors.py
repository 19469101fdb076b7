from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from kring.access.policy import break_glass_memberships, privacy_officer_organisations


def navigation(request: HttpRequest) -> dict[str, Any]:
    """What the navigation shows; evaluated only when a template asks."""
    user = getattr(request, "user", None)
    return {
        "can_break_glass": SimpleLazyObject(lambda: bool(user) and break_glass_memberships(user).exists()),
        "is_privacy_officer": SimpleLazyObject(
            lambda: bool(user) and privacy_officer_organisations(user).exists()
        ),
    }
