"""Concurrent writes to a dossier's make-up, on PostgreSQL with real transactions in threads: a move or an
authority that passed its checks must not be combined with another one that passed them at the same time.

Each round holds the first request at the point where its checks have passed (a barrier in a function the
service calls after them), so that the second request runs its checks in that window. Without locking, both
pass; with the locks, the second waits for the first to commit, the barrier times out, and the second sees
what the first wrote."""

import contextlib
import threading
from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection

from kring.cases.models import Authority, CircleMember, Measure, Person
from kring.cases.services import intake

from ..factories import DossierFactory, MeasureFactory, ParticipantFactory

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks and concurrent transactions need PostgreSQL"
    ),
    pytest.mark.django_db(transaction=True),
]

TODAY = date(2026, 11, 16)
ROUNDS = 3
WINDOW = 2.0  # seconds the first request waits for the second to pass its checks too


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(f"{TODAY.isoformat()} 10:00 +01:00", tick=False):
        yield


def _hold_after(monkeypatch, module, name) -> threading.Barrier:
    """Make `module.name` wait (up to WINDOW) until two requests have reached it; reset the barrier that
    is returned before each round (a round in which only one request got there leaves it broken)."""
    barrier = threading.Barrier(2, timeout=WINDOW)
    original = getattr(module, name)

    def held(*args, **kwargs):
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait()
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, held)
    return barrier


def _at_once(*calls):
    """Run each call in its own thread (its own connection and transaction); return what each raised."""
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            call()
        except ValidationError as error:
            outcomes[index] = error
        except Exception as error:  # pragma: no cover - reported by the assertion
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call), daemon=True) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not any(thread.is_alive() for thread in threads)
    return outcomes


def _writable_dossier(world, n):
    dossier = DossierFactory(owning_team=world.dossier.owning_team, reference=f"KR-NL-2026-{n:04d}")
    dossier.children.clear()  # each test gives it the children it needs
    CircleMember.objects.create(
        dossier=dossier,
        user=world.circle_member,
        membership=world.circle_member.memberships.get(),
        case_role="gezinsvoogd",
        started_on=date(2026, 1, 1),
    )
    return dossier


def _child_with_measure(dossier, first_name):
    child = Person.objects.create(first_name=first_name, last_name="Visser", date_of_birth=date(2015, 1, 1))
    dossier.children.add(child)
    # a running measure goes along with the child: its jurisdiction is checked after the other checks
    MeasureFactory(dossier=dossier, child=child, kind="nl_ots", started_on=date(2026, 3, 1))
    return child


def _move(world, child, source, target):
    return lambda: intake.child_move(
        actor=world.circle_member, child=child, source=source, target=target, day=TODAY, reason="Gescheiden"
    )


def test_two_moves_of_the_last_two_children_leave_one_behind(world, monkeypatch):
    barrier = _hold_after(monkeypatch, intake, "measure_jurisdiction")
    for n in range(ROUNDS):
        barrier.reset()
        source, target = _writable_dossier(world, 100 + 2 * n), _writable_dossier(world, 101 + 2 * n)
        first, second = _child_with_measure(source, "Jip"), _child_with_measure(source, "Janneke")

        outcomes = _at_once(_move(world, first, source, target), _move(world, second, source, target))

        assert source.children.count() == 1, f"round {n}: {outcomes}"
        refused = [o for o in outcomes if o is not None]
        assert len(refused) == 1 and isinstance(refused[0], ValidationError), refused
        assert target.children.count() == 1


def test_one_child_moved_to_two_dossiers_ends_in_one(world, monkeypatch):
    barrier = _hold_after(monkeypatch, intake, "measure_jurisdiction")
    for n in range(ROUNDS):
        barrier.reset()
        source = _writable_dossier(world, 200 + 3 * n)
        one, two = _writable_dossier(world, 201 + 3 * n), _writable_dossier(world, 202 + 3 * n)
        moving = _child_with_measure(source, "Jip")
        _child_with_measure(source, "Janneke")

        outcomes = _at_once(_move(world, moving, source, one), _move(world, moving, source, two))

        homes = [d for d in (source, one, two) if d.children.filter(pk=moving.pk).exists()]
        assert len(homes) == 1 and homes[0] in (one, two), f"round {n}: {outcomes}"
        refused = [o for o in outcomes if o is not None]
        assert len(refused) == 1 and isinstance(refused[0], ValidationError), refused
        assert Measure.objects.get(child=moving).dossier == homes[0]


def test_authority_added_twice_at_once_is_recorded_once(world, monkeypatch):
    barrier = _hold_after(monkeypatch, Authority, "full_clean")
    child = world.dossier.children.get()
    for n in range(ROUNDS):
        barrier.reset()
        holder = Person.objects.create(first_name=f"Eva{n}", last_name="Visser")
        ParticipantFactory(dossier=world.dossier, person=holder, role="parent", relation="moeder")

        def add(holder=holder):
            intake.authority_add(
                actor=world.circle_member,
                dossier=world.dossier,
                child=child,
                holder=holder,
                source="court_decision",
                started_on=date(2026, 11, 10),
            )

        outcomes = _at_once(add, add)

        assert Authority.objects.filter(child=child, holder=holder).count() == 1, f"round {n}: {outcomes}"
        refused = [o for o in outcomes if o is not None]
        assert len(refused) == 1 and isinstance(refused[0], ValidationError), refused
