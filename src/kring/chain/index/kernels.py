"""The batch matcher's inner loops compiled with numba: grouping the blocking keys, the pairs of each block,
and the comparison levels of candidate pairs. `scoring` calls them; they compute what its numpy code did
(the same pairs, the same levels: tests/chain/index/test_scoring.py and test_batch.py compare them with
`linkage`'s scalar reference), one pair or key at a time without the temporary arrays of every step, which
at 1,000,000 registrations (45 million keys, 35 million candidate pairs) cost more than the work itself.

Compiled on first use and cached on disk (`cache=True`, in __pycache__ beside this file, or where
NUMBA_CACHE_DIR says): a process loads the machine code in a fraction of a second. No numba threads: the
batch runs on forked processes (`scoring.start_candidate_pairs`, `linkage.link_batch`), which a thread
pool started before the fork would not survive.
"""

# `x == A or x == B`, not `x in (A, B)`: plain comparisons of integers, as numba compiles them best
# ruff: noqa: SIM109

from __future__ import annotations

import numpy as np
from llvmlite import ir
from numba import njit, types
from numba.core import cgutils
from numba.extending import intrinsic

from . import linkage as L


@intrinsic
def _popcount(typingctx, x):
    """The number of bits set in a 64-bit word (LLVM's ctpop: one instruction)."""
    signature = x(x)

    def codegen(context, builder, sig, args):
        return builder.ctpop(args[0])

    return signature, codegen


@intrinsic
def _prefetch(typingctx, rows, row, column):
    """Ask the processor to fetch the cache line of rows[row, column] (LLVM's prefetch, for reading, kept
    in every cache level): a candidate pair's other record is anywhere in the index, and the loops below
    ask for the rows of the pairs PREFETCH ahead while they compare this one."""
    signature = types.void(rows, row, column)

    def codegen(context, builder, sig, args):
        array = context.make_array(sig.args[0])(context, builder, args[0])
        at = [context.cast(builder, args[k], sig.args[k], types.intp) for k in (1, 2)]
        pointer = cgutils.get_item_pointer(context, builder, sig.args[0], array, at, wraparound=False)
        byte = ir.IntType(8).as_pointer()
        i32 = ir.IntType(32)
        function = cgutils.get_or_insert_function(
            builder.module, ir.FunctionType(ir.VoidType(), [byte, i32, i32, i32]), "llvm.prefetch.p0"
        )
        builder.call(function, [builder.bitcast(pointer, byte), i32(0), i32(3), i32(1)])
        return context.get_dummy_value()

    return signature, codegen


PREFETCH = 16  # pairs ahead


def _level_codes(name: str) -> dict[str, int]:
    return {level: k for k, level in enumerate(L.DEFAULT_MU[name])}


_DOB, _SEX, _BSN = _level_codes("dob"), _level_codes("sex"), _level_codes("bsn")
_ADDRESS, _FIRST, _SURNAME = _level_codes("address"), _level_codes("first"), _level_codes("surname")
# module constants: numba compiles them in
DOB_MISSING, DOB_AGREE, DOB_SWAPPED, DOB_UNSURE = (_DOB[k] for k in ("missing", "agree", "swapped", "unsure"))
DOB_YEAR1, DOB_PARTIAL, DOB_YEAR, DOB_NEAR = (_DOB[k] for k in ("year1", "partial", "year", "near"))
DOB_DISAGREE = _DOB["disagree"]
SEX_MISSING, SEX_AGREE, SEX_DISAGREE = _SEX["missing"], _SEX["agree"], _SEX["disagree"]
BSN_MISSING, BSN_AGREE, BSN_DISAGREE = _BSN["missing"], _BSN["agree"], _BSN["disagree"]
ADDRESS_MISSING, ADDRESS_AGREE = _ADDRESS["missing"], _ADDRESS["agree"]
ADDRESS_POSTCODE, ADDRESS_DISAGREE = _ADDRESS["postcode"], _ADDRESS["disagree"]
ADDRESS_CLOSE = _ADDRESS["close"]
F_MISSING, F_EXACT, F_INITIAL, F_OFFICIAL = (_FIRST[k] for k in ("missing", "exact", "initial", "official"))
F_CLOSE, F_TOKEN, F_SIMILAR, F_FAINT = (_FIRST[k] for k in ("close", "token", "similar", "faint"))
F_DISAGREE = _FIRST["disagree"]
S_MISSING, S_EXACT, S_SOUND, S_CLOSE = (_SURNAME[k] for k in ("missing", "exact", "sound", "close"))
S_TOKEN, S_SIMILAR, S_DISAGREE = _SURNAME["token"], _SURNAME["similar"], _SURNAME["disagree"]
FAINT_DICE = L.FAINT_DICE
# which first-name and surname levels are good (linkage._GOOD_NAME), by code
GOOD_FIRST = np.array([level in L._GOOD_NAME for level in L.DEFAULT_MU["first"]])
GOOD_SURNAME = np.array([level in L._GOOD_NAME for level in L.DEFAULT_MU["surname"]])


# Each record's fields as one row of 64-bit words (`scoring.packed`): a candidate pair's second record is
# anywhere in the index, and a row is read in two or four cache lines where a column per field cost a
# cache miss each. PLAIN: what the birth-date, sex, BSN and address levels read (16 words, 128 bytes; the
# address's six close variants of 32 bits two to a word);
# NAMES: what the name levels read (32 words: 16 of values, then the two Bloom filters of 8 words each).
P_DOB, P_DOB_SWAPPED, P_YEAR, P_MONTH, P_DAY, P_NEAR0, P_NEAR1, P_UNSURE = range(8)
P_SEX, P_BSN, P_POSTCODE, P_ADDRESS = range(8, 12)
P_CLOSE, CLOSE_WORDS = 12, 3  # words 12, 13, 14: linkage.Encoded.address_close
PLAIN_WORDS = 16
N_FIRST, N_OFFICIAL, N_INITIAL, N_IS_INITIAL, N_FIRST_LETTERS, N_FIRST_TOKENS = range(6)  # tokens: 5, 6, 7
N_FIRST_BITS, N_SURNAME, N_SOUND, N_SURNAME_LETTERS, N_SURNAME_TOKENS = range(8, 13)  # tokens: 12, 13, 14
N_SURNAME_BITS, N_FIRST_CLK, N_SURNAME_CLK = 15, 16, 24
TOKENS = 3
CLK = 8
NAME_WORDS = 32


@njit(cache=True, nogil=True, inline="always")
def _plain(p, a, b):
    """The birth-date, sex, BSN and address level codes of PLAIN rows a and b of `p` (row and index, not
    a view of the row: no reference counting in the inner loop)."""
    if p[a, P_DOB] == 0 or p[b, P_DOB] == 0:
        dob = DOB_MISSING
    elif p[a, P_DOB] == p[b, P_DOB]:
        dob = DOB_AGREE
    elif p[a, P_DOB_SWAPPED] != 0 and p[a, P_DOB_SWAPPED] == p[b, P_DOB]:
        dob = DOB_SWAPPED
    else:
        same_year = p[a, P_YEAR] == p[b, P_YEAR]
        same_month, same_day = p[a, P_MONTH] == p[b, P_MONTH], p[a, P_DAY] == p[b, P_DAY]
        near = (
            not same_year
            and (p[a, P_NEAR0] == p[b, P_YEAR] or p[a, P_NEAR1] == p[b, P_YEAR])
            and p[b, P_YEAR] != 0
        )
        if (p[a, P_UNSURE] != 0 or p[b, P_UNSURE] != 0) and same_year:
            dob = DOB_UNSURE
        elif same_month and same_day and near:
            dob = DOB_YEAR1
        elif same_year and (same_month or same_day):
            dob = DOB_PARTIAL
        elif same_year:
            dob = DOB_YEAR
        elif near:
            dob = DOB_NEAR
        else:
            dob = DOB_DISAGREE
    if p[a, P_SEX] == 0 or p[b, P_SEX] == 0:
        sex = SEX_MISSING
    else:
        sex = SEX_AGREE if p[a, P_SEX] == p[b, P_SEX] else SEX_DISAGREE
    if p[a, P_BSN] == 0 or p[b, P_BSN] == 0:
        bsn = BSN_MISSING
    else:
        bsn = BSN_AGREE if p[a, P_BSN] == p[b, P_BSN] else BSN_DISAGREE
    if p[a, P_POSTCODE] == 0 or p[b, P_POSTCODE] == 0:
        address = ADDRESS_MISSING
    elif p[a, P_ADDRESS] != 0 and p[a, P_ADDRESS] == p[b, P_ADDRESS]:
        address = ADDRESS_AGREE
    elif p[a, P_POSTCODE] == p[b, P_POSTCODE]:
        address = ADDRESS_POSTCODE
    elif _close(p, a, b):
        address = ADDRESS_CLOSE
    else:
        address = ADDRESS_DISAGREE
    return dob, sex, bsn, address


@njit(cache=True, nogil=True, inline="always")
def _close(p, a, b):
    """Whether PLAIN rows a and b share a close variant of the address (linkage._address: the same house
    number, the postcode one character off): 32-bit values, two to a word, 0 for none."""
    for k in range(2 * CLOSE_WORDS):
        x = (p[a, P_CLOSE + k // 2] >> (32 * (1 - k % 2))) & 0xFFFFFFFF
        if x == 0:
            continue
        for m in range(2 * CLOSE_WORDS):
            if x == (p[b, P_CLOSE + m // 2] >> (32 * (1 - m % 2))) & 0xFFFFFFFF:
                return True
    return False


@njit(cache=True, nogil=True)
def plain_levels(i, j, p):
    """The codes of the birth-date, sex, BSN and address levels of every pair (scoring.plain_levels); `p`
    the PLAIN rows."""
    n = len(i)
    out_dob = np.empty(n, dtype=np.int64)
    out_sex = np.empty(n, dtype=np.int64)
    out_bsn = np.empty(n, dtype=np.int64)
    out_address = np.empty(n, dtype=np.int64)
    for k in range(n):
        if k + PREFETCH < n:
            _prefetch(p, j[k + PREFETCH], 0)
            _prefetch(p, j[k + PREFETCH], 8)
        out_dob[k], out_sex[k], out_bsn[k], out_address[k] = _plain(p, i[k], j[k])
    return out_dob, out_sex, out_bsn, out_address


@njit(cache=True, nogil=True, inline="always")
def _dice(r, a, x_clk, x_bits, b, y_clk, y_bits):
    """Dice coefficient of the Bloom filter of row x at word x_clk (x_bits bits set) and that of row y at
    y_clk, 0 when either is empty, as scoring's numpy code computed it: 2 * common bits / (bits of both)."""
    if r[a, x_bits] == 0 or r[b, y_bits] == 0:
        return 0.0
    common = 0
    for w in range(CLK):
        common += _popcount(r[a, x_clk + w] & r[b, y_clk + w])
    return 2 * common / max(r[a, x_bits] + r[b, y_bits], 1)


@njit(cache=True, nogil=True, inline="always")
def _share(r, a, x_at, b, y_at):
    """Whether the name words of row x at x_at and of row y at y_at (0 = none) share one."""
    for p in range(TOKENS):
        if r[a, x_at + p] != 0:
            for q in range(TOKENS):
                if r[a, x_at + p] == r[b, y_at + q]:
                    return True
    return False


@njit(cache=True, nogil=True, inline="always")
def _crossed(r, a, x_tokens, x_bits, x_clk, b, y_tokens, y_bits, y_clk):
    """linkage._crossed as a first-name code (missing, official, close, similar, disagree)."""
    if r[a, x_bits] == 0 or r[b, y_bits] == 0:
        return F_MISSING
    if _share(r, a, x_tokens, b, y_tokens):
        return F_OFFICIAL
    d = _dice(r, a, x_clk, x_bits, b, y_clk, y_bits)
    if d >= 0.75:
        return F_CLOSE
    return F_SIMILAR if d >= 0.5 else F_DISAGREE


@njit(cache=True, nogil=True, inline="always")
def _names(r, a, b, w, wf, ws):
    """(first-name level code, surname level code, compared crossed, same known initial) of NAMES rows a
    and b of `r`; rows `wf`, `ws` of `w`: the weights of the first-name and surname levels, by code (the
    crossed names are taken when they weigh more)."""
    crossed = False
    same_initial = r[a, N_INITIAL] == r[b, N_INITIAL]
    initial = r[a, N_INITIAL] != 0 and same_initial
    initial_only = r[a, N_IS_INITIAL] != 0 or r[b, N_IS_INITIAL] != 0
    if r[a, N_FIRST] == 0 or r[b, N_FIRST] == 0:
        f = F_MISSING
    elif r[a, N_FIRST] == r[b, N_FIRST]:
        f = F_EXACT
    elif initial_only:
        f = F_INITIAL if same_initial else F_DISAGREE
    elif r[a, N_OFFICIAL] == r[b, N_OFFICIAL]:
        f = F_OFFICIAL
    else:
        d = _dice(r, a, N_FIRST_CLK, N_FIRST_BITS, b, N_FIRST_CLK, N_FIRST_BITS)
        if d >= 0.65 or (r[a, N_FIRST_LETTERS] != 0 and r[a, N_FIRST_LETTERS] == r[b, N_FIRST_LETTERS]):
            f = F_CLOSE
        elif _share(r, a, N_FIRST_TOKENS, b, N_FIRST_TOKENS):
            f = F_TOKEN
        elif d >= 0.5:
            f = F_SIMILAR
        elif d >= FAINT_DICE:
            f = F_FAINT
        else:
            f = F_DISAGREE
    if r[a, N_SURNAME] == 0 or r[b, N_SURNAME] == 0:
        s = S_MISSING
    elif r[a, N_SURNAME] == r[b, N_SURNAME]:
        s = S_EXACT
    elif r[a, N_SOUND] == r[b, N_SOUND]:
        s = S_SOUND
    elif r[a, N_SURNAME_LETTERS] == r[b, N_SURNAME_LETTERS]:
        s = S_CLOSE
    else:
        d = _dice(r, a, N_SURNAME_CLK, N_SURNAME_BITS, b, N_SURNAME_CLK, N_SURNAME_BITS)
        if d >= 0.75:
            s = S_CLOSE
        elif _share(r, a, N_SURNAME_TOKENS, b, N_SURNAME_TOKENS):
            s = S_TOKEN
        elif d >= 0.5:
            s = S_SIMILAR
        else:
            s = S_DISAGREE
    if not (GOOD_FIRST[f] and GOOD_SURNAME[s]):
        # given and surname in each other's fields, when that agrees better
        cross_s = _crossed(
            r,
            a,
            N_SURNAME_TOKENS,
            N_SURNAME_BITS,
            N_SURNAME_CLK,
            b,
            N_FIRST_TOKENS,
            N_FIRST_BITS,
            N_FIRST_CLK,
        )
        if cross_s == F_OFFICIAL or cross_s == F_CLOSE:
            cross_f = _crossed(
                r,
                a,
                N_FIRST_TOKENS,
                N_FIRST_BITS,
                N_FIRST_CLK,
                b,
                N_SURNAME_TOKENS,
                N_SURNAME_BITS,
                N_SURNAME_CLK,
            )
            if cross_f == F_OFFICIAL or cross_f == F_CLOSE:
                # the crossed surname level: official (a shared word) counts as "sound"
                cross_s_level = S_SOUND if cross_s == F_OFFICIAL else S_CLOSE
                if w[wf, cross_f] + w[ws, cross_s_level] > w[wf, f] + w[ws, s]:
                    f, s = cross_f, cross_s_level
                    crossed = True
    return f, s, crossed, initial


@njit(cache=True, nogil=True)
def name_levels(i, j, r, w):
    """The codes of the first-name and surname levels of every pair, whether the names were compared
    crossed, and whether both have the same known initial (scoring.pair_levels); `r` the NAMES rows, `w`
    the weights of the first-name (row 0) and surname levels (row 1), by code."""
    n = len(i)
    out_first = np.empty(n, dtype=np.int64)
    out_surname = np.empty(n, dtype=np.int64)
    out_crossed = np.empty(n, dtype=np.bool_)
    out_initial = np.empty(n, dtype=np.bool_)
    for k in range(n):
        if k + PREFETCH < n:
            _prefetch(r, j[k + PREFETCH], 0)
            _prefetch(r, j[k + PREFETCH], 8)
        out_first[k], out_surname[k], out_crossed[k], out_initial[k] = _names(r, i[k], j[k], w, 0, 1)
    return out_first, out_surname, out_crossed, out_initial


@njit(cache=True, nogil=True)
def into_rows(rows, columns, at):
    """rows[r, at + c] = columns[c, r]: columns (one a row of `columns`) written into the rows
    (scoring.packed) a tile of 512 rows at a time, so that each column is read in runs and the tile's rows
    stay in the cache while every column is written into them."""
    n = rows.shape[0]
    for top in range(0, n, 512):
        end = min(top + 512, n)
        for c in range(columns.shape[0]):
            for r in range(top, end):
                rows[r, at + c] = columns[c, r]


# --- scores -----------------------------------------------------------------------------------------------

HOUSEHOLD_SURNAME = np.array([level in L._HOUSEHOLD_SURNAME for level in L.DEFAULT_MU["surname"]])
HOUSEHOLD_EVIDENCE, HOUSEHOLD_DOB_WEIGHT = L.HOUSEHOLD_EVIDENCE, L.HOUSEHOLD_DOB_WEIGHT
HOUSEHOLD_CAP, VETO = L.MATCH_THRESHOLD - 0.5, L.VETO
# the rows of the weight table `w` (scoring._weight_tables): the weight of each level, by code
W_DOB, W_SEX, W_BSN, W_FIRST, W_SURNAME, W_ADDRESS = range(6)


@njit(cache=True, nogil=True, inline="always")
def _score(r, a, b, dob, sex, bsn, address, w, tf_first, tf_dob, tf_surname, has_tf, penalty):
    """linkage.score of records a and b (`r` the NAMES rows) from their plain level codes and their names'
    levels: the household rule (linkage.sibling), then the weights of `w` (birth date, sex, BSN, first name,
    surname, address; by code) or, for exact agreement, the term-frequency weights of record a (first name,
    birth date, surname) less the size penalty. Summed in the order scoring's numpy code summed them: the
    same floats."""
    first, surname, crossed, same_initial = _names(r, a, b, w, W_FIRST, W_SURNAME)
    household_surname = HOUSEHOLD_SURNAME[surname] and not crossed
    at_address = address == ADDRESS_AGREE or address == ADDRESS_CLOSE  # linkage.HOUSEHOLD_ADDRESS
    address_near = at_address or address == ADDRESS_MISSING
    twin_dates = (dob == DOB_AGREE or dob == DOB_SWAPPED) and address_near
    unlike = first == F_DISAGREE or first == F_FAINT
    faint_household = twin_dates and first == F_FAINT and sex == SEX_AGREE and same_initial
    twin = twin_dates and unlike and not faint_household
    early = twin or faint_household  # decided by the birth date and address alone
    first_weight = max(w[W_FIRST, first], 0.0) if first == F_TOKEN else w[W_FIRST, first]
    # an agreeing birth date weighs at most HOUSEHOLD_DOB_WEIGHT here (twins share it)
    wd_household = min(w[W_DOB, dob], HOUSEHOLD_DOB_WEIGHT) if dob == DOB_AGREE else w[W_DOB, dob]
    own = first_weight + wd_household + w[W_SEX, sex]
    sibling = not early and unlike and own < HOUSEHOLD_EVIDENCE and address_near
    rest = not early and not sibling and at_address
    sibling = sibling or (rest and own <= 0)
    household = faint_household or (rest and own > 0 and own < HOUSEHOLD_EVIDENCE)
    other_bsn = bsn != BSN_AGREE
    vetoed = household_surname and other_bsn and (twin or sibling)
    household = household and household_surname and other_bsn
    if has_tf:
        total = (
            (tf_first[a] if first == F_EXACT and not crossed else w[W_FIRST, first])
            + (tf_dob[a] if dob == DOB_AGREE else w[W_DOB, dob])
            + (tf_surname[a] if surname == S_EXACT and not crossed else w[W_SURNAME, surname])
            - penalty
        )
    else:
        total = w[W_DOB, dob] + w[W_FIRST, first] + w[W_SURNAME, surname]
    total = total + w[W_BSN, bsn] + w[W_SEX, sex] + w[W_ADDRESS, address]
    if household:
        total = min(total, HOUSEHOLD_CAP)
    return VETO if vetoed else total


@njit(cache=True, nogil=True, inline="always")
def _bound(
    a, dob, sex, bsn, address, w, first_best, surname_best, tf_first, tf_dob, tf_surname, has_tf, penalty
):
    """scoring.score_bound of one pair: `best` the highest first-name and surname weights."""
    if has_tf:
        total = (
            max(tf_first[a], first_best)
            + (tf_dob[a] if dob == DOB_AGREE else w[W_DOB, dob])
            + max(tf_surname[a], surname_best)
            - penalty
        )
    else:
        total = w[W_DOB, dob] + first_best + surname_best
    total = total + w[W_BSN, bsn] + w[W_SEX, sex] + w[W_ADDRESS, address]
    return max(total, VETO)


@njit(cache=True, nogil=True)
def bounds(
    i, dob, sex, bsn, address, w, first_best, surname_best, tf_first, tf_dob, tf_surname, has_tf, penalty
):
    """scoring.score_bound of every pair, from its plain levels."""
    out = np.empty(len(i), dtype=np.float64)
    for k in range(len(i)):
        out[k] = _bound(
            i[k],
            dob[k],
            sex[k],
            bsn[k],
            address[k],
            w,
            first_best,
            surname_best,
            tf_first,
            tf_dob,
            tf_surname,
            has_tf,
            penalty,
        )
    return out


@njit(cache=True, nogil=True)
def scores(i, j, p, r, w, tf_first, tf_dob, tf_surname, has_tf, penalty):
    """scoring.score_pairs of every pair: `p`, `r` the PLAIN and NAMES rows."""
    out = np.empty(len(i), dtype=np.float64)
    for k in range(len(i)):
        a, b = i[k], j[k]
        dob, sex, bsn, address = _plain(p, a, b)
        out[k] = _score(r, a, b, dob, sex, bsn, address, w, tf_first, tf_dob, tf_surname, has_tf, penalty)
    return out


@njit(cache=True, nogil=True)
def reaching(
    i,
    j,
    p,
    r,
    w,
    first_best,
    surname_best,
    tf_first,
    tf_dob,
    tf_surname,
    has_tf,
    penalty,
    threshold,
    bound_at,
):
    """(positions, scores) of the pairs scoring at least `threshold` (scoring.scores_reaching): first every
    pair's plain levels and bound, then the names of those whose bound reaches `bound_at`, compared and
    scored. Two loops, not one: each loop's reads of other records (cache misses) overlap with the next
    pairs' reads, which a loop that also compared names would hold up."""
    n = len(i)
    maybe = np.empty(n, dtype=np.int64)
    plain = np.empty((n, 4), dtype=np.int8)
    kept = 0
    for k in range(n):
        if k + PREFETCH < n:
            _prefetch(p, j[k + PREFETCH], 0)
            _prefetch(p, j[k + PREFETCH], 8)
        a = i[k]
        dob, sex, bsn, address = _plain(p, a, j[k])
        bound = _bound(
            a,
            dob,
            sex,
            bsn,
            address,
            w,
            first_best,
            surname_best,
            tf_first,
            tf_dob,
            tf_surname,
            has_tf,
            penalty,
        )
        if bound >= bound_at:
            maybe[kept] = k
            plain[kept, 0], plain[kept, 1], plain[kept, 2], plain[kept, 3] = dob, sex, bsn, address
            kept += 1
    at = np.empty(kept, dtype=np.int64)
    out = np.empty(kept, dtype=np.float64)
    found = 0
    for x in range(kept):
        if x + PREFETCH < kept:
            _prefetch(r, j[maybe[x + PREFETCH]], 0)
            _prefetch(r, j[maybe[x + PREFETCH]], 8)
        k = maybe[x]
        a = i[k]
        dob, sex, bsn, address = plain[x, 0], plain[x, 1], plain[x, 2], plain[x, 3]
        total = _score(r, a, j[k], dob, sex, bsn, address, w, tf_first, tf_dob, tf_surname, has_tf, penalty)
        if total >= threshold:
            at[found] = k
            out[found] = total
            found += 1
    return at[:found].copy(), out[:found].copy()


# --- bridges ----------------------------------------------------------------------------------------------


@njit(cache=True, nogil=True)
def bridged(first, second, total, link, possible, match):
    """The positions of the pairs (first[k], second[k], scored total[k]; each pair once) in the possible
    band [possible, match) whose two records are both linked at `link` or more to one third record
    (linkage.bridge, before it asks whether the pair may be bridged). The strong links as sorted lists of
    neighbours (a counting sort by record), each possible pair's two lists merged."""
    n = 0
    for k in range(len(first)):
        n = max(n, first[k] + 1, second[k] + 1)
    degree = np.zeros(n + 1, dtype=np.int64)
    for k in range(len(first)):
        if total[k] >= link:
            degree[first[k] + 1] += 1
            degree[second[k] + 1] += 1
    for r in range(n):
        degree[r + 1] += degree[r]
    at = degree[:-1].copy()
    neighbours = np.empty(degree[n], dtype=np.int64)
    for k in range(len(first)):
        if total[k] >= link:
            neighbours[at[first[k]]] = second[k]
            at[first[k]] += 1
            neighbours[at[second[k]]] = first[k]
            at[second[k]] += 1
    for r in range(n):
        neighbours[degree[r] : degree[r + 1]].sort()
    out = np.empty(len(first), dtype=np.int64)
    found = 0
    for k in range(len(first)):
        if possible <= total[k] < match:
            a, b = first[k], second[k]
            x, x_end, y, y_end = degree[a], degree[a + 1], degree[b], degree[b + 1]
            while x < x_end and y < y_end:
                if neighbours[x] == neighbours[y]:
                    out[found] = k
                    found += 1
                    break
                if neighbours[x] < neighbours[y]:
                    x += 1
                else:
                    y += 1
    return out[:found]


# --- candidate pairs --------------------------------------------------------------------------------------

_M1, _M2 = np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F)
_S29 = np.uint64(29)
BUCKET_KEYS = 4096  # keys a bucket holds on average: its hash table stays in the processor's cache


@njit(cache=True, nogil=True, inline="always")
def _mix(w0, w1):
    """One 64-bit number a key (scoring._mix: the same number)."""
    h = w0 * _M1
    h ^= w1
    h *= _M2
    return h ^ (h >> _S29)


@njit(cache=True, nogil=True, inline="always")
def _bucket(h, bucket_bits, down):
    """A key's bucket: the bits of its mixed number after the top one (the half)."""
    if bucket_bits == 0:
        return np.int64(0)
    return np.int64((h << np.uint64(1)) >> down)


@njit(cache=True, nogil=True)
def blocks(words, counts, kind_of, half, bucket_keys=BUCKET_KEYS):
    """The blocks of the keys (`words`: a key's two 64-bit words a row, in record order; `counts`: keys a
    record) whose mixed number has top bit `half` (0 or 1; -1: every key): (where each block's members
    start, len + 1 entries; the record of each member, block after block, in record order within a block;
    each block's kind). Equal keys are one block, different keys never (their words are compared).
    In two steps that keep the memory they touch small: the keys are spread over buckets by the top bits of
    their mixed number (a counting sort, each key's words copied with it), then each bucket's keys are
    grouped with a hash table of the bucket's size and laid out block after block."""
    # as many buckets as make bucket_keys to 2 * bucket_keys keys each on average, the half's keys counted
    # as half of all (the top bit of the mixed number is as often 0 as 1)
    expected = len(words) if half < 0 else len(words) // 2
    bucket_bits = 0
    while bucket_bits < 40 and (expected >> (bucket_bits + 1)) >= bucket_keys:
        bucket_bits += 1
    buckets = 1 << bucket_bits
    down = np.uint64(64 - bucket_bits)
    size = np.zeros(buckets + 1, dtype=np.int64)
    for k in range(len(words)):
        h = _mix(words[k, 0], words[k, 1])
        if half < 0 or (h >> np.uint64(63)) == half:
            size[_bucket(h, bucket_bits, down) + 1] += 1
    for b in range(buckets):
        size[b + 1] += size[b]
    m = size[buckets]
    at = size[:-1].copy()
    # each key's words, and its record and kind as one number, bucket after bucket (fewer arrays written
    # at scattered places; the mixed number is computed again where needed)
    w0 = np.empty(m, dtype=np.uint64)
    w1 = np.empty(m, dtype=np.uint64)
    owner_kind = np.empty(m, dtype=np.int64)
    k = 0
    for record in range(len(counts)):
        for _ in range(counts[record]):
            h = _mix(words[k, 0], words[k, 1])
            if half < 0 or (h >> np.uint64(63)) == half:
                b = _bucket(h, bucket_bits, down)
                x = at[b]
                at[b] += 1
                w0[x], w1[x], owner_kind[x] = words[k, 0], words[k, 1], (np.int64(record) << 8) | kind_of[k]
            k += 1
    largest = 1
    for b in range(buckets):
        largest = max(largest, size[b + 1] - size[b])
    table_size = 16
    while table_size < 2 * largest:
        table_size *= 2
    mask = np.uint64(table_size - 1)
    table = np.full(table_size, -1, dtype=np.int64)
    block_of = np.empty(largest, dtype=np.int64)  # a bucket's keys: their block (local number)
    first = np.empty(largest, dtype=np.int64)  # a bucket's blocks: their first key (in the bucket)
    local_size = np.empty(largest + 1, dtype=np.int64)
    start = np.empty(m + 1, dtype=np.int64)
    members = np.empty(m, dtype=np.int32)
    block_kind = np.empty(m, dtype=np.uint8)
    total = 0  # blocks so far
    for b in range(buckets):
        lo, hi = size[b], size[b + 1]
        count = 0
        for x in range(lo, hi):
            slot = _mix(w0[x], w1[x]) & mask
            while True:
                found = table[slot]
                if found < 0:
                    table[slot] = count
                    first[count] = x
                    block_of[x - lo] = count
                    count += 1
                    break
                y = first[found]
                if w0[y] == w0[x] and w1[y] == w1[x]:
                    block_of[x - lo] = found
                    break
                slot = (slot + np.uint64(1)) & mask
        for c in range(count):  # the table emptied for the next bucket
            slot = _mix(w0[first[c]], w1[first[c]]) & mask
            while table[slot] >= 0:
                table[slot] = -1
                slot = (slot + np.uint64(1)) & mask
        # the bucket's keys block after block (a counting sort: stable, so in record order within a block)
        local_size[: count + 1] = 0
        for x in range(lo, hi):
            local_size[block_of[x - lo] + 1] += 1
        for c in range(count):
            local_size[c + 1] += local_size[c]
            start[total + c] = lo + local_size[c]
            block_kind[total + c] = owner_kind[first[c]] & 255
        for x in range(lo, hi):
            c = block_of[x - lo]
            members[lo + local_size[c]] = owner_kind[x] >> 8
            local_size[c] += 1
        total += count
    start[total] = m
    return start[: total + 1].copy(), members, block_kind[:total].copy()


@njit(cache=True, nogil=True)
def block_pairs(tags, start, members, n):
    """The pairs of records (first < second) of the blocks whose tag is not 0 (`members`: the records of
    each block's members, non-decreasing within a block), as codes first * n + second, sorted, each once,
    and for each pair the tags of its blocks or-ed together (which kinds of block it shares). Each pair is
    put under its first record (a counting sort by first record), then each record's seconds are sorted
    and counted once: no sort of all pairs, and one pass for all kinds."""
    per_first = np.zeros(n + 1, dtype=np.int64)
    for b in range(len(tags)):
        if tags[b]:
            for x in range(start[b], start[b + 1]):
                per_first[members[x] + 1] += start[b + 1] - x - 1
    for r in range(n):
        per_first[r + 1] += per_first[r]
    at = per_first[:-1].copy()
    # the second record and the block's tag in one number (sorted by record, then tag)
    second = np.empty(per_first[n], dtype=np.int64)
    for b in range(len(tags)):
        if tags[b]:
            tag = np.int64(tags[b])
            for x in range(start[b], start[b + 1]):
                a = members[x]
                for y in range(x + 1, start[b + 1]):
                    second[at[a]] = (np.int64(members[y]) << 8) | tag
                    at[a] += 1
    codes = np.empty(per_first[n], dtype=np.int64)
    kinds = np.empty(per_first[n], dtype=np.uint8)
    kept = 0
    for r in range(n):
        lo, hi = per_first[r], per_first[r + 1]
        if hi - lo > 1:
            part = second[lo:hi]
            if hi - lo <= 16:  # insertion sort: most records have a few dozen candidates at most
                for p in range(1, hi - lo):
                    v = part[p]
                    q = p - 1
                    while q >= 0 and part[q] > v:
                        part[q + 1] = part[q]
                        q -= 1
                    part[q + 1] = v
            else:
                part.sort()
        last = -1
        for x in range(lo, hi):
            s = second[x] >> 8
            if s == r:  # a record that holds a key twice is no pair with itself
                continue
            if s == last:
                kinds[kept - 1] |= np.uint8(second[x] & 255)
            else:
                codes[kept] = r * np.int64(n) + s
                kinds[kept] = np.uint8(second[x] & 255)
                kept += 1
                last = s
    return codes[:kept], kinds[:kept]


@njit(cache=True, nogil=True)
def tagged(codes, tags, bit):
    """The codes whose tag has this bit."""
    count = 0
    for k in range(len(codes)):
        if tags[k] & bit:
            count += 1
    out = np.empty(count, dtype=np.int64)
    at = 0
    for k in range(len(codes)):
        if tags[k] & bit:
            out[at] = codes[k]
            at += 1
    return out


@njit(cache=True, nogil=True)
def split(codes, n, first, second):
    """Pair codes first * n + second into the arrays `first` and `second`."""
    for k in range(len(codes)):
        first[k] = codes[k] // n
        second[k] = codes[k] - first[k] * np.int64(n)


@njit(cache=True, nogil=True)
def merge_once(x, y):
    """Two sorted arrays of distinct codes as one, sorted, each code once."""
    out = np.empty(len(x) + len(y), dtype=np.int64)
    a = b = at = 0
    while a < len(x) and b < len(y):
        if x[a] < y[b]:
            out[at] = x[a]
            a += 1
        elif y[b] < x[a]:
            out[at] = y[b]
            b += 1
        else:
            out[at] = x[a]
            a += 1
            b += 1
        at += 1
    while a < len(x):
        out[at] = x[a]
        a += 1
        at += 1
    while b < len(y):
        out[at] = y[b]
        b += 1
        at += 1
    return out[:at]
