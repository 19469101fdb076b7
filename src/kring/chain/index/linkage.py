"""Privacy-preserving record linkage for the signal index (pure Python, no Django).

Identity is normalised (Dutch particles, case, diacritics, postcode format), then encoded:
- keyed HMAC-SHA256 hashes of exact identifiers (BSN, date of birth, postcode+house number, surname),
- a Bloom filter (cryptographic long-term key, CLK) of the name bigrams for similarity (Dice coefficient).
Comparisons run on the encodings only. The score is a Fellegi-Sunter log-likelihood ratio; the m/u
probabilities below are documented defaults and can be re-estimated (see `estimate_weights`).
"""

from __future__ import annotations

import hashlib
import hmac
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

PARTICLES = (
    "van der",
    "van den",
    "van de",
    "van het",
    "van 't",
    "van",
    "de",
    "der",
    "den",
    "het",
    "'t",
    "ter",
    "ten",
    "te",
    "in 't",
    "in de",
    "op de",
    "op den",
    "uit de",
    "uit den",
    "la",
    "le",
    "du",
    "da",
    "di",
    "el",
    "al",
)
_PARTICLE_WORDS = {w for p in PARTICLES for w in p.split()}
CLK_BITS = 512
CLK_HASHES = 12


def fold(text: str) -> str:
    """Lower case, no diacritics, letters/digits/spaces only, single spaces."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[^a-z0-9' ]+", " ", text.replace("-", " "))
    return " ".join(text.split())


def split_surname(prefix: str, last_name: str) -> tuple[str, str]:
    """(particles, core surname) whatever way they were written: "van der Berg", "Berg, van der",
    prefix "van der" + "Berg" all give ("van der", "berg")."""
    raw = f"{prefix or ''} {last_name or ''}"
    if "," in (last_name or ""):
        core, _, tail = (last_name or "").partition(",")
        raw = f"{prefix or ''} {tail} {core}"
    words = fold(raw).replace("'", "").split()
    particles = [w for w in words if w in _PARTICLE_WORDS | {"t"}]
    core = [w for w in words if w not in _PARTICLE_WORDS | {"t"}]
    if not core:  # a name that is only "particle-like" (e.g. "De"): keep it as the surname
        return "", " ".join(words)
    return " ".join(particles), " ".join(core)


def normalise_surname(prefix: str, last_name: str) -> str:
    """The core surname without particles: particle order and placement do not matter."""
    return split_surname(prefix, last_name)[1].replace(" ", "")


def normalise_first_name(first_name: str) -> str:
    """First given name, folded; initials ("D.") give one letter."""
    words = fold(first_name).replace("'", "").split()
    return words[0] if words else ""


def normalise_postcode(postcode: str) -> str:
    code = re.sub(r"[^0-9A-Za-z]", "", postcode or "").upper()
    return code if re.fullmatch(r"\d{4}[A-Z]{2}", code) else ""


def normalise_house_number(house_number: str) -> str:
    match = re.match(r"\s*(\d+)", house_number or "")
    return match.group(1) if match else ""


def bsn_valid(bsn: str) -> bool:
    """The Dutch eleven-test: 9 digits, sum(d_i * (9..2)) - last digit divisible by 11, not all zero."""
    digits = re.sub(r"\D", "", bsn or "")
    if len(digits) == 8:
        digits = "0" + digits
    if len(digits) != 9 or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total % 11 == 0


def _hmac(key: bytes, label: str, value: str) -> str:
    if not value:
        return ""
    return hmac.new(key, f"{label}:{value}".encode(), hashlib.sha256).hexdigest()[:32]


def clk(key: bytes, *values: str) -> int:
    """A Bloom filter of the bigrams of the values (double hashing with two keyed HMACs) as an int."""
    bits = 0
    for value in values:
        padded = f"_{value}_"
        for i in range(len(padded) - 1):
            gram = padded[i : i + 2].encode()
            h1 = int.from_bytes(hmac.new(key, b"a" + gram, hashlib.sha256).digest()[:8], "big")
            h2 = int.from_bytes(hmac.new(key, b"b" + gram, hashlib.sha256).digest()[:8], "big")
            for k in range(CLK_HASHES):
                bits |= 1 << ((h1 + k * h2) % CLK_BITS)
    return bits


def dice(a: int, b: int) -> float:
    if not a or not b:
        return 0.0
    return 2 * (a & b).bit_count() / (a.bit_count() + b.bit_count())


@dataclass
class Encoded:
    """What the index keeps of an identity: hashes and Bloom filters, no clear text."""

    ref: object = None
    bsn: str = ""
    dob: str = ""
    dob_swapped: str = ""  # hash of the date with day and month swapped (when that is a date)
    dob_year: str = ""
    address: str = ""
    postcode: str = ""
    surname: str = ""
    first_initial: str = ""
    first_is_initial: bool = False
    first_clk: int = 0
    surname_clk: int = 0
    blocks: list[str] = field(default_factory=list)


def encode(
    key: bytes,
    *,
    first_name: str,
    prefix: str = "",
    last_name: str,
    date_of_birth: date | None,
    bsn: str = "",
    postcode: str = "",
    house_number: str = "",
    ref: object = None,
) -> Encoded:
    first = normalise_first_name(first_name)
    surname = normalise_surname(prefix, last_name)
    pc = normalise_postcode(postcode)
    hn = normalise_house_number(house_number)
    enc = Encoded(ref=ref)
    enc.bsn = _hmac(key, "bsn", re.sub(r"\D", "", bsn).zfill(9)) if bsn and bsn_valid(bsn) else ""
    if date_of_birth:
        enc.dob = _hmac(key, "dob", date_of_birth.isoformat())
        enc.dob_year = _hmac(key, "year", str(date_of_birth.year))
        if date_of_birth.day <= 12 and date_of_birth.day != date_of_birth.month:
            try:
                enc.dob_swapped = _hmac(
                    key,
                    "dob",
                    date_of_birth.replace(month=date_of_birth.day, day=date_of_birth.month).isoformat(),
                )
            except ValueError:
                enc.dob_swapped = ""
    enc.postcode = _hmac(key, "pc", pc)
    enc.address = _hmac(key, "addr", f"{pc}|{hn}") if pc and hn else ""
    enc.surname = _hmac(key, "sur", surname)
    enc.first_initial = _hmac(key, "ini", first[:1])
    enc.first_is_initial = len(first) == 1
    enc.first_clk = clk(key, first) if first else 0
    enc.surname_clk = clk(key, surname) if surname else 0
    enc.blocks = blocking_keys(key, enc, first, surname)
    return enc


def blocking_keys(key: bytes, enc: Encoded, first: str, surname: str) -> list[str]:
    """Keys under which candidates are looked up (stored in an indexed table). Any shared key makes a
    candidate pair; the score decides."""
    keys = []
    if enc.bsn:
        keys.append("b" + enc.bsn[:16])
    if enc.dob:
        keys.append("d" + enc.dob[:16])
    if enc.dob_swapped:
        keys.append("d" + enc.dob_swapped[:16])
    if enc.dob_year and surname:
        keys.append("y" + _hmac(key, "ys", f"{surname[:3]}")[:8] + enc.dob_year[:8])
    if enc.address and first:
        keys.append("a" + _hmac(key, "af", f"{first[:1]}")[:8] + enc.address[:8])
    if first and surname:
        keys.append("n" + _hmac(key, "n", f"{first[:2]}|{surname[:4]}")[:16])
    return keys


# Fellegi-Sunter: per comparison, outcome -> (m, u). m = P(outcome | same person), u = P(outcome | different).
# Hand-set defaults; re-estimate from labelled pairs with `manage.py signal_index_weights` (writes JSON).
DEFAULT_MU: dict[str, dict[str, tuple[float, float]]] = {
    "bsn": {"agree": (0.25, 0.00001), "disagree": (0.005, 0.30), "missing": (0.745, 0.69999)},
    "dob": {
        "agree": (0.80, 0.002),
        "swapped": (0.04, 0.0005),
        "year": (0.08, 0.05),
        "disagree": (0.02, 0.9475),
        "missing": (0.06, 0.0),
    },
    "first": {
        "exact": (0.55, 0.01),
        "close": (0.25, 0.02),
        "initial": (0.12, 0.06),
        "disagree": (0.08, 0.91),
    },
    "surname": {"exact": (0.80, 0.005), "close": (0.15, 0.02), "disagree": (0.05, 0.975)},
    "address": {
        "agree": (0.45, 0.002),
        "postcode": (0.05, 0.003),
        "disagree": (0.20, 0.695),
        "missing": (0.30, 0.30),
    },
}


MATCH_THRESHOLD = 12.0  # at or above: a match, both professionals are told
POSSIBLE_THRESHOLD = 6.0  # between: "possible match — confirm" for a human


def compare(a: Encoded, b: Encoded) -> dict[str, str]:
    out = {}
    out["bsn"] = "missing" if not (a.bsn and b.bsn) else ("agree" if a.bsn == b.bsn else "disagree")
    if not (a.dob and b.dob):
        out["dob"] = "missing"
    elif a.dob == b.dob:
        out["dob"] = "agree"
    elif a.dob_swapped and a.dob_swapped == b.dob:
        out["dob"] = "swapped"
    elif a.dob_year == b.dob_year:
        out["dob"] = "year"
    else:
        out["dob"] = "disagree"
    fd = dice(a.first_clk, b.first_clk)
    if a.first_clk and a.first_clk == b.first_clk:
        out["first"] = "exact"
    elif fd >= 0.7:
        out["first"] = "close"
    elif (a.first_is_initial or b.first_is_initial) and a.first_initial == b.first_initial:
        out["first"] = "initial"
    else:
        out["first"] = "disagree"
    sd = dice(a.surname_clk, b.surname_clk)
    out["surname"] = (
        "exact" if a.surname == b.surname and a.surname else ("close" if sd >= 0.7 else "disagree")
    )
    if not (a.postcode and b.postcode):
        out["address"] = "missing"
    elif a.address and a.address == b.address:
        out["address"] = "agree"
    elif a.postcode == b.postcode:
        out["address"] = "postcode"
    else:
        out["address"] = "disagree"
    return out


def weight(m: float, u: float) -> float:
    return math.log2(max(m, 1e-6) / max(u, 1e-6))


def score(a: Encoded, b: Encoded, mu: dict | None = None) -> float:
    mu = mu or DEFAULT_MU
    outcome = compare(a, b)
    total = sum(weight(*mu[name][value]) for name, value in outcome.items())
    # Siblings share surname and address; a clearly different first name AND date of birth is decisive.
    if (
        outcome["first"] == "disagree"
        and outcome["dob"] in ("disagree", "year")
        and outcome["bsn"] != "agree"
    ):
        total = min(total, -10.0)
    # Same (common) name but a clearly different birth date, with nothing else in common: not the same person.
    if outcome["dob"] == "disagree" and outcome["bsn"] != "agree" and outcome["address"] != "agree":
        total = min(total, POSSIBLE_THRESHOLD - 1)
    return total


def classify(total: float, match: float = MATCH_THRESHOLD, possible: float = POSSIBLE_THRESHOLD) -> str:
    if total >= match:
        return "match"
    if total >= possible:
        return "possible"
    return "none"


def estimate_weights(
    pairs: Iterable[tuple[Encoded, Encoded, bool]],
) -> dict[str, dict[str, tuple[float, float]]]:
    """m/u from labelled pairs (same person or not), with add-one smoothing."""
    counts: dict[str, dict[str, list[int]]] = {n: {v: [1, 1] for v in vs} for n, vs in DEFAULT_MU.items()}
    totals = [0, 0]
    for a, b, same in pairs:
        idx = 0 if same else 1
        totals[idx] += 1
        for name, value in compare(a, b).items():
            counts[name][value][idx] += 1
    out = {}
    for name, values in counts.items():
        k = len(values)
        out[name] = {v: ((c[0]) / (totals[0] + k), (c[1]) / (totals[1] + k)) for v, c in values.items()}
    return out


class MemoryIndex:
    """An in-memory blocking index (the benchmark and batch relinking use it; the database uses
    the same keys in an indexed table)."""

    def __init__(self, mu: dict | None = None) -> None:
        self.blocks: dict[str, list[Encoded]] = {}
        self.mu = mu

    def add(self, enc: Encoded) -> None:
        for key in enc.blocks:
            self.blocks.setdefault(key, []).append(enc)

    def candidates(self, enc: Encoded, cap: int = 500) -> list[Encoded]:
        seen: dict[int, Encoded] = {}
        for key in enc.blocks:
            for other in self.blocks.get(key, ())[:cap]:
                seen[id(other)] = other
        return list(seen.values())

    def query(self, enc: Encoded, threshold: float = POSSIBLE_THRESHOLD) -> list[tuple[Encoded, float]]:
        found = []
        for other in self.candidates(enc):
            if other is enc:
                continue
            s = score(enc, other, self.mu)
            if s >= threshold:
                found.append((other, s))
        return sorted(found, key=lambda t: -t[1])
