"""Read-side helpers for other apps (the chain table)."""

from datetime import date

from kring.access import signal_index as access

from . import linkage
from .models import Registration, Source
from .services import _encode, active_registrations, encoded_of


def old_acquaintances(
    *,
    user,
    first_name: str,
    last_name: str,
    date_of_birth: date | None,
    prefix: str = "",
    bsn: str = "",
    postcode: str = "",
    house_number: str = "",
) -> list[dict]:
    """Organisations that know this young person (signals and dossier facts), existence only: the
    organisation and whom to contact — never a category or content. The query is audited."""
    from kring.audit.models import AuditAction
    from kring.audit.services import Actor, audit_append

    enc = _encode(
        {
            "first_name": first_name,
            "prefix": prefix,
            "last_name": last_name,
            "date_of_birth": date_of_birth,
            "bsn": bsn,
            "postcode": postcode,
            "house_number": house_number,
        }
    )
    own = access.organisation_ids(user)
    found = []
    candidates = (
        active_registrations()
        .filter(block_keys__key__in=enc.blocks)
        .select_related("organisation")
        .distinct()
    )
    for reg in candidates:
        if linkage.classify(linkage.score(enc, encoded_of(reg))) != "match":
            continue
        found.append(
            {
                "organisation": reg.organisation.name,
                "contact": reg.contact_name,
                "contact_details": reg.contact_details,
                "own": reg.organisation_id in own,
                "from_dossier": reg.source == Source.DOSSIER,
            }
        )
    membership = access.membership_for(user) if user is not None else None
    audit_append(
        actor=Actor.for_user(user, membership),
        action=AuditAction.READ,
        object_ref=("signal_index.registration", "query"),
        fields=["old_acquaintances"],
    )
    return found


__all__ = ["Registration", "old_acquaintances"]
