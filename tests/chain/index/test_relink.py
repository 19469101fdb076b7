"""Relinking the whole index (batch): the same matches as online, resumable from its checkpoint, audited,
block keys rebuilt from the stored encodings."""

from datetime import date

import pytest
from django.core.management import call_command

from kring.audit.models import AuditEntry
from kring.chain.index import matching, services
from kring.chain.index.models import BlockKey, Match, RelinkRun, Source

from ...factories import OrganisationFactory

PEOPLE = [
    ("Sasja", "", "Jansen", date(2012, 3, 8)),
    ("Daan", "van der", "Berg", date(2011, 7, 4)),
    ("Noor", "", "El Amrani", date(2013, 1, 20)),
]
VARIANTS = [
    ("Sasha", "", "Janssen", date(2012, 3, 8)),
    ("Daniël", "", "Berg, van der", date(2011, 4, 7)),  # official name, sorted surname, day/month swapped
    ("Noor", "", "el Amrani", date(2013, 1, 20)),
]


@pytest.fixture
def index(db):
    orgs = [OrganisationFactory(name=n) for n in ("Politie Relink", "Veilig Thuis Relink", "Wijkteam Relink")]

    def add(org, person, source=Source.SIGNAL):
        first, prefix, last, born = person
        return services.registration_create(
            actor_user=None,
            organisation=org,
            contact_name="C",
            contact_details="D",
            category="other",
            identity={"first_name": first, "prefix": prefix, "last_name": last, "date_of_birth": born},
            source=source,
            fact="" if source == Source.SIGNAL else "halt",
            subject="" if source == Source.SIGNAL else f"chainperson:{person[0]}",
        )

    for person in PEOPLE:
        add(orgs[0], person)
    for person in VARIANTS:
        add(orgs[1], person)
    add(orgs[0], VARIANTS[0])  # the same organisation twice: never a match
    add(orgs[2], PEOPLE[1], source=Source.CHAIN)  # a fact matches the signals, not the other fact
    return orgs


def pairs():
    return set(Match.objects.values_list("first_id", "second_id", "status"))


def test_relink_finds_what_matching_on_arrival_found(index):
    online = pairs()
    # three persons across two organisations, Sasha of Veilig Thuis also with the police's second Sasha, and
    # the fact with the two Daans; never the police's two Sasjas, nor the fact with a fact
    assert len(online) == 6
    Match.objects.all().delete()
    before = AuditEntry.objects.count()
    run = services.relink(batch_size=2)
    assert pairs() == online
    assert (run.done, run.total, run.matches_found) == (8, 8, 6) and run.finished_at
    assert AuditEntry.objects.count() - before == 6 + 4  # each new match, and the query of each range


def test_an_interrupted_relink_resumes_from_its_checkpoint(index):
    online = pairs()
    Match.objects.all().delete()
    seen = []

    def stop_after_first_range(run):
        seen.append(run.done)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        services.relink(batch_size=3, progress=stop_after_first_range)
    run = RelinkRun.objects.get()
    assert run.finished_at is None and run.done == 3
    services.relink(batch_size=3)
    run.refresh_from_db()
    assert run.finished_at and run.done == 8
    assert pairs() == online  # nothing twice, nothing missing


def test_relinking_again_adds_nothing(index):
    run = services.relink()
    assert run.matches_found == 0


def test_block_keys_are_rebuilt_from_the_stored_encodings(index):
    expected = set(BlockKey.objects.values_list("registration_id", "key"))
    BlockKey.objects.all().delete()
    services.relink(rebuild_keys=True)
    assert set(BlockKey.objects.values_list("registration_id", "key")) == expected


def test_the_stored_encoding_gives_the_same_keys(index):
    reg = matching.active().first()
    assert sorted(matching.encoded_of(reg).blocks) == sorted(reg.block_keys.values_list("key", flat=True))


def test_the_command_prints_progress(index, capsys):
    Match.objects.all().delete()
    call_command("signal_index_relink", "--batch-size", "4")
    out = capsys.readouterr().out
    assert "4/8 compared" in out and "done: 8/8, 6 new matches" in out


def test_weights_are_estimated_from_labelled_pairs(tmp_path, db, capsys):
    regs, truth = tmp_path / "registrations.csv", tmp_path / "truth.csv"
    header = "registration_id,first_name,prefix,last_name,date_of_birth,sex,postcode,house_number,bsn\n"
    rows = [
        ("1", "Daan", "van der", "Berg", "2011-07-04", "M", "1054 AB", "12", "", "p1"),
        ("2", "Daniël", "", "Berg, van der", "2011-07-04", "M", "1054AB", "12", "", "p1"),
        ("3", "Eva", "", "Smit", "2013-02-17", "V", "", "", "", "p2"),
        ("4", "Eva", "", "Smid", "2013-02-17", "V", "9711 AA", "4", "", "p2"),
        ("5", "Noor", "", "Bakker", "2009-01-01", "V", "", "", "", "p3"),
    ]
    regs.write_text(header + "".join(",".join(r[:9]) + "\n" for r in rows))
    truth.write_text("registration_id,person_id\n" + "".join(f"{r[0]},{r[9]}\n" for r in rows))
    out = tmp_path / "weights.json"
    call_command("signal_index_weights", str(regs), str(truth), "--out", str(out))
    import json

    mu = json.loads(out.read_text())
    assert set(mu) == {"bsn", "dob", "sex", "first", "surname", "address"}
    m, u = mu["first"]["official"]  # Daan and Daniël: the same official name, in a true pair
    assert m > u
    assert "labelled pairs" in capsys.readouterr().out


BRIDGE_PEOPLE = [  # one young person: the other parent's surname in the last, the BSN in the last two
    {"first_name": "Sasja", "last_name": "Jansen", "postcode": "3511 AB", "house_number": "12"},
    {"first_name": "Sasja", "last_name": "Jansen", "bsn": "111222333"},
    {"first_name": "Sasja", "last_name": "Pieterse", "bsn": "111222333"},
]


@pytest.mark.parametrize("order", [(0, 1, 2), (0, 2, 1), (2, 1, 0)])
def test_a_bridged_possible_match_is_a_match_online_and_in_the_relink(db, order):
    # whichever arrives last — one side of the possible pair or the bridge — the possible pair becomes a
    # match, as the relink finds it
    orgs = [OrganisationFactory(name=f"Bridge {k}") for k in range(3)]
    regs = {}
    for k in order:
        regs[k] = services.registration_create(
            actor_user=None,
            organisation=orgs[k],
            contact_name="C",
            contact_details="D",
            category="other",
            identity={**BRIDGE_PEOPLE[k], "date_of_birth": date(2011, 7, 4), "sex": "V"},
        )
    online = pairs()
    first, second = sorted([regs[0].pk, regs[2].pk])
    assert (first, second, "match") in online
    assert Match.objects.get(first_id=first, second_id=second).score < 16  # its own score stays
    Match.objects.all().delete()
    services.relink(batch_size=1)
    assert pairs() == online
    services.relink()
    assert pairs() == online  # and stays so


def test_a_relink_keeps_a_confirmed_possible_match(db):
    orgs = [OrganisationFactory(name=f"Confirm {k}") for k in range(2)]
    regs = [
        services.registration_create(
            actor_user=None,
            organisation=orgs[k],
            contact_name="C",
            contact_details="D",
            category="other",
            identity={**BRIDGE_PEOPLE[2 * k], "date_of_birth": date(2011, 7, 4), "sex": "V"},
        )
        for k in range(2)
    ]
    match = Match.objects.get()
    assert match.status == "possible"
    # a human confirmed it (as services.match_decide does)
    from django.utils import timezone

    Match.objects.filter(pk=match.pk).update(status="match", decided_at=timezone.now(), decided_by=orgs[0])
    services.relink()
    assert Match.objects.get(pk=match.pk).status == "match"
    assert regs
