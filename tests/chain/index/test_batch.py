"""The batch index as arrays (scoring.Batch) gives exactly what a list of encodings gives: the same candidate
pairs, weights, relinked pairs and scores; the upper bound that spares the full scoring of most pairs is never
below a score; the term frequencies read from the columns are those read from the strings."""

import random
from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kring.chain.index import linkage as L
from kring.chain.index import scoring

from .test_scoring import varied_index

KEY = b"test-key-batch"


@pytest.fixture(autouse=True)
def _forget():
    yield
    L.forget_batch()


def _batch(encodings: list[L.Encoded], part: int = 150) -> scoring.Batch:
    builder = scoring.BatchBuilder()
    builder.PART = part  # several parts, the last one short
    for enc in encodings:
        builder.add(enc)
    return builder.build()


def test_a_batch_holds_the_columns_and_keys_of_its_encodings():
    encodings = varied_index(11)
    batch = _batch(encodings)
    whole = scoring.Columns(encodings)
    assert len(batch) == len(encodings)
    for name, values in vars(whole).items():
        assert np.array_equal(getattr(batch.columns, name), values), name
    _, counts, words, kinds = scoring._codes_of(encodings)
    assert np.array_equal(batch.counts, counts)
    assert np.array_equal(batch.words, words) and np.array_equal(batch.kinds, kinds)
    assert len(scoring.Batch.of([])) == 0


def test_keys_of_another_form_keep_one_number_across_the_parts():
    odd, long_key = "tschrödinger", "t" + "ab" * 20
    encodings = [L.Encoded(ref=k, blocks=[[odd, long_key, "hplain"][k % 3]]) for k in range(12)]
    batch = _batch(encodings, part=4)  # each key of another form in three parts
    for kind in ("", "t"):
        first, second = scoring.candidate_pairs(batch, kind)
        L.forget_batch()
        expected = scoring.candidate_pairs(encodings, kind)
        L.forget_batch()
        assert first.tolist() == expected[0].tolist() and second.tolist() == expected[1].tolist()
    assert (
        np.asarray(scoring.candidate_pairs(batch)[1]) % 3 == np.asarray(scoring.candidate_pairs(batch)[0]) % 3
    ).all()


@pytest.mark.parametrize("workers", [1, 2])
def test_weights_and_relink_of_a_batch_equal_those_of_the_encodings(workers):
    encodings = varied_index(12, size=900)
    expected_mu, expected_info = L.estimate_em(encodings, random_pairs=5000)
    thresholds = (L.POSSIBLE_THRESHOLD, -1e9)
    expected = [L.link_batch(encodings, threshold=t, mu=expected_mu) for t in thresholds]
    L.forget_batch()
    batch = _batch(encodings)
    mu, info = L.estimate_em(batch, random_pairs=5000, workers=workers)
    assert (mu, info) == (expected_mu, expected_info)
    got = [L.link_batch(batch, threshold=t, mu=mu, workers=workers) for t in thresholds]
    assert len(expected[0]) > 10 and len(expected[1]) > 1000
    assert [sorted(pairs) for pairs in got] == [sorted(pairs) for pairs in expected]  # bit for bit


def test_allowed_pairs_leaves_out_what_allowed_does():
    encodings = varied_index(13)
    organisation = np.array([enc.ref % 3 for enc in encodings])
    expected = L.link_batch(
        encodings, threshold=L.POSSIBLE_THRESHOLD, allowed=lambda a, b: a.ref % 3 != b.ref % 3
    )
    L.forget_batch()
    batch = _batch(encodings)
    got = L.link_batch(
        batch, threshold=L.POSSIBLE_THRESHOLD, allowed_pairs=lambda i, j: organisation[i] != organisation[j]
    )
    assert expected and sorted(got) == sorted(expected)
    L.forget_batch()  # and with the candidate pairs found on two processes
    got = L.link_batch(
        batch,
        threshold=L.POSSIBLE_THRESHOLD,
        allowed_pairs=lambda i, j: organisation[i] != organisation[j],
        workers=2,
    )
    assert sorted(got) == sorted(expected)
    with pytest.raises(TypeError):
        L.link_batch(batch, allowed=lambda a, b: True)


def test_term_frequencies_from_the_columns_equal_those_from_the_strings():
    encodings = varied_index(14)
    mu = L.check_mu({"surname": {"exact": (0.7, 0.01)}})
    tf = L.TermFrequencies.of(encodings, mu)
    tf.total = 300_000
    sizes = L.TermFrequencies({f: {} for f in L.TermFrequencies.FIELDS}, 300_000, mu)
    got = scoring.tf_weights(scoring.Columns(encodings), sizes)
    for have, want in zip(got, scoring.tf_columns(encodings, tf), strict=True):
        assert have.tolist() == want.tolist()  # the same floats


_NAMES = st.sampled_from(["Daan", "Daniël", "D.", "Robin", "Ribn", "Eva", "Evi", "Jansen", "", "Noah Daan"])
_SURNAMES = st.sampled_from(["Jansen", "Janssen", "Berg", "Berg, van der", "Jansen-de Vries", "Daan", ""])
_DATES = st.one_of(st.none(), st.dates(date(2008, 1, 1), date(2008, 1, 1) + timedelta(days=800)))


@st.composite
def _registration(draw):
    return L.encode(
        KEY,
        first_name=draw(_NAMES),
        last_name=draw(_SURNAMES),
        date_of_birth=draw(st.one_of(_DATES, st.sampled_from([date(2008, 1, 1), date(2008, 5, 3)]))),
        bsn=draw(st.sampled_from(["", "", "111222333", "123456782"])),
        postcode=draw(st.sampled_from(["3511 AB", "3151 AB", "9000", "9001", "", "1054 CD"])),
        house_number=draw(st.sampled_from(["12", "7", ""])),
        sex=draw(st.sampled_from(["M", "V", ""])),
    )


_WEIGHTS = st.fixed_dictionaries(
    {
        "first": st.fixed_dictionaries({"exact": st.tuples(st.floats(0.01, 1), st.floats(1e-6, 0.5))}),
        "dob": st.fixed_dictionaries({"swapped": st.tuples(st.floats(0.001, 1), st.floats(1e-6, 0.5))}),
        "address": st.fixed_dictionaries({"agree": st.tuples(st.floats(0.01, 1), st.floats(1e-7, 0.5))}),
    }
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(_registration(), min_size=2, max_size=12),
    st.one_of(st.none(), _WEIGHTS),
    st.sampled_from([0, 20_000, 5_000_000]),
)
def test_the_bound_is_never_below_the_score(encodings, mu, size):
    mu = L.check_mu(mu) if mu else None
    columns = scoring.Columns(encodings)
    pairs = [(a, b) for a in range(len(encodings)) for b in range(len(encodings))]
    i, j = (np.array(side) for side in zip(*pairs, strict=True))
    sizes = L.TermFrequencies({f: {} for f in L.TermFrequencies.FIELDS}, size, mu)
    for tf, penalty in ((None, 0.0), (scoring.tf_weights(columns, sizes), sizes.size_penalty)):
        scores = scoring.score_pairs(columns, i, j, mu, tf, penalty)
        bound = scoring.score_bound(columns, i, mu, tf, penalty, scoring.plain_levels(columns, i, j))
        assert (bound >= scores - scoring.BOUND_MARGIN).all()
        # and the scalar reference agrees with the numpy scores the bound is checked against
        reference = L.TermFrequencies.of(encodings, mu)
        reference.total = size
        for k, (a, b) in enumerate(pairs):
            expected = L.score(encodings[a], encodings[b], mu, reference if tf is not None else None)
            assert scores[k] == pytest.approx(expected, abs=1e-9)


def test_pruning_by_the_bound_changes_no_relinked_pair():
    """Every threshold: the pairs at or above it with the bound are those without it."""
    encodings = varied_index(15)
    batch = _batch(encodings)
    first, second = scoring.candidate_pairs(batch)
    sizes = L.TermFrequencies({f: {} for f in L.TermFrequencies.FIELDS}, len(batch), None)
    tf = scoring.tf_weights(batch.columns, sizes)
    scores = scoring.score_pairs(batch.columns, first, second, None, tf, sizes.size_penalty)
    rng = random.Random(15)
    for threshold in [L.MATCH_THRESHOLD, L.POSSIBLE_THRESHOLD, L.VETO, -1e9] + [
        rng.uniform(-25, 30) for _ in range(5)
    ]:
        got = L.link_batch(batch, threshold=threshold)
        keep = scores >= threshold
        assert sorted(got) == sorted(
            zip(first[keep].tolist(), second[keep].tolist(), scores[keep].tolist(), strict=True)
        )


@given(st.lists(st.text(alphabet="tjlk0123456789abcdefABx\x00é", max_size=32), max_size=40))
def test_key_words_are_one_per_distinct_key(keys):
    """Packed or numbered, two keys get the same words exactly when they are the same key (in one part or
    several)."""
    ids: dict[str, int] = {}
    parts = [scoring.key_codes(keys[k : k + 7], ids)[0] for k in range(0, len(keys), 7)]
    words = np.concatenate([scoring.key_codes([])[0], *parts])
    rows = [tuple(row) for row in words.tolist()]
    for a, key_a in enumerate(keys):
        for b, key_b in enumerate(keys):
            assert (rows[a] == rows[b]) == (key_a == key_b)
    _, kinds = scoring.key_codes(keys)
    assert kinds.tolist() == [ord(k[0]) if k and k[0].isascii() else 0 for k in keys]


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_registration(), min_size=2, max_size=8), st.one_of(st.none(), _WEIGHTS))
def test_compare_rows_gives_what_compare_gives(encodings, mu):
    """The bridges of a relink weigh a pair by its levels read from the arrays: those of the encodings."""
    mu = L.check_mu(mu) if mu else None
    levels_of = scoring.compare_rows(scoring.Columns(encodings), mu)
    for a in range(len(encodings)):
        for b in range(len(encodings)):
            assert levels_of(a, b) == L.compare(encodings[a], encodings[b], mu)


def test_warm_up_runs_a_tiny_batch_and_keeps_nothing():
    scoring.warm_up()
    assert not scoring._PAIRS and not scoring._PACKED and not scoring._CACHE and not scoring._PENDING
