"""The matcher on the database: encodings to and from registration rows, the online lookup (block keys in an
indexed table, term frequencies from indexed columns, the Fellegi-Sunter score of linkage.py) and the batch
relink (all active encodings in memory, linkage.link_batch in ranges, matches written per range)."""

from collections.abc import Callable
from datetime import date
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from kring.audit.models import AuditAction
from kring.audit.services import Actor, audit_append_entries, audit_entry

from . import linkage
from .models import BlockKey, Match, MatcherWeights, MatchStatus, Registration, RelinkRun, Source

# Encoded attribute -> Registration column
ENCODING_COLUMNS = {
    "bsn": "bsn_hash",
    "dob": "dob_hash",
    "dob_swapped": "dob_swapped_hash",
    "dob_year": "dob_year_hash",
    "dob_month": "dob_month_hash",
    "dob_day": "dob_day_hash",
    "sex": "sex_hash",
    "postcode": "postcode_hash",
    "address": "address_hash",
    "surname": "surname_hash",
    "surname_sound": "surname_sound_hash",
    "surname_letters": "surname_letters_hash",
    "first": "first_hash",
    "first_official": "first_official_hash",
    "first_official_initial": "first_official_initial_hash",
    "first_official_start": "first_official_start_hash",
    "first_letters": "first_letters_hash",
    "first_initial": "first_initial_hash",
    "first_is_initial": "first_is_initial",
    "first_clk": "first_clk",
    "surname_clk": "surname_clk",
    "dob_unsure": "dob_unsure",
    "dob_year_near": "dob_year_near_hash",
    "postcode_area": "postcode_area_hash",
    "first_tokens": "first_tokens",
    "surname_tokens": "surname_tokens",
    "name_bands": "name_bands",
    "address_close": "address_close",
}
_BOOLEAN = {"first_is_initial", "dob_unsure"}
COLUMNS = list(ENCODING_COLUMNS.values())
_ATTRS = list(ENCODING_COLUMNS)
_CLK = {"first_clk", "surname_clk"}
SYSTEM = Actor(None, "system")


def fill(reg: Registration, enc: linkage.Encoded) -> None:
    """Store an encoding on a registration (Bloom filters as hex)."""
    for attr, column in ENCODING_COLUMNS.items():
        value = getattr(enc, attr)
        if attr in _CLK:
            value = format(value, "x") if value else ""
        setattr(reg, column, value)


def erase(reg: Registration) -> list[str]:
    """Forget an ended registration's identity: every hash and filter emptied. The changed columns."""
    for column in COLUMNS:
        setattr(reg, column, False if column in ("first_is_initial", "dob_unsure") else "")
    return COLUMNS


def from_values(values: Any, ref: Any = None, *, keys: bool = True) -> linkage.Encoded:
    """An encoding from the COLUMNS of a row, with its blocking keys (unless `keys` is False: to score a
    candidate they are not needed)."""
    enc = linkage.Encoded(ref=ref)
    for attr, value in zip(_ATTRS, values, strict=True):
        if attr in _CLK:
            value = int(value, 16) if value else 0
        elif attr in _BOOLEAN:
            value = bool(value)
        setattr(enc, attr, value)
    if keys:
        enc.blocks = linkage.blocking_keys(enc)
    return enc


def encoded_of(reg: Registration) -> linkage.Encoded:
    return from_values([getattr(reg, column) for column in COLUMNS], ref=reg)


def active(today: date | None = None):
    today = today or timezone.localdate()
    return Registration.objects.filter(ended_on__isnull=True, expires_on__gt=today)


_LOADED: dict = {"pk": None, "mu": None}


def current_weights() -> tuple[int | None, dict | None]:
    """(version, m/u table) the matcher uses: the newest stored MatcherWeights, or (None, None) for
    linkage.DEFAULT_MU. One indexed query; the table is parsed again only when a newer one was stored."""
    row = MatcherWeights.objects.order_by("-pk").values_list("pk", flat=True).first()
    if row is None:
        return None, None
    if _LOADED["pk"] != row:
        mu = MatcherWeights.objects.values_list("mu", flat=True).get(pk=row)
        _LOADED.update(pk=row, mu=linkage.check_mu(mu))
    return _LOADED["pk"], _LOADED["mu"]


def store_weights(
    *, mu: dict, method: str, registrations: int = 0, details: dict | None = None
) -> MatcherWeights:
    """Store a new m/u table (checked first: a table the matcher cannot load is refused with ValueError);
    from now on the matcher uses it. Existing matches change only by a relink."""
    checked = linkage.check_mu(mu)
    return MatcherWeights.objects.create(
        method=method,
        mu={name: {level: list(pair) for level, pair in levels.items()} for name, levels in checked.items()},
        registrations=registrations,
        details=details or {},
    )


def candidate_ids(keys: list[str]) -> set[int]:
    """The registrations that share one of `keys`, leaving out keys whose blocks hold more registrations
    than their cap (linkage.block_cap) (a key that very many share, such as a data-entry default, would only
    bring noise and time). One query, answered from the (key, registration) index alone."""
    if not keys:
        return set()
    by_key: dict[str, list[int]] = {}
    for key, registration_id in BlockKey.objects.filter(key__in=keys).values_list("key", "registration_id"):
        by_key.setdefault(key, []).append(registration_id)
    return {pk for key, block in by_key.items() if len(block) <= linkage.block_cap(key) for pk in block}


def term_frequencies(enc: linkage.Encoded, mu: dict | None = None) -> linkage.TermFrequencies:
    """The counts of this encoding's surname, first name and birth date in the index, and the size of the
    index: one query on three indexed columns and the primary key. The size is the highest registration
    number (ended registrations included, though erased): cheap, and close enough for a share."""
    table = Registration._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT COUNT(*) FROM {table} WHERE surname_hash = %s), "  # noqa: S608 - our table name
            f"(SELECT COUNT(*) FROM {table} WHERE first_hash = %s), "
            f"(SELECT COUNT(*) FROM {table} WHERE dob_hash = %s), "
            f"(SELECT MAX(id) FROM {table})",
            [enc.surname or "-", enc.first or "-", enc.dob or "-"],
        )
        surname, first, dob, size = cursor.fetchone()
    counts = {"surname": {enc.surname: surname}, "first": {enc.first: first}, "dob": {enc.dob: dob}}
    return linkage.TermFrequencies(counts, size or 0, mu)


def find_matches(
    enc: linkage.Encoded,
    *,
    exclude_pk: int | None = None,
    exclude_organisation_id: int | None = None,
    signals_only: bool = False,
    threshold: float = linkage.POSSIBLE_THRESHOLD,
    today: date | None = None,
) -> list[tuple[int, float, str]]:
    """(registration pk, score, class) of the active registrations that share a block key with `enc` and
    score at or above `threshold` (or that a bridge makes a match), best first; the class is "match" or
    "possible" (`linkage.classify`, or "match" for a possible pair with a bridge: `bridged`). One query for
    the candidates (with their encodings), one for the term frequencies (and one each for the weights'
    version and the crowded keys); a possible match with a candidate that could bridge it costs a few more."""
    ids = candidate_ids(enc.blocks)
    if not ids:
        return []
    candidates = active(today).filter(pk__in=ids)
    if exclude_pk is not None:
        candidates = candidates.exclude(pk=exclude_pk)
    if exclude_organisation_id is not None:
        candidates = candidates.exclude(organisation_id=exclude_organisation_id)
    if signals_only:
        candidates = candidates.filter(source=Source.SIGNAL)
    rows = list(candidates.order_by().values_list("pk", "organisation_id", "source", *COLUMNS))
    if not rows:
        return []
    _, mu = current_weights()
    tf = term_frequencies(enc, mu)
    scored = []
    for row in rows:
        other = from_values(row[3:], ref=row[:3], keys=False)
        total = linkage.score(enc, other, mu, tf)
        if total >= min(threshold, linkage.POSSIBLE_THRESHOLD):
            scored.append((other, total))
    through = bridged(enc, scored, mu)
    found = []
    for other, total in scored:
        kind = "match" if other.ref[0] in through else linkage.classify(total)
        if total >= threshold or kind == "match":
            found.append((other.ref[0], total, kind))
    return sorted(found, key=lambda t: -t[1])


def bridged(enc: linkage.Encoded, scored: list[tuple[linkage.Encoded, float]], mu: dict | None) -> set[int]:
    """The candidates whose possible match with `enc` a bridge makes a match (`linkage.bridge`): another
    candidate that matches `enc` at linkage.BRIDGE_LINK or more and this one as strongly, as the relink sees
    them (the two share a block key within its cap, and may be matched: `_pair_allowed`). Usually nothing to
    do: only with a possible match and a strong one among the candidates are the bridges scored, with the
    term frequencies of the bridge's values (one query each) and the sizes of the blocks they share (one)."""
    strong = [(other, total) for other, total in scored if total >= linkage.BRIDGE_LINK]
    possible = [
        other
        for other, total in scored
        if linkage.POSSIBLE_THRESHOLD <= total < linkage.MATCH_THRESHOLD
        and linkage.bridgeable(linkage.compare(enc, other, mu), linkage.weights(mu))
    ]
    if not (strong and possible):
        return set()
    out: set[int] = set()
    for b, _ in strong:
        b.blocks = b.blocks or linkage.blocking_keys(b)
        tf = None
        for c in possible:
            if c.ref[0] in out or not _pair_allowed(b, c):
                continue
            c.blocks = c.blocks or linkage.blocking_keys(c)
            shared = set(b.blocks) & set(c.blocks)
            if not shared or not candidate_ids(sorted(shared)) >= {b.ref[0], c.ref[0]}:
                continue  # the relink would never compare them
            tf = tf or term_frequencies(b, mu)
            if linkage.score(b, c, mu, tf) >= linkage.BRIDGE_LINK:
                out.add(c.ref[0])
    return out


def bridge_open_matches(strong: list[int]) -> list[Match]:
    """Open possible matches (no decision taken) between two of `strong` (registrations a new one matches
    at linkage.BRIDGE_LINK or more) that are `linkage.bridgeable`: made matches (the new registration is
    their bridge, as a relink would find). The changed matches (not audited here)."""
    if len(strong) < 2:
        return []
    matches = list(
        Match.objects.filter(
            status=MatchStatus.POSSIBLE,
            decided_at__isnull=True,
            first_id__in=strong,
            second_id__in=strong,
            score__gte=linkage.POSSIBLE_THRESHOLD,
        )
    )
    if not matches:
        return []
    _, mu = current_weights()
    ids = {pk for m in matches for pk in (m.first_id, m.second_id)}
    encodings = {
        row[0]: from_values(row[1:], keys=False)
        for row in Registration.objects.filter(pk__in=ids).values_list("pk", *COLUMNS)
    }
    changed = []
    for match in matches:
        levels = linkage.compare(encodings[match.first_id], encodings[match.second_id], mu)
        if match.score < linkage.MATCH_THRESHOLD and linkage.bridgeable(levels, linkage.weights(mu)):
            match.status = MatchStatus.MATCH
            changed.append(match)
    Match.objects.bulk_update(changed, ["status"])
    return changed


def store_block_keys(reg: Registration, enc: linkage.Encoded) -> None:
    BlockKey.objects.bulk_create([BlockKey(registration=reg, key=k) for k in enc.blocks])


# --- relinking the whole index ----------------------------------------------------------------------------


def _pair_allowed(a: linkage.Encoded, b: linkage.Encoded) -> bool:
    """As online: only registrations of different organisations, and not two facts (the relink's `allowed`
    is the same rule over arrays)."""
    (_, org_a, source_a), (_, org_b, source_b) = a.ref, b.ref
    return org_a != org_b and (source_a == Source.SIGNAL or source_b == Source.SIGNAL)


def relink(
    *,
    batch_size: int = 5000,
    progress: Callable[[RelinkRun], None] | None = None,
    restart: bool = False,
    workers: int = 1,
    rebuild_keys: bool = False,
) -> RelinkRun:
    """Relink the whole index, resumably: all active encodings are read into memory (as arrays: a
    scoring.Batch, and each registration's organisation and source for the pairs allowed), then the
    registrations are taken in ranges of `batch_size` (by primary key); for each range the pairs with any
    later registration are scored (linkage.link_batch, on `workers` processes, with the newest stored
    weights), new matches are written with their audit entries, open matches whose class changed under new
    weights (match or possible) are updated, and the checkpoint is saved. An interrupted run continues after
    its last range.

    `rebuild_keys` first rewrites the block keys of every active registration from its stored encoding
    (after a change in the blocking)."""
    import numpy as np

    from . import scoring

    run = None if restart else RelinkRun.objects.filter(finished_at__isnull=True).order_by("-pk").first()
    # the index as arrays (scoring.Batch), built as the rows are read: no encoding object per registration
    # is kept, nor the rows
    rows = active().order_by("pk").values_list("pk", "organisation_id", "source", *COLUMNS)
    builder, pks, organisations, signals = scoring.BatchBuilder(), [], [], []
    with transaction.atomic():
        if rebuild_keys:
            BlockKey.objects.filter(registration__in=active()).delete()
        new_keys: list[BlockKey] = []
        for row in rows.iterator(chunk_size=2000):
            enc = from_values(row[3:], ref=row[0])
            builder.add(enc)
            pks.append(row[0])
            organisations.append(row[1])
            signals.append(row[2] == Source.SIGNAL)
            if rebuild_keys:
                new_keys += [BlockKey(registration_id=row[0], key=k) for k in enc.blocks]
                if len(new_keys) >= 5000:
                    BlockKey.objects.bulk_create(new_keys)
                    new_keys = []
        BlockKey.objects.bulk_create(new_keys)
    batch = builder.build()
    pk_of, organisation_of = np.array(pks, dtype=np.int64), np.array(organisations, dtype=np.int64)
    signal_of = np.array(signals, dtype=bool)

    def allowed(i, j):
        """`_pair_allowed` over arrays: only registrations of different organisations, and not two facts."""
        return (organisation_of[i] != organisation_of[j]) & (signal_of[i] | signal_of[j])

    if run is None:
        run = RelinkRun.objects.create(total=len(batch))
    _, mu = current_weights()
    known = {
        (a, b): (pk, status if decided is None else "decided")
        for pk, a, b, status, decided in Match.objects.values_list(
            "pk", "first_id", "second_id", "status", "decided_at"
        )
    }
    start = int(np.searchsorted(pk_of, run.last_registration_id, side="right"))
    try:
        for chunk_start in range(start, len(batch), batch_size):
            chunk_stop = min(chunk_start + batch_size, len(batch))
            pairs = linkage.link_batch(
                batch,
                threshold=linkage.POSSIBLE_THRESHOLD,
                mu=mu,
                start=chunk_start,
                stop=chunk_stop,
                allowed_pairs=allowed,
                workers=workers,
            )
            new, changed = [], []
            for i, j, total in pairs:
                first, second = int(pk_of[i]), int(pk_of[j])  # pk order: i < j
                status = MatchStatus.MATCH if linkage.classify(total) == "match" else MatchStatus.POSSIBLE
                if (first, second) in known:
                    pk, old_status = known[(first, second)]
                    # new weights may turn an open possible match into a match or back; a decision taken
                    # by people (confirmed, agreed, dismissed, ended) stays as it is. A match that now
                    # scores in the possible band keeps its status until the bridges are counted (below):
                    # a bridge may hold it
                    if old_status == MatchStatus.MATCH and status == MatchStatus.POSSIBLE:
                        changed.append(Match(pk=pk, score=total, status=old_status))
                    elif old_status in (MatchStatus.MATCH, MatchStatus.POSSIBLE) and old_status != status:
                        changed.append(Match(pk=pk, score=total, status=status))
                        known[(first, second)] = (pk, status)
                    continue
                known[(first, second)] = (None, status)
                new.append(Match(first_id=first, second_id=second, score=total, status=status))
            with transaction.atomic():
                Match.objects.bulk_create(new)
                Match.objects.bulk_update(changed, ["score", "status"])
                entries = [  # bulk_create sets the primary keys (PostgreSQL, SQLite >= 3.35)
                    audit_entry(actor=SYSTEM, action=AuditAction.CREATE, obj=m, fields=["score", "status"])
                    for m in new
                ] + [
                    audit_entry(actor=SYSTEM, action=AuditAction.UPDATE, obj=m, fields=["score", "status"])
                    for m in changed
                ]
                entries.append(
                    audit_entry(
                        actor=SYSTEM,
                        action=AuditAction.READ,
                        object_ref=("signal_index.relinkrun", str(run.pk)),
                        fields=["match_query"],
                    )
                )
                audit_append_entries(entries)
                run.last_registration_id = int(pk_of[chunk_stop - 1])
                run.done += chunk_stop - chunk_start
                run.matches_found += len(new)
                run.save(update_fields=["last_registration_id", "done", "matches_found"])
            if progress:
                progress(run)
        _bridge_pass(batch, pk_of, mu)
    finally:
        linkage.forget_batch()
    run.finished_at = timezone.now()
    run.save(update_fields=["finished_at"])
    return run


def _bridge_pass(batch: Any, pk_of: Any, mu: dict | None) -> None:
    """After the ranges: every open, undecided match scoring in the possible band is a match when a bridge
    holds it (`linkage.bridge` over the stored matches: what the online path finds when the last of the
    three arrives) and a possible match otherwise. Run at the end of every relink, also a resumed one (the
    stored scores are those of this run's weights). `batch`, `pk_of`: the relink's index (a
    `scoring.Batch`) and the registration pk of each of its rows, in pk order."""
    import numpy as np

    from . import scoring

    def row_of(pk: int) -> int:
        at = int(np.searchsorted(pk_of, pk))
        return at if at < len(pk_of) and int(pk_of[at]) == pk else -1

    rows = []
    for pk, a, b, total, status, decided in Match.objects.exclude(
        status__in=(MatchStatus.DISMISSED, MatchStatus.ENDED)
    ).values_list("pk", "first_id", "second_id", "score", "status", "decided_at"):
        i, j = row_of(a), row_of(b)
        if i >= 0 and j >= 0:  # both registrations still active
            rows.append((pk, i, j, total, status, decided))
    through = linkage.bridge(
        ((i, j, total) for _, i, j, total, _, _ in rows), scoring.compare_rows(batch.columns, mu), mu
    )
    changed = []
    for pk, i, j, total, status, decided in rows:
        if decided is not None or status not in (MatchStatus.MATCH, MatchStatus.POSSIBLE):
            continue
        if linkage.POSSIBLE_THRESHOLD <= total < linkage.MATCH_THRESHOLD:
            should = MatchStatus.MATCH if (i, j) in through else MatchStatus.POSSIBLE
            if should != status:
                changed.append(Match(pk=pk, score=total, status=should))
    if not changed:
        return
    with transaction.atomic():
        Match.objects.bulk_update(changed, ["status"])
        audit_append_entries(
            [audit_entry(actor=SYSTEM, action=AuditAction.UPDATE, obj=m, fields=["status"]) for m in changed]
        )
