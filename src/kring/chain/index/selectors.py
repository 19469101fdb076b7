"""Reads of the signal index for the page, the API and other apps: always through kring.access.signal_index,
always audited. What a professional may see of a match is the other side's organisation and contact —
never its category, reference, source or anything else."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.access import signal_index as access
from kring.access.policy import Action, Decision, organisation_ids
from kring.accounts.types import MaybeUser
from kring.audit.models import AuditAction
from kring.audit.services import Actor, audit_append, audit_append_entries, audit_entry

from . import linkage, matching
from .explain import match_explanation
from .models import Match, MatcherWeights, MatchStatus, Registration, Source
from .services import _encode, active_registrations, encoded_of

SIGNAL_LABEL = _("signal by a professional")
REGISTRATION_FIELDS = ["organisation", "category", "own_reference", "contact", "expires_on"]
MATCH_FIELDS = ["other_organisation", "other_contact", "status", "coordinator"]
NEXT_STEPS = {
    "confirm": _(
        "Check with the other organisation whether it is the same young person, then confirm or dismiss."
    ),
    "contact": _("Contact the other organisation."),
    "lead": _("Agree who coordinates (regie) and record it, or dismiss the match with a reason."),
}


def _actor(user: MaybeUser) -> Actor:
    return Actor.for_user(user, access.membership_for(user)) if user is not None else Actor(None, "system")


def audit_listed(user: MaybeUser, objects: list[Any], fields: list[str]) -> None:
    """One read entry per registration or match that the user saw in a list (field names only)."""
    actor = _actor(user)
    audit_append_entries(
        [audit_entry(actor=actor, action=AuditAction.READ, obj=obj, fields=fields) for obj in objects]
        or [
            audit_entry(
                actor=actor,
                action=AuditAction.READ,
                object_ref=("signal_index.registration", "list"),
                fields=fields,
            )
        ]
    )


def _audit_read(user: MaybeUser, obj: Any, fields: list[str], export_format: str = "") -> None:
    audit_append(
        actor=_actor(user),
        action=AuditAction.EXPORT if export_format else AuditAction.READ,
        obj=obj,
        fields=fields,
        export_format=export_format,
    )


def _pk(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


def registrations_for(user: MaybeUser) -> QuerySet[Registration]:
    """The active registrations of the user's organisations, newest first."""
    return access.registrations_visible_to(user).select_related("organisation")


@dataclass(frozen=True)
class OpenRegistration:
    """A registration as `registration_open` hands it out, with the decision that opened it."""

    registration: Registration
    decision: Decision


def registration_open(
    *,
    user: MaybeUser,
    registration_id: Any,
    reads: Iterable[str] = (),
    action: Action = Action.VIEW,
    export_format: str = "",
    signals_only: bool = False,
) -> OpenRegistration:
    """The door to one active registration: load it, ask kring.access.signal_index, and log the read of the
    fields in `reads` (with `export_format`: their export) — in one call. One of another organisation, an
    ended one, one that does not exist and (with `signals_only`) a fact fed from a dossier or a chain case
    are the same 404. A write (action EDIT) is decided here and logged by the service that writes."""
    registrations = Registration.objects.select_related("organisation").filter(ended_on__isnull=True)
    if signals_only:
        registrations = registrations.filter(fact="")
    pk = _pk(registration_id)
    registration = registrations.filter(pk=pk).first()
    # One that does not exist is asked about as a stand-in of no organisation, which the policy refuses:
    # the same queries and time as another organisation's, so the answer does not tell whether it exists.
    decision = access.decide_registration(user, action, registration or Registration(pk=pk))
    if registration is None or not decision.allowed:
        raise Http404
    reads = list(reads)
    if reads:
        _audit_read(user, registration, reads, export_format)
    return OpenRegistration(registration=registration, decision=decision)


def matches_for(user: MaybeUser, *, open_only: bool = False) -> QuerySet[Match]:
    matches = access.matches_visible_to(user).select_related("decided_by").order_by("-found_at", "-pk")
    if open_only:
        matches = matches.filter(status__in=[MatchStatus.MATCH, MatchStatus.POSSIBLE])
    return matches


@dataclass(frozen=True)
class OpenMatch:
    """A match as `match_open` hands it out, with the decision that opened it."""

    match: Match
    decision: Decision


def match_open(
    *, user: MaybeUser, match_id: Any, reads: Iterable[str] = (), action: Action = Action.VIEW
) -> OpenMatch:
    """The door to one match: load it, ask kring.access.signal_index (a registration of the user's
    organisations on either side), and log the read of the fields in `reads` — in one call. A match of
    others and one that does not exist are the same 404. A decision on the match (action EDIT) is logged by
    services.match_decide."""
    pk = _pk(match_id)
    match = (
        Match.objects.select_related(
            "first__organisation", "second__organisation", "coordinator", "decided_by"
        )
        .filter(pk=pk)
        .first()
    )
    # As registration_open: a match that does not exist costs what another organisation's costs.
    absent = Match(pk=pk, first=Registration(), second=Registration())
    decision = access.decide_match(user, action, match or absent)
    if match is None or not decision.allowed:
        raise Http404
    reads = list(reads)
    if reads:
        _audit_read(user, match, reads)
    return OpenMatch(match=match, decision=decision)


def next_step(match: Match, side: str) -> str:
    """What this side should do next; empty when the match needs nothing more (lead agreed, dismissed)."""
    if match.status == MatchStatus.POSSIBLE:
        return "confirm"
    if match.status != MatchStatus.MATCH:
        return ""
    return "lead" if getattr(match, f"{side}_followed_up_at") else "contact"


def match_summaries(user: MaybeUser, matches: list[Match]) -> list[dict]:
    """What the user may see of each match (for the page and the API): their own registration, and of the
    other side only the organisation and whom to contact (kring.access.signal_index). The user's
    organisations are read once, whatever the number of matches."""
    own_orgs = organisation_ids(user)
    return [_summary(match, own_orgs) for match in matches]


def match_summary(user: MaybeUser, match: Match) -> dict:
    return match_summaries(user, [match])[0]


def follow_up_stats(user: MaybeUser, *, days: int = 365) -> dict:
    """Of the user's organisations' matches found in the last `days`: how many were brought to an end (a
    coordinator agreed, or dismissed with a reason) and how many still wait. One query."""
    since = timezone.now() - timedelta(days=days)
    counts = dict(
        access.matches_visible_to(user)
        .filter(found_at__gte=since)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    done = counts.get(MatchStatus.LEAD_AGREED, 0) + counts.get(MatchStatus.DISMISSED, 0)
    waiting = counts.get(MatchStatus.MATCH, 0) + counts.get(MatchStatus.POSSIBLE, 0)
    total = done + waiting
    return {
        "total": total,
        "done": done,
        "waiting": waiting,
        "percent": round(100 * done / total) if total else None,
    }


def waiting_for(user: MaybeUser) -> QuerySet[Match]:
    """Open matches of the user's organisations, the longest waiting first."""
    return matches_for(user, open_only=True).order_by("found_at", "pk")


def _summary(match: Match, own_orgs: set[int]) -> dict:
    side = "first" if match.first.organisation_id in own_orgs else "second"
    other_side = "second" if side == "first" else "first"
    own, other = getattr(match, side), getattr(match, other_side)
    step = next_step(match, side)
    return {
        "match": match,
        "own": own,
        "id": match.pk,
        "status": match.status,
        "status_label": match.get_status_display(),
        "score": round(match.score, 2),
        "found_at": match.found_at,
        "your_registration_id": own.pk,
        "your_reference": own.own_reference,
        "other_organisation": other.organisation.name,
        "other_contact": other.contact_name,
        "other_contact_details": other.contact_details,
        "coordinator": match.coordinator.name if match.coordinator is not None else None,
        "you_followed_up": getattr(match, f"{side}_followed_up_at") is not None,
        "other_followed_up": getattr(match, f"{other_side}_followed_up_at") is not None,
        "next_step": step,
        "next_step_text": str(NEXT_STEPS[step]) if step else "",
        "days_waiting": (timezone.now() - match.found_at).days if step else 0,
        "reminders": getattr(match, f"{side}_reminders"),
        "organisations": [match.first.organisation, match.second.organisation],
        # who dismissed is shown to both sides; the reason only to the side that wrote it
        "dismissed_by": (
            match.decided_by.name
            if match.status == MatchStatus.DISMISSED and match.decided_by is not None
            else None
        ),
        "dismiss_reason": match.dismiss_reason if match.decided_by_id in own_orgs else "",
        # for the professional who confirms a possible match: which parts agreed, in words, no values
        "explanation": match_explanation(own, other) if match.status == MatchStatus.POSSIBLE else "",
    }


def acquaintances(
    *,
    user: MaybeUser,
    identities: list[dict],
    about: Any = None,
    exclude_chain_case_id: int | None = None,
    today: date | None = None,
) -> list[list[dict]]:
    """For each identity: the organisations that know this young person — signals (without their
    category) and facts from dossiers and chain cases (their kind: supervision order, Veilig Thuis report,
    Halt …) — and whom to contact. Existence only, never content. One candidate query for all identities.

    Audited: one read entry for the query (about `about`, e.g. the chain case, when given) and one for every
    registration disclosed."""
    encodings = [_encode(identity) for identity in identities]
    keys = sorted({key for enc in encodings for key in enc.blocks})
    candidates = active_registrations(today).filter(block_keys__key__in=keys)
    if exclude_chain_case_id is not None:
        candidates = candidates.exclude(chain_case_id=exclude_chain_case_id)
    candidates = list(candidates.select_related("organisation").distinct()) if keys else []
    own = organisation_ids(user)
    found: list[list[dict]] = []
    disclosed: dict[int, Registration] = {}
    candidate_encodings = [(reg, encoded_of(reg)) for reg in candidates]
    _, mu = matching.current_weights()
    for enc in encodings:
        rows = []
        tf = matching.term_frequencies(enc, mu)
        for reg, other in candidate_encodings:
            if linkage.classify(linkage.score(enc, other, mu, tf)) != "match":
                continue
            disclosed[reg.pk] = reg
            rows.append(
                {
                    "registration_id": reg.pk,
                    "organisation": reg.organisation.name,
                    "kind": reg.get_fact_display() if reg.fact else str(SIGNAL_LABEL),
                    "source": reg.source,
                    "contact": reg.contact_name,
                    "contact_details": reg.contact_details,
                    "own": reg.organisation_id in own,
                    "from_dossier": reg.source == Source.DOSSIER,
                }
            )
        found.append(sorted(rows, key=lambda r: (r["own"], r["organisation"], r["kind"])))
    actor = _actor(user)
    query = {"obj": about} if about is not None else {"object_ref": ("signal_index.registration", "query")}
    audit_append_entries(
        [audit_entry(actor=actor, action=AuditAction.READ, fields=["old_acquaintances"], **query)]
        + [
            audit_entry(
                actor=actor, action=AuditAction.READ, obj=reg, fields=["organisation", "contact", "fact"]
            )
            for reg in disclosed.values()
        ]
    )
    return found


def old_acquaintances(
    *,
    user: MaybeUser,
    first_name: str,
    last_name: str,
    date_of_birth: date | None,
    prefix: str = "",
    bsn: str = "",
    postcode: str = "",
    house_number: str = "",
) -> list[dict]:
    """`acquaintances` for one young person (for other apps)."""
    identity = {
        "first_name": first_name,
        "prefix": prefix,
        "last_name": last_name,
        "date_of_birth": date_of_birth,
        "bsn": bsn,
        "postcode": postcode,
        "house_number": house_number,
    }
    return acquaintances(user=user, identities=[identity])[0]


def chain_case_acquaintances(*, user: MaybeUser, case_id: Any) -> tuple[Any, list[dict]]:
    """The persons of a chain case the user's table handles (else 404), each with their old acquaintances
    — leaving out the facts this case itself gave the index."""
    from kring.chain.selectors import chain_case_open

    from .feed import split_name

    case = chain_case_open(user=user, case_id=case_id).case
    persons = list(case.persons.all())
    identities = []
    for person in persons:
        first, last = split_name(person.name)
        identities.append({"first_name": first, "last_name": last, "date_of_birth": person.birth_date})
    known = acquaintances(user=user, identities=identities, about=case, exclude_chain_case_id=case.pk)
    return case, [{"person": p, "acquaintances": k} for p, k in zip(persons, known, strict=True)]


__all__ = ["Registration", "old_acquaintances"]


LEVEL_LABELS = {
    "agree": _("agreed"),
    "exact": _("agreed exactly"),
    "swapped": _("day and month swapped"),
    "partial": _("one part differs"),
    "year1": _("year off by one"),
    "unsure": _("1 January (only the year known), same year"),
    "year": _("same year, day and month differ"),
    "near": _("a year apart, day and month differ"),
    "official": _("same official name or sound"),
    "sound": _("sounds the same"),
    "close": _("close spelling"),
    "initial": _("initial agrees"),
    "token": _("shares a name word"),
    "similar": _("some likeness"),
    "faint": _("faint likeness"),
    "postcode": _("same postcode, other number"),
    "disagree": _("differs"),
    "missing": _("missing on a side (weighs 0)"),
}
# where a level means something else for one comparison
COMPARISON_LEVEL_LABELS = {("address", "close"): _("same number, postcode one character off")}
COMPARISON_LABELS = {
    "bsn": _("BSN"),
    "dob": _("date of birth"),
    "sex": _("sex"),
    "first": _("first name"),
    "surname": _("surname"),
    "address": _("address"),
}


def matcher_weights_overview() -> dict:
    """The weights the matcher uses now (the newest stored table, or the built-in defaults) as rows of
    (comparison, level, m, u, weight in bits), and the stored history. Two queries."""
    history = list(MatcherWeights.objects.order_by("-pk")[:20])
    current = history[0] if history else None
    mu = linkage.check_mu(current.mu) if current else linkage.DEFAULT_MU
    table = linkage.weights(mu)
    rows = [
        {
            "comparison": COMPARISON_LABELS[name],
            "level": COMPARISON_LEVEL_LABELS.get((name, level), LEVEL_LABELS[level]),
            "m": m,
            "u": u,
            "weight": table[name][level],
        }
        for name, levels in mu.items()
        for level, (m, u) in levels.items()
    ]
    return {"weights": current, "rows": rows, "history": history}
