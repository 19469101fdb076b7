"""Reads of dossier data. Every read goes through the access policy and is written to the audit log."""

import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects
from django.http import Http404
from django.utils import formats
from django.utils.translation import gettext as _

from kring.access.policy import (
    SECTION_LABELS,
    Action,
    Decision,
    Section,
    ShareBasis,
    decide,
    dossiers_visible_to,
    may_write,
    organisation_shares,
    refuse_if_closed,
    view_grounds,
    visible_sections,
)
from kring.accounts.language import use_dossier_language
from kring.accounts.models import Organisation
from kring.accounts.types import MaybeUser
from kring.audit.models import AuditAction, AuditOutcome
from kring.audit.services import Actor, audit_append, audit_append_entries, audit_entry

from .models import CircleMember, Dossier, Participant, Person, children_prefetch


def dossier_list_for_user(*, user: MaybeUser) -> QuerySet[Dossier]:
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
    *, user: MaybeUser, dossier_id: Any, action: Action = Action.VIEW, section: Section | None = None
) -> tuple[Dossier, Decision]:
    """Load one dossier for `user`, or raise Http404 — for a dossier that does not exist and for one the user
    may not see alike, so no existence leaks. A refusal is audited here; the caller logs what it then reads
    (dossier_audit_read) and the services log what they write.
    """
    pk = _parse_id(dossier_id)
    dossier = Dossier.objects.select_related("owning_team__organisation").filter(pk=pk).first()
    # A dossier that does not exist is refused as one the user may not see, and costs the same: the policy
    # is asked about a stand-in (which it always refuses) and the refusal logged, so that neither the
    # queries nor the time of the answer tell whether the dossier exists.
    asked = dossier or _absent_dossier(pk)
    decision = decide(user, action, asked, section)
    if dossier is None or not decision.allowed:
        dossier_refusal_audit(user, asked, action, absent=dossier is None)
        refuse_if_closed(decision)
        raise Http404
    use_dossier_language(dossier)  # Flemish words on a Flemish dossier's pages (kring.accounts.language)
    return dossier, decision


@dataclass(frozen=True)
class OpenDossier:
    """A dossier as `dossier_open` hands it out: the object, the grounds on which the user opened it, and what
    those grounds let them read and change."""

    dossier: Dossier
    decision: Decision
    readable: frozenset[Section]
    writable: frozenset[Section]

    def page_context(self) -> dict[str, Any]:
        """What every page of the dossier needs: the dossier, the grounds, the sections the dossier nav shows
        and the ones the reader may change (the services check anew on every write)."""
        return {
            "dossier": self.dossier,
            "decision": self.decision,
            "sections": set(self.readable),
            "editable": set(self.writable),
        }


def dossier_open(
    *,
    user: MaybeUser,
    dossier_id: Any,
    reads: Iterable[Section] = (),
    action: Action = Action.VIEW,
    section: Section | None = None,
    export_format: str = "",
    as_far_as_shared: bool = False,
) -> OpenDossier:
    """The door to a dossier: load it, ask the policy, and log the read — in one call, so that no page, API
    handler or command can show dossier data without its read entry.

    `reads` are the sections the caller is about to show (or, with `export_format`, to export); each must be
    readable, and one read (export) entry names them all. `action` and `section` are what the policy is asked:
    by default viewing the first section read. A write (action EDIT) that shows nothing passes no `reads` and
    leaves the logging to the service that writes. With `as_far_as_shared` a page that shows several sections
    (the dossier page) reads those of `reads` that the reader may see, and logs just those. A dossier that
    does not exist and one the user may not open are the same 404; a write refused because the dossier is
    closed raises DossierClosed.
    """
    reads = tuple(reads)
    if action == Action.VIEW and not reads:
        raise TypeError("dossier_open: a view names the sections it reads")
    if section is None and reads and not as_far_as_shared:
        section = reads[0]
    dossier, decision = dossier_get_for_user(user=user, dossier_id=dossier_id, action=action, section=section)
    readable = frozenset(visible_sections(dossier, decision))
    if as_far_as_shared:
        reads = tuple(s for s in reads if s in readable)
    elif not readable.issuperset(reads):
        dossier_refusal_audit(user, dossier, action)
        raise Http404
    writable = readable if may_write(dossier, decision) else frozenset()
    if reads:
        dossier_audit_read(
            user=user, dossier=dossier, decision=decision, sections=reads, export_format=export_format
        )
    return OpenDossier(dossier=dossier, decision=decision, readable=readable, writable=writable)


def _absent_dossier(pk: uuid.UUID) -> Dossier:
    """A stand-in for a dossier that does not exist: no team, no circle, so the policy refuses it."""
    return Dossier(pk=pk, reference="")


def dossier_refusal_audit(user: MaybeUser, dossier: Dossier, action: Action, *, absent: bool = False) -> None:
    """Log that the policy refused `user` this dossier (a read for VIEW, else a write). A dossier that does
    not exist (`absent`: its stand-in) is named by the id asked for, as the object, and belongs to no
    dossier's log."""
    audit_append(
        actor=Actor.for_user(user),
        action=AuditAction.READ if action == Action.VIEW else AuditAction.UPDATE,
        outcome=AuditOutcome.DENIED,
        dossier=None if absent else dossier,
        obj=dossier,
    )


def dossier_audit_read(
    *,
    user: MaybeUser,
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


def _read_entry(user: MaybeUser, dossier: Dossier, decision: Decision, fields: list[str]) -> dict[str, Any]:
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


def dossiers_audit_listed(
    *, user: MaybeUser, dossiers: list[Dossier], grounds: Mapping[Any, Decision] | None = None
) -> None:
    """Log that `user` saw these dossiers in a list: one entry each, appended in one go. `grounds`: the
    access policy's grounds for each of them where the caller has them already (`view_grounds`, or
    `work_grounds`, which differs only by leaving emergency access out), else they are asked here."""
    if grounds is None:
        grounds = view_grounds(user, dossiers)
    audit_append_entries(
        [audit_entry(**_read_entry(user, dossier, grounds[dossier.pk], ["list"])) for dossier in dossiers]
    )


def dossier_people(*, dossier: Dossier, current: bool = False) -> QuerySet[Person]:
    """The children and participants of a dossier (`current`: only participants whose part has not ended).
    The ids come from the two link tables' dossier indexes, united, and the people by key: one OR across
    the two joins made PostgreSQL read every person of the installation (0.24 s at 100,000 dossiers) on
    every contacts page."""
    parts = Participant.objects.filter(dossier=dossier)
    if current:
        parts = parts.filter(ended_on=None)
    children = Dossier.children.through.objects.filter(dossier=dossier).values("person_id")
    # no ORDER BY inside a UNION (the models' default ordering)
    return Person.objects.filter(pk__in=children.order_by().union(parts.order_by().values("person_id")))


def sharing_organisations(*, dossier: Dossier) -> list[Organisation]:
    """The organisations that see part of the dossier: its owner, and every organisation in its circle."""
    seated = CircleMember.objects.current().filter(dossier=dossier).values("membership__organisation_id")
    organisations = Organisation.objects.filter(Q(pk=dossier.owning_team.organisation_id) | Q(pk__in=seated))
    return sorted(organisations, key=lambda o: (o.pk != dossier.owning_team.organisation_id, o.name))


# --- who sees what (the professionals' tab and the family's own page: the same answer) ----------------------

BASIS_ORDER = [ShareBasis.OWN_ORGANISATION, ShareBasis.IN_CIRCLE, ShareBasis.CONSENT, ShareBasis.MEASURE]


def _reason(share_basis: ShareBasis, consent: Any) -> str:
    """Why an organisation sees a part, in plain words (B1) for the family."""
    if share_basis == ShareBasis.OWN_ORGANISATION:
        return _("It is their dossier: they keep it for your family.")
    if share_basis == ShareBasis.IN_CIRCLE:
        return _("Because they work with your family.")
    if share_basis == ShareBasis.MEASURE:
        return _("Because the judge ordered a measure.")
    return _("Because you agreed on %(date)s.") % {"date": formats.date_format(consent.given_on, "j F Y")}


def who_sees_what(dossier: Dossier, day: date) -> list[dict[str, Any]]:
    """For the owner and each organisation in the circle: which parts it sees, grouped by why, and which it
    does not — read from access.policy.organisation_shares only, so the page says what the policy does. The
    caller has opened the dossier through its door (the professionals' tab: cases.history_views; the family's
    page: kring.portal.views.who_sees_what)."""
    people: dict[int, list[CircleMember]] = defaultdict(list)
    for member in CircleMember.objects.current().filter(dossier=dossier).select_related("user", "membership"):
        people[member.membership.organisation_id].append(member)
    result = []
    for organisation in sharing_organisations(dossier=dossier):
        shares = organisation_shares(dossier, organisation, day)
        groups: dict[tuple[str, Any], dict[str, Any]] = {}
        for section in Section:  # in the policy's order of sections
            share = shares.get(section)
            if share is None:
                continue
            key = (share.basis.value, share.consent.pk if share.consent else None)
            group = groups.setdefault(
                key,
                {"basis": share.basis.value, "reason": _reason(share.basis, share.consent), "sections": []},
            )
            group["sections"].append((section.value, SECTION_LABELS[section]))
        result.append(
            {
                "organisation": organisation,
                "is_owner": organisation.pk == dossier.owning_team.organisation_id,
                "people": people.get(organisation.pk, []),
                "groups": sorted(groups.values(), key=lambda group: BASIS_ORDER.index(group["basis"])),
                "hidden": [(s.value, SECTION_LABELS[s]) for s in Section if s not in shares],
            }
        )
    return result
