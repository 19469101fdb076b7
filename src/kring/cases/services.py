"""Writes of dossier data: the only place that changes dossiers, each change audited."""

from datetime import date
from typing import Any

from django.db import transaction

from kring.accounts.models import Membership, Team
from kring.audit.models import AuditAction
from kring.audit.services import Actor, audit_append

from .models import CircleMember, Dossier, DossierStatus, Person


def dossier_create(
    *,
    actor: Any,
    reference: str,
    title: str,
    jurisdiction: str,
    owning_team: Team,
    opened_on: date,
    summary: str = "",
    status: str = DossierStatus.OPEN,
) -> Dossier:
    with transaction.atomic():
        dossier = Dossier(
            reference=reference,
            title=title,
            jurisdiction=jurisdiction,
            owning_team=owning_team,
            opened_on=opened_on,
            summary=summary,
            status=status,
        )
        dossier.full_clean()
        dossier.save()
        audit_append(
            actor=Actor.for_user(actor),
            action=AuditAction.CREATE,
            dossier=dossier,
            obj=dossier,
            fields=["reference", "title", "jurisdiction", "owning_team", "opened_on", "summary", "status"],
        )
    return dossier


def dossier_add_child(*, actor: Any, dossier: Dossier, person: Person) -> None:
    with transaction.atomic():
        dossier.children.add(person)
        audit_append(
            actor=Actor.for_user(actor),
            action=AuditAction.UPDATE,
            dossier=dossier,
            obj=dossier,
            fields=["children"],
        )


def circle_member_add(
    *, actor: Any, dossier: Dossier, membership: Membership, case_role: str, assignment: str, started_on: date
) -> CircleMember:
    with transaction.atomic():
        member = CircleMember(
            dossier=dossier,
            user=membership.user,
            membership=membership,
            case_role=case_role,
            assignment=assignment,
            started_on=started_on,
        )
        member.full_clean()
        member.save()
        audit_append(
            actor=Actor.for_user(actor),
            action=AuditAction.CREATE,
            dossier=dossier,
            obj=member,
            fields=["user", "membership", "case_role", "assignment", "started_on"],
        )
    return member
