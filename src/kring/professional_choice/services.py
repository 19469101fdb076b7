"""Choosing a professional (the app's label is still "matching"): professionals describe themselves; a team
lead proposes two; the family chooses."""

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from kring.access.policy import Action, Section, decide, refuse_if_closed
from kring.accounts.models import Membership, Role
from kring.accounts.types import User
from kring.audit.models import AuditAction
from kring.audit.services import Actor, audit_append
from kring.cases.models import Dossier
from kring.cases.services import authorise, circle_member_add

from .models import Profile, Proposal

ONLY_TEAM_LEAD = _("Only the team lead of the dossier's team proposes professionals.")
TWO_DIFFERENT = _("Propose two different professionals.")
NOT_A_CANDIDATE = _("%(name)s is not a case worker of the organisation that owns this dossier.")
CHOOSE_ONE_OF_THE_TWO = _("The family chooses one of the two proposed professionals.")
ALREADY_CHOSEN = _("The family has already chosen.")
PROFILE_FIELDS = ("expertise", "affinity", "practical", "introduction")


def candidates_for(dossier: Dossier) -> Any:
    """Case workers of the owning organisation whom a team lead may propose."""
    return (
        Membership.objects.active()
        .filter(organisation_id=dossier.owning_team.organisation_id, role=Role.CASE_WORKER)
        .select_related("user", "team", "user__matching_profile")
        .order_by("user__last_name", "user__first_name")
    )


def profile_update(*, user: User, **fields: str) -> Profile:
    profile, _created = Profile.objects.get_or_create(user=user)
    changed = [
        name for name in PROFILE_FIELDS if name in fields and getattr(profile, name) != fields[name].strip()
    ]
    with transaction.atomic():
        for name in changed:
            setattr(profile, name, fields[name].strip())
        profile.save()
        audit_append(actor=Actor.for_user(user), action=AuditAction.UPDATE, obj=profile, fields=changed)
    return profile


def proposal_make(
    *, actor: User, dossier: Dossier, first: Membership, second: Membership, proposed_on: date
) -> Proposal:
    decision = decide(actor, Action.APPROVE, dossier, Section.CIRCLE)
    refuse_if_closed(decision)
    if not decision.allowed:
        raise PermissionDenied(ONLY_TEAM_LEAD)
    if first.pk == second.pk:
        raise ValidationError(TWO_DIFFERENT)
    allowed = set(candidates_for(dossier).values_list("pk", flat=True))
    for membership in (first, second):
        if membership.pk not in allowed:
            raise ValidationError(NOT_A_CANDIDATE % {"name": membership.user})
    with transaction.atomic():
        proposal = Proposal.objects.create(
            dossier=dossier, first=first, second=second, proposed_by=actor, proposed_on=proposed_on
        )
        audit_append(
            actor=Actor.for_user(actor, decision.membership),
            action=AuditAction.CREATE,
            dossier=dossier,
            obj=proposal,
            fields=["first", "second", "proposed_on"],
        )
    return proposal


def proposal_choose(
    *, actor: User, proposal: Proposal, chosen: Membership, chosen_on: date, family_note: str = ""
) -> Proposal:
    """Record the family's choice; the chosen professional joins the circle when the actor may arrange it."""
    audit_actor = authorise(actor, Action.EDIT, proposal.dossier, Section.CIRCLE)
    if proposal.chosen_id is not None:
        raise ValidationError(ALREADY_CHOSEN)
    if chosen.pk not in (proposal.first_id, proposal.second_id):
        raise ValidationError(CHOOSE_ONE_OF_THE_TWO)
    with transaction.atomic():
        proposal.chosen, proposal.chosen_on, proposal.family_note = chosen, chosen_on, family_note.strip()
        proposal.save(update_fields=["chosen", "chosen_on", "family_note"])
        audit_append(
            actor=audit_actor,
            action=AuditAction.UPDATE,
            dossier=proposal.dossier,
            obj=proposal,
            fields=["chosen", "chosen_on", "family_note"],
        )
        seated = proposal.dossier.circle.current().filter(user=chosen.user).exists()
        if not seated and decide(actor, Action.MANAGE_CIRCLE, proposal.dossier, Section.CIRCLE).allowed:
            circle_member_add(
                actor=actor,
                dossier=proposal.dossier,
                membership=chosen,
                case_role=str(_("case worker, chosen by the family")),
                assignment="",
                started_on=chosen_on,
            )
    return proposal
