"""Scaling questions: every participant rates a question 0-10 on a date; trajectories, the gaps between family
and professionals, and the chart.

- Raters are the children of the dossier, its parents, carers and network (participants) — the *family* —
  and the professionals of its circle. `scale_ratings_record` stores the scores of one question on one date
  for several raters at once (a meeting's round), all or nothing.
- `gap_moments` compares, on every date someone scored, the family's average with the professionals' average
  (each rater counted with their latest score up to that date). A gap of at least the threshold is *large*:
  `settings.KRING_SAFETY_SCALE_GAP` (3 points by default); the page lets the reader try another threshold.
- `scale_chart_spec` draws every rater's trajectory (family solid, professionals dashed) with the large gaps
  marked, as a Vega-Lite spec; kring.cases.charts renders it to SVG on the server.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from statistics import mean
from typing import Any

import altair as alt
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from kring.access.policy import Action, Section
from kring.audit.models import AuditAction
from kring.audit.services import audit_append_entries, audit_entry
from kring.cases import charts
from kring.cases.models import CircleMember, Dossier, Participant, Person
from kring.cases.services import authorise

from .mapping import SCALE_RANGE, check_scale
from .models import RaterGroup, ScaleQuestion, ScaleRating
from .services import clean_text

DEFAULT_GAP = 3
NO_SCORES = _("Fill in at least one score.")
CUSTOM_NEEDED = _("Write down your own question.")
UNKNOWN_QUESTION = _("Choose one of the questions.")
NOT_A_RATER = _("Only the children, the family's network and the circle of this dossier can give a score.")
TWICE = _("Each person gives one score per question and date.")
FUTURE = _("A score cannot be given for a day that has not come yet.")
QUESTION_HELP = {
    ScaleQuestion.SAFETY: _(
        "How safe are the children now? 0 = they will surely be harmed again, 10 = safe enough to close."
    ),
    ScaleQuestion.PROGRESS: _(
        "How far are we? 0 = nothing has changed since we started, 10 = we reached what we set out to."
    ),
    ScaleQuestion.WILLINGNESS: _(
        "How willing is this person to do what is needed? 0 = not at all, 10 = completely."
    ),
    ScaleQuestion.CONFIDENCE: _(
        "How confident is this person that it will work? 0 = not at all, 10 = completely."
    ),
    ScaleQuestion.CAPACITY: _(
        "How able is this person to do what is needed? 0 = not at all, 10 = fully able."
    ),
    ScaleQuestion.CUSTOM: _("A question of your own, with what 0 and 10 mean in it."),
}


def gap_threshold() -> int:
    """The gap between family and professionals that counts as large (KRING_SAFETY_SCALE_GAP, default 3)."""
    value = getattr(settings, "KRING_SAFETY_SCALE_GAP", DEFAULT_GAP)
    return value if isinstance(value, int) and 1 <= value <= 10 else DEFAULT_GAP


# --- raters -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rater:
    key: str  # "k<person pk>" for a child, "p<pk>" for a participant, "c<pk>" for a circle member
    name: str
    group: str
    child: Person | None = None
    participant: Participant | None = None
    circle_member: CircleMember | None = None


def dossier_raters(dossier: Dossier) -> list[Rater]:
    """Who may score in this dossier, family first: the children, the current network, the current circle."""
    raters = [
        Rater(f"k{c.pk}", _("%(name)s (child)") % {"name": c.first_name}, RaterGroup.FAMILY, child=c)
        for c in dossier.children.order_by("date_of_birth", "first_name")
    ]
    raters += [
        Rater(f"p{p.pk}", f"{p.person} ({p.relation})", RaterGroup.FAMILY, participant=p)
        for p in Participant.objects.current().filter(dossier=dossier).select_related("person")
    ]
    raters += [
        Rater(
            f"c{c.pk}",
            f"{c.user.get_full_name() or c.user.get_username()} ({c.case_role})",
            RaterGroup.PROFESSIONAL,
            circle_member=c,
        )
        for c in CircleMember.objects.current().filter(dossier=dossier).select_related("user")
    ]
    return raters


def _check_rater(dossier: Dossier, rater: Rater, children: set[int]) -> None:
    ok = (
        (rater.child is not None and rater.child.pk in children)
        or (rater.participant is not None and rater.participant.dossier_id == dossier.pk)
        or (rater.circle_member is not None and rater.circle_member.dossier_id == dossier.pk)
    )
    if not ok:
        raise ValidationError({"rater": NOT_A_RATER})


def question_key(question: str, custom_question: str = "") -> str:
    return f"custom:{custom_question}" if question == ScaleQuestion.CUSTOM else question


def scale_ratings_record(
    *,
    actor: Any,
    dossier: Dossier,
    question: str,
    rated_on: date,
    scores: Sequence[tuple[Rater, int]],
    custom_question: str = "",
    note: str = "",
    evaluation: Any = None,
) -> list[ScaleRating]:
    """Store the scores of several raters on one question and date — all of them, or none when one is wrong
    (a score outside 0-10, someone outside this dossier, a person twice, a date still to come)."""
    who = authorise(actor, Action.EDIT, dossier, Section.SAFETY_PLAN)
    return scale_ratings_write(
        audit_actor=who,
        recorded_by=actor,
        dossier=dossier,
        question=question,
        rated_on=rated_on,
        scores=scores,
        custom_question=custom_question,
        note=note,
        evaluation=evaluation,
    )


def scale_ratings_write(
    *,
    audit_actor: Any,
    recorded_by: Any,
    dossier: Dossier,
    question: str,
    rated_on: date,
    scores: Sequence[tuple[Rater, int]],
    custom_question: str = "",
    note: str = "",
    evaluation: Any = None,
) -> list[ScaleRating]:
    """The write of `scale_ratings_record`, after a policy allowed it: the professionals' (above) or the
    family's (kring.portal.services.family_scale_answer: a family member scores a question put to them)."""
    who = audit_actor
    if question not in ScaleQuestion.values:
        raise ValidationError({"question": UNKNOWN_QUESTION})
    custom_question = (
        clean_text(custom_question, "custom_question", CUSTOM_NEEDED, 300)
        if question == ScaleQuestion.CUSTOM
        else ""
    )
    if not scores:
        raise ValidationError(NO_SCORES)
    if rated_on > timezone.localdate():
        raise ValidationError({"rated_on": FUTURE})
    children = set(dossier.children.values_list("pk", flat=True))
    seen: set[str] = set()
    for rater, score in scores:
        check_scale(score, f"score_{rater.key}", required=True)
        _check_rater(dossier, rater, children)
        if rater.key in seen:
            raise ValidationError({"rater": TWICE})
        seen.add(rater.key)
    note = (note or "").strip()[:500]
    ratings = [
        ScaleRating(
            dossier=dossier,
            question=question,
            custom_question=custom_question,
            child=rater.child,
            participant=rater.participant,
            circle_member=rater.circle_member,
            score=score,
            rated_on=rated_on,
            note=note,
            evaluation=evaluation,
            recorded_by=recorded_by or None,
        )
        for rater, score in scores
    ]
    with transaction.atomic():
        for rating in ratings:
            rating.save()
        audit_append_entries(
            [
                audit_entry(
                    actor=who,
                    action=AuditAction.CREATE,
                    dossier=dossier,
                    obj=rating,
                    fields=[
                        "question",
                        "custom_question",
                        "rater",
                        "score",
                        "rated_on",
                        "note",
                        "evaluation",
                    ],
                )
                for rating in ratings
            ]
        )
    return ratings


# --- trajectories and gaps ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    rater_key: str
    rater: str
    group: str
    on: date
    score: int


@dataclass(frozen=True)
class GapMoment:
    on: date
    family: float | None
    professional: float | None
    large: bool

    @property
    def gap(self) -> float | None:
        if self.family is None or self.professional is None:
            return None
        return round(abs(self.family - self.professional), 1)

    @property
    def family_higher(self) -> bool:
        return self.gap is not None and self.family > self.professional


def points_of(ratings: Iterable[ScaleRating]) -> list[Point]:
    """The ratings of one question as points, by date and then rater (uses the loaded raters)."""
    points = [Point(r.rater_key, r.rater_name, r.group, r.rated_on, r.score) for r in ratings]
    return sorted(points, key=lambda p: (p.on, p.group, p.rater))


def gap_moments(points: Sequence[Point], threshold: int) -> list[GapMoment]:
    """On every date someone scored: the family's and the professionals' average of each rater's latest score
    up to that date, and whether they lie `threshold` points or more apart."""
    latest: dict[str, Point] = {}
    moments = []
    for day in sorted({p.on for p in points}):
        for point in points:
            if point.on == day:
                latest[point.rater_key] = point
        family = [p.score for p in latest.values() if p.group == RaterGroup.FAMILY]
        professional = [p.score for p in latest.values() if p.group == RaterGroup.PROFESSIONAL]
        f = round(mean(family), 1) if family else None
        pro = round(mean(professional), 1) if professional else None
        large = f is not None and pro is not None and abs(f - pro) >= threshold
        moments.append(GapMoment(day, f, pro, large))
    return moments


def scale_chart_spec(
    points: Sequence[Point],
    moments: Sequence[GapMoment],
    *,
    title: str,
    description: str,
    labels: dict[str, str],
) -> dict[str, Any]:
    """Every rater's trajectory over time (family solid, professionals dashed; one colour per rater), the
    scale from 0 to 10, and a band with the gap written above every date where family and professionals lie
    far apart. `labels` holds the reader's words: "score", "date", "rater", "group", "gap", and the two
    group names under "family" and "professional". The same input gives the same spec."""
    groups = {RaterGroup.FAMILY: labels["family"], RaterGroup.PROFESSIONAL: labels["professional"]}
    data = [
        {"date": p.on.isoformat(), "score": p.score, "rater": p.rater, "group": groups[p.group]}
        for p in points
    ]
    raters = list(dict.fromkeys(p.rater for p in sorted(points, key=lambda p: (p.group, p.rater))))
    x = alt.X(
        "date:T",
        title=labels["date"],
        scale=alt.Scale(padding=24),
        axis=alt.Axis(format="%d-%m-%Y", labelAngle=0, tickCount="week"),
    )
    y = alt.Y(
        "score:Q",
        title=labels["score"],
        scale=alt.Scale(domain=[0, 10], nice=False),
        axis=alt.Axis(values=list(range(11)), grid=True),
    )
    colour = alt.Color(
        "rater:N",
        title=labels["rater"],
        sort=raters,
        scale=alt.Scale(domain=raters, range=[charts.LINE_COLOURS[i % 7] for i in range(len(raters))]),
        legend=alt.Legend(orient="bottom", columns=2, labelLimit=260),
    )
    dash = alt.StrokeDash(
        "group:N",
        title=labels["group"],
        scale=alt.Scale(domain=list(groups.values()), range=[[1, 0], [6, 4]]),
        legend=alt.Legend(orient="bottom"),
    )
    base = alt.Chart(alt.Data(values=data))
    lines = base.mark_line(strokeWidth=2).encode(x=x, y=y, color=colour, strokeDash=dash, detail="rater:N")
    marks = base.mark_point(filled=True, size=60).encode(
        x=x,
        y=y,
        color=colour,
        shape=alt.Shape(
            "group:N", legend=None, scale=alt.Scale(domain=list(groups.values()), range=["circle", "square"])
        ),
        tooltip=[alt.Tooltip("rater:N"), alt.Tooltip("date:T", format="%d-%m-%Y"), alt.Tooltip("score:Q")],
    )
    layers = [lines, marks]
    wide = [
        {"date": m.on.isoformat(), "label": f"{labels['gap']} {formats.number_format(m.gap)}"}
        for m in moments
        if m.large
    ]
    if wide:
        gaps = alt.Chart(alt.Data(values=wide))
        layers.insert(0, gaps.mark_rule(color="#E69F00", strokeWidth=14, opacity=0.35).encode(x=x))
        layers.append(
            gaps.mark_text(dy=-8, fontSize=11, fontWeight="bold", color="#8a5a00").encode(
                x=x, y=alt.datum(10), text="label:N"
            )
        )
    chart = (
        alt.layer(*layers)
        .properties(
            width=charts.CHART_WIDTH - 120,
            height=260,
            title=alt.Title(title, anchor="start", fontSize=14),
            description=description,
        )
        .configure_view(stroke=None)
        .configure_axis(labelColor="#1a1a1a", gridColor="#e0e0e0")
    )
    return chart.to_dict()


__all__ = [
    "DEFAULT_GAP",
    "QUESTION_HELP",
    "SCALE_RANGE",
    "GapMoment",
    "Point",
    "Rater",
    "dossier_raters",
    "gap_moments",
    "gap_threshold",
    "points_of",
    "question_key",
    "scale_chart_spec",
    "scale_ratings_record",
]
