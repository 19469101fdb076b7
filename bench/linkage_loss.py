"""Where the signal-index matcher loses true pairs: for each true pair of a generated data set, the stage
that lost it (not a candidate, vetoed as twin or sibling, held at "possible" as a household pair, scored
"possible", scored below that) and its error class (which fields differ, from the comparison levels of the
pair's own encodings), with the batch's precision / recall / F1 and sibling false matches at a few
thresholds. Not part of `make bench`; for working on the matcher (docs/signal_index.md, issue 17).

    python ../shared/bench/linkage/generate.py --n 20000 --queries 200 --seed 2 --profile hard --out var/x
    python bench/linkage_loss.py var/x [--top 25] [--workers 2]

Weights are estimated from the index itself (EM, no labels), as the benchmark does; the truth is read only
to score and to sort the losses.
"""

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from linkage import _encode, _evaluate, _linkage, _tuples, blocking_recall


def error_class(levels: dict) -> str:
    """The fields that do not agree, as 'field:level' (agreeing and missing-on-both-sides left out)."""
    parts = []
    for name, good in (("first", "exact"), ("surname", "exact"), ("dob", "agree"), ("address", "agree")):
        if levels[name] != good:
            parts.append(f"{name}:{levels[name]}")
    if levels["crossed"]:
        parts.append("crossed")
    if levels["bsn"] == "agree":
        parts.append("bsn")
    return " ".join(parts) or "all agree"


def stage(linkage, levels: dict, total: float, w: dict) -> str:
    if levels["bsn"] != "agree":
        kind = linkage.sibling(levels, w)
        if kind in ("twin", "sibling"):
            return f"vetoed:{kind}"
        if kind == "household" and total >= linkage.MATCH_THRESHOLD - 0.5:
            return "household:possible"
    if total >= linkage.MATCH_THRESHOLD:
        return "match"
    return "possible" if total >= linkage.POSSIBLE_THRESHOLD else "scored below"


def load(data: Path) -> tuple:
    """(linkage module, evaluate module, truth, encodings, EM weights, encode seconds, EM seconds) of a
    generated data set: what the scripts that study the matcher start from."""
    linkage, evaluate = _linkage(), _evaluate()
    rows = _tuples(data / "registrations.csv")
    truth = evaluate.load_truth(data / "truth.csv")
    t0 = time.perf_counter()
    encodings = [_encode(linkage, row) for row in rows]
    t1 = time.perf_counter()
    mu, _ = linkage.estimate_em(encodings)
    return linkage, evaluate, truth, encodings, mu, t1 - t0, time.perf_counter() - t1


def parser(doc: str | None, top: int) -> argparse.ArgumentParser:
    """The arguments every script that studies the matcher takes: the data set, how many rows to list."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", type=Path)
    ap.add_argument("--top", type=int, default=top)
    return ap


def main() -> None:
    ap = parser(__doc__, 20)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--thresholds", default="", help="extra thresholds to print, comma-separated")
    args = ap.parse_args()
    linkage, evaluate, truth, encodings, mu, encode_s, em_s = load(args.data)
    t2 = time.perf_counter()
    pairs = linkage.link_batch(encodings, threshold=linkage.POSSIBLE_THRESHOLD, workers=args.workers, mu=mu)
    t3 = time.perf_counter()
    print(
        f"{args.data}: {len(encodings)} registrations; encode {encode_s:.1f} s, EM {em_s:.1f} s, "
        f"relink {t3 - t2:.1f} s (threshold {linkage.POSSIBLE_THRESHOLD})"
    )
    from kring.chain.index import scoring

    refs = [enc.ref for enc in encodings]
    print(f"blocking recall {blocking_recall(linkage, scoring.Batch.of(encodings), refs, truth):.4f}")
    bridged = linkage.bridge(pairs, lambda i, j: linkage.compare(encodings[i], encodings[j], mu), mu)
    extra = [float(x) for x in args.thresholds.split(",") if x]
    for threshold in sorted({linkage.MATCH_THRESHOLD, 14.0, 12.0, *extra}, reverse=True):
        for through in (False, True) if threshold == linkage.MATCH_THRESHOLD else (False,):
            q = evaluate.score(
                (
                    (encodings[i].ref, encodings[j].ref)
                    for i, j, s in pairs
                    if s >= threshold or (through and (i, j) in bridged)
                ),
                truth,
                "batch",
            )
            print(
                f"threshold {threshold:4.1f}{' + bridges' if through else ''}: P {q['precision']:.4f} "
                f"R {q['recall']:.4f} F1 {q['f1']:.4f} fp {q['fp']} "
                f"fp_same_household {q['fp_same_household']}"
            )

    # every true pair: candidate or not, then its stage and error class
    sizes: Counter = Counter(key for enc in encodings for key in enc.blocks)
    usable = [{k for k in enc.blocks if sizes[k] <= linkage.block_cap(k)} for enc in encodings]
    tf = linkage.TermFrequencies.of(encodings, mu)
    w = linkage.weights(mu)
    by_person: dict = {}
    for i, enc in enumerate(encodings):
        by_person.setdefault(truth[enc.ref][0], []).append(i)
    stages: Counter = Counter()
    lost: Counter = Counter()
    uncompared: Counter = Counter()  # the stage a pair that never became a candidate would have reached
    for group in by_person.values():
        for x in range(len(group)):
            for y in range(x + 1, len(group)):
                i, j = group[x], group[y]
                a, b = encodings[i], encodings[j]
                levels = linkage.compare(a, b, mu)
                where = stage(linkage, levels, linkage.score_levels(levels, a, mu, tf), w)
                if where == "possible" and (i, j) in bridged:
                    where = "match (bridged)"
                if usable[i].isdisjoint(usable[j]):
                    uncompared[where] += 1
                    where = "not a candidate"
                stages[where] += 1
                if not where.startswith("match"):
                    lost[(where, error_class(levels))] += 1
    total = sum(stages.values())
    print(f"\ntrue pairs {total}; by stage:")
    for where, count in stages.most_common():
        print(f"  {where:22s} {count:6d}  {count / total:.4f}")
    print(
        "not a candidate, by the stage it would have reached if compared: "
        + ", ".join(f"{where} {count}" for where, count in uncompared.most_common())
    )
    print(f"\nlost pairs by stage and error class (top {args.top}):")
    for (where, cls), count in lost.most_common(args.top):
        print(f"  {count:5d}  {where:20s} {cls}")


if __name__ == "__main__":
    main()
