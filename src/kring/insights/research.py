"""The research export: a pseudonymised extract per study, released after a privacy officer's approval.

- four eyes: requested by a team lead or organisation management, approved by a privacy officer of the same
  organisation who is not the requester (access.insights);
- a key per export: pseudonyms are HMAC-SHA256 of the record's id under that export's own random key, so
  two exports of the same data share no pseudonym and cannot be joined;
- no names, no dates of birth (age in whole years at the start and an age band), no calendar dates (days
  relative to the start of the measure), no free text (the evidence of a judgement stays home);
- k-anonymity on the chosen quasi-identifiers is checked when the officer approves: a group smaller than k
  refuses the release;
- every request, decision and download is in the audit log with the study's purpose.
"""

import csv
import hashlib
import hmac
import io
import secrets
from collections import Counter
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, CharField, F, FloatField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.access.insights import may_decide_export, may_download_export, may_request_export
from kring.accounts.models import Organisation
from kring.audit.models import AuditAction, AuditPurpose
from kring.audit.services import Actor, audit_append
from kring.cases.models import Measure, MeasureKind

from .indicators import (
    AGE_BANDS,
    DAYS_PER_MONTH_WINDOW,
    END_CATEGORIES,
    NOT_REPEAT_BASIS,
    REPEAT_WINDOWS,
    DaysBetween,
    _event_count,
    _new_measure_within,
    age_in_years,
    method_of_measure,
)
from .models import ExportStatus, ProbationEventKind, ResearchExport, RiskAssessment

QUASI_IDENTIFIERS = {
    "age_years": _("age in years at the start"),
    "age_band": _("age band at the start"),
    "gender": _("gender"),
    "measure_kind": _("kind of measure"),
    "method": _("method"),
    "end_category": _("how the measure ended"),
}
NOT_ALLOWED = _("You may not do this for this organisation.")
UNKNOWN_QUASI_IDENTIFIER = _("Unknown quasi-identifier: %(name)s.")
PERIOD_REVERSED = _("The end of the period lies before its start.")
NOT_WAITING = _("This export has already been decided.")
K_ANONYMITY_FAILED = _(
    "Not released: a group of %(smallest)s people shares the same %(identifiers)s, fewer than k = %(k)s. "
    "Choose fewer or coarser quasi-identifiers (e.g. the age band instead of the age)."
)
NO_ROWS = _("The export would be empty: no ended measures in this period.")
UNKNOWN_KIND = _("Unknown kind of measure: %(kind)s.")

# The data dictionary: column, type, meaning. The file has exactly these columns, in this order.
DICTIONARY = [
    ("young_person", "text", _("pseudonym of the young person (this export only)")),
    ("measure", "text", _("pseudonym of the measure (this export only)")),
    ("measure_kind", "text", _("kind of measure (legal frame)")),
    ("method", "text", _("method: signs_of_safety, signs_of_success, regular, other, unlabelled")),
    ("gender", "text", _("gender as recorded")),
    ("age_years", "integer", _("age in whole years at the start of the measure")),
    ("age_band", "text", _("age band at the start: 0-11, 12-15, 16-17, 18+")),
    ("planned_end_day", "integer", _("planned end, in days after the start (day 0)")),
    ("end_day", "integer", _("actual end, in days after the start")),
    ("end_reason", "text", _("end reason as recorded")),
    ("end_category", "text", _("as_planned, early_positive, escalated, transferred, other")),
    ("risk_first", "number", _("sum of dynamic risk-factor scores at the first assessment in the measure")),
    ("risk_first_day", "integer", _("day of the first assessment, after the start")),
    ("risk_last", "number", _("sum of dynamic risk-factor scores at the last assessment")),
    ("risk_last_day", "integer", _("day of the last assessment, after the start")),
    ("goal_realisation", "integer", _("goal realisation judged at the end, 1-5")),
    ("help_accepted", "integer", _("acceptance of necessary help judged at the end, 1-5")),
    ("warning_talks", "integer", _("number of warning talks")),
    ("reports_back", "integer", _("number of reports back")),
    ("new_measure_12m", "boolean", _("new measure within 12 months of the end (empty: not yet observable)")),
    ("new_measure_24m", "boolean", _("new measure within 24 months of the end (empty: not yet observable)")),
]
COLUMNS = [name for name, _type, _meaning in DICTIONARY]


def _actor(user: Any) -> Actor:
    return Actor.for_user(user)


def export_request(
    *,
    actor: Any,
    organisation: Organisation,
    title: str,
    purpose: str,
    period_start: date,
    period_end: date,
    quasi_identifiers: list[str],
    k: int = 5,
    measure_kinds: list[str] | None = None,
) -> ResearchExport:
    if not may_request_export(actor, organisation):
        raise PermissionDenied(NOT_ALLOWED)
    for name in quasi_identifiers:
        if name not in QUASI_IDENTIFIERS:
            raise ValidationError({"quasi_identifiers": UNKNOWN_QUASI_IDENTIFIER % {"name": name}})
    for kind in measure_kinds or []:
        if kind not in MeasureKind.values:
            raise ValidationError({"measure_kinds": UNKNOWN_KIND % {"kind": kind}})
    if period_end < period_start:
        raise ValidationError({"period_end": PERIOD_REVERSED})
    with transaction.atomic():
        export = ResearchExport(
            organisation=organisation,
            title=title.strip(),
            purpose=purpose.strip(),
            period_start=period_start,
            period_end=period_end,
            quasi_identifiers=list(dict.fromkeys(quasi_identifiers)),
            k=k,
            measure_kinds=list(measure_kinds or []),
            requested_by=actor,
            pseudonym_key=secrets.token_hex(32),
        )
        export.full_clean()
        export.save()
        audit_append(
            actor=_actor(actor),
            action=AuditAction.CREATE,
            purpose=AuditPurpose.OVERSIGHT,
            reason=export.purpose[:500],
            obj=export,
            fields=["title", "purpose", "period_start", "period_end", "quasi_identifiers", "k"],
        )
    return export


def export_decide(*, actor: Any, export: ResearchExport, approve: bool, note: str = "") -> ResearchExport:
    """The privacy officer's decision. Approval runs the k-anonymity check first and refuses on failure."""
    if not may_decide_export(actor, export):
        raise PermissionDenied(NOT_ALLOWED)
    with transaction.atomic():
        export = ResearchExport.objects.select_for_update().get(pk=export.pk)
        if export.status != ExportStatus.REQUESTED:
            raise ValidationError(NOT_WAITING)
        if approve:
            rows = export_rows(export)
            if not rows:
                raise ValidationError(NO_ROWS)
            smallest = smallest_group(rows, export.quasi_identifiers)
            if smallest < export.k:
                raise ValidationError(
                    K_ANONYMITY_FAILED
                    % {
                        "smallest": smallest,
                        "identifiers": ", ".join(str(QUASI_IDENTIFIERS[q]) for q in export.quasi_identifiers),
                        "k": export.k,
                    }
                )
            export.smallest_group, export.row_count = smallest, len(rows)
        export.status = ExportStatus.APPROVED if approve else ExportStatus.REJECTED
        export.decided_by, export.decided_at, export.decision_note = actor, timezone.now(), note.strip()[:300]
        export.save()
        audit_append(
            actor=_actor(actor),
            action=AuditAction.UPDATE,
            purpose=AuditPurpose.OVERSIGHT,
            reason=export.purpose[:500],
            obj=export,
            fields=["status", "decided_by", "decision_note"],
        )
    return export


def smallest_group(rows: list[dict[str, Any]], quasi_identifiers: list[str]) -> int:
    """The size of the smallest group of rows sharing all quasi-identifier values (k of k-anonymity)."""
    if not rows:
        return 0
    if not quasi_identifiers:
        return len(rows)
    return min(Counter(tuple(row[q] for q in quasi_identifiers) for row in rows).values())


def _pseudonym(key: str, kind: str, pk: Any) -> str:
    return hmac.new(bytes.fromhex(key), f"{kind}:{pk}".encode(), hashlib.sha256).hexdigest()[:16]


def _age_band_case(age: Any) -> Case:
    return Case(
        *[
            When(Q(**{"_age__gte": low, "_age__lte": high}), then=Value(band))
            for band, (low, high) in AGE_BANDS.items()
        ],
        default=Value(""),
        output_field=CharField(),
    )


def _end_category_case() -> Case:
    return Case(
        *[When(end_reason__in=reasons, then=Value(category)) for category, reasons in END_CATEGORIES.items()],
        default=Value("other"),
        output_field=CharField(),
    )


def export_rows(export: ResearchExport, *, today: date | None = None) -> list[dict[str, Any]]:
    """The rows of the extract: ended measures of the organisation that started in the period. One query."""
    today = today or timezone.localdate()
    measures = Measure.objects.filter(
        dossier__owning_team__organisation_id=export.organisation_id,
        started_on__gte=export.period_start,
        started_on__lte=export.period_end,
        ended_on__isnull=False,
        ended_on__gte=F("started_on"),
    )
    if export.measure_kinds:
        measures = measures.filter(kind__in=export.measure_kinds)
    first = RiskAssessment.objects.filter(measure_id=OuterRef("pk")).order_by("assessed_on", "pk")
    last = RiskAssessment.objects.filter(measure_id=OuterRef("pk")).order_by("-assessed_on", "-pk")
    repeat = {}
    for months in REPEAT_WINDOWS:
        days = DAYS_PER_MONTH_WINDOW[months]
        observable = Q(ended_on__lte=date.fromordinal(today.toordinal() - days)) & ~Q(
            end_reason__in=NOT_REPEAT_BASIS
        )
        repeat[f"new_measure_{months}m"] = Case(
            When(observable, then=_new_measure_within(days)), default=None, output_field=CharField()
        )
    rows = (
        measures.order_by("pk")
        .annotate(
            _age=age_in_years(F("started_on"), F("child__date_of_birth")),
            age_band=_age_band_case(F("_age")),
            method=method_of_measure(),
            end_category=_end_category_case(),
            planned_end_day=DaysBetween(F("planned_end_on"), F("started_on")),
            end_day=DaysBetween(F("ended_on"), F("started_on")),
            risk_first=Cast(Subquery(first.values("dynamic_total")[:1]), FloatField()),
            risk_first_day=DaysBetween(Subquery(first.values("assessed_on")[:1]), F("started_on")),
            risk_last=Cast(Subquery(last.values("dynamic_total")[:1]), FloatField()),
            risk_last_day=DaysBetween(Subquery(last.values("assessed_on")[:1]), F("started_on")),
            goal_realisation=F("end_judgement__goal_realisation"),
            help_accepted=F("end_judgement__help_accepted"),
            warning_talks=_event_count(ProbationEventKind.WARNING_TALK),
            reports_back=_event_count(ProbationEventKind.REPORT_BACK),
            **repeat,
        )
        .values(
            "pk",
            "child_id",
            "kind",
            "child__gender",
            "_age",
            "age_band",
            "method",
            "planned_end_day",
            "end_day",
            "end_reason",
            "end_category",
            "risk_first",
            "risk_first_day",
            "risk_last",
            "risk_last_day",
            "goal_realisation",
            "help_accepted",
            "warning_talks",
            "reports_back",
            *repeat,
        )
    )
    key = export.pseudonym_key
    out = []
    for row in rows:
        out.append(
            {
                "young_person": _pseudonym(key, "person", row["child_id"]),
                "measure": _pseudonym(key, "measure", row["pk"]),
                "measure_kind": row["kind"],
                "method": row["method"],
                "gender": row["child__gender"],
                "age_years": row["_age"],
                "age_band": row["age_band"],
                "planned_end_day": row["planned_end_day"],
                "end_day": row["end_day"],
                "end_reason": row["end_reason"],
                "end_category": row["end_category"],
                "risk_first": row["risk_first"],
                "risk_first_day": row["risk_first_day"],
                "risk_last": row["risk_last"],
                "risk_last_day": row["risk_last_day"],
                "goal_realisation": row["goal_realisation"],
                "help_accepted": row["help_accepted"],
                "warning_talks": row["warning_talks"],
                "reports_back": row["reports_back"],
                **{name: _bool(row[name]) for name in repeat},
            }
        )
    return out


def _bool(value: Any) -> bool | None:
    if value is None:
        return None
    return str(value).lower() in ("1", "true", "t")


class ExportFormat:
    CSV = "csv"
    XLSX = "xlsx"
    PARQUET = "parquet"
    DICTIONARY = "dictionary"


CONTENT_TYPES = {
    ExportFormat.CSV: "text/csv",
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ExportFormat.PARQUET: "application/vnd.apache.parquet",
    ExportFormat.DICTIONARY: "text/csv",
}


def dictionary_rows() -> list[list[str]]:
    return [["column", "type", "meaning"], *[[n, t, str(m)] for n, t, m in DICTIONARY]]


def render_export(rows: list[dict[str, Any]], fmt: str) -> bytes:
    if fmt == ExportFormat.DICTIONARY:
        buffer = io.StringIO()
        csv.writer(buffer).writerows(dictionary_rows())
        return buffer.getvalue().encode("utf-8-sig")
    if fmt == ExportFormat.CSV:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
        return buffer.getvalue().encode("utf-8")
    if fmt == ExportFormat.XLSX:
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        data = workbook.create_sheet("data")
        data.append(COLUMNS)
        for row in rows:
            data.append([row[c] for c in COLUMNS])
        dictionary = workbook.create_sheet("dictionary")
        for line in dictionary_rows():
            dictionary.append(line)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()
    if fmt == ExportFormat.PARQUET:
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pylist(rows, schema=_arrow_schema(pa))
        table = table.replace_schema_metadata({c: str(m) for c, _t, m in DICTIONARY})
        buffer = io.BytesIO()
        pq.write_table(table, buffer)
        return buffer.getvalue()
    raise ValueError(fmt)


def _arrow_schema(pa: Any) -> Any:
    types = {"text": pa.string(), "integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_()}
    return pa.schema([(name, types[kind]) for name, kind, _m in DICTIONARY])


def export_download(*, actor: Any, export: ResearchExport, fmt: str) -> bytes:
    """The approved extract for its requester, in `fmt`; every download is audited with the purpose."""
    if not may_download_export(actor, export) or fmt not in CONTENT_TYPES:
        raise PermissionDenied(NOT_ALLOWED)
    content = render_export(export_rows(export) if fmt != ExportFormat.DICTIONARY else [], fmt)
    audit_append(
        actor=_actor(actor),
        action=AuditAction.EXPORT,
        purpose=AuditPurpose.OVERSIGHT,
        reason=export.purpose[:500],
        obj=export,
        fields=[fmt],
    )
    return content
