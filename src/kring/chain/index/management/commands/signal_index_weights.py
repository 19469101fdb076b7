"""Re-estimate the Fellegi-Sunter m/u weights from labelled pairs (e.g. the benchmark's data):
registrations.csv + truth.csv; every true pair plus as many random non-pairs. Prints and writes JSON."""

import csv
import json
import random
from collections import defaultdict
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand

from ... import linkage
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


class Command(BaseCommand):
    help = "Estimate m/u weights of the signal-index matcher from labelled registrations."

    def add_arguments(self, parser):
        parser.add_argument("registrations")
        parser.add_argument("truth")
        parser.add_argument("--out", default="var/signal_index_weights.json")
        parser.add_argument("--limit", type=int, default=20000)

    def handle(self, registrations, truth, out, limit, **options):
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
        mu = linkage.estimate_weights(pairs)
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_text(json.dumps(mu, indent=2))
        self.stdout.write(json.dumps(mu, indent=2))
        self.stdout.write(f"{len(pairs)} labelled pairs; written to {out}")
