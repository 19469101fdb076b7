"""seed_bulk: many invented dossiers for a benchmark database, quickly, and only when asked to."""

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Count

from kring.access.policy import dossiers_visible_to
from kring.accounts.models import Role
from kring.audit.models import AuditEntry
from kring.audit.services import audit_chain_breaks, audit_chain_pending
from kring.cases.models import CircleMember, Contact, Dossier, DossierEvent, EventKind, Measure, Person
from kring.insights.models import EndJudgement, MethodLabel, ProbationEvent, RiskAssessment
from kring.safety.models import Mapping, ScaleRating

from ..factories import MembershipFactory, TeamFactory


@pytest.fixture
def team(db):
    team = TeamFactory(name="Team Bulk")
    MembershipFactory(team=team, role=Role.CASE_WORKER, user__username="b.worker")
    MembershipFactory(team=team, role=Role.CASE_WORKER, user__username="a.worker")
    MembershipFactory(team=team, role=Role.TEAM_LEAD, user__username="lead")
    return team


def _seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_bulk", *args, "--yes-i-know", stdout=out, stderr=StringIO())
    return out.getvalue()


def test_it_creates_what_it_says(team):
    output = _seed("--dossiers", "50", "--team", "Team Bulk", "--batch-size", "20", "--seat-share", "0.5")
    dossiers = Dossier.objects.filter(reference__startswith="BULK-")
    assert dossiers.count() == 50
    assert set(dossiers.values_list("owning_team", flat=True)) == {team.pk}
    assert dossiers.first().reference.startswith("BULK-00000")
    assert sorted(dossiers.values_list("reference", flat=True))[-1] == "BULK-0000050"

    children = dossiers.annotate(n=Count("children")).values_list("n", flat=True)
    assert set(children) <= {1, 2, 3}
    assert all(p.date_of_birth and p.first_name and p.last_name for p in Person.objects.all())
    for dossier in dossiers.prefetch_related("children")[:10]:
        family = dossier.title.removeprefix("Gezin ")
        assert all(child.last_name == family for child in dossier.children.all())
        assert all(child.date_of_birth < dossier.opened_on for child in dossier.children.all())

    measures = Measure.objects.filter(dossier__in=dossiers)
    assert 10 <= measures.count() <= 45
    for measure in measures.select_related("dossier", "child"):
        assert measure.kind.startswith("nl_")
        assert measure.dossier.children.filter(pk=measure.child_id).exists()
        assert measure.started_on <= measure.planned_end_on

    events = DossierEvent.objects.filter(dossier__in=dossiers)
    assert events.filter(kind=EventKind.OPENED).count() == 50
    assert events.filter(kind=EventKind.MEASURE_STARTED).count() == measures.count()

    seats = CircleMember.objects.filter(dossier__in=dossiers)
    assert 10 <= seats.count() <= 40
    assert set(seats.values_list("user__username", flat=True)) == {"a.worker"}  # the first case worker

    assert "Done in" in output and "50 dossiers" in output and f"{measures.count()} measures" in output
    # the bulk load is one audit entry, not one per row
    assert AuditEntry.objects.filter(fields=["seed_bulk"]).count() == 1
    assert AuditEntry.objects.count() == 1


def test_the_seated_case_worker_and_the_team_lead_see_them(team):
    _seed("--dossiers", "30", "--team", "Team Bulk", "--seat-share", "1", "--case-worker", "b.worker")
    worker = team.memberships.get(user__username="b.worker").user
    lead = team.memberships.get(role=Role.TEAM_LEAD).user
    assert dossiers_visible_to(worker).count() == 30
    assert dossiers_visible_to(lead).count() == 30


def test_running_it_again_adds_with_new_references(team):
    _seed("--dossiers", "5", "--team", "Team Bulk")
    _seed("--dossiers", "5", "--team", "Team Bulk")
    references = sorted(Dossier.objects.values_list("reference", flat=True))
    assert references == [f"BULK-{n:07d}" for n in range(1, 11)]


def test_the_same_seed_gives_the_same_families(team):
    _seed("--dossiers", "10", "--team", "Team Bulk", "--seed", "7")
    first = list(Dossier.objects.order_by("reference").values_list("title", "opened_on", "status"))
    Dossier.objects.all().delete()
    _seed("--dossiers", "10", "--team", "Team Bulk", "--seed", "7")
    again = list(Dossier.objects.order_by("reference").values_list("title", "opened_on", "status"))
    assert first == again


def test_it_refuses_without_debug_or_yes_i_know(team):
    with pytest.raises(CommandError, match="yes-i-know"):
        call_command(
            "seed_bulk", "--dossiers", "5", "--team", "Team Bulk", stdout=StringIO(), stderr=StringIO()
        )
    assert not Dossier.objects.exists()


def test_it_runs_without_the_flag_when_debug_is_on(team, settings):
    settings.DEBUG = True
    err = StringIO()
    call_command("seed_bulk", "--dossiers", "2", "--team", "Team Bulk", stdout=StringIO(), stderr=err)
    assert Dossier.objects.count() == 2
    assert "benchmark and test databases only" in err.getvalue()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--dossiers", "5", "--team", "Team Nergens"], "No team named"),
        (["--dossiers", "0", "--team", "Team Bulk"], "at least 1"),
        (["--dossiers", "5", "--team", "Team Bulk", "--case-worker", "lead"], "no active case worker"),
        (["--dossiers", "5", "--team", "Team Bulk", "--seat-share", "1.5"], "between 0 and 1"),
    ],
)
def test_bad_arguments_are_refused_and_change_nothing(args, message, team):
    with pytest.raises(CommandError, match=message):
        _seed(*args)
    assert not Dossier.objects.exists()


def test_a_team_name_in_two_organisations_needs_the_organisation(team):
    TeamFactory(name="Team Bulk")
    with pytest.raises(CommandError, match="--organisation"):
        _seed("--dossiers", "1", "--team", "Team Bulk")
    _seed("--dossiers", "1", "--team", "Team Bulk", "--organisation", team.organisation.name)
    assert Dossier.objects.get().owning_team == team


def _connection_settings() -> tuple[Any, ...]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            names = ("synchronous", "cache_size", "temp_store", "foreign_keys")
            return tuple(cursor.execute(f"PRAGMA {name}").fetchone()[0] for name in names)
        cursor.execute("SHOW session_replication_role")
        return (cursor.fetchone()[0],)


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_it_loads_fast_and_leaves_every_key_sound(team):
    """Outside a test's transaction the load switches the foreign-key checks (and on SQLite the waits for the
    disk) off for its connection: they are on again afterwards, and every key it wrote points at a row."""
    before = _connection_settings()
    _seed("--dossiers", "40", "--team", "Team Bulk", "--seat-share", "0.5", "--outcomes")
    assert _connection_settings() == before
    assert Measure.objects.filter(dossier__reference__startswith="BULK-").count() >= 10
    assert RiskAssessment.objects.exists() and Contact.objects.exists()
    for model in (
        Person,
        Dossier.children.through,
        Measure,
        DossierEvent,
        CircleMember,
        Contact,
        MethodLabel,
        RiskAssessment,
        ProbationEvent,
        EndJudgement,
        Mapping,
        ScaleRating,
    ):
        for field in model._meta.concrete_fields:
            if field.is_relation:
                targets = field.related_model._default_manager.values(field.target_field.attname)
                dangling = model._default_manager.exclude(**{f"{field.attname}__isnull": True}).exclude(
                    **{f"{field.attname}__in": targets}
                )
                assert not dangling.exists(), (model.__name__, field.name)
    # the audit entry of the load is chained as every other (PostgreSQL's triggers were on again for it)
    assert AuditEntry.objects.filter(fields=["seed_bulk"]).count() == 1
    audit_chain_pending()
    assert list(audit_chain_breaks()) == []
