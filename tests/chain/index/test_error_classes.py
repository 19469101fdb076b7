"""The matcher on registrations it was not built for: one test per error class that must still match (and
become a candidate: share a blocking key), and brothers, sisters and twins that must not."""

from datetime import date

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kring.chain.index import linkage as L

KEY = b"test-key-error-classes"
BORN = date(2011, 7, 4)


def enc(first, last, dob=BORN, prefix="", postcode="3511 AB", house_number="12", sex="V", bsn=""):
    return L.encode(
        KEY,
        first_name=first,
        prefix=prefix,
        last_name=last,
        date_of_birth=dob,
        postcode=postcode,
        house_number=house_number,
        sex=sex,
        bsn=bsn,
    )


def candidates(a, b) -> bool:
    return not set(a.blocks).isdisjoint(b.blocks)


def kind(a, b):
    return L.classify(L.score(a, b))


def assert_match(a, b):
    assert candidates(a, b), "never compared: no blocking key in common"
    assert kind(a, b) == "match", (L.compare(a, b), L.score(a, b))


def test_swapped_names_match():
    a = enc("Sasja", "Jansen", postcode="", house_number="")
    b = enc("Jansen", "Sasja", postcode="", house_number="")
    assert_match(a, b)
    assert L.compare(a, b)["crossed"]


def test_missing_first_name_weighs_nothing():
    a, b = enc("Sasja", "Jansen"), enc("", "Jansen")
    assert L.compare(a, b)["first"] == "missing"
    assert L.weights()["first"]["missing"] == 0
    assert_match(a, b)


def test_second_given_name_as_call_name():
    assert_match(enc("Daan Johannes", "Bakker", sex="M"), enc("Johannes", "Bakker", sex="M"))


def test_hyphenated_surname_meets_one_part():
    a = enc("Sasja", "Jansen-de Vries", postcode="", house_number="")
    b = enc("Sasja", "Jansen", postcode="", house_number="")
    assert L.compare(a, b)["surname"] == "token"
    assert_match(a, b)
    assert_match(a, enc("Sasja", "de Vries", postcode="", house_number=""))


def test_umlaut_written_out():
    assert_match(enc("Elif", "Öztürk", postcode=""), enc("Elif", "Oeztuerk", postcode=""))
    assert_match(enc("Jürgen", "Müller", postcode=""), enc("Juergen", "Mueller", postcode=""))
    assert L.normalise_surname("", "Straße") == L.normalise_surname("", "Strasse")


def test_belgian_postcode_kept():
    assert L.normalise_postcode("9000") == "9000"
    assert L.normalise_postcode("B-9000") == "9000"
    assert L.normalise_postcode("1054 ab") == "1054AB"
    assert L.normalise_postcode("NL-1054 AB") == "1054AB"
    assert L.normalise_postcode("BE-9000") == "9000"
    a = enc("Sasja", "Janssen", dob=None, postcode="9000", house_number="12")
    b = enc("Sasja", "Jansen", dob=None, postcode="B-9000", house_number="12")
    assert L.compare(a, b)["address"] == "agree"
    assert_match(a, b)
    # the Belgian address counts as an address: without it the same pair weighs that much less
    c = enc("Sasja", "Jansen", dob=None, postcode="", house_number="")
    assert L.score(a, b) - L.score(a, c) == pytest.approx(L.weights()["address"]["agree"])


def test_postcode_mistyped_at_the_same_house_number():
    # a digit or letter substituted, two neighbours swapped, Dutch and Belgian: the same house number with the
    # postcode one character off is "close" (weighed as learned), not another address
    a = enc("Sasja", "Jansen", dob=None, postcode="3511 AB")
    for typo in ("3151 AB", "3511 AC", "3512 AB"):
        b = enc("Sasja", "Jansen", dob=None, postcode=typo)
        assert L.compare(a, b)["address"] == "close", typo
        assert_match(a, b)
    assert (
        L.compare(enc("Sasja", "Jansen", postcode="9000"), enc("Sasja", "Jansen", postcode="9001"))["address"]
        == "close"
    )
    # another house number as well, or two characters off: another address
    elsewhere = enc("Sasja", "Jansen", postcode="3151 AB", house_number="14")
    assert L.compare(a, elsewhere)["address"] == "disagree"
    assert L.compare(a, enc("Sasja", "Jansen", postcode="3151 BA"))["address"] == "disagree"
    assert L.weights()["address"]["agree"] > L.weights()["address"]["close"] > 0


@given(
    st.text("0123456789", min_size=4, max_size=4).filter(lambda s: s[0] != "0"),
    st.sampled_from(["", "AB", "XZ"]),
    st.integers(0, 5),
    st.sampled_from("0123456789ABXZ"),
)
def test_one_character_off_is_close(digits, letters, position, other):
    postcode = digits + letters
    position %= len(postcode)
    typo = postcode[:position] + other + postcode[position + 1 :]
    assume(typo != postcode and L.normalise_postcode(typo))
    a, b = enc("Sasja", "Jansen", postcode=postcode), enc("Sasja", "Jansen", postcode=typo)
    assert L.compare(a, b)["address"] == "close"


def test_first_of_january_is_an_unknown_date():
    a = enc("Sasja", "Jansen", dob=date(2011, 1, 1))
    b = enc("Sasja", "Jansen", dob=date(2011, 9, 23))
    assert L.compare(a, b)["dob"] == "unsure"
    assert L.weights()["dob"]["unsure"] > 0
    assert_match(a, b)


def test_first_of_january_with_a_typo_in_the_first_name_meets():
    # only the year is known on one side, and the first name has two letters transposed: no key with the
    # date or the first name's sound holds both, and (with this key) no min-hash band of the first name is
    # shared; the year + surname + initial is
    a = enc("Selina", "Roukes", dob=date(2006, 8, 25), postcode="")
    b = enc("Seilna", "Roukes", dob=date(2006, 1, 1), postcode="")
    assert L.compare(a, b)["dob"] == "unsure"
    assert_match(a, b)


def test_transposed_letters_in_one_name_with_the_other_missing_or_replaced():
    # the surname's letters transposed and no first name on one side (no band of the surname shared)
    a, b = enc("", "Verboom", sex="M", postcode=""), enc("Milo", "Vreboom", sex="M", postcode="")
    assert L.compare(a, b)["surname"] == "close"
    assert_match(a, b)
    # the first name's letters transposed and another surname, no address: a human decides
    a, b = enc("Thomas", "Smit", postcode=""), enc("Thmoas", "Bakker", postcode="")
    assert candidates(a, b)
    assert kind(a, b) == "possible"


def test_date_similarity_knows_year_distance():
    a = enc("Sasja", "Jansen", dob=date(2011, 7, 4))
    assert L.compare(a, enc("Sasja", "Jansen", dob=date(2012, 7, 4)))["dob"] == "year1"
    assert L.compare(a, enc("Sasja", "Jansen", dob=date(2015, 7, 4)))["dob"] == "disagree"
    assert L.compare(a, enc("Sasja", "Jansen", dob=date(2011, 4, 7)))["dob"] == "swapped"
    w = L.weights()["dob"]
    assert w["year1"] > w["near"] > w["disagree"] or w["year1"] > w["disagree"]


def test_typos_in_both_names():
    a = enc("Sasja", "Jansen", postcode="", house_number="")
    b = enc("Sasia", "Jamsen", postcode="", house_number="")
    assert_match(a, b)


def test_different_birth_date_is_evidence_not_a_veto():
    # a wholly wrong birth date, everything else agreeing: still a match (no sibling has the same first name)
    a, b = enc("Sasja", "Jansen"), enc("Sasja", "Jansen", dob=date(2009, 11, 23))
    assert L.compare(a, b)["dob"] == "disagree"
    assert kind(a, b) == "match"
    # without the address it is weighed, not vetoed: a human confirms
    a, b = enc("Sasja", "Jansen", postcode=""), enc("Sasja", "Jansen", dob=date(2009, 11, 23), postcode="")
    assert kind(a, b) == "possible"


# pairwise clearly different first names (no shared sound, letters or bigrams to speak of)
NAMES = ["Daan", "Eva", "Noah", "Sophie", "Milan", "Tess", "Bram", "Julia", "Finn", "Lotte", "Yusuf", "Iris"]
names = st.sampled_from(NAMES)
born_dates = st.dates(date(2002, 1, 2), date(2024, 12, 31))  # a young person's (up to 23)
sexes = st.sampled_from(["M", "V", ""])


# a busy machine makes encoding slow; that is not the property under test
@settings(suppress_health_check=[HealthCheck.too_slow])
@given(
    names,
    names,
    born_dates,
    st.integers(min_value=300, max_value=4000),
    sexes,
)
def test_brothers_and_sisters_never_match(first_a, first_b, born, days_apart, sex):
    assume(first_a != first_b)
    other = date.fromordinal(born.toordinal() - days_apart)
    a = enc(first_a, "Bakker", dob=born, sex=sex)
    b = enc(first_b, "Bakker", dob=other, sex=sex)
    # Left out: a birth date that is exactly the other's with day and month swapped (e.g. 1 December and
    # 12 January of one year). That is also the classic typo of one child's date, so the household rule lets
    # it reach "possible" at most, for a human to confirm (docs/signal_index.md, assumptions).
    assume(L.compare(a, b)["dob"] != "swapped")
    assert kind(a, b) == "none"


@given(names, names, born_dates)
def test_twins_never_match(first_a, first_b, born):
    assume(first_a != first_b)
    a = enc(first_a, "van der Berg", dob=born)
    b = enc(first_b, "Berg", prefix="van der", dob=born)
    assert L.score(a, b) == L.VETO


@given(names, names, born_dates, st.sampled_from(["3151 AB", "3511 AC", "3512 AB"]))
def test_twins_with_a_mistyped_postcode_never_match(first_a, first_b, born, typo):
    # the postcode one character off at the same house number is the same household for the twin rule too
    assume(first_a != first_b)
    a, b = enc(first_a, "Bakker", dob=born), enc(first_b, "Bakker", dob=born, postcode=typo)
    assert L.compare(a, b)["address"] == "close"
    assert L.score(a, b) == L.VETO


@given(names, names, born_dates, st.integers(300, 2000), st.sampled_from(["3151 AB", "3511 AC"]))
def test_brothers_and_sisters_with_a_mistyped_postcode_never_match(first_a, first_b, born, days, typo):
    assume(first_a != first_b)
    a = enc(first_a, "Bakker", dob=born)
    b = enc(first_b, "Bakker", dob=date.fromordinal(born.toordinal() - days), postcode=typo)
    assume(L.compare(a, b)["dob"] != "swapped")
    assert kind(a, b) == "none"


def test_household_without_birth_date_at_most_possible():
    a, b = enc("Daan", "Bakker", dob=None, sex="M"), enc("Noah", "Bakker", dob=None, sex="M")
    assert kind(a, b) == "none"


def test_explanation_has_no_values():
    a, b = enc("Sasja", "Jansen"), enc("Sasja", "Janssen", postcode="")
    outcome = dict(L.explain(a, b))
    assert outcome == {
        "surname": "close",
        "first": "agreed",
        "dob": "agreed",
        "address": "missing",
        "bsn": "missing",
        "sex": "agreed",
    }
    assert "sasja" not in repr(L.explain(a, b)).lower()


@given(names, names, born_dates)
def test_twins_without_an_address_never_match(first_a, first_b, born):
    assume(first_a != first_b)
    a = enc(first_a, "Bakker", dob=born)
    b = enc(first_b, "Bakker", dob=born, postcode="", house_number="")
    assert L.score(a, b) == L.VETO


def test_second_given_name_as_call_name_at_one_address_is_not_a_twin():
    # the same address and birth date: a twin needs a clearly different first name, and a name that is one
    # of the other side's given names is not different, whatever weight the estimated table gives "token"
    mu = L.check_mu({"first": {"token": (0.0001, 0.01)}})  # an estimate that makes "token" weigh as disagree
    a = enc("Daan Johannes", "Bakker", sex="M")
    for b in (enc("Johannes", "Bakker", sex="M"), enc("Johannes", "Bakker", sex="")):
        levels = L.compare(a, b, mu)
        assert levels["first"] == "token"
        assert L.sibling(levels, L.weights(mu)) == ""
        assert candidates(a, b)
        assert L.classify(L.score(a, b, mu)) == "match"
        assert L.classify(L.score(b, a, mu)) == "match"
    # without the shared given name it stays a twin
    assert L.score(enc("Daan", "Bakker", sex="M"), enc("Johannes", "Bakker", sex="M"), mu) == L.VETO


def test_two_typos_in_a_short_first_name_of_a_twin_age_go_to_a_human():
    # "Ribn" for "Robin": a third of the bigrams left, as much as twins' names may share (Owen, Rowan). At one
    # address with the same birth date and sex that is a possible match for a human, never a match; with
    # another sex it is a twin
    a, b = enc("Robin", "Bakker", sex="M"), enc("Ribn", "Bakker", sex="M")
    assert L.compare(a, b)["first"] == "faint"
    assert L.sibling(L.compare(a, b)) == "household"
    assert kind(a, b) == "possible"
    assert L.score(a, enc("Ribn", "Bakker", sex="V")) == L.VETO
    # elsewhere (another address) it is weighed as a first name that differs a little
    c = enc("Ribn", "Bakker", sex="M", postcode="9999 ZZ", house_number="1")
    assert L.weights()["first"]["faint"] >= L.weights()["first"]["disagree"]
    assert L.sibling(L.compare(a, c)) == ""


# --- bridges: a third registration that matches both sides of a possible pair strongly -------------------

BSN = "111222333"  # passes the eleven-test


def bridged(*encodings, scores=None):
    """linkage.bridge over every pair of `encodings` (their own scores, or those given per pair)."""
    pairs = [
        (i, j, (scores or {}).get((i, j), L.score(encodings[i], encodings[j])))
        for i in range(len(encodings))
        for j in range(i + 1, len(encodings))
    ]
    return L.bridge(pairs, lambda i, j: L.compare(encodings[i], encodings[j]))


def test_a_bridge_makes_a_possible_match_a_match():
    # the other parent's surname and no address: a possible match on its own; a registration with the same
    # BSN and the first surname matches both strongly, so the two are one young person
    a = enc("Sasja", "Jansen")
    b = enc("Sasja", "Jansen", postcode="", house_number="", bsn=BSN)
    c = enc("Sasja", "Pieterse", postcode="", house_number="", bsn=BSN)
    assert kind(a, c) == "possible"
    assert min(L.score(a, b), L.score(b, c)) >= L.BRIDGE_LINK
    assert bridged(a, b, c) == {(0, 2)}
    # a bridge only at the match threshold is not enough: one false match would carry on
    assert bridged(a, b, c, scores={(0, 1): L.MATCH_THRESHOLD}) == set()
    # nor does a bridge lift a pair below the possible band
    assert bridged(a, b, c, scores={(0, 2): L.POSSIBLE_THRESHOLD - 0.1}) == set()


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(
    names,
    names,
    born_dates,
    sexes,
    st.booleans(),
)
def test_a_registration_without_first_name_never_bridges_twins(first_a, first_b, born, sex, address):
    # one registration without a first name matches each twin strongly; the twins stay vetoed
    assume(first_a != first_b)
    pc, hn = ("3511 AB", "12") if address else ("", "")
    a, c = enc(first_a, "Bakker", dob=born, sex=sex), enc(first_b, "Bakker", dob=born, sex=sex)
    b = enc("", "Bakker", dob=born, sex=sex, postcode=pc, house_number=hn)
    assert L.score(a, c) == L.VETO
    assert bridged(a, b, c) == set()


ADDRESSES = [("3511 AB", "12"), ("", ""), ("9999 ZZ", "1")]  # the family's, none, another (moved)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(names, names, born_dates, st.integers(0, 4000), sexes, st.sampled_from(ADDRESSES))
def test_brothers_and_sisters_are_never_bridged(first_a, first_b, born, days_apart, sex, address):
    # a clearly different first name under one surname: even in the possible band (another address, a
    # moved family) and with two strong links (one of them a false match of the sibling), no bridge
    assume(first_a != first_b)
    a = enc(first_a, "Bakker", dob=born, sex=sex)
    other = date.fromordinal(born.toordinal() - days_apart)
    c = enc(first_b, "Bakker", dob=other, sex=sex, postcode=address[0], house_number=address[1])
    b = enc(first_a, "Bakker", dob=born, sex=sex)
    assert not L.bridgeable(L.compare(a, c))
    forced = {(0, 1): 30.0, (1, 2): 30.0, (0, 2): 12.0}
    assert bridged(a, b, c, scores=forced) == set()


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(names, born_dates, st.sampled_from(["M", "V"]))
def test_a_twin_without_a_first_name_and_of_the_other_sex_never_matches(first, born, sex):
    # within one household an agreeing birth date weighs only as much as twins are rare (TWIN_SHARE): with
    # no first name on one side and the other sex, the child's own identifiers speak against one child
    other_sex = "V" if sex == "M" else "M"
    a, b = enc(first, "Bakker", dob=born, sex=sex), enc("", "Bakker", dob=born, sex=other_sex)
    assert kind(a, b) != "match"
    assert L.sibling(L.compare(a, b)) in ("sibling", "household")
    # the same child without a first name, the same sex: still a match
    assert_match(a, enc("", "Bakker", dob=born, sex=sex))
