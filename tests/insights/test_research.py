"""The research export: four eyes, a key per export, no names / dates of birth / exact dates / free text,
k-anonymity before release, audited with its purpose."""

import csv
import io
import re
from datetime import date, timedelta

import pyarrow.parquet as pq
import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import load_workbook

from kring.accounts.models import Role
from kring.audit.models import AuditAction, AuditEntry
from kring.cases.models import Measure
from kring.insights import research
from kring.insights.models import EndJudgement, ExportStatus, ProbationEvent, RiskAssessment

from ..factories import DossierFactory, MembershipFactory, OrganisationFactory, PersonFactory, TeamFactory

START = date(2024, 2, 12)
EVIDENCE = "Moeder vertelde op 3 maart dat Jayden weer naar school gaat."


@pytest.fixture
def setting(db):
    organisation = OrganisationFactory(name="Jeugdreclassering West")
    team = TeamFactory(organisation=organisation, name="Team West")
    lead = MembershipFactory(team=team, role=Role.TEAM_LEAD, user__username="lead").user
    officer = MembershipFactory(
        team=None, organisation=organisation, role=Role.PRIVACY_OFFICER, user__username="fg"
    ).user
    other_officer = MembershipFactory(
        team=None, organisation=OrganisationFactory(), role=Role.PRIVACY_OFFICER, user__username="fg2"
    ).user
    children = []
    for index in range(12):
        child = PersonFactory(
            first_name=f"Jayden{index}", last_name="Pinas", date_of_birth=date(2008, 1 + index % 12, 9)
        )
        dossier = DossierFactory(owning_team=team, with_children=0, title="Gezin Pinas")
        dossier.children.add(child)
        measure = Measure.objects.create(
            dossier=dossier,
            child=child,
            kind="nl_youth_probation",
            started_on=START + timedelta(days=index),
            ended_on=START + timedelta(days=200 + index),
            end_reason="goals_reached",
            decided_by="Rechtbank West",
        )
        RiskAssessment.objects.create(
            dossier=dossier,
            child=child,
            measure=measure,
            instrument="lij",
            assessed_on=START + timedelta(days=20),
            overall_level="high",
            dynamic_scores={"family": 12},
            dynamic_total=12,
        )
        EndJudgement.objects.create(
            measure=measure,
            dossier=dossier,
            goal_realisation=4,
            help_accepted=3,
            evidence=EVIDENCE,
            judged_on=measure.ended_on,
        )
        ProbationEvent.objects.create(
            dossier=dossier,
            measure=measure,
            kind="warning_talk",
            occurred_on=START + timedelta(days=30),
            reason="no_show",
        )
        children.append(child)
    return {
        "organisation": organisation,
        "lead": lead,
        "officer": officer,
        "other": other_officer,
        "children": children,
    }


def _request(setting, **kwargs):
    values = {
        "actor": setting["lead"],
        "organisation": setting["organisation"],
        "title": "Werkt Signs of Success?",
        "purpose": "Effectonderzoek jeugdreclassering 2024",
        "period_start": date(2024, 1, 1),
        "period_end": date(2024, 12, 31),
        "quasi_identifiers": ["gender", "measure_kind"],
        "k": 5,
    }
    values.update(kwargs)
    return research.export_request(**values)


def test_four_eyes_requester_cannot_approve_and_officer_of_another_organisation_neither(setting):
    # the privacy officer may request too — but not approve their own request
    export = _request(setting)
    with pytest.raises(PermissionDenied):
        research.export_decide(actor=setting["lead"], export=export, approve=True)
    with pytest.raises(PermissionDenied):
        research.export_decide(actor=setting["other"], export=export, approve=True)
    with pytest.raises(PermissionDenied):
        research.export_download(actor=setting["lead"], export=export, fmt="csv")
    export = research.export_decide(actor=setting["officer"], export=export, approve=True)
    assert export.status == ExportStatus.APPROVED and export.row_count == 12
    with pytest.raises(PermissionDenied):
        research.export_download(actor=setting["officer"], export=export, fmt="csv")  # approves, does not use


def test_an_officer_who_requested_cannot_approve_it(setting):
    MembershipFactory(
        team=None, organisation=setting["organisation"], role=Role.TEAM_LEAD, user=setting["officer"]
    )
    export = _request(setting, actor=setting["officer"])
    with pytest.raises(PermissionDenied):
        research.export_decide(actor=setting["officer"], export=export, approve=True)


def test_k_anonymity_refuses_release(setting):
    export = _request(setting, quasi_identifiers=["age_band", "gender"], k=5)
    # born in each month of 2008: at the start in February 2024 the two born in January and February are 16
    with pytest.raises(ValidationError) as refused:
        research.export_decide(actor=setting["officer"], export=export, approve=True)
    assert "k = 5" in str(refused.value)
    export.refresh_from_db()
    assert export.status == ExportStatus.REQUESTED


def _download(setting, export, fmt):
    return research.export_download(actor=setting["lead"], export=export, fmt=fmt)


def _approved(setting):
    return research.export_decide(actor=setting["officer"], export=_request(setting), approve=True)


@time_machine.travel("2026-06-01 10:00 +02:00")
def test_the_extract_holds_no_name_birth_date_exact_date_or_free_text(setting):
    export = _approved(setting)
    text = _download(setting, export, "csv").decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 12 and list(rows[0]) == research.COLUMNS
    for child in setting["children"]:
        assert child.first_name not in text and "Pinas" not in text
    assert "Rechtbank" not in text and "Moeder" not in text and "Jayden" not in text
    assert not re.search(r"\d{4}-\d{2}-\d{2}|\d{1,2}-\d{1,2}-\d{4}|\d{1,2}/\d{1,2}/\d{4}", text)  # no dates
    row = rows[0]
    assert row["end_day"] == "200" and row["risk_first_day"] == "20" and row["age_band"] == "16-17"
    assert row["warning_talks"] == "1" and row["goal_realisation"] == "4"
    assert row["new_measure_12m"] == "False"
    # the other formats carry the same rows
    sheet = load_workbook(io.BytesIO(_download(setting, export, "xlsx")), read_only=True)["data"]
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[0] == research.COLUMNS and len(values) == 13
    assert not any(isinstance(v, str) and "Pinas" in v for r in values for v in r)
    table = pq.read_table(io.BytesIO(_download(setting, export, "parquet")))
    assert table.num_rows == 12 and table.column_names == research.COLUMNS
    assert table.column("young_person").to_pylist() == [r["young_person"] for r in rows]
    dictionary = _download(setting, export, "dictionary").decode("utf-8-sig")
    assert all(column in dictionary for column in research.COLUMNS)


def test_two_exports_of_the_same_data_share_no_pseudonym(setting):
    first, second = _approved(setting), _approved(setting)
    one = {r["young_person"] for r in research.export_rows(first)} | {
        r["measure"] for r in research.export_rows(first)
    }
    two = {r["young_person"] for r in research.export_rows(second)} | {
        r["measure"] for r in research.export_rows(second)
    }
    assert len(one) == 24 and len(two) == 24
    assert not one & two
    # and within one export the same person keeps one pseudonym
    assert research.export_rows(first) == research.export_rows(first)


def test_every_step_is_audited_with_the_purpose(setting):
    export = _approved(setting)
    _download(setting, export, "csv")
    entries = AuditEntry.objects.filter(object_type="insights.researchexport", object_id=str(export.pk))
    assert [e.action for e in entries.order_by("sequence")] == [
        AuditAction.CREATE,
        AuditAction.UPDATE,
        AuditAction.EXPORT,
    ]
    assert {e.reason for e in entries} == {"Effectonderzoek jeugdreclassering 2024"}


def test_bad_requests_change_nothing(setting):
    with pytest.raises(ValidationError):
        _request(setting, quasi_identifiers=["first_name"])
    with pytest.raises(ValidationError):
        _request(setting, period_end=date(2023, 1, 1))
    outsider = MembershipFactory(role=Role.CASE_WORKER).user
    with pytest.raises(PermissionDenied):
        _request(setting, actor=outsider)
    assert not research.ResearchExport.objects.exists()
