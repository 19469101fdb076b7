"""Flemish words for Flemish work (docs/language.md).

A reader of Dutch gets `nl-be` (the `nl_BE` catalogue, which holds only the terms that differ, on top of
`nl`): on the pages of a Flemish dossier, and everywhere else when all their active memberships are in
Flemish organisations. A Dutch dossier reads in Dutch-Netherlands words, also for a Flemish user; English
stays English. Without a query of its own: whether a user works in Flanders is written into the session at
login, and a dossier's jurisdiction is read when the dossier is opened (`use_dossier_language`, called by
kring.cases.selectors.dossier_get_for_user, so by the door), before its page is rendered.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.utils import translation

FLEMISH = "nl-be"
SESSION_KEY = "kring_flemish"
# Set while FlemishMiddleware handles a request: outside one (a command, a test of a service) opening a
# dossier does not change the language of the thread.
_in_request: ContextVar[bool] = ContextVar("kring_language_in_request", default=False)


@contextmanager
def request_scope() -> Iterator[None]:
    """While a request is handled: opening a dossier may switch between nl and nl-be."""
    token = _in_request.set(True)
    try:
        yield
    finally:
        _in_request.reset(token)


def flemish_user(user: Any) -> bool:
    """All active memberships of the user are in Flemish organisations (one query)."""
    from kring.accounts.models import Country, Membership

    if user is None or not user.is_authenticated:
        return False
    memberships = Membership.objects.filter(user=user, is_active=True)
    return set(memberships.values_list("organisation__country", flat=True)) == {Country.BE}


def remember_at_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """user_logged_in: keep in the session whether the user works in Flanders."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = flemish_user(user)


def reader_language(request: Any) -> None:
    """At the start of a request (after LocaleMiddleware): Flemish words for a reader of Dutch who works in
    Flanders. Sets `request.kring_flemish_user` for the navigation."""
    session = getattr(request, "session", None)
    request.kring_flemish_user = bool(session.get(SESSION_KEY, False)) if session is not None else False
    if request.kring_flemish_user and translation.get_language() == "nl":
        translation.activate(FLEMISH)
        request.LANGUAGE_CODE = FLEMISH


def use_dossier_language(dossier: Any) -> None:
    """A dossier's pages in the words of its jurisdiction, for a reader of Dutch (nl or nl-be)."""
    if _in_request.get() and translation.get_language() in ("nl", FLEMISH):
        translation.activate(FLEMISH if dossier.jurisdiction == "BE" else "nl")


def language_for(*, jurisdiction: str = "", user: Any = None) -> str:
    """The language of something kring writes outside a request (a reminder mail): the configured one, and
    Flemish words instead of Dutch for a Flemish dossier or a user of Flemish organisations only."""
    language = settings.LANGUAGE_CODE
    if language != "nl":
        return language
    if jurisdiction:
        return FLEMISH if jurisdiction == "BE" else language
    return FLEMISH if flemish_user(user) else language
