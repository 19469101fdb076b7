"""Reads of dossier data. Every read goes through the access policy and is written to the audit log."""

import uuid
from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects
from django.http import Http404

from kring.access.policy import (
    Action,
    Decision,
    Section,
    decide,
    dossiers_visible_to,
    refuse_if_closed,
    view_grounds,
)
from kring.accounts.models import Organisation
from kring.audit.models import AuditAction, AuditOutcome
from kring.audit.services import Actor, audit_append, audit_append_entries, audit_entry

from .models import CircleMember, Dossier, Person, children_prefetch


def dossier_list_for_user(*, user: Any) -> QuerySet[Dossier]:
    """The dossiers `user` may open, with what the list shows, in a fixed number of queries."""
    return (
        dossiers_visible_to(user)
        .select_related("owning_team__organisation")
        .with_children()
        .order_by("status", "-opened_on", "reference")
    )


def _parse_id(dossier_id: Any) -> uuid.UUID:
    try:
        return uuid.UUID(str(dossier_id))
    except ValueError:
        raise Http404 from None


def dossier_get_for_user(
    *, user: Any, dossier_id: Any, action: Action = Action.VIEW, section: Section | None = None
) -> tuple[Dossier, Decision]:
    """Load one dossier for `user`, or raise Http404 — for a dossier that does not exist and for one the user
    may not see alike, so no existence leaks. A refusal is audited here; the caller logs what it then reads
    (dossier_audit_read) and the services log what they write.
    """
    pk = _parse_id(dossier_id)
    dossier = Dossier.objects.select_related("owning_team__organisation").filter(pk=pk).first()
    if dossier is None:
        raise Http404
    decision = decide(user, action, dossier, section)
    if not decision.allowed:
        audit_append(
            actor=Actor.for_user(user),
            action=AuditAction.READ if action == Action.VIEW else AuditAction.UPDATE,
            outcome=AuditOutcome.DENIED,
            dossier=dossier,
            obj=dossier,
        )
        refuse_if_closed(decision)
        raise Http404
    return dossier, decision


def dossier_audit_read(
    *,
    user: Any,
    dossier: Dossier,
    decision: Decision,
    sections: Iterable[Section],
    export_format: str = "",
) -> None:
    """Log that `user` read these sections of `dossier`, on the grounds of `decision` — or, with an
    `export_format` (csv, pdf, …), that they exported them."""
    entry = _read_entry(user, dossier, decision, [section.value for section in sections])
    if export_format:
        entry.update(action=AuditAction.EXPORT, export_format=export_format)
    audit_append(**entry)


def _read_entry(user: Any, dossier: Dossier, decision: Decision, fields: list[str]) -> dict[str, Any]:
    return {
        "actor": Actor.for_user(user, decision.membership),
        "action": AuditAction.READ,
        "purpose": decision.purpose,
        "reason": decision.grant.reason if decision.grant else "",
        "dossier": dossier,
        "obj": dossier,
        "fields": fields,
    }


DETAIL_SECTIONS = (Section.SUMMARY, Section.CHILDREN, Section.CIRCLE)
# The dossier page adds the latest questionnaire, the authority over the children (part of the family's
# network) and where the children live (a decision about their frame: measures) to what the API's dossier
# detail returns.
PAGE_SECTIONS = (*DETAIL_SECTIONS, Section.FEEDBACK, Section.NETWORK, Section.MEASURES)


def dossier_detail(*, dossier: Dossier) -> Dossier:
    """Prefetch everything the dossier page shows onto `dossier`, in a fixed number of queries."""
    circle = CircleMember.objects.current().select_related("user", "membership__organisation")
    prefetch_related_objects(
        [dossier],
        children_prefetch(),
        Prefetch("circle", queryset=circle, to_attr="current_circle"),
    )
    return dossier


def dossiers_audit_listed(*, user: Any, dossiers: list[Dossier]) -> None:
    """Log that `user` saw these dossiers in a list: one entry each, appended in one go."""
    grounds = view_grounds(user, dossiers)
    audit_append_entries(
        [audit_entry(**_read_entry(user, dossier, grounds[dossier.pk], ["list"])) for dossier in dossiers]
    )


def dossier_people(*, dossier: Dossier) -> QuerySet[Person]:
    """The children and participants of a dossier."""
    return Person.objects.filter(Q(dossiers=dossier) | Q(participations__dossier=dossier)).distinct()


def sharing_organisations(*, dossier: Dossier) -> list[Organisation]:
    """The organisations that see part of the dossier: its owner, and every organisation in its circle."""
    seated = CircleMember.objects.current().filter(dossier=dossier).values("membership__organisation_id")
    organisations = Organisation.objects.filter(Q(pk=dossier.owning_team.organisation_id) | Q(pk__in=seated))
    return sorted(organisations, key=lambda o: (o.pk != dossier.owning_team.organisation_id, o.name))
