"""Seed 002: the three cases of the ZSM deepening pilot, each through intake -> triggers -> deepening ->
decision (invented names)."""

from datetime import date

import pytest

from kring.chain import services
from kring.chain.models import ContextRequest, LegalStatus, Stage, Trigger

from .conftest import soon

pytestmark = pytest.mark.django_db


def test_seed_zsm_man_of_61_with_cola_cans(zsm):
    police = zsm.users["police"]
    case = services.chain_case_bring_in(
        actor=police,
        table=zsm.table,
        brought_in_by=zsm.orgs["police"],
        reference="ZSM-T-1",
        incident="Stole three cans of cola; shop fine of 181 euro and a shop ban. Seems confused.",
        incident_on=date(2026, 3, 2),
        legal_status=LegalStatus.ARRESTED,
        persons=[
            {
                "role": "suspect",
                "name": "Gerrit Smeets",
                "birth_date": date(1965, 1, 10),
                "intellectual_disability": True,
            },
        ],
    )
    assert case.triggers == [Trigger.INTELLECTUAL_DISABILITY]
    services.deepening_start(actor=police, case=case)
    req = services.context_request_send(
        actor=police,
        case=case,
        requested_by=zsm.orgs["police"],
        addressee=zsm.orgs["probation"],
        question="Who supports him at home?",
        need_to_know="Fine or care: depends on his network.",
        due_at=soon(),
    )
    services.context_request_answer(
        actor=zsm.users["probation"],
        request=req,
        answer="Mother died, brother-in-law had a stroke, neighbour in hospital: his network fell away.",
    )
    services.partner_view_record(
        actor=police,
        case=case,
        organisation=zsm.orgs["police"],
        view="Not a thief: a man whose support is gone.",
    )
    services.hypotheses_record(actor=police, case=case, hypotheses="With a buddy he will not steal again.")
    services.decision_record(
        actor=zsm.users["prosecution"],
        case=case,
        measures=["dismissal_with_help", "local_team"],
        tasks="Community officer and elderly worker visit; WMO buddy; local team twice a week; "
        "shop lets him in with his buddy.",
        decided_on=date(2026, 3, 4),
        look_back_on=date(2026, 6, 4),
    )
    services.look_back_record(
        actor=police,
        case=case,
        what_happened="No new incidents.",
        lessons="Ask for the network before fining.",
    )
    case.refresh_from_db()
    assert case.stage == Stage.CLOSED
    assert ContextRequest.objects.get(pk=req.pk).answer.startswith("Mother died")


def test_seed_zsm_15_year_old_with_family_guardian(zsm):
    case = services.chain_case_bring_in(
        actor=zsm.users["police"],
        table=zsm.table,
        brought_in_by=zsm.orgs["police"],
        reference="ZSM-T-2",
        incident="Theft. Not at school, big problems at home, has a family guardian.",
        incident_on=date(2026, 4, 1),
        legal_status=LegalStatus.SUSPECT,
        persons=[{"role": "suspect", "name": "Jordy Kramer", "birth_date": date(2010, 9, 1), "problems": 3}],
    )
    assert Trigger.YOUNG_MANY_PROBLEMS in case.triggers
    services.deepening_start(actor=zsm.users["police"], case=case)
    req = services.context_request_send(
        actor=zsm.users["prosecution"],
        case=case,
        requested_by=zsm.orgs["prosecution"],
        addressee=zsm.orgs["board"],
        question="What does the family guardian know?",
        need_to_know="Deciding between punishment and daytime activity.",
        due_at=soon(),
    )
    services.context_request_answer(
        actor=zsm.users["board"],
        request=req,
        answer="He will be placed out of home; needs daytime activity now.",
    )
    services.decision_record(
        actor=zsm.users["prosecution"],
        case=case,
        measures=["halt", "corrective_talk"],
        tasks="Halt starts the maximum hours at once; prosecutor holds a corrective talk tomorrow.",
        decided_on=date(2026, 4, 2),
        look_back_on=date(2026, 7, 1),
    )
    case.refresh_from_db()
    assert case.stage == Stage.DECIDED and case.decision_measures == ["halt", "corrective_talk"]


def test_seed_zsm_9_year_old_with_unclear_custody(zsm):
    case = services.chain_case_bring_in(
        actor=zsm.users["police"],
        table=zsm.table,
        brought_in_by=zsm.orgs["police"],
        reference="ZSM-T-3",
        incident="Woman (58) arrested for abusing the 9-year-old daughter of her ex-partner; "
        "neighbours say it happens more often. Restraining order; "
        "the girl stays with her father in a shelter room.",
        incident_on=date(2026, 5, 10),
        legal_status=LegalStatus.ARRESTED,
        persons=[
            {"role": "suspect", "name": "Fatou Jallow-Peters", "birth_date": date(1968, 2, 2)},
            {
                "role": "victim",
                "name": "Awa Jallow",
                "birth_date": date(2017, 1, 5),
                "intellectual_disability": True,
                "custody_unclear": True,
            },
            {"role": "other", "name": "Lamin Jallow", "birth_date": date(1975, 6, 6)},
        ],
    )
    assert Trigger.UNCLEAR_CUSTODY in case.triggers and Trigger.INTELLECTUAL_DISABILITY in case.triggers
    services.deepening_start(actor=zsm.users["police"], case=case)
    services.partner_view_record(
        actor=zsm.users["board"],
        case=case,
        organisation=zsm.orgs["board"],
        view="Custody formally lies with the mother in Gambia.",
    )
    services.partner_view_record(
        actor=zsm.users["probation"],
        case=case,
        organisation=zsm.orgs["probation"],
        view="A complicated story; she may need help herself.",
    )
    services.decision_record(
        actor=zsm.users["board"],
        case=case,
        measures=["protection_investigation", "voluntary_help"],
        tasks="Board requests provisional guardianship; probation talks with her twice.",
        decided_on=date(2026, 5, 11),
        look_back_on=date(2026, 11, 1),
    )
    case.refresh_from_db()
    assert case.views.count() == 2 and case.stage == Stage.DECIDED
