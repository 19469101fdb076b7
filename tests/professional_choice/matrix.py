from datetime import date

from kring.professional_choice.models import Proposal

from ..conftest import World
from ..permissions import A, Case


def _candidates(w: World) -> dict:
    return {"first": w.circle_member.memberships.get().pk, "second": w.other_team.memberships.get().pk}


def _proposal(w: World) -> Proposal:
    return Proposal.objects.get_or_create(
        dossier=w.dossier,
        first=w.circle_member.memberships.get(),
        second=w.other_team.memberships.get(),
        proposed_by=w.team_lead,
        proposed_on=date(2026, 11, 1),
    )[0]


CASES = {
    "matching_profile": Case("get", expect={A: 302}),
    "matching_dossier": Case(
        "get",
        kwargs=lambda w: {"dossier_id": w.dossier.pk},
        expect={"circle_member": 200, "team_lead": 200, "break_glass": 200, A: 302},
        default=404,
    ),
    "matching_propose": Case(
        "post",
        kwargs=lambda w: {"dossier_id": w.dossier.pk},
        data=_candidates,
        expect={"team_lead": 302, "circle_member": 403, A: 302},  # only the team lead proposes
        default=404,
    ),
    "matching_choose": Case(
        "post",
        kwargs=lambda w: {"dossier_id": w.dossier.pk, "proposal_id": _proposal(w).pk},
        data=lambda w: {"chosen": w.other_team.memberships.get().pk, "family_note": "Zij sport ook."},
        expect={"circle_member": 302, "team_lead": 302, A: 302},
        default=404,
    ),
}
