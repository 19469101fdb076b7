"""The user types that policy, services and selectors take (checked by mypy; no bare `Any` for a user).

- `User`: a logged-in professional; every write takes one.
- `RequestUser`: what a request carries, logged in or not (`request.user`); the policy answers both.
- `MaybeUser`: also nobody at all — a command, or a family member's one-time link, reads as nobody.
"""

from typing import TypeGuard

from django.contrib.auth.models import AnonymousUser

from kring.accounts.models import User

RequestUser = User | AnonymousUser
MaybeUser = User | AnonymousUser | None


def is_logged_in(user: MaybeUser) -> TypeGuard[User]:
    """Whether `user` is someone (not nobody, not the anonymous user); narrows the type to `User`."""
    return user is not None and bool(user.is_authenticated)


__all__ = ["MaybeUser", "RequestUser", "User", "is_logged_in"]
