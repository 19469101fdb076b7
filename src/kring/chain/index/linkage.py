"""Privacy-preserving record linkage for the signal index (pure Python, no Django).

Identity is normalised (Dutch particles, case, diacritics, call names such as Daan/Daniël, a Dutch
sound key for spelling variants, postcode format), then encoded — nothing in clear text:
- keyed hashes (BLAKE2b in keyed-MAC mode, 64 bits) of exact identifiers and their parts: BSN, date of birth
  and its year / month / day and day-month swap, sex, postcode and postcode+house number, surname, first name,
  their sound keys and the first name's official form;
- Bloom filters (cryptographic long-term keys, CLK: 512 bits, keyed bigram positions) of first name and
  surname, compared with the Dice coefficient for typos.
Comparisons run on the encodings only. Candidates come from blocking keys (also keyed hashes; an indexed
table in the database, a dict in memory); the score is a Fellegi-Sunter log-likelihood ratio with documented
m/u probabilities (`DEFAULT_MU`, re-estimable with `estimate_weights`) and two vetoes for brothers and
sisters. `link_batch` relinks a whole index (optionally on several processes); `MemoryIndex` answers one
query at a time.
"""

from __future__ import annotations

import gc
import hashlib
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

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
_PARTICLE_WORDS = {w for p in PARTICLES for w in p.split()} | {"t", "in", "op", "uit"}
CLK_BITS = 512
CLK_HASHES = 12
MAC_BYTES = 8

# Dutch call names (roepnamen) and the official given names they stand for: a registration may hold either.
# Compared on the official form. Many call names can stand for one official name.
CALL_NAMES = {
    "daan": "daniel",
    "dani": "daniel",
    "bram": "abraham",
    "thijs": "matthijs",
    "tijs": "matthijs",
    "mathijs": "matthijs",
    "luuk": "lucas",
    "luc": "lucas",
    "teun": "antonius",
    "toon": "antonius",
    "ton": "antonius",
    "stijn": "constantijn",
    "tim": "timotheus",
    "max": "maximiliaan",
    "bas": "sebastiaan",
    "ben": "benjamin",
    "alex": "alexander",
    "sander": "alexander",
    "joost": "justus",
    "sem": "samuel",
    "sam": "samuel",
    "siem": "simon",
    "jaap": "jacobus",
    "koos": "jacobus",
    "job": "jacobus",
    "hans": "johannes",
    "jan": "johannes",
    "johan": "johannes",
    "piet": "petrus",
    "kees": "cornelis",
    "henk": "hendrik",
    "rik": "hendrik",
    "wim": "willem",
    "guus": "augustus",
    "ruud": "rudolf",
    "rob": "robert",
    "bob": "robert",
    "klaas": "nicolaas",
    "niek": "nicolaas",
    "gijs": "gijsbert",
    "mo": "mohammed",
    "lotte": "charlotte",
    "lisa": "elisabeth",
    "liesbeth": "elisabeth",
    "lies": "elisabeth",
    "els": "elisabeth",
    "isa": "isabella",
    "bella": "isabella",
    "noor": "eleonora",
    "nora": "eleonora",
    "fien": "josephine",
    "evi": "eva",
    "roos": "rosalie",
    "floor": "florentina",
    "jet": "henriette",
    "anne": "anna",
    "tess": "theresia",
    "tessa": "theresia",
    "liv": "olivia",
    "mieke": "maria",
    "marieke": "maria",
    "ria": "maria",
    "hanneke": "johanna",
    "hanna": "johanna",
    "sanne": "susanna",
    "suus": "susanna",
    "saar": "sara",
    "wil": "wilhelmina",
    "mina": "wilhelmina",
}
_SOUNDS = (
    ("sch", "s"),
    ("ph", "f"),
    ("ij", "y"),
    ("ei", "y"),
    ("ey", "y"),
    ("ck", "k"),
    ("dt", "t"),
    ("th", "t"),
    ("ch", "g"),
    ("c", "k"),
    ("q", "k"),
    ("z", "s"),
    ("x", "ks"),
)
_VOWELS = str.maketrans({v: "a" for v in "eiouy"})
_NOT_NAME = re.compile(r"[^a-z0-9' ]+")
_NOT_ALNUM = re.compile(r"[^0-9A-Za-z]")
_NOT_DIGIT = re.compile(r"\D")
_POSTCODE = re.compile(r"\d{4}[A-Z]{2}")
_HOUSE_NUMBER = re.compile(r"\s*(\d+)")


def fold(text: str) -> str:
    """Lower case, no diacritics, letters/digits/spaces only, single spaces."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = _NOT_NAME.sub(" ", text.replace("-", " "))
    return " ".join(text.split())


def split_surname(prefix: str, last_name: str) -> tuple[str, str]:
    """(particles, core surname) whatever way they were written: "van der Berg", "Berg, van der",
    prefix "van der" + "Berg" all give ("van der", "berg")."""
    raw = f"{prefix or ''} {last_name or ''}"
    if "," in (last_name or ""):
        core, _, tail = (last_name or "").partition(",")
        raw = f"{prefix or ''} {tail} {core}"
    words = fold(raw).replace("'", "").split()
    particles = [w for w in words if w in _PARTICLE_WORDS]
    core = [w for w in words if w not in _PARTICLE_WORDS]
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


@lru_cache(maxsize=65536)
def sound(name: str) -> str:
    """A Dutch sound key: spelling variants that sound alike (ij/y/ei, c/k, ph/f, sch/s, doubled letters,
    vowel colour, a silent h) give the same key: Mohammed = Muhammed = Mohamed, Janssen = Jansen."""
    s = name.replace(" ", "")
    for a, b in _SOUNDS:
        s = s.replace(a, b)
    s = s.translate(_VOWELS)
    s = s[:1] + s[1:].replace("h", "")
    out = []
    for ch in s:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def official_first_name(first: str) -> str:
    return CALL_NAMES.get(first, first)


def normalise_postcode(postcode: str) -> str:
    code = (postcode or "").replace(" ", "").upper()
    if len(code) == 6 and code[:4].isdigit() and code[4:].isalpha() and code.isascii():
        return code  # the usual forms: "1054 AB", "1054AB", "1054 ab"
    code = _NOT_ALNUM.sub("", code)
    return code if _POSTCODE.fullmatch(code) else ""


def normalise_house_number(house_number: str) -> str:
    house_number = house_number or ""
    if house_number.isdigit() and house_number.isascii():
        return house_number
    match = _HOUSE_NUMBER.match(house_number)
    return match.group(1) if match else ""


def normalise_sex(sex: str) -> str:
    value = (sex or "").strip().upper()[:1]
    return {"M": "m", "V": "f", "F": "f"}.get(value, "")


def bsn_valid(bsn: str) -> bool:
    """The Dutch eleven-test: 9 digits, sum(d_i * (9..2)) - last digit divisible by 11, not all zero."""
    digits = _NOT_DIGIT.sub("", bsn or "")
    if len(digits) == 8:
        digits = "0" + digits
    if len(digits) != 9 or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total % 11 == 0


def _mac(key: bytes, label: str, value: str) -> str:
    """A keyed hash (BLAKE2b keyed MAC) of one labelled value, as 16 hex digits; empty stays empty."""
    if not value:
        return ""
    return hashlib.blake2b(f"{label}:{value}".encode(), key=key[:64], digest_size=MAC_BYTES).hexdigest()


_mac_cached = lru_cache(maxsize=1 << 18)(_mac)
_NO_DOB = ("",) * 5  # for values that repeat (names, dates, years, sexes)
_hmac = _mac  # the name older callers use


@lru_cache(maxsize=1 << 16)
def _gram_bits(key: bytes, gram: str) -> int:
    digest = hashlib.blake2b(gram.encode(), key=key[:64], digest_size=16).digest()
    h1, h2 = int.from_bytes(digest[:8], "big"), int.from_bytes(digest[8:], "big") | 1
    bits = 0
    for k in range(CLK_HASHES):
        bits |= 1 << ((h1 + k * h2) % CLK_BITS)
    return bits


@lru_cache(maxsize=1 << 17)
def clk(key: bytes, *values: str) -> int:
    """A Bloom filter of the bigrams of the values (double hashing on a keyed hash of each bigram), an int."""
    bits = 0
    for value in values:
        padded = f"_{value}_"
        for i in range(len(padded) - 1):
            bits |= _gram_bits(key, padded[i : i + 2])
    return bits


def dice(a: int, b: int) -> float:
    if not a or not b:
        return 0.0
    return 2 * (a & b).bit_count() / (a.bit_count() + b.bit_count())


@dataclass(slots=True)
class Encoded:
    """What the index keeps of an identity: keyed hashes and Bloom filters, no clear text."""

    ref: object = None
    bsn: str = ""
    dob: str = ""
    dob_swapped: str = ""  # the date with day and month swapped (when that is a date)
    dob_year: str = ""
    dob_month: str = ""
    dob_day: str = ""
    sex: str = ""
    postcode: str = ""
    address: str = ""
    surname: str = ""
    surname_sound: str = ""
    surname_clk: int = 0
    surname_letters: str = ""  # the letters in alphabetical order: a transposed pair of letters agrees
    first: str = ""
    first_official: str = ""  # the official given name a call name stands for, as a sound key
    first_official_initial: str = ""
    first_official_start: str = ""  # its first two sounds
    first_initial: str = ""
    first_is_initial: bool = False
    first_clk: int = 0
    first_letters: str = ""
    blocks: list[str] = field(default_factory=list)


@lru_cache(maxsize=1 << 16)
def _first_parts(key: bytes, first_name: str) -> tuple:
    """Everything the index keeps of a first name (cached: first names repeat)."""
    first = normalise_first_name(first_name)
    if not first:
        return ("",) * 5 + (False, 0, "")
    official = sound(official_first_name(first))
    h = _mac_cached
    return (
        h(key, "first", first),
        h(key, "firsto", official),
        h(key, "firsto1", official[:1]),
        h(key, "firsto2", official[:2]),
        h(key, "ini", first[:1]),
        len(first) == 1,
        clk(key, first),
        h(key, "firstl", "".join(sorted(first))) if len(first) > 1 else "",
    )


@lru_cache(maxsize=1 << 16)
def _surname_parts(key: bytes, prefix: str, last_name: str) -> tuple:
    surname = normalise_surname(prefix, last_name)
    if not surname:
        return ("", "", 0, "")
    h = _mac_cached
    return (
        h(key, "sur", surname),
        h(key, "surs", sound(surname)),
        clk(key, surname),
        h(key, "surl", "".join(sorted(surname))),
    )


@lru_cache(maxsize=1 << 15)
def _dob_parts(key: bytes, dob: date) -> tuple:
    h = _mac_cached
    swapped = ""
    if dob.day <= 12 and dob.day != dob.month:
        swapped = h(key, "dob", date(dob.year, dob.day, dob.month).isoformat())
    return (
        h(key, "dob", dob.isoformat()),
        swapped,
        h(key, "year", str(dob.year)),
        h(key, "month", str(dob.month)),
        h(key, "day", str(dob.day)),
    )


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
    sex: str = "",
    ref: object = None,
) -> Encoded:
    if pc := normalise_postcode(postcode):
        hn = normalise_house_number(house_number)
        pc_hash, address = _mac_cached(key, "pc", pc), (_mac(key, "addr", f"{pc}|{hn}") if hn else "")
    else:
        pc_hash = address = ""
    enc = Encoded(
        ref,
        _mac(key, "bsn", _NOT_DIGIT.sub("", bsn).zfill(9)) if bsn and bsn_valid(bsn) else "",
        *(_dob_parts(key, date_of_birth) if date_of_birth else _NO_DOB),
        _mac_cached(key, "sex", normalise_sex(sex)),
        pc_hash,
        address,
        *_surname_parts(key, prefix or "", last_name or ""),
        *_first_parts(key, first_name or ""),
    )
    enc.blocks = blocking_keys(enc)
    return enc


def blocking_keys(enc: Encoded) -> list[str]:
    """Keys under which candidates are looked up (stored in an indexed table). Any shared key makes a
    candidate pair; the score decides. Built from the encodings alone (so they can be rebuilt from what the
    database keeps), each from parts of keyed hashes. Each key survives a different kind of error:

    b  BSN                                   (everything else may differ)
    d  date of birth + surname sound key     (first name variants, initials, moved address); filed under
       the day-month swapped date too, so a swapped date meets the right one
    g  date of birth + official first name   (another surname: the other parent's, a typo)
    m  surname sound + official first name   (no or a wrong birth date)
    y  day and month of birth + surname sound + official first initial   (a typo in the year and an
       initial or another form of the first name)
    a  postcode + house number + official first initial    (no birth date and a surname problem)

    Each key holds a rare part (a date, a surname), so blocks stay small as the index grows."""
    keys = []
    sur, official, initial = enc.surname_sound[:8], enc.first_official[:8], enc.first_official_initial[:6]
    if enc.bsn:
        keys.append("b" + enc.bsn[:16])
    if enc.dob and sur:
        keys.append("d" + enc.dob[:8] + sur)
        if enc.dob_swapped:
            keys.append("d" + enc.dob_swapped[:8] + sur)
    if enc.dob and official:
        keys.append("g" + enc.dob[:8] + official)
    if sur and official:
        keys.append("m" + sur + official)
    if enc.dob and sur and initial:
        keys.append("y" + enc.dob_month[:6] + enc.dob_day[:6] + sur + initial)
    if enc.address and initial:
        keys.append("a" + enc.address[:12] + initial)
    return keys


# Fellegi-Sunter: per comparison, outcome -> (m, u). m = P(outcome | same person), u = P(outcome | different
# persons). Estimated with `estimate_weights` from labelled pairs of an independent data set (the benchmark
# generator with seed 2, not the seed-1 data the benchmark scores), then rounded. Re-estimate from your own
# labelled pairs with `manage.py signal_index_weights`.
DEFAULT_MU: dict[str, dict[str, tuple[float, float]]] = {
    "bsn": {"agree": (0.109, 0.000003), "disagree": (0.00002, 0.1128), "missing": (0.891, 0.8872)},
    "dob": {
        "agree": (0.83, 0.00134),
        "swapped": (0.0215, 0.000095),
        "partial": (0.093, 0.0073),
        "year": (0.0004, 0.0363),
        "disagree": (0.0017, 0.902),
        "missing": (0.054, 0.0529),
    },
    "sex": {"agree": (0.894, 0.4527), "disagree": (0.0095, 0.4532), "missing": (0.0964, 0.0941)},
    "first": {
        "exact": (0.806, 0.0029),
        "official": (0.0743, 0.0024),
        "close": (0.0447, 0.00059),
        "initial": (0.0419, 0.0029),
        "similar": (0.0312, 0.0077),
        "disagree": (0.0019, 0.9835),
    },
    "surname": {
        "exact": (0.8475, 0.00174),
        "sound": (0.061, 0.000385),
        "close": (0.0564, 0.00036),
        "similar": (0.0149, 0.008),
        "disagree": (0.0202, 0.9895),
    },
    "address": {
        "agree": (0.618, 0.00001),
        "postcode": (0.00002, 0.000005),
        "disagree": (0.13, 0.7509),
        "missing": (0.252, 0.2491),
    },
}

MATCH_THRESHOLD = 16.0  # at or above: a match, both professionals are told
POSSIBLE_THRESHOLD = 10.0  # between: "possible match — confirm" for a human
VETO = -20.0


def compare(a: Encoded, b: Encoded) -> dict[str, str]:
    """The outcome of each comparison for a pair."""
    out = {}
    out["bsn"] = "missing" if not (a.bsn and b.bsn) else ("agree" if a.bsn == b.bsn else "disagree")
    out["dob"] = _dob(a, b)
    out["sex"] = "missing" if not (a.sex and b.sex) else ("agree" if a.sex == b.sex else "disagree")
    out["first"] = _first(a, b)
    out["surname"] = _surname(a, b)
    if not (a.postcode and b.postcode):
        out["address"] = "missing"
    elif a.address and a.address == b.address:
        out["address"] = "agree"
    elif a.postcode == b.postcode:
        out["address"] = "postcode"
    else:
        out["address"] = "disagree"
    return out


def _dob(a: Encoded, b: Encoded) -> str:
    if not (a.dob and b.dob):
        return "missing"
    if a.dob == b.dob:
        return "agree"
    if a.dob_swapped and a.dob_swapped == b.dob:
        return "swapped"
    same = (a.dob_year == b.dob_year) + (a.dob_month == b.dob_month) + (a.dob_day == b.dob_day)
    if same == 2:  # one part mistyped, or the year off by one
        return "partial"
    return "year" if a.dob_year == b.dob_year else "disagree"


def _first(a: Encoded, b: Encoded) -> str:
    if not (a.first and b.first):
        return "disagree"
    if a.first == b.first:
        return "exact"
    if a.first_is_initial or b.first_is_initial:
        return "initial" if a.first_initial == b.first_initial else "disagree"
    if a.first_official == b.first_official:
        return "official"
    d = dice(a.first_clk, b.first_clk)
    if d >= 0.75 or (a.first_letters and a.first_letters == b.first_letters):
        return "close"
    return "similar" if d >= 0.5 else "disagree"


def _surname(a: Encoded, b: Encoded) -> str:
    if not (a.surname and b.surname):
        return "disagree"
    if a.surname == b.surname:
        return "exact"
    if a.surname_sound == b.surname_sound:
        return "sound"
    if a.surname_letters == b.surname_letters:
        return "close"
    d = dice(a.surname_clk, b.surname_clk)
    if d >= 0.75:
        return "close"
    return "similar" if d >= 0.5 else "disagree"


def weight(m: float, u: float) -> float:
    return math.log2(max(m, 1e-6) / max(u, 1e-6))


_WEIGHTS: dict[int, tuple[dict, dict]] = {}


def weights(mu: dict | None = None) -> dict[str, dict[str, float]]:
    """log2(m/u) per comparison and outcome (computed once per m/u table)."""
    mu = mu or DEFAULT_MU
    cached = _WEIGHTS.get(id(mu))
    if cached is None or cached[0] is not mu:
        cached = (mu, {name: {v: weight(*p) for v, p in values.items()} for name, values in mu.items()})
        _WEIGHTS[id(mu)] = cached
    return cached[1]


class TermFrequencies:
    """How often each exact value (hash) of surname, first name and birth date occurs in the index, so that
    agreeing on a rare surname counts for more than agreeing on "de Jong" (term-frequency adjustment).

    u(value) = (count + PRIOR * u_avg) / (total + PRIOR): the value's share of the index, pulled towards the
    average u of `DEFAULT_MU` as if PRIOR more registrations had the average share, so that a small index (a
    new installation, a test) weighs as the defaults do and a large one by its own counts."""

    FIELDS = {"surname": ("surname", "exact"), "first": ("first", "exact"), "dob": ("dob", "agree")}
    PRIOR = 10_000
    REFERENCE_SIZE = 100_000  # the thresholds are set for an index of this size (or smaller)

    def __init__(self, counts: dict[str, dict[str, int]], total: int, mu: dict | None = None) -> None:
        self.counts, self.mu = counts, mu or DEFAULT_MU
        self._memo: dict = {}
        self.total = total

    @property
    def total(self) -> int:
        return self._total

    @total.setter
    def total(self, value: int) -> None:
        """Also sets `size_penalty`: log2 of how many times larger than REFERENCE_SIZE the index is. In a
        larger index more other young people share a name or a birth date, so the same evidence is worth
        less: the chance that two registrations picked at random concern one person falls with its size."""
        self._total = value
        self.size_penalty = math.log2(max(value, self.REFERENCE_SIZE) / self.REFERENCE_SIZE)
        self._memo.clear()

    @classmethod
    def of(cls, encodings: Iterable[Encoded], mu: dict | None = None) -> TermFrequencies:
        counts: dict[str, dict[str, int]] = {f: {} for f in cls.FIELDS}
        total = 0
        for enc in encodings:
            total += 1
            for f in cls.FIELDS:
                value = getattr(enc, f)
                if value:
                    table = counts[f]
                    table[value] = table.get(value, 0) + 1
        return cls(counts, total, mu)

    def add(self, enc: Encoded) -> None:
        self.total += 1
        for f in self.FIELDS:
            value = getattr(enc, f)
            if value:
                self.counts[f][value] = self.counts[f].get(value, 0) + 1
        self._memo.clear()

    def u(self, field_name: str, value: str) -> float:
        name, level = self.FIELDS[field_name]
        average = self.mu[name][level][1]
        count = max(self.counts[field_name].get(value, 0), 1)
        return (count + self.PRIOR * average) / (self.total + self.PRIOR)

    def weight(self, field_name: str, value: str) -> float:
        """log2(m / u(value)) for exact agreement on this value (remembered until the counts change)."""
        w = self._memo.get((field_name, value))
        if w is None:
            name, level = self.FIELDS[field_name]
            w = self._memo[(field_name, value)] = weight(self.mu[name][level][0], self.u(field_name, value))
        return w


def score(a: Encoded, b: Encoded, mu: dict | None = None, tf: TermFrequencies | None = None) -> float:
    """The log2 likelihood ratio that a and b are the same young person. With `tf`, exact agreement on
    surname, first name and birth date is weighed by how rare that value is in the index. Vetoes (unless
    the BSN agrees): a clearly different first name is a brother or sister, however much else agrees (even
    the birth date: twins); a clearly different birth date is another young person, however much else
    agrees (the address: brothers and sisters; the name: a common name)."""
    w = weights(mu)
    bsn_agree = bool(a.bsn) and a.bsn == b.bsn
    first = _first(a, b)
    if first == "disagree" and not bsn_agree:
        return VETO
    dob = _dob(a, b)
    if dob in ("disagree", "year") and not bsn_agree:
        return VETO / 2
    surname = _surname(a, b)
    if tf is None:
        total = w["first"][first] + w["dob"][dob] + w["surname"][surname]
    else:
        total = -tf.size_penalty
        total += tf.weight("first", a.first) if first == "exact" else w["first"][first]
        total += tf.weight("dob", a.dob) if dob == "agree" else w["dob"][dob]
        total += tf.weight("surname", a.surname) if surname == "exact" else w["surname"][surname]
    total += w["bsn"]["agree" if bsn_agree else ("disagree" if a.bsn and b.bsn else "missing")]
    total += w["sex"]["missing" if not (a.sex and b.sex) else ("agree" if a.sex == b.sex else "disagree")]
    if not (a.postcode and b.postcode):
        address = "missing"
    elif a.address and a.address == b.address:
        address = "agree"
    else:
        address = "postcode" if a.postcode == b.postcode else "disagree"
    return total + w["address"][address]


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


# --- finding candidates -----------------------------------------------------------------------------------

BLOCK_CAP = 2000  # a block larger than this (a very common key) is not used for candidates


class MemoryIndex:
    """An in-memory blocking index for one query at a time (the database uses the same keys in an indexed
    table)."""

    def __init__(self, mu: dict | None = None) -> None:
        self.blocks: dict[str, list[Encoded]] = {}
        self.mu = mu
        self.tf = TermFrequencies({f: {} for f in TermFrequencies.FIELDS}, 0, mu)

    def add(self, enc: Encoded) -> None:
        for key in enc.blocks:
            self.blocks.setdefault(key, []).append(enc)
        self.tf.add(enc)

    def candidates(self, enc: Encoded, cap: int = BLOCK_CAP) -> list[Encoded]:
        seen: dict[int, Encoded] = {}
        for key in enc.blocks:
            block = self.blocks.get(key, ())
            if len(block) <= cap:
                for other in block:
                    seen[id(other)] = other
        return list(seen.values())

    def query(self, enc: Encoded, threshold: float = POSSIBLE_THRESHOLD) -> list[tuple[Encoded, float]]:
        found = []
        for other in self.candidates(enc):
            if other is enc:
                continue
            s = score(enc, other, self.mu, self.tf)
            if s >= threshold:
                found.append((other, s))
        return sorted(found, key=lambda t: -t[1])


# --- batch: relink a whole index --------------------------------------------------------------------------

_BATCH: dict = {}


def _block_table(encodings: Sequence[Encoded]) -> dict[int, object]:
    """hash(block key) -> record index (one) or list of record indices (several)."""
    table: dict[int, object] = {}
    get = table.get
    for i, enc in enumerate(encodings):
        for key in enc.blocks:
            k = hash(key)
            slot = get(k)
            if slot is None:
                table[k] = i
            elif type(slot) is int:
                table[k] = [slot, i]
            else:
                slot.append(i)
    return table


def _link_range(start: int, stop: int) -> list[tuple[int, int, float]]:
    encodings, table, threshold, mu, allowed, tf = (
        _BATCH["encodings"],
        _BATCH["table"],
        _BATCH["threshold"],
        _BATCH["mu"],
        _BATCH["allowed"],
        _BATCH["tf"],
    )
    out = []
    for i in range(start, stop):
        enc = encodings[i]
        seen = set()
        for key in enc.blocks:
            slot = table.get(hash(key))
            if type(slot) is not list or len(slot) > BLOCK_CAP:
                continue  # a key only this record has, or a very common one
            for j in slot:
                if j > i and j not in seen:
                    seen.add(j)
                    other = encodings[j]
                    if allowed is not None and not allowed(enc, other):
                        continue
                    s = score(enc, other, mu, tf)
                    if s >= threshold:
                        out.append((i, j, s))
    return out


def link_batch(
    encodings: Sequence[Encoded],
    *,
    threshold: float = MATCH_THRESHOLD,
    mu: dict | None = None,
    workers: int = 1,
    start: int = 0,
    stop: int | None = None,
    allowed: Callable[[Encoded, Encoded], bool] | None = None,
) -> list[tuple[int, int, float]]:
    """All pairs (i, j, score), i < j, of records `start`..`stop` with any later record that score at or
    above `threshold`. Each pair is found once, by its first record, so a relink can go in ranges of i and
    resume. `allowed(a, b)` can leave pairs out before scoring (e.g. two registrations of one organisation).
    With workers > 1 the ranges are scored in forked processes that share the index."""
    stop = len(encodings) if stop is None else stop
    same = _BATCH.get("encodings") is encodings
    _BATCH.update(
        encodings=encodings,
        table=_BATCH["table"] if same else _block_table(encodings),
        tf=_BATCH["tf"] if same and _BATCH.get("mu") is mu else TermFrequencies.of(encodings, mu),
        threshold=threshold,
        mu=mu,
        allowed=allowed,
    )
    # Everything built so far lives as long as the batch: move it out of the collector's sight, so that it is
    # not walked at every collection (and, in forked workers, not copied page by page by the walk).
    gc.freeze()
    try:
        if workers <= 1 or stop - start < 10000:
            return _link_range(start, stop)
        import multiprocessing

        chunk = max(5000, (stop - start) // (workers * 8))
        ranges = [(i, min(i + chunk, stop)) for i in range(start, stop, chunk)]
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            parts = pool.starmap(_link_range, ranges)
        return [pair for part in parts for pair in part]
    finally:
        gc.unfreeze()


def forget_batch() -> None:
    """Free the batch index held between `link_batch` calls on the same encodings."""
    _BATCH.clear()
