"""The batch matcher's scoring with numpy: the same levels, household rule and score as `linkage.score`, for
many candidate pairs at once (a relink scores millions). `linkage.score` stays the reference (online, tests);
`tests/chain/index/test_scoring.py` checks that both give the same score for every pair.

The encodings are turned into columns once per batch (`Columns`): every keyed hash as a 60-bit integer (0 when
empty), the name words as up to MAX_TOKENS integers, the Bloom filters as 8 words of 64 bits. Nothing is
decoded: these are the same keyed values, only in arrays.
"""

from __future__ import annotations

import gc
import os
import pickle
import time
from collections.abc import Callable, Sequence
from datetime import date
from itertools import chain
from operator import attrgetter

import numpy as np

from . import kernels
from . import linkage as L

CLK_WORDS = L.CLK_BITS // 64
ADDRESS_CLOSE_WIDTH = 2 * kernels.CLOSE_WORDS  # a Dutch postcode's six one-character deletions


# the value of each ASCII hex digit (and 0 for the padding of a shorter or empty value)
_HEX = np.zeros(256, dtype=np.uint64)
_HEX[np.frombuffer(b"0123456789abcdef", dtype=np.uint8)] = np.arange(16, dtype=np.uint64)
_HEX[np.frombuffer(b"ABCDEF", dtype=np.uint8)] = np.arange(10, 16, dtype=np.uint64)


def _hex_values(values: Sequence[str], start: int = 0, digits: int = 16) -> np.ndarray:
    """Hex digits start..start+digits of each value as one integer (an empty value, or a shorter one, padded
    with zeros: each value always gives the same integer, and different full-length values different
    ones), parsed with numpy: the strings are read as bytes once, no Python work per value."""
    width = start + digits
    raw = np.array(values, dtype=f"S{width}").view(np.uint8).reshape(len(values), width)[:, start:]
    nibbles = _HEX[raw]
    shifts = np.arange(4 * (digits - 1), -1, -4, dtype=np.uint64)
    return np.bitwise_or.reduce(nibbles << shifts, axis=1).view(np.int64)


def _hex_columns(encodings: Sequence[L.Encoded], names: Sequence[str]) -> np.ndarray:
    """The keyed hashes (16 hex digits, or empty) of `names` of every encoding as 64-bit integers (0 when
    empty), one row an encoding."""
    if not encodings:
        return np.zeros((0, len(names)), dtype=np.int64)
    return np.stack([_hex_values(list(map(attrgetter(name), encodings))) for name in names], axis=1)


def _tokens(values: list[str], width: int = L.MAX_TOKENS, digits: int = L.TOKEN_HEX) -> np.ndarray:
    """Up to `width` hashes (`digits` hex digits each, space-separated: name words, the address's close
    variants) per value, as integers (0 where a value has fewer)."""
    step = digits + 1
    lengths = set(map(len, values))
    if not values or not lengths <= {0, *(step * k - 1 for k in range(1, width + 1))}:
        return np.array([_tok(v, width) for v in values], dtype=np.int64).reshape(len(values), width)
    return np.stack([_hex_values(values, k * step, digits) for k in range(width)], axis=1)


def _tok(value: str, width: int = L.MAX_TOKENS) -> list[int]:
    words = [int(t[:15], 16) for t in value.split()[:width]]
    return words + [0] * (width - len(words))


def _clks(filters: list[int]) -> np.ndarray:
    """Bloom filters (ints of CLK_BITS bits) as rows of CLK_WORDS 64-bit words."""
    raw = b"".join(bits.to_bytes(L.CLK_BITS // 8, "little") for bits in filters)
    return np.frombuffer(raw, dtype="<u8").astype(np.uint64).reshape(len(filters), CLK_WORDS)


_CACHE: list = []  # the last batch's (encodings, Columns): the weight estimation and the relink share them


def columns_of(encodings: Sequence[L.Encoded] | Batch) -> Columns:
    """Columns of these encodings (the same list object as last time: the same Columns; a Batch holds its
    own)."""
    if isinstance(encodings, Batch):
        return encodings.columns
    if _CACHE and _CACHE[0] is encodings:
        return _CACHE[1]
    columns = Columns(encodings)
    _CACHE[:] = [encodings, columns]
    return columns


_PACKED: list = []  # the last columns packed: (columns, plain rows, name rows)


def packed(c: Columns) -> tuple[np.ndarray, np.ndarray]:
    """The columns as rows of 64-bit words, one a record (`kernels`: PLAIN and NAMES), 64-byte aligned so a
    row takes whole cache lines: what the levels of a pair read. Made once for the last columns asked for
    (a batch packs its index before forking its workers: `link_batch`), about 384 bytes a record."""
    if _PACKED and _PACKED[0] is c:
        return _PACKED[1], _PACKED[2]
    n = len(c.dob)
    plain = _aligned(n, kernels.PLAIN_WORDS)
    near = c.dob_year_near
    # in the order of kernels.P_*: each column read once, each row written once (not a column at a time)
    dates = [c.dob, c.dob_swapped, c.dob_year, c.dob_month, c.dob_day, near[:, 0], near[:, 1]]
    rest = [c.dob_unsure.astype(np.int64), c.sex, c.bsn, c.postcode, c.address]
    # the address's close variants (32 bits each), two to a word: (first << 32) | second
    close = c.address_close.astype(np.uint64)
    pairs = [((close[:, 2 * k] << np.uint64(32)) | close[:, 2 * k + 1]).view(np.int64) for k in range(3)]
    kernels.into_rows(plain, np.stack([*dates, *rest, *pairs]), 0)
    names = _aligned(n, kernels.NAME_WORDS)
    first = [c.first, c.first_official, c.first_initial, c.first_is_initial.astype(np.int64), c.first_letters]
    kernels.into_rows(names, np.stack([*first, *c.first_tokens.T, c.first_bits.astype(np.int64)]), 0)
    surname = [c.surname, c.surname_sound, c.surname_letters, *c.surname_tokens.T]
    kernels.into_rows(names, np.stack([*surname, c.surname_bits.astype(np.int64)]), kernels.N_SURNAME)
    kernels.into_rows(names, np.ascontiguousarray(c.first_clk.view(np.int64).T), kernels.N_FIRST_CLK)
    kernels.into_rows(names, np.ascontiguousarray(c.surname_clk.view(np.int64).T), kernels.N_SURNAME_CLK)
    _PACKED[:] = [c, plain, names]
    return plain, names


def _aligned(n: int, words: int) -> np.ndarray:
    """A zeroed (n, words) array of int64 whose rows start on 64-byte boundaries (words a multiple of 8)."""
    raw = np.zeros(n * words + 8, dtype=np.int64)
    skip = (-raw.ctypes.data % 64) // 8
    return raw[skip : skip + n * words].reshape(n, words)


class Columns:
    """The encodings of a batch as arrays (one row per encoding)."""

    SCALARS = (
        *("bsn", "dob", "dob_swapped", "dob_year", "dob_month", "dob_day", "sex", "postcode", "address"),
        *("surname", "surname_sound", "surname_letters", "first", "first_official", "first_initial"),
        "first_letters",
    )

    def __init__(self, encodings: Sequence[L.Encoded]) -> None:
        scalars = _hex_columns(encodings, self.SCALARS)
        for k, name in enumerate(self.SCALARS):
            setattr(self, name, np.ascontiguousarray(scalars[:, k]))
        n = len(encodings)
        self.dob_unsure = np.fromiter(map(attrgetter("dob_unsure"), encodings), dtype=bool, count=n)
        self.first_is_initial = np.fromiter(
            map(attrgetter("first_is_initial"), encodings), dtype=bool, count=n
        )
        # the years before and after ("before after"), parsed as the birth year itself (all 16 hex digits), or
        # compared they would never agree
        near = list(map(attrgetter("dob_year_near"), encodings))
        if set(map(len, near)) <= {0, 33}:
            self.dob_year_near = np.stack([_hex_values(near), _hex_values(near, 17)], axis=1)
        else:  # values of another length (none are written so now): one by one
            self.dob_year_near = np.stack(
                [_hex_values([[*v.split(), "", ""][k][:16] for v in near]) for k in (0, 1)], axis=1
            )
        self.first_tokens = _tokens(list(map(attrgetter("first_tokens"), encodings)))
        self.surname_tokens = _tokens(list(map(attrgetter("surname_tokens"), encodings)))
        close = list(map(attrgetter("address_close"), encodings))
        self.address_close = _tokens(close, ADDRESS_CLOSE_WIDTH, L.ADDRESS_CLOSE_HEX)
        self.first_clk = _clks([e.first_clk for e in encodings])
        self.surname_clk = _clks([e.surname_clk for e in encodings])
        self.first_bits = np.bitwise_count(self.first_clk).sum(axis=1)
        self.surname_bits = np.bitwise_count(self.surname_clk).sum(axis=1)

    @classmethod
    def concatenate(cls, parts: list[Columns]) -> Columns:
        """The columns of several parts, one after the other. The parts are emptied column by column as they
        are joined (so a batch is held twice only one column at a time)."""
        out = cls.__new__(cls)
        for name in list(vars(parts[0])):
            setattr(out, name, np.concatenate([getattr(part, name) for part in parts]))
            for part in parts:
                delattr(part, name)
        return out


class Batch:
    """A whole index for the batch as arrays only, no Python object per registration: its `Columns` and
    every blocking key as `key_codes` (words and kind; `counts`: how many keys each registration has, in
    order). What `linkage.estimate_em` and `linkage.link_batch` need of a list of encodings, in about a
    tenth of its memory (the key strings alone are about 3.7 kB a registration; their words 1.5 kB), and
    with nothing to read string by string when a batch starts. Built with `BatchBuilder` as the encodings
    are made or read, or `Batch.of(encodings)`."""

    def __init__(self, columns: Columns, counts: np.ndarray, words: np.ndarray, kinds: np.ndarray) -> None:
        self.columns, self.counts, self.words, self.kinds = columns, counts, words, kinds

    def __len__(self) -> int:
        return len(self.counts)

    @classmethod
    def of(cls, encodings: Sequence[L.Encoded]) -> Batch:
        builder = BatchBuilder()
        for enc in encodings:
            builder.add(enc)
        return builder.build()


class BatchBuilder:
    """Collects encodings into a `Batch` part by part (`PART` encodings turned into arrays at once), so that
    the encodings of a whole index never need to be held as objects at the same time."""

    PART = 20_000

    def __init__(self) -> None:
        self._pending: list[L.Encoded] = []
        self._columns: list[Columns] = []
        self._codes: list[tuple] = []
        self._ids: dict[str, int] = {}  # keys of another form, numbered (`key_codes`)
        self.seconds = 0.0  # spent turning encodings into arrays

    def add(self, enc: L.Encoded) -> None:
        self._pending.append(enc)
        if len(self._pending) >= self.PART:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            started = time.perf_counter()
            self._columns.append(Columns(self._pending))
            self._codes.append(_codes_of(self._pending, self._ids)[1:])
            self._pending = []
            self.seconds += time.perf_counter() - started

    def build(self) -> Batch:
        self._flush()
        if not self._columns:
            self._columns.append(Columns([]))
            self._codes.append(_codes_of([], self._ids)[1:])
        columns = Columns.concatenate(self._columns)
        self._columns = []
        parts, self._codes = [list(part) for part in self._codes], []
        codes = []
        for k in range(3):  # counts, words, kinds: each part's freed once joined
            codes.append(np.concatenate([part[k] for part in parts]))
            for part in parts:
                part[k] = None
        return Batch(columns, *codes)


def _codes(name: str) -> dict[str, int]:
    return {level: k for k, level in enumerate(L.DEFAULT_MU[name])}


def _table(w: dict, name: str) -> np.ndarray:
    return np.array([w[name][level] for level in L.DEFAULT_MU[name]])


def score_pairs(
    c: Columns,
    i: np.ndarray,
    j: np.ndarray,
    mu: dict | None = None,
    tf_weights: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
    size_penalty: float = 0.0,
) -> np.ndarray:
    """`linkage.score(enc[i], enc[j], mu, tf)` for every pair (i[k], j[k]). `tf_weights`: per encoding the
    term-frequency weight of its own first name, birth date and surname (`tf_columns`)."""
    plain, names = packed(c)
    w, _, tf, has_tf = _weight_tables(mu, tf_weights)
    return kernels.scores(i, j, plain, names, w, *tf, has_tf, float(size_penalty))


def scores_reaching(
    c: Columns,
    i: np.ndarray,
    j: np.ndarray,
    threshold: float,
    mu: dict | None = None,
    tf_weights: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
    size_penalty: float = 0.0,
) -> tuple[np.ndarray, np.ndarray]:
    """(positions, scores) of the pairs whose `score_pairs` is at least `threshold`: only the pairs whose
    `score_bound` reaches it are scored in full (with the levels of birth date, sex, BSN and address the
    bound computed), the same scores. One pass over the pairs (`kernels.reaching`)."""
    plain, names = packed(c)
    w, best, tf, has_tf = _weight_tables(mu, tf_weights)
    penalty = float(size_penalty)
    return kernels.reaching(
        i, j, plain, names, w, *best, *tf, has_tf, penalty, threshold, threshold - BOUND_MARGIN
    )


_NO_TF = (np.zeros(0),) * 3


def _weight_tables(mu: dict | None, tf_weights: tuple | None) -> tuple:
    """What the kernels weigh with: the weight of each level by code (birth date, sex, BSN, first name,
    surname, address), the highest first-name and surname weights, the term-frequency weights (or empty
    arrays) and whether there are any."""
    tables = _weight_rows(mu, ("dob", "sex", "bsn", "first", "surname", "address"))
    best = (float(np.nanmax(tables[kernels.W_FIRST])), float(np.nanmax(tables[kernels.W_SURNAME])))
    if tf_weights is None:
        return tables, best, _NO_TF, False
    return tables, best, tuple(np.asarray(t, dtype=np.float64) for t in tf_weights), True


def _weight_rows(mu: dict | None, names: tuple[str, ...]) -> np.ndarray:
    """The weights of the levels of these comparisons, a row each, by code (nan past a row's levels)."""
    w = L.weights(mu)
    out = np.full((len(names), max(len(L.DEFAULT_MU[name]) for name in names)), np.nan)
    for row, name in enumerate(names):
        out[row, : len(L.DEFAULT_MU[name])] = _table(w, name)
    return out


def plain_levels(c: Columns, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, ...]:
    """The levels of birth date, sex, BSN and address for every pair (codes as in `pair_levels`)."""
    return kernels.plain_levels(i, j, packed(c)[0])


def pair_levels(
    c: Columns, i: np.ndarray, j: np.ndarray, mu: dict | None = None, plain: tuple | None = None
) -> dict[str, np.ndarray]:
    """`linkage.compare(enc[i], enc[j], mu)` for every pair: per comparison the level's position in
    DEFAULT_MU[comparison], and "crossed" and "same_initial" as booleans. `plain`: `plain_levels` of these
    pairs, when computed already."""
    return _pair_levels(c, i, j, _weight_rows(mu, ("first", "surname")), plain)


def _pair_levels(
    c: Columns, i: np.ndarray, j: np.ndarray, name_weights: np.ndarray, plain: tuple | None
) -> dict:
    """`pair_levels` with the weights of the first-name and surname levels as arrays (by code)."""
    dob, sex, bsn, address = plain if plain is not None else plain_levels(c, i, j)
    first, surname, crossed, same_initial_known = kernels.name_levels(i, j, packed(c)[1], name_weights)
    return {
        "bsn": bsn,
        "dob": dob,
        "sex": sex,
        "first": first,
        "surname": surname,
        "address": address,
        "crossed": crossed,
        "same_initial": same_initial_known,
    }


def compare_rows(c: Columns, mu: dict | None = None) -> Callable[[int, int], dict]:
    """A function of two rows (i, j) of `c` giving `linkage.compare` of their encodings, level names and all,
    from the arrays: for the few pairs whose comparison is needed one at a time (`linkage.bridge`), where the
    batch keeps no encoding objects."""
    fields = ("bsn", "dob", "sex", "first", "surname", "address")
    names = {field: list(L.DEFAULT_MU[field]) for field in fields}
    name_weights = _weight_rows(mu, ("first", "surname"))  # once, not for every pair

    def levels_of(i: int, j: int) -> dict:
        levels = _pair_levels(c, np.array([i]), np.array([j]), name_weights, None)
        out: dict = {field: names[field][int(levels[field][0])] for field in names}
        out["crossed"] = bool(levels["crossed"][0])
        out["first_initial"] = bool(levels["same_initial"][0])
        return out

    return levels_of


def score_bound(c: Columns, i: np.ndarray, mu, tf_weights, size_penalty: float, plain: tuple) -> np.ndarray:
    """For every pair a number that `score_pairs` never exceeds, from the cheap comparisons only: the
    levels of birth date, sex, BSN and address (`plain`: `plain_levels` of the pairs) as `score_pairs` weighs
    them, with the best weight either
    name could get (the highest of its table, or the term-frequency weight of an exact agreement on the
    first record's value: crossed names take levels of the same tables). The household rule only lowers a
    score, or sets it to VETO: hence the larger of the two. A relink scores in full only the pairs whose
    bound reaches its threshold; most candidate pairs of a large index (a name band, a name word without
    the birth date) cannot."""
    dob, sex, bsn, address = plain
    w, best, tf, has_tf = _weight_tables(mu, tf_weights)
    return kernels.bounds(i, dob, sex, bsn, address, w, *best, *tf, has_tf, float(size_penalty))


# what a bound and a score may differ by in rounding (sums of the same weights in another order)
BOUND_MARGIN = 1e-6


def tf_columns(encodings: Sequence[L.Encoded], tf: L.TermFrequencies) -> tuple[np.ndarray, ...]:
    """Per encoding the term-frequency weight of exact agreement on its first name, birth date and surname
    (computed once per distinct value)."""
    out = []
    for name in ("first", "dob", "surname"):
        values = list(map(attrgetter(name), encodings))
        weight = {v: tf.weight(name, v) for v in set(values) if v}
        weight[""] = 0.0
        out.append(np.fromiter(map(weight.__getitem__, values), dtype=np.float64, count=len(values)))
    return tuple(out)


def tf_weights(c: Columns, tf: L.TermFrequencies) -> tuple[np.ndarray, ...]:
    """`tf_columns` from the columns: each value's count in the index (`np.unique` of its keyed hash as a
    number), and the weight of each distinct count from `tf` (`TermFrequencies.weight_of_count`: the same
    arithmetic as for the value itself, so the same floats). An empty value weighs 0 (never used: exact
    agreement needs a value)."""
    out = []
    for name in ("first", "dob", "surname"):
        values = getattr(c, name)
        _, inverse, counts = np.unique(values, return_inverse=True, return_counts=True)
        distinct, at = np.unique(counts, return_inverse=True)
        weight = np.array([tf.weight_of_count(name, k) for k in distinct.tolist()], dtype=np.float64)
        per_record = weight[at][inverse.reshape(-1)]
        per_record[values == 0] = 0.0
        out.append(per_record)
    return tuple(out)


def level_patterns(c: Columns, i: np.ndarray, j: np.ndarray, mu: dict | None = None) -> dict[tuple, int]:
    """How many pairs have each pattern of levels (a tuple of level names in the order of COMPARISONS):
    what `linkage._level_counts` counts, for the weight estimation."""
    if not len(i):
        return {}
    levels = pair_levels(c, i, j, mu)
    # one integer a pattern: 4 bits a comparison (no comparison has more than 16 levels)
    combined = np.zeros(len(i), dtype=np.int64)
    for name in L.COMPARISONS:
        combined = combined * 16 + levels[name]
    patterns, counts = np.unique(combined, return_counts=True)
    names = [list(L.DEFAULT_MU[name]) for name in L.COMPARISONS]
    out = {}
    for value, n in zip(patterns.tolist(), counts.tolist(), strict=True):
        codes = []
        for _ in L.COMPARISONS:
            value, code = divmod(value, 16)
            codes.append(code)
        out[tuple(names[k][code] for k, code in enumerate(reversed(codes)))] = int(n)
    return out


_PAIRS: list = []  # the last batch's (encodings, {kind: pairs}), for the weight estimation and relink


def candidate_pairs(encodings: Sequence[L.Encoded] | Batch, kind: str = "") -> tuple[np.ndarray, np.ndarray]:
    """Every pair of records (i < j) that shares a blocking key whose block is within its cap
    (`linkage.block_cap`), once, sorted by i and then j: what `linkage._link_range_scalar` finds key by key,
    here with the keys as numbers (`key_codes`), sorted. With `kind`, only keys of that kind (their first
    letter) count, as in the weight estimation's sessions. The keys are read once per batch: all pairs and
    those of every kind of the weight estimation's sessions are found together and kept for the same list of
    encodings."""
    if _PENDING and _PENDING[0] is encodings:
        _collect()
    if not (_PAIRS and _PAIRS[0] is encodings and kind in _PAIRS[1]):
        n, counts, words, kind_of = _codes_of(encodings)
        found = _pairs_of_codes(n, counts, words, kind_of, _kinds(kind))
        _PAIRS[:] = [encodings, {k: _split(codes, n) for k, codes in found.items()}]
    return _PAIRS[1][kind]


def _kinds(kind: str = "") -> set[str]:
    return {"", kind} | {prefix for prefix, _ in L.EM_SESSIONS}


def _split(codes: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Pair codes (first * n + second) as the arrays of first and second records (32-bit when the records
    fit: half the memory of the pairs a batch keeps)."""
    kind = np.int32 if n < 2**31 else np.int64
    first, second = np.empty(len(codes), dtype=kind), np.empty(len(codes), dtype=kind)
    kernels.split(codes, n, first, second)
    return first, second


_PENDING: list = []  # (encodings, process id, pipe, key codes) of a half found in a forked process


def start_candidate_pairs(encodings: Sequence[L.Encoded] | Batch) -> None:
    """Start finding the candidate pairs of these encodings (`candidate_pairs`, every kind) on two processes:
    the keys are split in two halves by a bit of their mixed number (`_mix`: equal keys, equal numbers, so
    every block lies in one half); a forked process groups one half while this one goes on (draws random
    pairs, scores them) and then, in `candidate_pairs`, groups the other; their pairs are merged. The keys
    are read into arrays here (`_codes_of`; a child reading the strings would copy their pages, touching
    their reference counts); the child sends its pair codes back through a pipe (pickled) and ends with
    os._exit, so it closes nothing of the parent's (a database connection, files)."""
    if (_PAIRS and _PAIRS[0] is encodings) or (_PENDING and _PENDING[0] is encodings):
        return
    _collect()
    codes = _codes_of(encodings)  # the key strings read here: the child touches only these arrays
    read, write = os.pipe()
    gc.freeze()  # the child's collections do not walk (and copy) the parent's objects
    try:
        pid = os.fork()
    finally:
        gc.unfreeze()
    if pid == 0:  # pragma: no cover - the child (its result is checked in the parent)
        status = 1
        try:
            os.close(read)
            with os.fdopen(write, "wb") as out:
                found = _pairs_of_codes(*codes, _kinds(), half=1)
                pickle.dump(found, out, protocol=pickle.HIGHEST_PROTOCOL)
            status = 0
        finally:
            os._exit(status)
    os.close(write)
    _PENDING[:] = [encodings, pid, read, codes]


def _collect() -> None:
    """Find this process's half of the candidate pairs started by `start_candidate_pairs`, take the forked
    process's half (or find it here, if that process failed) and merge them."""
    if not _PENDING:
        return
    encodings, pid, read, codes = _PENDING
    _PENDING.clear()
    own = _pairs_of_codes(*codes, _kinds(), half=0)
    try:
        with os.fdopen(read, "rb") as f:
            other = pickle.load(f)  # noqa: S301 - written by our own forked process
    except EOFError:
        other = None
    _, status = os.waitpid(pid, 0)
    if other is None or status != 0:  # the child failed: its half found here
        other = _pairs_of_codes(*codes, _kinds(), half=1)
    n = codes[0]
    # each pair code once (a pair may share keys of both halves), sorted
    merged = {kind: _split(kernels.merge_once(own[kind], other[kind]), n) for kind in own}
    _PAIRS[:] = [encodings, merged]


# A blocking key is a letter (its kind) and at most 26 hex digits (`linkage.blocking_keys`): it fits in two
# 64-bit words, which are the key itself (`key_codes`): no hash, so no two keys can be taken for one.
KEY_BYTES = 32  # keys are read as at most this many ASCII bytes
HEX_DIGITS = 28  # hex digits after the kind that fit in the two words
_KEYS_AT_ONCE = 1 << 18  # keys converted at once
_NUMBERED = np.uint64(1 << 63)


def key_codes(keys: Sequence[str], ids: dict[str, int] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Each key as two 64-bit words, and its kind (its first character, 0 when that is not ASCII). A key of a
    kind letter and at most HEX_DIGITS lower-case hex digits (every key `linkage.blocking_keys` makes) is
    packed: its digits 4 bits each, the kind (7 bits) and the number of characters (5 bits) in the 16 bits
    the digits leave free, the second word's top bit 0. Any other key: its number in `ids` (numbered on
    first sight, key by key, so that keys converted in several parts keep one number each) and, in the
    second word, the top bit and its kind.
    Two different keys never get the same words, so grouping keys by their words is grouping them by the
    keys themselves. numpy converts the packed ones a part of _KEYS_AT_ONCE at a time: the key's 32 bytes
    as four words, each byte's hex value computed eight bytes at a time within a word."""
    ids = {} if ids is None else ids
    words = np.empty((len(keys), 2), dtype=np.uint64)
    kinds = np.empty(len(keys), dtype=np.uint8)
    low, bit6 = np.uint64(0x0F0F0F0F0F0F0F0F), np.uint64(0x0101010101010101)
    for at in range(0, len(keys), _KEYS_AT_ONCE):
        part = keys[at : at + _KEYS_AT_ONCE]
        ascii_only, other = part, None
        try:
            data = np.array(part, dtype=f"S{KEY_BYTES}")
        except UnicodeEncodeError:  # a key that is not ASCII: numbered, the others packed as always
            other = np.array([not key.isascii() for key in part], dtype=bool)
            ascii_only = [key if key.isascii() else "" for key in part]
            data = np.array(ascii_only, dtype=f"S{KEY_BYTES}")
        raw = data.view(np.uint8).reshape(len(part), KEY_BYTES)
        written = np.fromiter(map(len, ascii_only), dtype=np.int64, count=len(part))
        # a hex digit at each position 1..written-1, NUL after (numpy pads; a NUL of the key's own, inside or
        # at the end, is not a hex digit), at most HEX_DIGITS of them
        is_hex = ((raw - np.uint8(48)) < 10) | ((raw - np.uint8(97)) < 6)  # '0'-'9', 'a'-'f' (bytes wrap)
        is_hex = is_hex.view(np.uint64).reshape(len(part), KEY_BYTES // 8)
        digits = sum(((w * bit6) >> np.uint64(56)).astype(np.int64) for w in is_hex.T) - is_hex[:, 0] % 256
        bad = (written > HEX_DIGITS + 1) | (digits != written - 1)
        if other is not None:
            bad |= other
        # each byte's hex value ('0'-'9': its low 4 bits; 'a'-'f': those + 9), 8 bytes to 32 bits a word
        packed = []
        for w in raw.view(np.uint64).reshape(len(part), KEY_BYTES // 8).T:
            x = (w & low) + ((w >> np.uint64(6)) & bit6) * np.uint64(9)
            x = (x | (x >> np.uint64(4))) & np.uint64(0x00FF00FF00FF00FF)
            x = (x | (x >> np.uint64(8))) & np.uint64(0x0000FFFF0000FFFF)
            packed.append((x | (x >> np.uint64(16))) & np.uint64(0xFFFFFFFF))
        kind = raw[:, 0].astype(np.uint64)
        # the kind's 4 bits (byte 0) and the 12 of bytes 29-31 (NUL in a packed key) left out; kind and
        # length in their place
        words[at : at + len(part), 0] = (packed[0] & ~np.uint64(0xF)) | (packed[1] << np.uint64(32))
        words[at : at + len(part), 1] = (
            packed[2]
            | ((packed[3] & np.uint64(0xFFFFF)) << np.uint64(32))
            | (kind << np.uint64(56))
            | (np.minimum(written, 31).astype(np.uint64) << np.uint64(51))
        )
        kinds[at : at + len(part)] = raw[:, 0]
        for k in np.flatnonzero(bad).tolist():
            key = part[k]
            kind_k = ord(key[0]) if key and key[0].isascii() else 0
            words[at + k] = (np.uint64(ids.setdefault(key, len(ids))), _NUMBERED | np.uint64(kind_k << 56))
            kinds[at + k] = kind_k
    return words, kinds


def _mix(words: np.ndarray) -> np.ndarray:
    """One 64-bit number a key (two keys may share one: `_group` checks)."""
    mixed = words[:, 0] * np.uint64(0x9E3779B97F4A7C15)
    mixed ^= words[:, 1]
    mixed *= np.uint64(0xC2B2AE3D27D4EB4F)
    mixed ^= mixed >> np.uint64(29)
    return mixed


def _group(
    words: np.ndarray, half: int | None = None, mixed: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """The order that puts equal keys next to each other, and where each run of equal keys starts (in that
    order). Sorted by `_mix` (one 64-bit sort); the keys themselves (their two words) are then compared in
    that order, so equal keys are one run and different keys are never; if two different keys share a mixed
    number (with 25 million distinct keys about once in 60,000 batches) they could interleave, so then
    sorted by both words (exact). With `half` (0 or 1), only the keys whose mixed number has that top bit
    (the order holds their positions among all keys)."""
    if mixed is None:
        mixed = _mix(words)
    if half is None:
        rows = None
        order = np.argsort(mixed)
    else:
        rows = np.flatnonzero((mixed >> np.uint64(63)) == half)
        order = rows[np.argsort(mixed[rows])]
    ordered = mixed[order]
    same_mixed = ordered[1:] == ordered[:-1]
    del ordered
    as_items = words.view(np.complex128).ravel()  # a key's two words as one 16-byte item (bits copied as are)
    ordered = as_items[order].view(np.uint64).reshape(len(order), 2)
    different = (ordered[1:, 0] != ordered[:-1, 0]) | (ordered[1:, 1] != ordered[:-1, 1])
    if np.any(same_mixed & different):  # exact: by both words (of the half's keys only)
        order = np.lexsort(words.T[::-1]) if rows is None else rows[np.lexsort(words[rows].T[::-1])]
        ordered = words[order]
        different = (ordered[1:, 0] != ordered[:-1, 0]) | (ordered[1:, 1] != ordered[:-1, 1])
    starts = np.ones(len(order), dtype=bool)
    starts[1:] = different
    return order, starts


def _codes_of(encodings: Sequence[L.Encoded] | Batch, ids: dict[str, int] | None = None) -> tuple:
    """(number of records, keys a record, `key_codes` of every key in record order): all that is read of
    the encodings' key strings (a Batch holds them read already). `ids`: the numbers of keys of another
    form (`key_codes`) so far."""
    if isinstance(encodings, Batch):
        return len(encodings), encodings.counts, encodings.words, encodings.kinds
    n = len(encodings)
    counts = np.fromiter((len(e.blocks) for e in encodings), dtype=np.int64, count=n)
    keys = list(chain.from_iterable(e.blocks for e in encodings))  # references to the keys, no copies
    words, kind_of = key_codes(keys, ids)
    return n, counts, words, kind_of


def _pairs_of_codes(
    n: int,
    counts: np.ndarray,
    words: np.ndarray,
    kind_of: np.ndarray,
    kinds: set[str],
    half: int | None = None,
) -> dict[str, np.ndarray]:
    """Per kind the codes (first * n + second) of the pairs of the blocks (of that kind, or of every kind
    for ""; of the keys of one `half`, see `kernels.blocks`), each once, sorted."""
    start, members, block_kind = kernels.blocks(words, counts, kind_of, -1 if half is None else half)
    sizes = np.diff(start)
    cap = np.full(256, L.BLOCK_CAP, dtype=np.int64)  # the cap of each kind of key
    cap[[ord(c) for c in L.BAND_KEYS]] = L.BAND_BLOCK_CAP
    usable = (sizes >= 2) & (sizes <= cap[block_kind])
    # each block's tag: a bit for every kind asked for that it is (bit 0: "", every usable block)
    asked = sorted(kinds)
    if len(asked) > 8:
        raise ValueError("at most 8 kinds of candidate pairs at once")
    tags = np.zeros(len(block_kind), dtype=np.uint8)
    for bit, kind in enumerate(asked):
        tags |= np.where(
            usable & (block_kind == ord(kind) if kind else usable), np.uint8(1 << bit), np.uint8(0)
        )
    codes, tagged = kernels.block_pairs(tags, start, members, n)
    return {kind: kernels.tagged(codes, tagged, 1 << bit) for bit, kind in enumerate(asked)}


def warm_up() -> None:
    """Compile every kernel a batch uses (or load it from numba's cache, a fraction of a second): a tiny
    index of invented registrations estimated, relinked and bridged. The first run after an installation or
    a change of `kernels.py` compiles (tens of seconds); a deployment or a benchmark can pay that here,
    before a relink or a timer starts."""
    people = [("Anna", "Jansen", 3), ("Anna", "Janssen", 3), ("Ana", "Jansen", 4), ("Bram", "Jansen", 9)]
    encodings = [
        L.encode(
            b"warm-up",
            first_name=first,
            last_name=last,
            date_of_birth=date(2010, 5, day),
            sex="F" if first != "Bram" else "M",
            postcode="1234AB",
            house_number="1",
            ref=k,
        )
        for k, (first, last, day) in enumerate(people * 3)
    ]
    batch = Batch.of(encodings)
    try:
        mu, _ = L.estimate_em(batch)
        scored = L.link_batch(batch, threshold=L.POSSIBLE_THRESHOLD, mu=mu)
        L.bridge(scored, compare_rows(batch.columns, mu), mu)
        kernels.merge_once(np.zeros(1, dtype=np.int64), np.zeros(1, dtype=np.int64))  # the two halves' merge
    finally:
        L.forget_batch()
