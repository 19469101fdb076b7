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
import itertools
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy and the batch's arrays: imported when a batch runs, not by the online path
    import numpy as np

    from . import scoring

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
# letters that Unicode decomposition does not strip to ASCII (ß is "ss" in German and Dutch spelling)
_LIGATURES = str.maketrans(
    {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "\u0131": "i", "þ": "th"}
)
_NOT_NAME = re.compile(r"[^a-z0-9' ]+")
_NOT_ALNUM = re.compile(r"[^0-9A-Za-z]")
_NOT_DIGIT = re.compile(r"\D")
_POSTCODE = re.compile(r"(?:NL)?(\d{4}[A-Z]{2})")  # "NL-1054 AB": the international form
_BELGIAN_POSTCODE = re.compile(r"(?:B|BE)?([1-9]\d{3})")
_HOUSE_NUMBER = re.compile(r"\s*(\d+)")
TOKEN_HEX = 12  # a name token is kept as 48 bits of its keyed hash
# an address's close variant as 32 bits: two of a record's six fit in one 64-bit word of the batch's rows,
# and an accidental agreement (36 comparisons of a compared pair: about 1 in 10^8 pairs) adds only the
# level's weight to a pair that was a candidate already
ADDRESS_CLOSE_HEX = 8
MAX_TOKENS = 3  # name words kept per field (given names, surname parts)


def fold(text: str) -> str:
    """Lower case, no diacritics (ß as ss), letters/digits/spaces only, single spaces."""
    text = unicodedata.normalize("NFKD", (text or "").lower().translate(_LIGATURES))
    text = "".join(c for c in text if not unicodedata.combining(c))
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


def surname_words(prefix: str, last_name: str) -> list[str]:
    """The words of the core surname: "Jansen-de Vries" gives jansen, vries (a double surname, either part
    of which another registration may hold)."""
    return [w for w in split_surname(prefix, last_name)[1].split() if len(w) > 1][:MAX_TOKENS]


def given_names(first_name: str) -> list[str]:
    """All given names, folded, initials left out ("Daan Johannes" gives daan, johannes)."""
    return [w for w in fold(first_name).replace("'", "").split() if len(w) > 1][:MAX_TOKENS]


def normalise_first_name(first_name: str) -> str:
    """First given name, folded; initials ("D.") give one letter."""
    words = fold(first_name).replace("'", "").split()
    return words[0] if words else ""


@lru_cache(maxsize=65536)
def sound(name: str) -> str:
    """A Dutch sound key: spelling variants that sound alike (ij/y/ei, c/k, ph/f, sch/s, doubled letters,
    vowel colour, a silent h) give the same key: Mohammed = Muhammed = Mohamed, Janssen = Jansen, and an
    umlaut written out sounds as the umlaut (Oeztuerk = Öztürk, Mueller = Müller)."""
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
    """A Dutch postcode ("1054AB", also written "NL-1054 AB") or a Belgian one ("9000", also written
    "B-9000"); else empty."""
    code = (postcode or "").replace(" ", "").upper()
    if len(code) == 6 and code[:4].isdigit() and code[4:].isalpha() and code.isascii():
        return code  # the usual forms: "1054 AB", "1054AB", "1054 ab"
    code = _NOT_ALNUM.sub("", code)
    if dutch := _POSTCODE.fullmatch(code):
        return dutch.group(1)
    belgian = _BELGIAN_POSTCODE.fullmatch(code)
    return belgian.group(1) if belgian else ""


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
_NO_DOB = ("",) * 5 + (False, "")  # for values that repeat (names, dates, years, sexes)
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
    dob_unsure: bool = False  # 1 January: often written when only the year is known
    dob_year_near: str = ""  # keyed hashes of the year before and after (how far apart two years are)
    sex: str = ""
    postcode: str = ""
    postcode_area: str = ""  # the four digits (a Dutch postcode's area, a whole Belgian postcode)
    address: str = ""
    surname: str = ""
    surname_sound: str = ""
    surname_clk: int = 0
    surname_letters: str = ""  # the letters in alphabetical order: a transposed pair of letters agrees
    surname_tokens: str = ""  # sound keys of the surname's words, keyed, space-separated
    first: str = ""
    first_official: str = ""  # the official given name a call name stands for, as a sound key
    first_official_initial: str = ""
    first_official_start: str = ""  # its first two sounds
    first_initial: str = ""
    first_is_initial: bool = False
    first_clk: int = 0
    first_letters: str = ""
    first_tokens: str = ""  # sound keys of every given name (official form), keyed like surname_tokens
    name_bands: str = ""  # min-hash bands of the keyed bigrams of both names together (name_bands)
    # keyed hashes (ADDRESS_CLOSE_HEX digits, space-separated) of the postcode with one character left out,
    # each with the house number: a postcode mistyped in one character (one substituted, added or left out,
    # or two neighbours swapped) at the same house number shares one ("address close")
    address_close: str = ""
    blocks: list[str] = field(default_factory=list)


def _tokens(key: bytes, words: list[str], official: bool) -> str:
    """Keyed sound keys of name words, under one label for given names and surnames alike, so that a given
    name written in the surname field (and the other way round) still agrees."""
    keys = {
        _mac_cached(key, "tok", sound(official_first_name(w) if official else w))[:TOKEN_HEX] for w in words
    }
    return " ".join(sorted(keys))


@lru_cache(maxsize=1 << 16)
def _first_parts(key: bytes, first_name: str) -> tuple:
    """Everything the index keeps of a first name (cached: first names repeat)."""
    first = normalise_first_name(first_name)
    if not first:
        return ("",) * 5 + (False, 0, "", "")
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
        _tokens(key, given_names(first_name), official=True),
    )


@lru_cache(maxsize=1 << 16)
def _surname_parts(key: bytes, prefix: str, last_name: str) -> tuple:
    surname = normalise_surname(prefix, last_name)
    if not surname:
        return ("", "", 0, "", "")
    h = _mac_cached
    return (
        h(key, "sur", surname),
        h(key, "surs", sound(surname)),
        clk(key, surname),
        h(key, "surl", "".join(sorted(surname))),
        _tokens(key, surname_words(prefix, last_name), official=False),
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
        dob.month == 1 and dob.day == 1,
        f"{h(key, 'year', str(dob.year - 1))} {h(key, 'year', str(dob.year + 1))}",
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
        area = _mac_cached(key, "area", pc[:4])
        address_close = _address_close(key, pc, hn) if hn else ""
    else:
        pc_hash = address = area = address_close = ""
    surname = _surname_parts(key, prefix or "", last_name or "")
    first = _first_parts(key, first_name or "")
    enc = Encoded(
        ref,
        _mac(key, "bsn", _NOT_DIGIT.sub("", bsn).zfill(9)) if bsn and bsn_valid(bsn) else "",
        *(_dob_parts(key, date_of_birth) if date_of_birth else _NO_DOB),
        _mac_cached(key, "sex", normalise_sex(sex)),
        pc_hash,
        area,
        address,
        *surname,
        *first,
        _name_bands(
            key,
            " ".join(given_names(first_name or "")),
            " ".join(surname_words(prefix or "", last_name or "")),
        ),
        address_close=address_close,
    )
    enc.blocks = blocking_keys(enc)
    return enc


def _address_close(key: bytes, postcode: str, house_number: str) -> str:
    """Keyed hashes of every one-character deletion of `postcode`, each with `house_number` (Encoded.
    address_close). Two postcodes one substitution, insertion, deletion or swap of neighbours apart have a
    deletion in common ("4879" and "4897" both give "489"); equal postcodes share them all."""
    variants = {postcode[:k] + postcode[k + 1 :] for k in range(len(postcode))}
    return " ".join(sorted(_mac(key, "addrc", f"{v}|{house_number}")[:ADDRESS_CLOSE_HEX] for v in variants))


def blocking_keys(enc: Encoded) -> list[str]:
    """Keys under which candidates are looked up (stored in an indexed table). Any shared key makes a
    candidate pair; the score decides. Built from the encodings alone (so they can be rebuilt from what the
    database keeps), each from parts of keyed hashes. No key depends on one exact field: each survives a
    different kind of error, and a true pair needs only one.

    b  BSN                                          (everything else may differ)
    d  date of birth + surname sound key; g  date of birth + official first name; m  surname sound key +
       official first name                          (the first keys; kept so that registrations encoded
                                                    before the name words were kept still meet new ones)
    t  date of birth + sound key of one name word, of either field, also under the day-month swapped date
                                                    (given and surname swapped, another or no first name,
                                                    a double or other surname, a typo in one name)
    n  sound keys of a given name and a surname word, in either order  (a wrong or no birth date, swapped
                                                    fields)
    y  day and month of birth + surname sound + official first initial   (a typo in the year)
    e  day and month of birth + sound key of one name word, of either field  (the year wrong and a name
                                                    missing, swapped or replaced)
    q, v  year and month / year and day of birth + sound key of one name word, of either field  (one part
                                                    of the date mistyped and a name missing or replaced)
    p  date of birth + postcode area (four digits)  (typos in both names; no first name and another surname)
    r, i  date of birth + the letters of the surname / the given name in alphabetical order  (two letters
                                                    transposed in one name, the other missing or replaced)
    w  year of birth + surname sound key + official first initial  (1 January written for an unknown date,
                                                    or day and month mistyped, with a typo in a name)
    l  date of birth + a min-hash band of both names' keyed bigrams (typos in both names, names swapped)
    j, k  date of birth + a min-hash band of the given name's / the surname's own Bloom filter (one name
                                                    mistyped or cut to an initial, the other replaced or
                                                    mistyped beyond the bands of l)
    f  a surname word + a min-hash band of the given name's Bloom filter  (no or a wrong birth date and
                                                    a typo in the given name)
    s  a given name + a min-hash band of the surname's Bloom filter  (no or a wrong birth date and a
                                                    typo in the surname)
    h  postcode + house number                      (a household: any name and date problem at one address)
    a  postcode + house number + official first initial    (kept for indexes built before "h")

    Each key holds a rare part (a date, a pair of names, an address), so blocks stay small as the index
    grows; a block larger than its cap (`block_cap`: a key shared by very many, e.g. a data-entry default)
    is not used."""
    keys = []
    sur, initial = enc.surname_sound[:8], enc.first_official_initial[:6]
    first_tokens, surname_tokens = enc.first_tokens.split(), enc.surname_tokens.split()
    if enc.bsn:
        keys.append("b" + enc.bsn[:16])
    if enc.dob and sur:
        keys.append("d" + enc.dob[:8] + sur)
    if enc.dob and enc.first_official:
        keys.append("g" + enc.dob[:8] + enc.first_official[:8])
    if sur and enc.first_official:
        keys.append("m" + sur + enc.first_official[:8])
    if enc.dob:
        dates = [enc.dob[:12]] + ([enc.dob_swapped[:12]] if enc.dob_swapped else [])
        for token in sorted(set(first_tokens + surname_tokens)):
            keys += ["t" + d + token for d in dates]
            keys.append("e" + enc.dob_month[:6] + enc.dob_day[:6] + token)
            # one part of the date mistyped (the same year and month, or the same year and day)
            keys.append("q" + enc.dob_year[:6] + enc.dob_month[:6] + token)
            keys.append("v" + enc.dob_year[:6] + enc.dob_day[:6] + token)
        if enc.postcode_area:
            keys.append("p" + enc.dob[:12] + enc.postcode_area[:12])
        if sur and initial:
            keys.append("y" + enc.dob_month[:6] + enc.dob_day[:6] + sur + initial)
            keys.append("w" + enc.dob_year[:8] + sur + initial)
        if enc.surname_letters:
            keys.append("r" + enc.dob[:12] + enc.surname_letters[:12])
        if enc.first_letters:
            keys.append("i" + enc.dob[:12] + enc.first_letters[:12])
        keys += [f"l{enc.dob[:12]}{i}{band}" for i, band in enumerate(enc.name_bands.split())]
        # one name mistyped or cut to an initial and the other replaced, swapped or mistyped: the birth date
        # with a band of either name's own Bloom filter
        keys += [f"j{enc.dob[:12]}{band}" for band in clk_bands(enc.first_clk, *CLK_BANDS_DATED)]
        keys += [f"k{enc.dob[:12]}{band}" for band in clk_bands(enc.surname_clk, *CLK_BANDS_DATED)]
    # no or a wrong birth date and a typo in the given name: a surname word with a band of the given name
    first_bands = clk_bands(enc.first_clk, *CLK_BANDS_UNDATED) if not enc.first_is_initial else ()
    for token in surname_tokens:
        keys += [f"f{token}{band}" for band in first_bands]
    # and the other way round: a given name with a band of the surname's Bloom filter (a typo or a
    # transposition in the surname, no or a wrong birth date)
    surname_bands = clk_bands(enc.surname_clk, *CLK_BANDS_SURNAME)
    for token in first_tokens:
        keys += [f"s{token}{band}" for band in surname_bands]
    for f in first_tokens:
        for s in surname_tokens:
            if f != s:
                keys.append("n" + min(f, s) + max(f, s))
    if enc.address:
        keys.append("h" + enc.address[:16])
        if initial:
            keys.append("a" + enc.address[:12] + initial)
    return keys


# Min-hash bands of one name's Bloom filter (its set bit positions stand for its keyed bigrams, so their
# Jaccard similarity follows the bigrams'): built from the stored filter, so they can be rebuilt for every
# registration without the clear text. (bands, rows): with a birth date, a rare part, 4 bands of 2 rows find
# a name with a third of its bigrams changed (J = 0.5: 0.68); without one, under a surname word, 6 bands of 3
# rows keep unrelated given names of one surname apart (J = 0.1: 0.006). More bands found few more true
# pairs (8 and 6 bands: +0.001 blocking recall at 20,000) for a third more keys.
# Under a given name (key s), a surname's bands have 4 rows: a given name is commoner than a surname word, and
# with 3 rows (as f) unrelated surnames of one common given name met too often (candidates per registration
# +1.7 instead of +0.2 at 20,000, for +0.0004 blocking recall).
CLK_BANDS_DATED, CLK_BANDS_UNDATED, CLK_BANDS_SURNAME = (4, 2), (6, 3), (4, 4)


@lru_cache(maxsize=1)
def _clk_permutations() -> list[list[int]]:
    import random

    rng = random.Random(17)  # public: the positions it permutes are keyed already
    perms = []
    for _ in range(max(b * r for b, r in (CLK_BANDS_DATED, CLK_BANDS_UNDATED, CLK_BANDS_SURNAME))):
        order = list(range(CLK_BITS))
        rng.shuffle(order)
        perms.append(order)
    return perms


@lru_cache(maxsize=1 << 17)
def clk_bands(bits: int, bands: int, rows: int) -> tuple[str, ...]:
    """Locality-sensitive keys of one Bloom filter: `bands` bands of `rows` min-hashes of its set bit
    positions, each as the band number and 8 hex digits."""
    if not bits:
        return ()
    positions = []
    while bits:
        low = bits & -bits
        positions.append(low.bit_length() - 1)
        bits ^= low
    perms = _clk_permutations()
    if bands * rows > len(perms):
        raise ValueError("more min-hashes asked than there are permutations")
    hashes = [min(perm[p] for p in positions) for perm in perms[: bands * rows]]
    out = []
    for i in range(bands):
        part = ":".join(str(h) for h in hashes[i * rows : (i + 1) * rows])
        out.append(f"{i}{hashlib.blake2b(part.encode(), digest_size=4).hexdigest()}")
    return tuple(out)


LSH_BANDS, LSH_ROWS = 8, 2  # min-hash bands over the names' keyed bigrams, each of two min-hashes
_PRIME = (1 << 61) - 1
_LSH_COEFFICIENTS = tuple(
    (1 + (0x9E3779B97F4A7C15 * (k + 1)) % (_PRIME - 1), (0xC2B2AE3D27D4EB4F * (k + 7)) % _PRIME)
    for k in range(LSH_BANDS * LSH_ROWS)
)  # public: the bigrams they permute are keyed hashes already


@lru_cache(maxsize=1 << 16)
def _min_hashes(key: bytes, words: str) -> tuple[int, ...]:
    """One min-hash per (a, b) of _LSH_COEFFICIENTS over the keyed bigram hashes of the words."""
    grams = set()
    for word in words.split():
        padded = f"_{word}_"
        for i in range(len(padded) - 1):
            digest = hashlib.blake2b(padded[i : i + 2].encode(), key=key[:64], digest_size=8).digest()
            grams.add(int.from_bytes(digest, "big"))
    if not grams:
        return (_PRIME,) * (LSH_BANDS * LSH_ROWS)
    return tuple(min((a * g + b) % _PRIME for g in grams) for a, b in _LSH_COEFFICIENTS)


def _name_bands(key: bytes, given: str, surname: str) -> str:
    """Locality-sensitive keys of both names together: min-hashes of the union of the bigrams of the given
    names and the surname words (so the same whichever field holds which name), in LSH_BANDS bands of
    LSH_ROWS. Two spellings share a band with probability 1 - (1 - J^2)^8 for a Jaccard similarity J of
    their bigrams: about 0.9 at J = 0.55 (typos in both names), about 0.01 at J = 0.04 (unrelated
    names). Space-separated, 12 hex digits a band (keyed: they say nothing without the key)."""
    if not (given or surname):
        return ""
    hashes = [min(x, y) for x, y in zip(_min_hashes(key, given), _min_hashes(key, surname), strict=True)]
    bands = []
    for i in range(LSH_BANDS):
        part = ":".join(str(h) for h in hashes[i * LSH_ROWS : (i + 1) * LSH_ROWS])
        bands.append(hashlib.blake2b(part.encode(), digest_size=6).hexdigest())
    return " ".join(bands)


# Fellegi-Sunter: per comparison, level -> (m, u). m = P(level | same person), u = P(level | different
# persons). The defaults were estimated from labelled pairs of an independent data set (the benchmark
# generator, seed 2) and rounded; levels added later start from a judgement and are meant to be re-estimated.
# An installation estimates its own from its index (`manage.py signal_index_weights`, EM, no labels needed)
# and stores them (MatcherWeights); the matcher uses the newest stored table. A "missing" level always weighs
# 0: a field that one side did not record says nothing either way.
DEFAULT_MU: dict[str, dict[str, tuple[float, float]]] = {
    "bsn": {"agree": (0.99, 0.000003), "disagree": (0.01, 0.999997), "missing": (1.0, 1.0)},
    "dob": {
        "agree": (0.83, 0.00134),
        "swapped": (0.0215, 0.000095),
        "partial": (0.09, 0.0073),
        "year1": (0.02, 0.0003),
        "unsure": (0.01, 0.004),
        "year": (0.003, 0.036),
        "near": (0.003, 0.07),
        "disagree": (0.02, 0.88),
        "missing": (1.0, 1.0),
    },
    "sex": {"agree": (0.97, 0.5), "disagree": (0.03, 0.5), "missing": (1.0, 1.0)},
    "first": {
        "exact": (0.79, 0.0029),
        "official": (0.074, 0.0024),
        "close": (0.045, 0.00059),
        "initial": (0.042, 0.0029),
        "token": (0.01, 0.0003),
        "similar": (0.025, 0.0077),
        "faint": (0.01, 0.03),
        "disagree": (0.02, 0.955),
        "missing": (1.0, 1.0),
    },
    "surname": {
        "exact": (0.84, 0.00174),
        "sound": (0.061, 0.000385),
        "close": (0.05, 0.00036),
        "token": (0.01, 0.0001),
        "similar": (0.015, 0.008),
        "disagree": (0.03, 0.99),
        "missing": (1.0, 1.0),
    },
    "address": {
        "agree": (0.80, 0.00001),
        # the same house number, the postcode one character off: a typo, or a neighbouring street (learned)
        "close": (0.02, 0.00005),
        "postcode": (0.01, 0.00001),
        "disagree": (0.19, 0.99998),
        "missing": (1.0, 1.0),
    },
}
COMPARISONS = tuple(DEFAULT_MU)

FAINT_DICE = 0.35  # first names with at least this Dice coefficient are not "clearly different" (sibling)
MATCH_THRESHOLD = 16.0  # at or above: a match, both professionals are told
POSSIBLE_THRESHOLD = 10.0  # between: "possible match — confirm" for a human
VETO = -20.0
_GOOD_NAME = frozenset({"exact", "official", "sound", "close", "token", "initial"})


def check_mu(mu: dict) -> dict[str, dict[str, tuple[float, float]]]:
    """A weight table as the matcher needs it (e.g. read back from JSON): every comparison and level of
    DEFAULT_MU present with 0 <= m, u <= 1, as tuples. Levels it lacks are taken from DEFAULT_MU; an
    unknown comparison or level, or a value out of range, is a ValueError."""
    out = {}
    for name, levels in mu.items():
        if name not in DEFAULT_MU:
            raise ValueError(f"unknown comparison {name!r}")
        for level, pair in levels.items():
            if level not in DEFAULT_MU[name]:
                raise ValueError(f"unknown level {name}.{level}")
            m, u = (float(x) for x in pair)
            if not (0 <= m <= 1 and 0 <= u <= 1):
                raise ValueError(f"{name}.{level}: m and u must lie between 0 and 1")
    for name, defaults in DEFAULT_MU.items():
        given = mu.get(name, {})
        out[name] = {
            level: tuple(float(x) for x in given.get(level, pair)) for level, pair in defaults.items()
        }
    return out


def _dob(a: Encoded, b: Encoded) -> str:
    if not (a.dob and b.dob):
        return "missing"
    if a.dob == b.dob:
        return "agree"
    if a.dob_swapped and a.dob_swapped == b.dob:
        return "swapped"
    same_year = a.dob_year == b.dob_year
    if (a.dob_unsure or b.dob_unsure) and same_year:
        return "unsure"  # 1 January and the same year: only the year is known
    same_month, same_day = a.dob_month == b.dob_month, a.dob_day == b.dob_day
    near = not same_year and b.dob_year in a.dob_year_near.split()
    if same_month and same_day and near:
        return "year1"  # the year off by one
    if same_year and (same_month or same_day):
        return "partial"  # one part mistyped
    if same_year:
        return "year"
    return "near" if near else "disagree"


def _first(a: Encoded, b: Encoded) -> str:
    if not (a.first and b.first):
        return "missing"
    if a.first == b.first:
        return "exact"
    if a.first_is_initial or b.first_is_initial:
        return "initial" if a.first_initial == b.first_initial else "disagree"
    if a.first_official == b.first_official:
        return "official"
    d = dice(a.first_clk, b.first_clk)
    # 0.65: a first name is short, one changed letter (Sasja, Sasha) already costs a third of its bigrams
    if d >= 0.65 or (a.first_letters and a.first_letters == b.first_letters):
        return "close"
    if _share(a.first_tokens, b.first_tokens):
        return "token"  # another of the given names: a second given name used as call name
    if d >= 0.5:
        return "similar"
    # a third of the bigrams in common: two typos in a short name (Robin, Ribn) as often as two names
    return "faint" if d >= FAINT_DICE else "disagree"


def _surname(a: Encoded, b: Encoded) -> str:
    if not (a.surname and b.surname):
        return "missing"
    if a.surname == b.surname:
        return "exact"
    if a.surname_sound == b.surname_sound:
        return "sound"
    if a.surname_letters == b.surname_letters:
        return "close"
    d = dice(a.surname_clk, b.surname_clk)
    if d >= 0.75:
        return "close"
    if _share(a.surname_tokens, b.surname_tokens):
        return "token"  # a double surname and one of its parts
    return "similar" if d >= 0.5 else "disagree"


def _share(a: str, b: str) -> bool:
    """Whether two space-separated lists of hashes of one length (name words, an address's close variants)
    share one (a hash holds no space, so a substring test of each is exact)."""
    if not (a and b):
        return False
    if len(a) == TOKEN_HEX:
        return a in b
    return any(token in b for token in a.split())


def _crossed(x_tokens: str, x_clk: int, y_tokens: str, y_clk: int) -> str:
    """A name of one field against the other field's name: the same word, a close spelling, or not."""
    if not (x_clk and y_clk):
        return "missing"
    if _share(x_tokens, y_tokens):
        return "official"
    d = dice(x_clk, y_clk)
    return "close" if d >= 0.75 else ("similar" if d >= 0.5 else "disagree")


def _address(a: Encoded, b: Encoded) -> str:
    if not (a.postcode and b.postcode):
        return "missing"
    if a.address and a.address == b.address:
        return "agree"
    if a.postcode == b.postcode:
        return "postcode"
    return "close" if _share(a.address_close, b.address_close) else "disagree"


def _names(a: Encoded, b: Encoded, w: dict) -> tuple[str, str, bool]:
    """(first name level, surname level, crossed): straight, or crossed (a's given name against b's
    surname and the other way round) when that agrees better: given and surname written in each other's
    fields."""
    first, surname = _first(a, b), _surname(a, b)
    if first in _GOOD_NAME and surname in _GOOD_NAME:
        return first, surname, False
    cross_surname = _crossed(a.surname_tokens, a.surname_clk, b.first_tokens, b.first_clk)
    if cross_surname not in ("official", "close"):
        return first, surname, False
    cross_first = _crossed(a.first_tokens, a.first_clk, b.surname_tokens, b.surname_clk)
    if cross_first not in _GOOD_NAME:
        return first, surname, False
    cross_surname = "sound" if cross_surname == "official" else cross_surname
    if w["first"][cross_first] + w["surname"][cross_surname] > w["first"][first] + w["surname"][surname]:
        return cross_first, cross_surname, True
    return first, surname, False


def weight(m: float, u: float) -> float:
    return math.log2(max(m, 1e-6) / max(u, 1e-6))


_WEIGHTS: dict[int, tuple[dict, dict]] = {}


def weights(mu: dict | None = None) -> dict[str, dict[str, float]]:
    """log2(m/u) per comparison and level (computed once per m/u table); "missing" always 0."""
    mu = mu or DEFAULT_MU
    cached = _WEIGHTS.get(id(mu))
    if cached is None or cached[0] is not mu:
        table = {
            name: {v: (0.0 if v == "missing" else weight(*p)) for v, p in values.items()}
            for name, values in mu.items()
        }
        # a name that agrees in part never counts against more than one that does not agree at all (an
        # estimate from few pairs can say otherwise)
        for name in ("first", "surname"):
            floor = table[name]["disagree"]
            table[name] = {v: max(x, floor) if v != "missing" else x for v, x in table[name].items()}
        cached = (mu, table)
        _WEIGHTS[id(mu)] = cached
    return cached[1]


class TermFrequencies:
    """How often each exact value (hash) of surname, first name and birth date occurs in the index, so that
    agreeing on a rare surname counts for more than agreeing on "de Jong" (term-frequency adjustment).

    u(value) = (count + PRIOR * u_avg) / (total + PRIOR): the value's share of the index, pulled towards the
    average u of the weight table as if PRIOR more registrations had the average share, so that a small index
    (a new installation, a test) weighs as the table does and a large one by its own counts."""

    FIELDS = {"surname": ("surname", "exact"), "first": ("first", "exact"), "dob": ("dob", "agree")}
    PRIOR = 10_000
    # The thresholds are set for an index of this size (or smaller): at 20,000 registrations MATCH_THRESHOLD
    # gave a precision of 0.994 on the generated data. The prior odds that two registrations concern one young
    # person fall as 1/size, so a larger index needs log2(size / REFERENCE_SIZE) more evidence for the same
    # precision: at 100,000 (hard profile, seed 1) that is 2.3 bits, and precision 0.979 became 0.993 (it
    # was 100,000 before: there the thresholds let through twice the false matches they did at 20,000).
    REFERENCE_SIZE = 20_000

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
    def of(cls, encodings: Sequence[Encoded], mu: dict | None = None) -> TermFrequencies:
        from collections import Counter
        from operator import attrgetter

        counts = {f: dict(Counter(filter(None, map(attrgetter(f), encodings)))) for f in cls.FIELDS}
        return cls(counts, len(encodings), mu)

    def add(self, enc: Encoded) -> None:
        self.total += 1
        for f in self.FIELDS:
            value = getattr(enc, f)
            if value:
                self.counts[f][value] = self.counts[f].get(value, 0) + 1
        self._memo.clear()

    def u(self, field_name: str, value: str) -> float:
        return self.u_of_count(field_name, self.counts[field_name].get(value, 0))

    def u_of_count(self, field_name: str, count: int) -> float:
        """u of a value that `count` registrations of the index hold."""
        name, level = self.FIELDS[field_name]
        average = self.mu[name][level][1]
        return (max(count, 1) + self.PRIOR * average) / (self.total + self.PRIOR)

    def weight_of_count(self, field_name: str, count: int) -> float:
        """`weight` of a value that `count` registrations hold (the batch weighs every value by its count:
        scoring.tf_weights)."""
        name, level = self.FIELDS[field_name]
        return weight(self.mu[name][level][0], self.u_of_count(field_name, count))

    def weight(self, field_name: str, value: str) -> float:
        """log2(m / u(value)) for exact agreement on this value (remembered until the counts change)."""
        w = self._memo.get((field_name, value))
        if w is None:
            name, level = self.FIELDS[field_name]
            w = self._memo[(field_name, value)] = weight(self.mu[name][level][0], self.u(field_name, value))
        return w


def compare(a: Encoded, b: Encoded, mu: dict | None = None) -> dict[str, str]:
    """The level of each comparison for a pair (names compared crossed when that agrees better; then
    "crossed" is True)."""
    first, surname, crossed = _names(a, b, weights(mu))
    return {
        "bsn": "missing" if not (a.bsn and b.bsn) else ("agree" if a.bsn == b.bsn else "disagree"),
        "dob": _dob(a, b),
        "sex": "missing" if not (a.sex and b.sex) else ("agree" if a.sex == b.sex else "disagree"),
        "first": first,
        "surname": surname,
        "address": _address(a, b),
        "crossed": crossed,
        "first_initial": bool(a.first_initial) and a.first_initial == b.first_initial,
    }


_HOUSEHOLD_SURNAME = _GOOD_NAME | {"similar"}
# Within one household the odds that two registrations are one child rather than two are about even, not
# the index-wide odds the match threshold is set for: the child's own identifiers (first name, birth date,
# sex) must give at least about 11:1.
HOUSEHOLD_EVIDENCE = 3.5
# Within one household an agreeing birth date tells one child from another only as far as twins are rare:
# the chance that two children of one family share a birth date is the share of twins among them, not the
# index-wide share of a date (about 1 in 8,000). About 3 % of children in the Netherlands are born twins
# (CBS: 1.7 % of births are multiple births), so among pairs of brothers and sisters a few per cent are twins;
# taken as 5 % (on the side of more caution), the date then weighs at most log2(1 / 0.05) = 4.3 bits in the
# household rule (an upper bound: m <= 1). Without it, a registration without a first name matched its twin
# of the other sex (first name missing, birth date, surname and address agree, sex differs: 9.5 - 4.6 bits).
TWIN_SHARE = 0.05
# One address for the household rule: the same, or the same house number with the postcode one character off
# (a typo of one of them; counting it as another address would let twins with that typo past the rule).
HOUSEHOLD_ADDRESS = ("agree", "close")
_AT_HOME_OR_MISSING = (*HOUSEHOLD_ADDRESS, "missing")
HOUSEHOLD_DOB_WEIGHT = math.log2(1 / TWIN_SHARE)


def sibling(levels: dict, w: dict | None = None) -> str:
    """Positive evidence of two children of one household (brothers, sisters, twins). A household pair
    shares the address and (nearly) the surname; those two then say nothing about which child it is, so the
    child's own identifiers must: first name, birth date and sex together must weigh for the same person.
    "twin": a clearly different first name (level "disagree": under FAINT_DICE of the Bloom-filter bigrams
    in common, no shared sound, letters or given name; or only a faint likeness, "faint", without the same
    sex and initial) with the same birth date, at one address or with the address missing on a side (a
    faint likeness with the same sex and initial: "household"); "sibling": they
    together weigh 0 bits or less; "household": they weigh less than HOUSEHOLD_EVIDENCE bits (a human
    confirms at most); else "". A name that is one of the other side's given names (level "token": a second
    given name used as call name) is not different and never weighs against here. A BSN that agrees
    overrides (checked by the caller)."""
    if levels["surname"] not in _HOUSEHOLD_SURNAME or levels["crossed"]:
        return ""
    first = levels["first"]
    # twins: also when one side has no address (a same-surname, same-birth-date pair with clearly different
    # first names is far likelier two children than one with a replaced first name)
    if levels["dob"] in ("agree", "swapped") and levels["address"] in _AT_HOME_OR_MISSING:
        if first == "faint" and levels["sex"] == "agree" and levels["first_initial"]:
            # two typos in one short name (Robin, Ribn) or twins whose names share a few bigrams and the
            # initial (Mason, Mark): as often one as the other, so a human decides
            return "household"
        if first in ("disagree", "faint"):
            return "twin"
    w = w or weights()
    first_weight = max(w["first"][first], 0.0) if first == "token" else w["first"][first]
    dob_weight = w["dob"][levels["dob"]]
    if levels["dob"] == "agree":
        dob_weight = min(dob_weight, HOUSEHOLD_DOB_WEIGHT)
    own = first_weight + dob_weight + w["sex"][levels["sex"]]
    near_only = own < HOUSEHOLD_EVIDENCE and levels["address"] in _AT_HOME_OR_MISSING
    if first in ("disagree", "faint") and near_only:
        # a clearly different first name and a birth date that is only near: brothers and sisters, with or
        # without the address (a year apart on the same day and month is a birthday, not only a typo)
        return "sibling"
    if levels["address"] not in HOUSEHOLD_ADDRESS:
        return ""
    if own <= 0:
        return "sibling"
    return "household" if own < HOUSEHOLD_EVIDENCE else ""


def score(a: Encoded, b: Encoded, mu: dict | None = None, tf: TermFrequencies | None = None) -> float:
    """The log2 likelihood ratio that a and b are the same young person: the sum of the weights of each
    comparison's level (with `tf`, exact agreement on surname, first name and birth date weighed by how rare
    that value is in the index). A missing field weighs 0; a different first name or birth date is evidence
    against, weighed with the rest. Only positive evidence of brothers and sisters overrides (`sibling`,
    unless the BSN agrees): then VETO."""
    return score_levels(compare(a, b, mu), a, mu, tf)


def score_levels(
    levels: dict, a: Encoded, mu: dict | None = None, tf: TermFrequencies | None = None
) -> float:
    w = weights(mu)
    household = "" if levels["bsn"] == "agree" else sibling(levels, w)
    if household in ("twin", "sibling"):
        return VETO
    first, dob, surname = levels["first"], levels["dob"], levels["surname"]
    if tf is None:
        total = w["first"][first] + w["dob"][dob] + w["surname"][surname]
    else:
        total = -tf.size_penalty
        exact_first = first == "exact" and not levels["crossed"]
        total += tf.weight("first", a.first) if exact_first else w["first"][first]
        total += tf.weight("dob", a.dob) if dob == "agree" else w["dob"][dob]
        exact_surname = surname == "exact" and not levels["crossed"]
        total += tf.weight("surname", a.surname) if exact_surname else w["surname"][surname]
    total += w["bsn"][levels["bsn"]] + w["sex"][levels["sex"]] + w["address"][levels["address"]]
    return min(total, MATCH_THRESHOLD - 0.5) if household else total


# A bridge: a third registration that matches both sides of a possible pair this strongly. At the match
# threshold a pair's posterior odds are about 2:1 (see the thresholds in docs/signal_index.md); 4 bits more
# make them about 32:1, so both links are right about 19 times in 20, and then the possible pair is one person
# (if a is b and b is c, a is c). Weaker links let a bridge carry one false match into the next pair: with
# links at 16 the bridges of the hard profile (100,000, seed 1) brought 93 false matches for 815 true ones,
# at 20 24 for 635.
BRIDGE_LINK = MATCH_THRESHOLD + 4.0


def bridgeable(levels: dict, w: dict | None = None) -> bool:
    """Whether a bridge may turn this possible pair into a match: not when the household rule holds it back
    (`sibling`), nor when a clearly different first name stands under a household surname (two children of
    one family that a bridge — one false match of a brother or sister — would otherwise link). An agreeing
    BSN overrides, as in `score_levels`."""
    if levels["bsn"] == "agree":
        return True
    if sibling(levels, w or weights()):
        return False
    return not (
        levels["first"] in ("disagree", "faint")
        and levels["surname"] in _HOUSEHOLD_SURNAME
        and not levels["crossed"]
    )


def bridge(
    pairs: Iterable[tuple[int, int, float]], levels_of: Callable[[int, int], dict], mu: dict | None = None
) -> set[tuple[int, int]]:
    """The possible pairs (i, j) of `pairs` (scored candidate pairs: (i, j, score), each once) that a bridge
    makes a match: a k with (i, k) and (k, j) both scored at BRIDGE_LINK or more, and the pair `bridgeable`
    (`levels_of(i, j)`: its comparison levels). Transitive evidence weighed, not closed blindly: one bridge
    link at the match threshold is not enough, a pair vetoed as brother, sister or twin or scored below the
    possible threshold is never bridged, and the bridged pair's own score is kept (its class is "match")."""
    import numpy as np

    from . import kernels  # a batch's pairs (a million at 1,000,000 registrations): compiled

    pairs = list(pairs)
    first = np.fromiter((pair[0] for pair in pairs), dtype=np.int64, count=len(pairs))
    second = np.fromiter((pair[1] for pair in pairs), dtype=np.int64, count=len(pairs))
    total = np.fromiter((pair[2] for pair in pairs), dtype=np.float64, count=len(pairs))
    through = kernels.bridged(first, second, total, BRIDGE_LINK, POSSIBLE_THRESHOLD, MATCH_THRESHOLD)
    w = weights(mu)
    out = set()
    for i, j in zip(first[through].tolist(), second[through].tolist(), strict=True):
        if bridgeable(levels_of(i, j), w):
            out.add((i, j))
    return out


def classify(total: float, match: float = MATCH_THRESHOLD, possible: float = POSSIBLE_THRESHOLD) -> str:
    if total >= match:
        return "match"
    if total >= possible:
        return "possible"
    return "none"


def explain(a: Encoded, b: Encoded, mu: dict | None = None) -> list[tuple[str, str]]:
    """(comparison, outcome) for a pair, for the professional who confirms a possible match: per field
    "agreed", "close", "alike" (a little), "missing", "different" (and "crossed" for names written in
    each other's fields),
    never a value of either side."""
    levels = compare(a, b, mu)
    outcome = {
        "agree": "agreed",
        "exact": "agreed",
        "swapped": "close",
        "partial": "close",
        "year1": "close",
        "unsure": "close",
        "official": "close",
        "sound": "close",
        "close": "close",
        "initial": "close",
        "token": "close",
        "postcode": "close",
        "similar": "alike",
        "faint": "alike",
        "year": "different",
        "near": "different",
        "disagree": "different",
        "missing": "missing",
    }
    out = [(name, outcome[levels[name]]) for name in ("surname", "first", "dob", "address", "bsn", "sex")]
    if levels["crossed"]:
        out.append(("names", "crossed"))
    return out


def estimate_weights(
    pairs: Iterable[tuple[Encoded, Encoded, bool]],
) -> dict[str, dict[str, tuple[float, float]]]:
    """m/u from labelled pairs (same person or not), with add-one smoothing; "missing" left out (it weighs 0
    whatever it is)."""
    counts = {n: {v: [1, 1] for v in vs if v != "missing"} for n, vs in DEFAULT_MU.items()}
    for a, b, same in pairs:
        idx = 0 if same else 1
        for name, value in compare(a, b).items():
            if name in counts and value != "missing":
                counts[name][value][idx] += 1
    out = {}
    for name, values in counts.items():
        total_m, total_u = sum(c[0] for c in values.values()), sum(c[1] for c in values.values())
        out[name] = {v: (c[0] / total_m, c[1] / total_u) for v, c in values.items()}
        out[name]["missing"] = (1.0, 1.0)
    return out


def _level_counts(pairs: Iterable[tuple[Encoded, Encoded]], mu: dict | None) -> dict[tuple, int]:
    patterns: dict[tuple, int] = {}
    for a, b in pairs:
        levels = compare(a, b, mu)
        key = tuple(levels[name] for name in COMPARISONS)
        patterns[key] = patterns.get(key, 0) + 1
    return patterns


# EM training sessions, as Splink's: candidate pairs that share a key of one kind, and the comparisons that
# key does not already decide. Pairs that share a birth date and a name word (t) estimate the names, address,
# sex and BSN; pairs that share a given name and a surname (n) estimate the birth date, address, sex and BSN.
# Neither kind gathers whole households (brothers and sisters differ in first name and birth date), which a
# mixture of two classes would otherwise take for "the same person".
EM_SESSIONS = (("t", ("dob",)), ("n", ("first", "surname")))
EM_PRIOR_PAIRS = 20


def _em(
    patterns: dict[tuple, int], m: dict, u: dict, used: list[int], iterations: int
) -> tuple[dict, float, int]:
    """Two-class EM over counted comparison patterns, on the comparisons at positions `used` (missing levels
    left out of the likelihood). Returns (m, share of matches, iterations)."""
    names = [COMPARISONS[k] for k in used]
    start = m
    m = {name: dict(m[name]) for name in names}
    uc = {name: dict(u[name]) for name in names}
    total = sum(patterns.values())
    lam, done = 0.1, 0
    for done in range(1, iterations + 1):  # noqa: B007 - reported
        # a weak prior (EM_PRIOR_PAIRS pairs distributed as the starting table) keeps a rare level's m from
        # collapsing to 0 in a small sample
        m_acc = {name: {v: EM_PRIOR_PAIRS * p for v, p in start[name].items()} for name in names}
        u_acc = {name: {v: EM_PRIOR_PAIRS * p for v, p in u[name].items()} for name in names}
        matched = 0.0
        for pattern, count in patterns.items():
            pm, pu = lam, 1 - lam
            for k, name in zip(used, names, strict=True):
                level = pattern[k]
                if level != "missing":
                    pm *= m[name][level]
                    pu *= uc[name][level]
            p = pm / (pm + pu) if pm + pu > 0 else 0.0
            matched += p * count
            for k, name in zip(used, names, strict=True):
                level = pattern[k]
                if level != "missing":
                    m_acc[name][level] += p * count
                    u_acc[name][level] += (1 - p) * count
        new_m = {name: _shares(levels) for name, levels in m_acc.items()}
        change = max(abs(new_m[k][v] - m[k][v]) for k in m for v in m[k])
        m, uc, lam = new_m, {name: _shares(levels) for name, levels in u_acc.items()}, matched / total
        if change < 1e-5:
            break
    return m, lam, done


def estimate_em(
    encodings: Sequence[Encoded] | scoring.Batch,
    *,
    max_pairs: int = 200_000,
    random_pairs: int = 100_000,
    iterations: int = 40,
    seed: int = 1,
    mu: dict | None = None,
    workers: int = 1,
) -> tuple[dict[str, dict[str, tuple[float, float]]], dict]:
    """Fellegi-Sunter weights learned from an index without labels, as Splink does:
    - u per level from pairs of registrations drawn at random (nearly all concern different persons);
    - m per level by expectation-maximisation in the sessions of EM_SESSIONS: a two-class mixture (same
      person / not) of the comparison levels, independent given the class, missing levels left out of the
      likelihood, started from `mu` (DEFAULT_MU); each comparison's m from the sessions that estimate it
      (averaged).
    With workers > 1 the candidate pairs are found in a forked process meanwhile
    (scoring.start_candidate_pairs).
    Returns (m/u table, facts about the estimation: pairs per session, iterations, share of matches)."""
    import random

    mu = check_mu(mu or DEFAULT_MU)
    if len(encodings) < 2:
        raise ValueError("an index of at least two registrations is needed")
    # Nothing made here is cyclic garbage: no collections meanwhile (each would walk every object of the
    # index, hundreds of thousands, for nothing)
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _estimate_em(encodings, mu, random.Random(seed), max_pairs, random_pairs, iterations, workers)
    finally:
        if enabled:
            gc.enable()


def _estimate_em(encodings, mu, rng, max_pairs, random_pairs, iterations, workers) -> tuple[dict, dict]:
    n = len(encodings)

    from . import scoring  # numpy: the comparisons of many pairs at once

    if workers > 1:
        scoring.start_candidate_pairs(encodings)
    columns = scoring.columns_of(encodings)
    # the numbers `random` drew before: the u estimates (and the matches) stay those of the same seed
    drawn = _randranges(rng, n, 2 * random_pairs)
    first, second = drawn[0::2], drawn[1::2]
    different = first != second
    u_counts = {name: dict.fromkeys(levels, 1.0) for name, levels in mu.items()}
    randoms = scoring.level_patterns(columns, first[different], second[different], mu)
    for pattern, count in randoms.items():
        for name, level in zip(COMPARISONS, pattern, strict=True):
            u_counts[name][level] += count
    u = {name: _shares(counts) for name, counts in u_counts.items()}
    start = {name: _shares({v: p[0] for v, p in levels.items()}) for name, levels in mu.items()}
    estimates: dict[str, list[dict[str, float]]] = {name: [] for name in COMPARISONS}
    info: dict = {"random_pairs": random_pairs, "sessions": []}
    for prefix, fixed in EM_SESSIONS:
        first, second = scoring.candidate_pairs(encodings, prefix)
        if len(first) > max_pairs:  # a random sample of them
            chosen = sorted(rng.sample(range(len(first)), max_pairs))
            first, second = first[chosen], second[chosen]
        patterns = scoring.level_patterns(columns, first, second, mu)
        used = [k for k, name in enumerate(COMPARISONS) if name not in fixed]
        if not patterns:
            continue
        m, lam, done = _em(patterns, start, u, used, iterations)
        for name, levels in m.items():
            estimates[name].append(levels)
        info["sessions"].append({"key": prefix, "pairs": len(first), "iterations": done, "lambda": lam})
    out = {}
    for name in COMPARISONS:
        found = estimates[name] or [start[name]]
        out[name] = {v: (sum(e[v] for e in found) / len(found), u[name][v]) for v in u[name]}
        out[name]["missing"] = (1.0, 1.0)
    return out, info


def _randranges(rng, n: int, count: int):
    """`[rng.randrange(n) for _ in range(count)]` as a numpy array, and `rng` (a random.Random) moved on as
    far as that loop moves it. Both are the Mersenne Twister: numpy's MT19937 takes over rng's state and
    gives the same 32-bit words, and randrange(n) is the top n.bit_length() bits of a word, drawn again
    while not below n (CPython's _randbelow), here for all words at once."""
    import numpy as np

    version, internal, gauss = rng.getstate()
    bits = n.bit_length()
    if version != 3 or not 1 <= bits <= 32:
        return np.fromiter((rng.randrange(n) for _ in range(count)), dtype=np.int64, count=count)

    def generator():
        g = np.random.MT19937()
        key = np.array(internal[:624], dtype=np.uint32)
        g.state = {"bit_generator": "MT19937", "state": {"key": key, "pos": internal[624]}}
        return g

    g, words = generator(), np.zeros(0, dtype=np.uint64)
    values, accepted = words, np.zeros(0, dtype=np.int64)
    while len(accepted) < count:  # each word is kept with probability above 1/2
        words = np.concatenate([words, g.random_raw(2 * (count - len(accepted)) + 64)])
        values = words >> np.uint64(32 - bits)
        accepted = np.flatnonzero(values < n)
    used = int(accepted[count - 1]) + 1 if count else 0
    g = generator()
    g.random_raw(used)
    state = g.state["state"]
    rng.setstate((version, (*state["key"].tolist(), int(state["pos"])), gauss))
    return values[accepted[:count]].astype(np.int64)


def _shares(counts: dict[str, float]) -> dict[str, float]:
    """Counts to shares, leaving "missing" out of the total (and out of the result)."""
    kept = {k: v for k, v in counts.items() if k != "missing"}
    total = sum(kept.values()) or 1.0
    return {k: v / total for k, v in kept.items()}


# --- finding candidates -----------------------------------------------------------------------------------

# A block larger than its cap is not used for candidates: a key that so many registrations share says little
# about any pair of them (a data-entry default date with a common name word, a common pair of names in a
# very large index, min-hash bands on such a date), and would cost quadratic time (the practice of FEBRL and
# of blocking with a maximum block size). Every key holds a rare part, so a normal block is small; a pair
# whose every shared block is capped is not compared (blocking recall). Keys with a min-hash band (j, k, l,
# f, s: "a name alike enough") have a lower cap: unrelated names share a band now and then, so their blocks
# grow with the part they are joined to, and a large one is the sign that that part is not rare here (a
# default date, a very common surname). Without the caps the candidate pairs grew from 4.7 to 17.6 a
# registration between 20,000 and 100,000 registrations, most of them from bands on two default dates that
# hundreds of registrations held; with them 3.1 and 8.5, at 0.0003-0.0006 blocking recall.
BLOCK_CAP = 30
BAND_BLOCK_CAP = 10
BAND_KEYS = frozenset("jklfs")


def block_cap(key: str) -> int:
    """The largest block of this key that makes candidates (BLOCK_CAP, or BAND_BLOCK_CAP for a band key)."""
    return BAND_BLOCK_CAP if key[:1] in BAND_KEYS else BLOCK_CAP


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

    def candidates(self, enc: Encoded) -> list[Encoded]:
        seen: dict[int, Encoded] = {}
        for key in enc.blocks:
            block = self.blocks.get(key, ())
            if len(block) <= block_cap(key):
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


def _block_table(encodings: Sequence[Encoded]) -> dict[str, object]:
    """block key -> record index (one) or list of record indices (several)."""
    table: dict[str, object] = {}
    get = table.get
    for i, enc in enumerate(encodings):
        for key in enc.blocks:
            slot = get(key)
            if slot is None:
                table[key] = i
            elif type(slot) is int:
                table[key] = [slot, i]
            else:
                slot.append(i)
    return table


SCORE_CHUNK = 200_000  # candidate pairs scored at once (numpy arrays of this length)


def _link_range(start: int, stop: int) -> list[tuple[int, int, float]]:
    """The candidate pairs of records start..stop with later records (scoring.candidate_pairs, built once
    per batch), scored with numpy (scoring.py) in chunks of SCORE_CHUNK pairs; those at or above the
    threshold."""
    import numpy as np

    from . import scoring

    encodings, threshold, mu, allowed, allowed_pairs = (
        _BATCH["encodings"],
        _BATCH["threshold"],
        _BATCH["mu"],
        _BATCH["allowed"],
        _BATCH["allowed_pairs"],
    )
    if "pairs" not in _BATCH:
        _BATCH["pairs"] = scoring.candidate_pairs(encodings)
    first, second = _BATCH["pairs"]
    # the bounds as the array's own type: a Python int would have numpy convert the whole array first
    lo, hi = np.searchsorted(first, first.dtype.type(start)), np.searchsorted(first, first.dtype.type(stop))
    out: list[tuple[int, int, float]] = []
    for at in range(lo, hi, SCORE_CHUNK):
        i, j = first[at : min(at + SCORE_CHUNK, hi)], second[at : min(at + SCORE_CHUNK, hi)]
        if allowed is not None:
            pairs = zip(i.tolist(), j.tolist(), strict=True)
            keep = np.array([allowed(encodings[x], encodings[y]) for x, y in pairs], dtype=bool)
            i, j = i[keep], j[keep]
        if allowed_pairs is not None:
            keep = np.asarray(allowed_pairs(i, j), dtype=bool)
            i, j = i[keep], j[keep]
        # only the pairs that could reach the threshold are scored in full (the same scores for those)
        keep, scores = scoring.scores_reaching(
            _BATCH["columns"], i, j, threshold, mu, _BATCH["tf_columns"], _BATCH["penalty"]
        )
        out.extend(zip(i[keep].tolist(), j[keep].tolist(), scores.tolist(), strict=True))
    return out


def _link_range_scalar(start: int, stop: int) -> list[tuple[int, int, float]]:
    """_link_range one pair at a time with `score` (the reference the numpy scoring is tested against; a
    list of encodings only)."""
    if "table" not in _BATCH:
        _BATCH["table"] = _block_table(_BATCH["encodings"])
    if "tf" not in _BATCH:
        _BATCH["tf"] = TermFrequencies.of(_BATCH["encodings"], _BATCH["mu"])
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
            slot = table.get(key)
            if type(slot) is not list or len(slot) > block_cap(key):
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
    encodings: Sequence[Encoded] | scoring.Batch,
    *,
    threshold: float = MATCH_THRESHOLD,
    mu: dict | None = None,
    workers: int = 1,
    start: int = 0,
    stop: int | None = None,
    allowed: Callable[[Encoded, Encoded], bool] | None = None,
    allowed_pairs: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None,
) -> list[tuple[int, int, float]]:
    """All pairs (i, j, score), i < j, of records `start`..`stop` with any later record that score at or
    above `threshold`. Each pair is found once, by its first record, so a relink can go in ranges of i and
    resume. `allowed(a, b)` can leave pairs out before scoring (e.g. two registrations of one organisation);
    `allowed_pairs(i, j)` does so for arrays of record positions at once (a boolean array), and is the one
    a `scoring.Batch` (the index as arrays, no encodings) takes. With workers > 1 the ranges are scored in
    forked processes that share the index."""
    from . import scoring

    if allowed is not None and isinstance(encodings, scoring.Batch):
        raise TypeError("a Batch has no encodings to give `allowed`: use `allowed_pairs`")
    stop = len(encodings) if stop is None else stop
    same = _BATCH.get("encodings") is encodings
    same_tf = same and _BATCH.get("mu") is mu
    if not same:
        _BATCH.pop("table", None)
        if workers > 1:  # the keys' two halves on two processes (unless the weight estimation found them)
            scoring.start_candidate_pairs(encodings)
        _BATCH["pairs"] = scoring.candidate_pairs(encodings)
    if not same_tf:
        _BATCH.pop("tf", None)
    columns = scoring.columns_of(encodings)
    scoring.packed(columns)  # the rows the forked workers read: made once, here
    # the term frequencies from the columns: each value's count, the weight of each count (the same as
    # TermFrequencies.of(encodings) gives, without reading the strings)
    sizes = TermFrequencies({f: {} for f in TermFrequencies.FIELDS}, len(encodings), mu)
    _BATCH.update(
        encodings=encodings,
        columns=columns,
        penalty=sizes.size_penalty,
        tf_columns=_BATCH["tf_columns"] if same_tf else scoring.tf_weights(columns, sizes),
        threshold=threshold,
        mu=mu,
        allowed=allowed,
        allowed_pairs=allowed_pairs,
    )
    # Everything built so far lives as long as the batch: move it out of the collector's sight, so that it is
    # not walked at every collection (and, in forked workers, not copied page by page by the walk).
    gc.freeze()
    try:
        if workers <= 1 or stop - start < 10000:
            return _link_range(start, stop)
        import multiprocessing

        import numpy as np

        # ranges of about as many candidate pairs each (a record has more later records to pair with the
        # earlier it stands: ranges of as many records would leave one process the heavy end)
        first = _BATCH["pairs"][0]
        at = first.dtype.type  # not a Python int: numpy would convert the whole array first
        lo, hi = int(np.searchsorted(first, at(start))), int(np.searchsorted(first, at(stop)))
        pieces = workers * 8
        inner = (int(first[lo + (hi - lo) * k // pieces]) for k in range(1, pieces)) if hi > lo else ()
        cuts = sorted({start, stop, *inner})
        ranges = list(itertools.pairwise(cuts))
        # the compiled scoring loaded (or compiled, without a cache) here once, not in every worker
        none = first[:0]
        scoring.scores_reaching(
            _BATCH["columns"], none, none, threshold, mu, _BATCH["tf_columns"], _BATCH["penalty"]
        )
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            parts = pool.starmap(_link_range, ranges)
        return [pair for part in parts for pair in part]
    finally:
        gc.unfreeze()


def forget_batch() -> None:
    """Free the batch index held between `link_batch` calls on the same encodings."""
    from . import scoring

    scoring._collect()  # a forked process still finding candidate pairs: waited for
    _BATCH.clear()
    scoring._CACHE.clear()
    scoring._PACKED.clear()
    scoring._PAIRS.clear()
