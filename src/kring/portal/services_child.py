"""Writes of the child's space in the portal: the young person says how they are doing. The family policy
(kring.access.family) decides; the child's voice's model and write do the rest (and audit it)."""

from typing import Any

from kring.access.family import FamilyAction, FamilyDecision
from kring.safety.childvoice.models import HowAmIDoing

from .services import _require


def family_how_am_i_doing_save(*, decision: FamilyDecision, feeling: Any, words: str = "") -> HowAmIDoing:
    """The young person says how they are doing today (one of five faces and a few words), as themselves:
    their own login, in the access log as theirs. A second answer the same day replaces the first. A closed
    dossier raises DossierClosed; no choice or an unknown one raises ValidationError; nothing is saved."""
    from kring.safety.childvoice.services import how_am_i_doing_write

    who = _require(decision, FamilyAction.SAY_HOW_I_AM_DOING)
    account = decision.account
    return how_am_i_doing_write(
        audit_actor=who,
        recorded_by=account.user,
        dossier=account.dossier,
        child=account.person,
        feeling=feeling,
        words=words,
    )
