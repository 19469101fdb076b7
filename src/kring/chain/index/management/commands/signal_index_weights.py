"""Estimate the signal-index matcher's m/u weights and store them (MatcherWeights), where the matcher loads
them from: online at once, for existing matches with the next relink (`signal_index_relink`).

- no arguments: EM on the active registrations' stored encodings (no labels, no clear text needed);
- REGISTRATIONS TRUTH: from labelled pairs (the benchmark generator's registrations.csv + truth.csv: every
  true pair plus five times as many random non-pairs);
- --from-file FILE: a table written earlier with --out (checked before it is stored).
--out also writes the table as JSON; --dry-run prints without storing."""

import csv
import json
import random
from collections import defaultdict
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ... import linkage, matching
from ...models import MatcherWeights
from ...services import index_key


def _encode(row: dict) -> linkage.Encoded:
    try:
        dob = date.fromisoformat(row["date_of_birth"]) if row.get("date_of_birth") else None
    except ValueError:
        dob = None
    return linkage.encode(
        index_key(),
        first_name=row["first_name"],
        prefix=row.get("prefix", ""),
        last_name=row["last_name"],
        date_of_birth=dob,
        bsn=row.get("bsn", ""),
        postcode=row.get("postcode", ""),
        house_number=row.get("house_number", ""),
        sex=row.get("sex", ""),
    )


def labelled_pairs(registrations: str, truth: str, limit: int) -> list:
    with open(truth, newline="", encoding="utf-8") as f:
        person = {r["registration_id"]: r["person_id"] for r in csv.DictReader(f)}
    with open(registrations, newline="", encoding="utf-8") as f:
        rows = [r for _, r in zip(range(limit), csv.DictReader(f), strict=False)]
    encs = {r["registration_id"]: _encode(r) for r in rows}
    by_person = defaultdict(list)
    for rid in encs:
        by_person[person[rid]].append(rid)
    pairs = [(encs[a], encs[b], True) for ids in by_person.values() for a in ids for b in ids if a < b]
    rng = random.Random(1)
    ids = list(encs)
    for _ in range(len(pairs) * 5):
        a, b = rng.sample(ids, 2)
        if person[a] != person[b]:
            pairs.append((encs[a], encs[b], False))
    return pairs


class Command(BaseCommand):
    help = (
        "Estimate the signal-index matcher's m/u weights (EM on the index, or labelled pairs) and store them."
    )

    def add_arguments(self, parser):
        parser.add_argument("registrations", nargs="?", help="labelled registrations (CSV)")
        parser.add_argument("truth", nargs="?", help="their truth (CSV: registration_id, person_id)")
        parser.add_argument("--from-file", help="store a table written earlier with --out")
        parser.add_argument("--out", help="also write the table as JSON to this file")
        parser.add_argument("--limit", type=int, default=20000, help="labelled registrations to read")
        parser.add_argument("--dry-run", action="store_true", help="print, do not store")

    def handle(self, registrations, truth, from_file, out, limit, dry_run, **options):
        if bool(registrations) != bool(truth):
            raise CommandError("Give both REGISTRATIONS and TRUTH, or neither.")
        details: dict = {}
        if from_file:
            method, size = MatcherWeights.Method.FILE, 0
            mu = json.loads(Path(from_file).read_text(encoding="utf-8"))
        elif registrations:
            pairs = labelled_pairs(registrations, truth, limit)
            mu, method, size = linkage.estimate_weights(pairs), MatcherWeights.Method.LABELLED, len(pairs)
            details = {"labelled_pairs": len(pairs)}
            self.stdout.write(f"{len(pairs)} labelled pairs")
        else:
            from ... import scoring  # numpy: the index as arrays, no encoding object per registration kept

            rows = matching.active().order_by("pk").values_list(*matching.COLUMNS)
            builder = scoring.BatchBuilder()
            for row in rows.iterator(chunk_size=2000):
                builder.add(matching.from_values(row))
            encodings = builder.build()
            if len(encodings) < 2:
                raise CommandError(
                    "The index holds fewer than two active registrations: nothing to learn from."
                )
            mu, details = linkage.estimate_em(encodings)
            method, size = MatcherWeights.Method.EM, len(encodings)
        try:
            mu = linkage.check_mu(mu)
        except ValueError as error:
            raise CommandError(f"These weights cannot be used: {error}") from error
        text = json.dumps(mu, indent=2)
        self.stdout.write(text)
        if out:
            Path(out).parent.mkdir(parents=True, exist_ok=True)
            Path(out).write_text(text, encoding="utf-8")
            self.stdout.write(f"written to {out}")
        if dry_run:
            return
        stored = matching.store_weights(mu=mu, method=method, registrations=size, details=details)
        self.stdout.write(
            f"stored as version {stored.pk} ({stored.get_method_display()}); "
            "run signal_index_relink to apply it to existing registrations"
        )
