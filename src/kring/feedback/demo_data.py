"""The demo caseload's Feedback and outcomes, told through the services (idempotent).

- KR-BE-2025-0001 (seed 004, case 1): EXIT at closure — parents report grade 10, result 3.8, process 4.0;
  the young person 5, 3.2 and 2.8.
- KR-NL-2025-0007 (Sasja): session feedback at the start of five meetings; the fifth is off track (her score
  falls well below her own earlier mean, see docs/feedback.md)."""

from datetime import date

from kring.cases.models import Dossier

from .models import Administration, Instrument
from .services import administration_submit

EXIT_PARENTS = {"grade": 10, "r1": 4, "r2": 4, "r3": 4, "r4": 4, "r5": 3}
EXIT_PARENTS.update({"p1": 4, "p2": 4, "p3": 4, "p4": 4, "p5": 4})
EXIT_YOUNG = {"grade": 5, "r1": 4, "r2": 3, "r3": 3, "r4": 3, "r5": 3}
EXIT_YOUNG.update({"p1": 3, "p2": 3, "p3": 3, "p4": 3, "p5": 2})

# Sasja's start-of-meeting scores (me, close, daily, life, overall); the last meeting is the off-track moment.
SASJA_SESSIONS = [
    (date(2025, 9, 4), (6, 6, 5, 6, 6)),
    (date(2025, 9, 18), (6, 7, 6, 6, 6)),
    (date(2025, 10, 2), (7, 7, 6, 7, 7)),
    (date(2025, 10, 16), (7, 7, 7, 7, 7)),
    (date(2025, 10, 30), (4, 4, 3, 4, 4)),
]


def _latest(slug: str) -> Instrument:
    return Instrument.objects.filter(slug=slug).order_by("-version").first()


def _submit_once(dossier, instrument, respondent_type, answers, taken_on, label=""):
    exists = Administration.objects.filter(
        dossier=dossier, instrument__slug=instrument.slug, respondent_type=respondent_type, taken_on=taken_on
    ).exists()
    if not exists:
        administration_submit(
            instrument=instrument,
            dossier=dossier,
            respondent_type=respondent_type,
            answers=answers,
            respondent_label=label,
            taken_on=taken_on,
        )
    return not exists


def seed(stdout) -> None:
    added = 0
    verstraete = Dossier.objects.filter(reference="KR-BE-2025-0001").first()
    if verstraete is not None:
        exit_instrument = _latest("exit")
        closure = date(2025, 12, 15)
        added += _submit_once(verstraete, exit_instrument, "parent", EXIT_PARENTS, closure)
        added += _submit_once(verstraete, exit_instrument, "young_person", EXIT_YOUNG, closure)
    sasja = Dossier.objects.filter(reference="KR-NL-2025-0007").first()
    if sasja is not None:
        start = _latest("session-start")
        for day, scores in SASJA_SESSIONS:
            answers = dict(zip(("me", "close", "daily", "life", "overall"), scores, strict=True))
            added += _submit_once(sasja, start, "young_person", answers, day, "Sasja")
    stdout.write(f"feedback: {added} questionnaires added\n")
