"""How much recall the matcher's comparison levels allow at all: an oracle that knows, for every pattern of
levels (birth date, first name, surname, address, sex, BSN, crossed, same initial), how many candidate pairs
with that pattern are one person and how many are not, and accepts whole patterns, purest first, while the
precision stays at or above the target. No scorer that sees only these levels can do better on this data
(the oracle is fitted on the very pairs it is judged on, so the bound is optimistic). Printed beside it: the
matcher's own precision / recall at its thresholds, and what the oracle must leave out, by class — among
them the twin-like pairs (a clearly different first name with the same birth date, household surname and
address or no address on one side), which are one person about as often as twins. Not part of `make
bench`; for working on the matcher (docs/signal_index.md, issue 17).

    python bench/linkage_bound.py var/x [--precision 0.99] [--top 15]

Candidates are those of the current blocking keys plus, for the bound "all true pairs", every true pair
(as if blocking were perfect; the false pairs new keys would bring are not counted, so that bound is more
optimistic still).
"""

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from linkage_loss import load, parser

FIELDS = ("bsn", "dob", "sex", "first", "surname", "address")


def patterns(linkage, scoring, columns, i, j, mu, rarity=None) -> list[tuple]:
    """Per pair its levels, crossed, same initial and (with `rarity`, per encoding a tuple of how common
    its first name, birth date and surname are: 0 rare, 1, 2 common) the rarity of the agreeing values."""
    levels = scoring.pair_levels(columns, i, j, mu)
    names = {f: list(linkage.DEFAULT_MU[f]) for f in FIELDS}
    out = []
    for k in range(len(i)):
        row = tuple(names[f][levels[f][k]] for f in FIELDS)
        tf = ()
        if rarity is not None:
            r = rarity[int(i[k])]
            tf = (
                r[0] if row[3] == "exact" and not levels["crossed"][k] else -1,
                r[1] if row[1] == "agree" else -1,
                r[2] if row[4] == "exact" and not levels["crossed"][k] else -1,
            )
        out.append((*row, bool(levels["crossed"][k]), bool(levels["same_initial"][k]), *tf))
    return out


def oracle(counts: dict[tuple, list[int]], precision: float, positives: int) -> tuple[float, float, list]:
    """Accept patterns purest first (then the largest) while precision >= target: (recall, precision,
    rejected patterns that hold true pairs)."""
    order = sorted(counts.items(), key=lambda kv: (-kv[1][0] / (kv[1][0] + kv[1][1]), -kv[1][0]))
    tp = fp = 0
    best = (0.0, 1.0, 0)
    for k, (_, (t, f)) in enumerate(order):
        tp, fp = tp + t, fp + f
        if tp and tp / (tp + fp) >= precision:
            best = (tp / positives, tp / (tp + fp), k + 1)
    rejected = order[best[2] :]
    return best[0], best[1], rejected


def main() -> None:
    ap = parser(__doc__, 15)
    ap.add_argument("--precision", type=float, default=0.99)
    ap.add_argument("--tf", action="store_true", help="also split patterns by how common agreeing values are")
    args = ap.parse_args()
    linkage, _, truth, encodings, mu, _, _ = load(args.data)
    import numpy as np

    from kring.chain.index import scoring

    person = np.array([truth[e.ref][0] for e in encodings])
    household = np.array([truth[e.ref][1] for e in encodings])
    first, second = scoring.candidate_pairs(encodings)
    by_person: dict = {}
    for k, p in enumerate(person.tolist()):
        by_person.setdefault(p, []).append(k)
    true_i, true_j = [], []
    for group in by_person.values():
        for x in range(len(group)):
            for y in range(x + 1, len(group)):
                true_i.append(group[x])
                true_j.append(group[y])
    ti, tj = np.array(true_i), np.array(true_j)
    positives = len(ti)
    columns = scoring.columns_of(encodings)
    same = person[first] == person[second]
    fi, fj = first[~same], second[~same]
    rarity = None
    if args.tf:
        counts = [Counter(getattr(e, f) for e in encodings) for f in ("first", "dob", "surname")]
        limits = [sorted(c.values())[len(c) // 2] for c in counts]  # a value's count: below the median of

        def bucket(k: int, value: str) -> int:
            n = counts[k][value]
            return 0 if n <= 2 else (1 if n <= 4 * limits[k] else 2)

        rarity = [
            tuple(bucket(k, getattr(e, f)) for k, f in enumerate(("first", "dob", "surname")))
            for e in encodings
        ]
    false_patterns = patterns(linkage, scoring, columns, fi, fj, mu, rarity)
    sibling = (household[fi] == household[fj]).tolist()
    candidate = set(zip(first[same].tolist(), second[same].tolist(), strict=True))
    true_patterns = patterns(linkage, scoring, columns, ti, tj, mu, rarity)
    is_candidate = [(min(a, b), max(a, b)) in candidate for a, b in zip(true_i, true_j, strict=True)]

    # the matcher itself, at its thresholds (every candidate pair scored)
    tf = linkage.TermFrequencies.of(encodings, mu)
    tfc = scoring.tf_columns(encodings, tf)
    s_true = scoring.score_pairs(columns, first[same], second[same], mu, tfc, tf.size_penalty)
    s_false = scoring.score_pairs(columns, fi, fj, mu, tfc, tf.size_penalty)
    print(f"{args.data}: {len(encodings)} registrations, {positives} true pairs, {len(fi)} false candidates")
    for threshold in (linkage.MATCH_THRESHOLD, 14.0, 12.0, linkage.POSSIBLE_THRESHOLD):
        tp, fp = int((s_true >= threshold).sum()), int((s_false >= threshold).sum())
        print(f"  matcher at {threshold:4.1f}: P {tp / max(tp + fp, 1):.4f} R {tp / positives:.4f}")

    def precise(t: float) -> bool:
        tp = (s_true >= t).sum()
        return tp / max(tp + (s_false >= t).sum(), 1) >= args.precision

    thresholds = [t for t in np.arange(0, 30, 0.25) if precise(t)]
    best = max(thresholds, default=None, key=lambda t: (s_true >= t).sum())
    if best is not None:
        recall = (s_true >= best).sum() / positives
        print(f"  matcher, best threshold at P >= {args.precision}: {best:.2f} R {recall:.4f}")

    for label, use in (("current candidates", is_candidate), ("all true pairs", [True] * positives)):
        counts: dict[tuple, list[int]] = {}
        for p, u in zip(true_patterns, use, strict=True):
            if u:
                counts.setdefault(p, [0, 0])[0] += 1
        for p in false_patterns:
            if p in counts:
                counts[p][1] += 1
            # a pattern with no true pair is never accepted: its false pairs do not matter
        recall, precision, rejected = oracle(counts, args.precision, positives)
        print(f"oracle on levels, {label}: R {recall:.4f} at P {precision:.4f}")
        if label == "all true pairs":
            lost = sum(t for _, (t, _) in rejected)
            print(f"  true pairs it must leave out: {lost} ({lost / positives:.4f}); largest patterns:")
            sib = Counter(p for p, s in zip(false_patterns, sibling, strict=True) if s)
            for p, (t, f) in sorted(rejected, key=lambda kv: -kv[1][0])[: args.top]:
                print(f"    true {t:5d} false {f:5d} (siblings {sib[p]:5d})  {' '.join(map(str, p))}")

    # the twin-like class
    def twin_like(p) -> bool:
        return (
            p[1] in ("agree", "swapped")
            and p[3] in ("disagree", "faint")
            and p[4] in ("exact", "sound", "close", "token", "similar")
            and p[5] in ("agree", "missing")
            and not p[6]
            and p[0] != "agree"
        )

    tw_true = sum(map(twin_like, true_patterns))
    tw_same_sex = sum(1 for p in true_patterns if twin_like(p) and p[2] == "agree")
    tw_false = sum(1 for p, s in zip(false_patterns, sibling, strict=True) if s and twin_like(p))
    tw_false_same_sex = sum(
        1 for p, s in zip(false_patterns, sibling, strict=True) if s and twin_like(p) and p[2] == "agree"
    )
    print(
        f"twin-like (first name clearly different, same birth date, household surname, address agrees or "
        f"missing): true {tw_true} ({tw_true / positives:.4f}; same sex {tw_same_sex}), siblings {tw_false} "
        f"(same sex {tw_false_same_sex})"
    )


if __name__ == "__main__":
    main()
