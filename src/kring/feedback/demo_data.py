"""The demo caseload's Feedback and outcomes, told through the services (idempotent).

- KR-BE-2025-0001 (seed 004, case 1): EXIT at closure — parents report grade 10, result 3.8, process 4.0;
  the young person 5, 3.2 and 2.8.
- KR-NL-2025-0007 (Sasja): session feedback at the start of five meetings; the fifth is off track (her score
  falls well below her own earlier mean, see docs/feedback.md).
- KR-NL-2026-0004 (Bakker, seed 001 "De stem van de cliënt"): two Samen Sterker conversations of mother Linda
  (filled in together), Tess and jeugdbeschermer Anna de Vries, with improvement agreements followed up — one
  done, three open."""

from datetime import date

from kring.cases.models import Dossier

from .models import Administration, AgreementStatus, EntryMode, ImprovementAgreement, Instrument
from .services import administration_submit, agreement_add, agreement_set_status

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


def _submit_once(dossier, instrument, respondent_type, answers, taken_on, label="", **extra):
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
            **extra,
        )
    return not exists


# Samen Sterker in Gezin Bakker: ratings for (treat, listen, contact, plan, agree), then what each said.
SAMEN_STERKER = [
    (
        date(2026, 8, 17),
        [
            (
                "parent",
                "Linda",
                EntryMode.TOGETHER,
                (7, 6, 5, 5, 7),
                {
                    "treat_well": "Anna is eerlijk tegen mij, ook als het moeilijk is.",
                    "contact_better": "Afspraken worden soms op het laatste moment verzet.",
                    "plan_better": "Ik snap niet alles wat in het gezinsplan staat.",
                    "improve": "Eerder laten weten als een afspraak niet doorgaat.",
                },
            ),
            (
                "professional",
                "",
                EntryMode.ENTERED,
                (7, 7, 6, 6, 6),
                {
                    "listen_well": "Linda vertelt open wat er thuis gebeurt.",
                    "agree_better": "De afspraken met de partner van moeder zijn nog niet helder.",
                    "improve": "Het gezinsplan in gewone woorden samen doorlopen.",
                },
            ),
        ],
    ),
    (
        date(2026, 10, 12),
        [
            (
                "parent",
                "Linda",
                EntryMode.TOGETHER,
                (8, 7, 8, 6, 8),
                {
                    "contact_well": "Anna belt nu altijd op tijd als iets niet doorgaat.",
                    "plan_better": "Het plan is nog lang; ik wil het samen doorlezen.",
                },
            ),
            (
                "young_person",
                "Tess",
                EntryMode.TOGETHER,
                (6, 5, 7, 6, 7),
                {"listen_better": "Ik wil ook een keer alleen met Anna praten."},
            ),
            (
                "professional",
                "",
                EntryMode.ENTERED,
                (8, 7, 8, 7, 7),
                {"treat_well": "Er is meer rust in de gesprekken."},
            ),
        ],
    ),
]
# (made on, topic, agreement, who, done by, done on)
AGREEMENTS = [
    (
        date(2026, 8, 17),
        "contact",
        "Anna belt uiterlijk de dag ervoor als een afspraak niet doorgaat.",
        "Anna (jeugdbeschermer)",
        date(2026, 9, 1),
        date(2026, 10, 12),
    ),
    (
        date(2026, 8, 17),
        "plan",
        "Linda zegt het meteen als ze iets in het gezinsplan niet begrijpt.",
        "Linda (moeder)",
        None,
        None,
    ),
    (
        date(2026, 10, 12),
        "plan",
        "We lezen het gezinsplan samen door voor het volgende netwerkberaad.",
        "Linda en Anna",
        date(2026, 12, 1),
        None,
    ),
    (
        date(2026, 10, 12),
        "listen",
        "Anna spreekt Tess één keer per maand apart.",
        "Anna (jeugdbeschermer)",
        None,
        None,
    ),
]


def _seed_samen_sterker(dossier) -> int:
    instrument = _latest("samen-sterker")
    topics = ("treat", "listen", "contact", "plan", "agree")
    added = 0
    for day, answers in SAMEN_STERKER:
        for respondent, label, mode, ratings, texts in answers:
            filled = {**dict(zip(topics, ratings, strict=True)), **texts}
            added += _submit_once(dossier, instrument, respondent, filled, day, label, entry_mode=mode)
    for made_on, topic, text, who, due_on, done_on in AGREEMENTS:
        if ImprovementAgreement.objects.filter(dossier=dossier, text=text).exists():
            continue
        made_in = Administration.objects.filter(
            dossier=dossier, instrument__slug="samen-sterker", taken_on=made_on, respondent_type="parent"
        ).first()
        agreement = agreement_add(
            actor=None,
            dossier=dossier,
            topic=topic,
            text=text,
            who=who,
            made_on=made_on,
            due_on=due_on,
            made_in=made_in,
        )
        if done_on is not None:
            agreement_set_status(
                actor=None,
                agreement=agreement,
                status=AgreementStatus.DONE,
                version=agreement.version,
                done_on=done_on,
            )
    return added


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
    bakker = Dossier.objects.filter(reference="KR-NL-2026-0004").first()
    if bakker is not None:
        added += _seed_samen_sterker(bakker)
    stdout.write(f"feedback: {added} questionnaires added\n")
