"""Weights learned from the index itself: EM recovers the m/u that generated a small index; stored weights
are what the matcher loads (also after a restart), a relink applies them, the management command stores a
loadable table, and a functional administrator sees them (others: 404)."""

import json
import random
from datetime import date, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from kring.accounts.models import Role
from kring.audit.models import AuditAction, AuditEntry
from kring.chain.index import linkage as L
from kring.chain.index import matching, services
from kring.chain.index.models import Match, MatcherWeights, MatchStatus

from ...factories import MembershipFactory
from .test_services import orgs, register

KEY = b"test-key-weights"
SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "te", "vi", "do", "ba", "fe", "gi", "ho", "ju", "pe", "zo"]


def _name(rng, parts):
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def _typo(rng, name):
    i = rng.randrange(1, len(name))
    return name[:i] + rng.choice("xqwyk") + name[i + 1 :]


def generated_index(seed=7, persons=1500):
    """A small index with known error rates: each person registered twice (half of them once more, as a
    non-pair singleton elsewhere), names, dates and addresses corrupted independently."""
    rng = random.Random(seed)
    encodings, person_of = [], []
    for p in range(persons):
        first, surname = _name(rng, 2), _name(rng, 3)
        born = date(2005, 1, 1) + timedelta(days=rng.randrange(15 * 365))
        postcode, number = f"{rng.randrange(1000, 9999)} AB", str(rng.randrange(1, 200))
        for _ in range(2):
            f = _typo(rng, first) if rng.random() < 0.15 else first
            f = "" if rng.random() < 0.05 else f
            s = _typo(rng, surname) if rng.random() < 0.1 else surname
            d = None if rng.random() < 0.1 else born
            if d and rng.random() < 0.1:
                d = d.replace(day=1 + (d.day % 28))  # one part mistyped
            pc, hn = ("", "") if rng.random() < 0.2 else (postcode, number)
            encodings.append(
                L.encode(KEY, first_name=f, last_name=s, date_of_birth=d, postcode=pc, house_number=hn)
            )
            person_of.append(p)
    return encodings, person_of


def test_em_recovers_m_and_u_of_a_generated_index():
    encodings, person_of = generated_index()
    # the truth: the same comparisons counted on labelled pairs (every true pair, many random non-pairs)
    rng = random.Random(1)
    true_pairs = [(encodings[i], encodings[i + 1], True) for i in range(0, len(encodings), 2)]
    others = []
    while len(others) < 20000:
        i, j = rng.randrange(len(encodings)), rng.randrange(len(encodings))
        if person_of[i] != person_of[j]:
            others.append((encodings[i], encodings[j], False))
    truth = L.estimate_weights(true_pairs + others)
    mu, info = L.estimate_em(encodings, random_pairs=50_000)
    assert [s["key"] for s in info["sessions"]] == ["t", "n"]
    for name, level in [("first", "exact"), ("surname", "exact"), ("dob", "agree"), ("address", "agree")]:
        assert mu[name][level][0] == pytest.approx(truth[name][level][0], abs=0.06), (name, level)
        assert mu[name][level][1] == pytest.approx(truth[name][level][1], abs=0.01), (name, level)
    for name in ("first", "surname"):
        # two registrations picked at random nearly always differ (a few names share a third of their bigrams)
        assert mu[name]["disagree"][1] + mu[name].get("faint", (0, 0))[1] > 0.9
    assert mu["dob"]["agree"][1] < 0.01
    # and the estimated table is one the matcher can load
    assert L.check_mu(json.loads(json.dumps(mu))) == L.check_mu(mu)


def test_check_mu_refuses_what_the_matcher_cannot_use():
    with pytest.raises(ValueError):
        L.check_mu({"first": {"exact": (1.5, 0.1)}})
    with pytest.raises(ValueError):
        L.check_mu({"shoe_size": {"agree": (0.5, 0.5)}})
    partial = L.check_mu({"first": {"exact": [0.5, 0.01]}})
    assert partial["first"]["exact"] == (0.5, 0.01) and partial["dob"] == L.DEFAULT_MU["dob"]


@pytest.fixture
def other_surname(world):
    """Two registrations of one young person, the second under the other parent's surname and without an
    address: possible under the built-in weights."""
    youth, police = orgs(world)
    register(world.circle_member, youth, ref="JB")
    register(world.other_org, police, ref="POL", last_name="Pietersen", postcode="", house_number="")
    return Match.objects.get()


def test_stored_weights_survive_a_restart(db, other_surname):
    mu = L.check_mu({"surname": {"disagree": (0.5, 0.99)}})
    stored = matching.store_weights(mu=mu, method=MatcherWeights.Method.EM, registrations=2)
    matching._LOADED.update(pk=None, mu=None)  # a new process: nothing loaded yet
    version, loaded = matching.current_weights()
    assert version == stored.pk and loaded == mu
    assert MatcherWeights.objects.get(pk=version).mu["surname"]["disagree"] == [0.5, 0.99]


def test_relink_after_new_weights_changes_matches(db, other_surname):
    assert other_surname.status == MatchStatus.POSSIBLE
    services.relink()
    other_surname.refresh_from_db()
    assert other_surname.status == MatchStatus.POSSIBLE  # same weights: nothing changes
    # the index's own estimate: another surname is common for one young person (other parent's name)
    matching.store_weights(mu={"surname": {"disagree": (0.5, 0.99)}}, method=MatcherWeights.Method.EM)
    services.relink(restart=True)
    other_surname.refresh_from_db()
    assert other_surname.status == MatchStatus.MATCH
    assert AuditEntry.objects.filter(
        action=AuditAction.UPDATE, object_type="signal_index.match", object_id=str(other_surname.pk)
    ).exists()
    # a decision taken by people stays, whatever the next weights say
    Match.objects.filter(pk=other_surname.pk).update(status=MatchStatus.DISMISSED)
    matching.store_weights(mu={"surname": {"disagree": (0.01, 0.99)}}, method=MatcherWeights.Method.EM)
    services.relink(restart=True)
    other_surname.refresh_from_db()
    assert other_surname.status == MatchStatus.DISMISSED


def test_weights_command_estimates_from_the_index_and_stores_a_loadable_table(db, other_surname, tmp_path):
    out = tmp_path / "weights.json"
    call_command("signal_index_weights", "--out", str(out), stdout=open(tmp_path / "log", "w"))  # noqa: SIM115
    stored = MatcherWeights.objects.get()
    assert stored.method == MatcherWeights.Method.EM and stored.registrations == 2
    assert matching.current_weights()[0] == stored.pk
    # what it wrote can be stored again as it is
    call_command("signal_index_weights", "--from-file", str(out), stdout=open(tmp_path / "log", "w"))  # noqa: SIM115
    assert MatcherWeights.objects.count() == 2
    assert matching.current_weights()[1] == L.check_mu(stored.mu)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"first": {"exact": [2, 0]}}))
    with pytest.raises(CommandError):
        call_command("signal_index_weights", "--from-file", str(bad), stdout=open(tmp_path / "log", "w"))  # noqa: SIM115
    assert MatcherWeights.objects.count() == 2


def test_weights_command_from_labelled_pairs(db, tmp_path):
    header = "registration_id,first_name,prefix,last_name,date_of_birth,postcode,house_number,sex,bsn\n"
    rows = [
        "1,Sasja,,Jansen,2012-03-08,9711 AA,4,V,",
        "2,Sasha,,Janssen,2012-03-08,,,V,",
        "3,Daan,van der,Berg,2011-07-04,1054 AB,12,M,",
        "4,Daan,,Berg,2011-07-04,1054AB,12,M,",
        "5,Eva,,Smit,2009-01-20,,,V,",
    ]
    (tmp_path / "r.csv").write_text(header + "\n".join(rows) + "\n")
    (tmp_path / "t.csv").write_text("registration_id,person_id\n1,a\n2,a\n3,b\n4,b\n5,c\n")
    call_command(
        "signal_index_weights",
        str(tmp_path / "r.csv"),
        str(tmp_path / "t.csv"),
        stdout=open(tmp_path / "log", "w"),  # noqa: SIM115
    )
    stored = MatcherWeights.objects.get()
    assert stored.method == MatcherWeights.Method.LABELLED
    mu = L.check_mu(stored.mu)
    assert mu["dob"]["agree"][0] > mu["dob"]["agree"][1]


def test_weights_page_for_functional_administrators_only(world, client, client_for):
    admin = MembershipFactory(
        team=None,
        organisation=world.other_org.memberships.get().organisation,
        role=Role.FUNCTIONAL_ADMIN,
        user__username="fb-index",
    ).user
    matching.store_weights(mu=L.DEFAULT_MU, method=MatcherWeights.Method.EM, registrations=123)
    client.force_login(admin)
    page = client.get(reverse("signal_index_weights"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "geschat uit de index (EM)" in text and "123" in text and "geboortedatum" in text
    assert ["matcher_weights"] in AuditEntry.objects.filter(actor_username="fb-index").values_list(
        "fields", flat=True
    )
    assert client_for("circle_member").get(reverse("signal_index_weights")).status_code == 404


def test_possible_match_is_explained_in_words(world, client_for, other_surname):
    text = client_for("other_org").get(reverse("signal_index")).content.decode()
    why = text.split("Waarom dit dezelfde jongere kan zijn:")[1].split("</p>")[0].lower()
    assert "achternaam week af" in why and "voornaam kwam overeen" in why and "adres ontbrak" in why
    assert "Jansen" not in why and "Pietersen" not in why and "2012" not in why


@pytest.mark.parametrize("n", [2, 3, 1000, 100_000, 65_536, 65_537])
def test_the_random_pairs_are_those_random_draws(n):
    drawn, expected = random.Random(7), random.Random(7)
    drawn.random(), expected.random()  # anywhere in the generator's state
    got = L._randranges(drawn, n, 5000)
    assert got.tolist() == [expected.randrange(n) for _ in range(5000)]
    # and the generator goes on from where the loop would have left it
    assert drawn.getstate() == expected.getstate()
    assert drawn.sample(range(n), 2) == expected.sample(range(n), 2)
