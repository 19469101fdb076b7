"""The batch's numpy scoring (scoring.py) gives what `linkage.score` gives, pair by pair: every level, the
household rule, term frequencies, names crossed; and the relink finds the same pairs either way."""

import itertools
import random
from datetime import date, timedelta

import numpy as np
import pytest

from kring.chain.index import linkage as L
from kring.chain.index import scoring

KEY = b"test-key-scoring"
FIRST = ["Daan", "Daniël", "Daan Johannes", "Johannes", "Robin", "Ribn", "D.", "Sasja", "Sasha", "Eva", "Evi"]
FIRST += ["Mohammed", "Muhammed", "Owen", "Rowan", "Lisa", "Elisabeth", "Noah", "", "Jansen", "Milan"]
SURNAMES = [
    ("", "Jansen"),
    ("", "Janssen"),
    ("van der", "Berg"),
    ("", "Berg, van der"),
    ("", "Jansen-de Vries"),
]
SURNAMES += [("", "de Vries"), ("", "Öztürk"), ("", "Oeztuerk"), ("", "Sasja"), ("", ""), ("", "Bakker")]
# one address, its postcode mistyped (a digit swapped or substituted), a Belgian one, another one, none
POSTCODES = ["3511 AB", "3511AB", "3151 AB", "3511 AC", "9000", "9001", "", "1054 CD"]


def varied_index(seed: int, size: int = 600) -> list[L.Encoded]:
    """Registrations that share surnames, addresses and dates often (households, twins, typos, swaps)."""
    rng = random.Random(seed)
    dates = [date(2010, 1, 1), date(2010, 4, 7), date(2010, 7, 4), date(2011, 7, 4), date(2010, 7, 5), None]
    dates += [date(2008, 1, 1) + timedelta(days=rng.randrange(4000)) for _ in range(4)]
    out = []
    for n in range(size):
        prefix, last = rng.choice(SURNAMES)
        first = rng.choice(FIRST)
        if n % 5 == 0:  # given name and surname in each other's fields
            prefix, last, first = "", first, f"{prefix} {last}".strip()
        out.append(
            L.encode(
                KEY,
                first_name=first,
                prefix=prefix,
                last_name=last,
                date_of_birth=rng.choice(dates),
                bsn=rng.choice(["", "", "", "111222333", "123456782"]),
                postcode=rng.choice(POSTCODES),
                house_number=rng.choice(["12", "12A", "7", ""]),
                sex=rng.choice(["M", "V", "", "O"]),
                ref=n,
            )
        )
    return out


@pytest.mark.parametrize("seed", [1, 2])
def test_numpy_scores_equal_the_reference(seed):
    encodings = varied_index(seed)
    rng = random.Random(seed)
    pairs = [(rng.randrange(len(encodings)), rng.randrange(len(encodings))) for _ in range(20000)]
    i, j = (np.array(side) for side in zip(*pairs, strict=True))
    mu = L.check_mu({"first": {"token": (0.0001, 0.01)}, "sex": {"disagree": (0.2, 0.5)}})
    tf = L.TermFrequencies.of(encodings, mu)
    tf.total = 400_000  # a size penalty too
    columns = scoring.Columns(encodings)
    for table, freq in ((None, None), (mu, tf)):
        expected = [L.score(encodings[a], encodings[b], table, freq) for a, b in pairs]
        tf_columns = scoring.tf_columns(encodings, freq) if freq else None
        penalty = freq.size_penalty if freq else 0.0
        got = scoring.score_pairs(columns, i, j, table, tf_columns, penalty)
        assert got.tolist() == pytest.approx(expected, abs=1e-9)
    # the household rule was exercised: vetoes, household caps and crossed names among the pairs
    levels = [L.compare(encodings[a], encodings[b]) for a, b in pairs]
    kinds = {L.sibling(lv) for lv in levels}
    assert {"twin", "sibling", "household"} <= kinds
    assert any(lv["crossed"] for lv in levels)
    assert {lv["first"] for lv in levels} >= {"exact", "official", "close", "initial", "token", "faint"}


def test_level_patterns_equal_the_reference():
    encodings = varied_index(3)
    rng = random.Random(3)
    pairs = [(rng.randrange(len(encodings)), rng.randrange(len(encodings))) for _ in range(5000)]
    expected = L._level_counts(((encodings[a], encodings[b]) for a, b in pairs), None)
    i, j = (np.array(side) for side in zip(*pairs, strict=True))
    assert scoring.level_patterns(scoring.Columns(encodings), i, j) == expected


def test_relink_finds_the_same_pairs_as_the_reference():
    encodings = varied_index(4)
    try:
        got = L.link_batch(encodings, threshold=L.POSSIBLE_THRESHOLD)
        expected = L._link_range_scalar(0, len(encodings))
    finally:
        L.forget_batch()
    assert len(got) > 100
    got, expected = sorted(got), sorted(expected)
    assert [(a, b) for a, b, _ in got] == [(a, b) for a, b, _ in expected]
    assert [s for *_, s in got] == pytest.approx([s for *_, s in expected], abs=1e-9)
    # and in ranges, as a relink resumes
    try:
        ranges = [
            L.link_batch(encodings, threshold=L.POSSIBLE_THRESHOLD, start=k, stop=k + 100) for k in (0, 100)
        ]
    finally:
        L.forget_batch()
    assert sorted(ranges[0] + ranges[1]) == got[: len(ranges[0]) + len(ranges[1])]


def _pairs_of(encodings: list[L.Encoded]) -> set[tuple[int, int]]:
    first, second = scoring.candidate_pairs(encodings)
    return set(zip(first.tolist(), second.tolist(), strict=True))


def test_a_block_larger_than_its_cap_makes_no_candidates():
    band, exact = L.BAND_BLOCK_CAP, L.BLOCK_CAP
    sizes = {"jband-small": band, "jband-large": band + 1, "texact-small": exact, "texact-large": exact + 1}
    encodings, members = [], {}
    for key, size in sizes.items():
        members[key] = range(len(encodings), len(encodings) + size)
        encodings += [L.Encoded(ref=len(encodings) + k, blocks=[key]) for k in range(size)]
    expected = {
        (a, b) for key in ("jband-small", "texact-small") for a in members[key] for b in members[key] if a < b
    }
    assert L.block_cap("jband-small") == band < exact == L.block_cap("texact-small")
    assert _pairs_of(encodings) == expected
    # the relink, the reference pair by pair and the lookup in memory leave out the same blocks
    try:
        relinked = L.link_batch(encodings, threshold=-1e9)
        reference = L._link_range_scalar(0, len(encodings))
    finally:
        L.forget_batch()
    assert {(a, b) for a, b, _ in relinked} == {(a, b) for a, b, _ in reference} == expected
    index = L.MemoryIndex()
    for enc in encodings:
        index.add(enc)
    assert len(index.candidates(encodings[members["jband-large"][0]])) == 0
    assert len(index.candidates(encodings[members["texact-large"][0]])) == 0
    assert len(index.candidates(encodings[members["jband-small"][0]])) == band
    # a pair in a capped band block still meets under a key of its own
    encodings[members["jband-large"][0]].blocks.append("hshared")
    encodings[members["jband-large"][1]].blocks.append("hshared")
    a, b = members["jband-large"][0], members["jband-large"][1]
    assert _pairs_of(encodings) == expected | {(a, b)}


def _reference_pairs(encodings: list[L.Encoded]) -> set[tuple[int, int]]:
    """The candidate pairs found with a dict of the key strings themselves."""
    blocks: dict[str, set[int]] = {}
    for i, enc in enumerate(encodings):
        for key in enc.blocks:
            blocks.setdefault(key, set()).add(i)
    return {
        (a, b)
        for key, members in blocks.items()
        if 2 <= len(members) <= L.block_cap(key)
        for a in members
        for b in members
        if a < b
    }


def test_the_numeric_keys_are_the_keys_themselves(monkeypatch):
    encodings = varied_index(5)
    keys = [key for enc in encodings for key in enc.blocks]
    words, kinds = scoring.key_codes(keys)
    # one row of words per distinct key, the kind read from them
    assert len({row.tobytes() for row in words}) == len(set(keys))
    assert kinds.tolist() == [ord(key[0]) for key in keys]
    expected = _reference_pairs(encodings)
    assert len(expected) > 1000
    try:
        assert _pairs_of(encodings) == expected
    finally:
        L.forget_batch()
    # different keys that share the sorted 64-bit number (here every key of a kind) are still told apart
    monkeypatch.setattr(scoring, "_mix", lambda words: words[:, 0] & np.uint64(0xFF))
    try:
        assert _pairs_of(encodings) == expected
    finally:
        L.forget_batch()


def test_keys_of_another_form_are_grouped_exactly():
    long_key, other = "t" + "ab" * 20, "tschrödinger"
    encodings = [
        L.Encoded(ref=k, blocks=[long_key, long_key[:-1] + "c", other][k % 3 : k % 3 + 1]) for k in range(9)
    ]
    # numbered (the top bit), not packed: too long for two words, not ASCII
    for key in (long_key, other):
        words, kinds = scoring.key_codes([key])
        assert words[0, 1] >> np.uint64(63) == 1 and kinds[0] == ord("t")
    try:
        assert (
            _pairs_of(encodings)
            == _reference_pairs(encodings)
            == {(a, b) for a in range(9) for b in range(a + 1, 9) if a % 3 == b % 3}
        )
    finally:
        L.forget_batch()


def test_candidate_pairs_found_in_a_forked_process_are_the_same():
    encodings = varied_index(6)
    try:
        expected = {kind: scoring.candidate_pairs(encodings, kind) for kind in ("", "t", "n")}
    finally:
        L.forget_batch()
    try:
        scoring.start_candidate_pairs(encodings)
        assert scoring._PENDING  # a process runs
        got = {kind: scoring.candidate_pairs(encodings, kind) for kind in ("", "t", "n")}
        assert not scoring._PENDING
    finally:
        L.forget_batch()
    for kind, (first, second) in expected.items():
        assert got[kind][0].tolist() == first.tolist() and got[kind][1].tolist() == second.tolist()
    # and the weights estimated with it are the same
    try:
        alone = L.estimate_em(encodings, random_pairs=5000)
    finally:
        L.forget_batch()
    try:
        assert L.estimate_em(encodings, random_pairs=5000, workers=2) == alone
    finally:
        L.forget_batch()


@pytest.mark.parametrize("bucket_keys", [1, 3, 64])
def test_keys_spread_over_many_buckets_give_the_same_blocks(bucket_keys):
    """kernels.blocks groups a large index bucket by bucket: any number of buckets, and either half of the
    keys, gives the blocks (the same records, in record order) of one bucket for all."""
    from kring.chain.index import kernels

    _, counts, words, kinds = scoring._codes_of(varied_index(8))

    def blocks_of(half, bucket):
        start, members, kind = kernels.blocks(words, counts, kinds, half, bucket)
        assert all(np.all(np.diff(members[a:b]) >= 0) for a, b in itertools.pairwise(start))
        return sorted(
            (int(kind[k]), tuple(members[start[k] : start[k + 1]].tolist())) for k in range(len(kind))
        )

    whole = blocks_of(-1, 1 << 40)
    assert blocks_of(-1, bucket_keys) == whole
    assert sorted(blocks_of(0, bucket_keys) + blocks_of(1, bucket_keys)) == whole
    assert len(whole) < counts.sum()  # keys shared: blocks of several records
