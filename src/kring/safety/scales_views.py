"""The scaling questions of a dossier: a chart of every rater's trajectory per question, with the large gaps
between family and professionals marked, a table with the same facts, and the form for a round of scores.

The chart's controls (which question, from which gap on) are a GET form: with htmx only the chart and its
table come back (and the address changes with it), without JavaScript the page reloads.
"""

import logging
from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from kring.access.policy import Action, Section
from kring.cases import charts
from kring.cases.selectors import OpenDossier, dossier_open
from kring.ui.pages import dossier_view, is_htmx, submit

from . import scales
from .forms import ScaleRoundForm
from .models import ScaleQuestion, ScaleRating
from .views import page_context, reopen_to_read

logger = logging.getLogger(__name__)
CHART_ID = "scales-chart"


def _ratings(dossier: Any) -> list[ScaleRating]:
    """Every score of the dossier with its rater, in one query."""
    return list(
        ScaleRating.objects.filter(dossier=dossier).select_related(
            "child", "participant__person", "circle_member__user"
        )
    )


def _questions(ratings: list[ScaleRating]) -> list[tuple[str, str]]:
    """The questions to choose from: the standard ones, then the dossier's own questions."""
    own = {
        scales.question_key(r.question, r.custom_question): r.custom_question
        for r in ratings
        if r.custom_question
    }
    standard = [(q, label) for q, label in ScaleQuestion.choices if q != ScaleQuestion.CUSTOM]
    return standard + sorted(own.items(), key=lambda item: item[1])


def _gap(value: str | None) -> int:
    if value and value.isdigit() and 1 <= int(value) <= 10:
        return int(value)
    return scales.gap_threshold()


def _chart(
    points: list[scales.Point], moments: list[scales.GapMoment], question: str, gap: int
) -> dict | None:
    if not points:
        return None
    large = [m for m in moments if m.large]
    title = _("Scale “%(question)s” over time") % {"question": question}
    description = _(
        "Scores from 0 to 10 of %(people)s people on %(dates)s dates; family and network solid, "
        "professionals dashed. The family's and the professionals' averages lie %(gap)s points or more "
        "apart on %(large)s of those dates (marked). The table below holds the same figures."
    ) % {
        "people": len({p.rater_key for p in points}),
        "dates": len(moments),
        "gap": gap,
        "large": len(large),
    }
    labels = {
        "score": _("score"),
        "date": _("date"),
        "rater": _("who scores"),
        "group": _("group"),
        "gap": _("gap"),
        "family": _("family and network"),
        "professional": _("professionals"),
    }
    spec = scales.scale_chart_spec(points, moments, title=title, description=description, labels=labels)
    try:
        svg = charts.render_svg(spec)
    except Exception:  # the table tells the same; a chart must not take the page down
        logger.exception("The scales chart could not be drawn")
        return None
    return {
        "svg": charts.accessible_svg(svg, title=title, description=description, id_prefix=CHART_ID),
        "title": title,
        "description": description,
    }


def _table(points: list[scales.Point], moments: list[scales.GapMoment]) -> dict[str, Any]:
    """Dates down, raters across (family first), with the averages and the gap per date."""
    raters = list(
        dict.fromkeys(
            (p.rater_key, p.rater, p.group) for p in sorted(points, key=lambda p: (p.group, p.rater))
        )
    )
    scores: dict[tuple, int] = {(p.on, p.rater_key): p.score for p in points}
    rows = [
        {"moment": m, "scores": [scores.get((m.on, key)) for key, _name, _group in raters]} for m in moments
    ]
    return {"raters": [{"key": k, "name": n, "group": g} for k, n, g in raters], "rows": rows}


def _page(
    request: HttpRequest, opened: OpenDossier, form: ScaleRoundForm | None = None, status: int = 200
) -> HttpResponse:
    dossier = opened.dossier
    ratings = _ratings(dossier)
    questions = _questions(ratings)
    keys = [key for key, _label in questions]
    by_question: dict[str, list[ScaleRating]] = defaultdict(list)
    for rating in ratings:
        by_question[scales.question_key(rating.question, rating.custom_question)].append(rating)
    wanted = request.GET.get("question")
    if wanted not in keys:
        wanted = next((key for key in keys if by_question.get(key)), ScaleQuestion.SAFETY)
    gap = _gap(request.GET.get("gap"))
    points = scales.points_of(by_question.get(wanted, []))
    moments = scales.gap_moments(points, gap)
    label = dict(questions)[wanted]
    context = page_context(opened, _("Scaling questions"))
    context.update(
        question_options=[
            {
                "key": key,
                "label": text,
                "count": len(by_question.get(key, ())),
                "help": scales.QUESTION_HELP.get(key, ""),
            }
            for key, text in questions
        ],
        question=wanted,
        question_label=label,
        gap=gap,
        default_gap=scales.gap_threshold(),
        chart=_chart(points, moments, label, gap),
        table=_table(points, moments),
        large_gaps=[m for m in moments if m.large],
        chart_id=CHART_ID,
    )
    if context["may_edit"]:
        raters = scales.dossier_raters(dossier)
        form = form or ScaleRoundForm(
            raters=raters,
            initial={
                "rated_on": timezone.localdate(),
                "question": wanted if wanted in ScaleQuestion.values else ScaleQuestion.CUSTOM,
                "custom_question": label if wanted not in ScaleQuestion.values else "",
            },
        )
        context["form"] = form
    template = (
        "safety/scales/_chart.html" if is_htmx(request) and request.method == "GET" else "safety/scales.html"
    )
    return render(request, template, context, status=status)


@dossier_view
@require_GET
def safety_scales(request: HttpRequest, dossier_id: str) -> HttpResponse:
    opened = dossier_open(user=request.user, dossier_id=dossier_id, reads=[Section.SAFETY_PLAN])
    return _page(request, opened)


@dossier_view
@require_POST
def safety_scales_record(request: HttpRequest, dossier_id: str) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.SAFETY_PLAN
    ).dossier
    form = ScaleRoundForm(request.POST, raters=scales.dossier_raters(dossier))
    ratings = submit(
        form,
        lambda data: scales.scale_ratings_record(
            actor=request.user,
            dossier=dossier,
            question=data["question"],
            custom_question=data["custom_question"],
            rated_on=data["rated_on"],
            note=data["note"],
            scores=data["scores"],
        ),
    )
    if ratings:
        n = len(ratings)
        messages.success(request, ngettext("%(n)s score is saved.", "%(n)s scores are saved.", n) % {"n": n})
        first = ratings[0]
        query = urlencode({"question": scales.question_key(first.question, first.custom_question)})
        return redirect(reverse("safety_scales", args=[dossier.pk]) + f"?{query}#{CHART_ID}")
    return _page(request, reopen_to_read(request, dossier), form=form, status=400)
