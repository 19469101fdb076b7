"""Reads of Signs of Success that need more than one section of the access policy."""

from typing import Any

from django.http import Http404

from kring.access.policy import Action, Decision, Section
from kring.accounts.types import MaybeUser
from kring.cases.models import Dossier
from kring.cases.selectors import dossier_get_for_user

from .models import EarlyClosure

CLOSURE_SECTIONS = (Section.MEASURES, Section.SAFETY_PLAN)


def dossier_get_for_closure(
    *, user: MaybeUser, dossier_id: Any, action: Action = Action.VIEW
) -> tuple[Dossier, Decision]:
    """A dossier for its positive early closure: who may see (or change) both its measures and its Signs of
    Success (the book-ends and Klaar mee?! stages the report quotes); anyone else gets Http404, audited."""
    dossier_get_for_user(user=user, dossier_id=dossier_id, action=action, section=Section.SAFETY_PLAN)
    return dossier_get_for_user(user=user, dossier_id=dossier_id, action=action, section=Section.MEASURES)


def closure_get(dossier: Dossier, closure_id: int) -> EarlyClosure:
    """A positive early closure of this dossier, with its measure, child and signatories; or Http404."""
    closure = (
        EarlyClosure.objects.select_related("measure__child", "proposed_by", "decided_by")
        .filter(pk=closure_id, dossier=dossier)
        .first()
    )
    if closure is None:
        raise Http404
    closure.dossier = dossier
    return closure
