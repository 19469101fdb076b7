"""The demo caseload's Feedback and outcomes, told through the services (idempotent).

- KR-BE-2025-0001 (seed 004, case 1): EXIT at closure — parents report grade 10, result 3.8, process 4.0;
  the young person 5, 3.2 and 2.8.
- KR-NL-2025-0007 (Sasja): session feedback at the start of five meetings; the fifth is off track (her score
  falls well below her own earlier mean, see docs/feedback.md).
- KR-NL-2026-0004 (Bakker, seed 001 "De stem van de cliënt"): two Samen Sterker conversations of mother Linda
  (filled in together), Tess and jeugdbeschermer Anna de Vries, with improvement agreements followed up — one
  done, three open.
- KR-NL-2026-0001 (Dylan, seed 003 "Leefgebiedenmatrix"): the life-domain matrix at the start, during and at
  the end, by Dylan, his parents, school and his youth probation worker; at the start they differ on friends.
- KR-NL-2025-0007 (Sasja): the life-domain matrix at the start; Sasja rates home far higher than her parents.
  And the seven anchors, rated four times by Sasja and her youth probation worker Sanne Meijer: at first they see
  'I am worth it' and 'support around me' quite differently; a year on the gap has closed."""

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
    dylan = Dossier.objects.filter(reference="KR-NL-2026-0001").first()
    if dylan is not None:
        added += _seed_lgm(dylan, DYLAN_LGM)
    if sasja is not None:
        added += _seed_lgm(sasja, SASJA_LGM)
        added += _seed_anchors(sasja)
    added += _seed_self_checks()
    stdout.write(f"feedback: {added} questionnaires added\n")


LGM_DOMAINS = ("education", "work", "identity", "health", "family", "leisure", "friends", "safety")
# (moment, day, respondent, label, how, ratings per LGM_DOMAINS, what they wrote)
DYLAN_LGM = [
    (
        "start",
        date(2026, 2, 23),
        "young_person",
        "Dylan",
        EntryMode.TOGETHER,
        (6, 5, 6, 7, 7, 5, 8, 6),
        {
            "friends_helps": "Ik heb veel vrienden in de buurt.",
            "education_hinders": "Ik snap de lessen niet altijd.",
        },
    ),
    (
        "start",
        date(2026, 2, 23),
        "parent",
        "",
        EntryMode.TOGETHER,
        (4, 3, 5, 7, 6, 4, 3, 5),
        {
            "friends_hinders": "De oudere jongens uit de buurt halen hem over om mee te gaan.",
            "family_helps": "We eten elke avond samen.",
        },
    ),
    (
        "start",
        date(2026, 2, 23),
        "school",
        "",
        EntryMode.ENTERED,
        (3, 4, 5, 6, 6, 5, 4, 6),
        {
            "education_helps": "Werkt goed in de praktijklessen.",
            "education_hinders": "Veel verzuim op maandag.",
        },
    ),
    (
        "start",
        date(2026, 2, 23),
        "professional",
        "",
        EntryMode.ENTERED,
        (4, 4, 4, 6, 7, 4, 3, 5),
        {
            "friends_hinders": "Contact met oudere jongens die stelen.",
            "leisure_hinders": "Geen vaste bezigheden na school.",
        },
    ),
    (
        "during",
        date(2026, 6, 15),
        "young_person",
        "Dylan",
        EntryMode.TOGETHER,
        (6, 7, 7, 7, 7, 8, 7, 7),
        {
            "leisure_helps": "Boksen bij Mo, drie keer per week.",
            "work_helps": "Mijn bijbaan in de supermarkt.",
        },
    ),
    ("during", date(2026, 6, 15), "parent", "", EntryMode.TOGETHER, (5, 6, 6, 7, 7, 7, 5, 6), {}),
    (
        "during",
        date(2026, 6, 15),
        "school",
        "",
        EntryMode.ENTERED,
        (5, 6, 6, 6, 6, 6, 5, 6),
        {
            "education_helps": "Vaste mentor; minder verzuim.",
        },
    ),
    ("during", date(2026, 6, 15), "professional", "", EntryMode.ENTERED, (5, 6, 6, 6, 7, 7, 5, 6), {}),
    (
        "end",
        date(2026, 11, 16),
        "young_person",
        "Dylan",
        EntryMode.TOGETHER,
        (7, 8, 7, 8, 8, 8, 7, 8),
        {
            "identity_helps": "Ik weet nu beter wat ik wil: in de supermarkt blijven werken.",
        },
    ),
    ("end", date(2026, 11, 16), "parent", "", EntryMode.TOGETHER, (6, 7, 7, 7, 8, 8, 6, 7), {}),
    ("end", date(2026, 11, 16), "school", "", EntryMode.ENTERED, (6, 7, 6, 7, 7, 7, 6, 7), {}),
    (
        "end",
        date(2026, 11, 16),
        "professional",
        "",
        EntryMode.ENTERED,
        (6, 7, 7, 7, 8, 8, 6, 7),
        {
            "friends_helps": "Nieuwe vrienden bij de boksschool.",
        },
    ),
]
SASJA_LGM = [
    (
        "start",
        date(2025, 10, 20),
        "young_person",
        "Sasja",
        EntryMode.TOGETHER,
        (5, 5, 6, 6, 8, 6, 7, 7),
        {
            "family_helps": "Thuis is het eigenlijk wel goed.",
        },
    ),
    (
        "start",
        date(2025, 10, 20),
        "parent",
        "",
        EntryMode.TOGETHER,
        (4, 5, 4, 6, 3, 4, 4, 3),
        {
            "family_hinders": "Als ze boos is, slaat ze thuis dingen kapot.",
            "safety_hinders": "We weten vaak niet waar ze is.",
        },
    ),
    (
        "start",
        date(2025, 10, 20),
        "professional",
        "",
        EntryMode.ENTERED,
        (4, 5, 4, 6, 4, 5, 4, 3),
        {
            "family_helps": "Ouders willen graag dat het lukt; MST helpt thuis.",
            "safety_hinders": "Brandstichting; de kans op een nieuw delict is er nog.",
        },
    ),
]


def _seed_lgm(dossier, entries) -> int:
    instrument = _latest("lgm")
    added = 0
    for moment, day, respondent, label, mode, values, texts in entries:
        exists = Administration.objects.filter(
            dossier=dossier, instrument__slug="lgm", respondent_type=respondent, moment=moment
        ).exists()
        if exists:
            continue
        answers = {**dict(zip(LGM_DOMAINS, values, strict=True)), **texts}
        administration_submit(
            instrument=instrument,
            dossier=dossier,
            respondent_type=respondent,
            respondent_label=label,
            answers=answers,
            moment=moment,
            taken_on=day,
            entry_mode=mode,
        )
        added += 1
    return added


ANCHOR_KEYS = ("worth", "hope", "firm", "courage", "support", "ups_downs", "own_change")
# (day, Sasja's ratings, Sanne's ratings), per ANCHOR_KEYS
SASJA_ANCHORS = [
    (date(2025, 11, 10), (3, 4, 8, 5, 4, 5, 3), (7, 6, 7, 6, 8, 7, 5)),
    (date(2026, 2, 9), (5, 5, 8, 6, 6, 6, 5), (7, 7, 7, 6, 8, 7, 6)),
    (date(2026, 5, 11), (6, 7, 7, 7, 7, 6, 6), (8, 7, 7, 7, 8, 8, 7)),
    (date(2026, 9, 14), (7, 7, 7, 7, 8, 8, 7), (8, 8, 7, 7, 8, 8, 8)),
]


def _seed_anchors(dossier) -> int:
    youth, worker = _latest("anchors-youth"), _latest("anchors-worker")
    added = 0
    for day, hers, his in SASJA_ANCHORS:
        added += _submit_once(
            dossier,
            youth,
            "young_person",
            dict(zip(ANCHOR_KEYS, hers, strict=True)),
            day,
            "Sasja",
            entry_mode=EntryMode.TOGETHER,
        )
        added += _submit_once(dossier, worker, "professional", dict(zip(ANCHOR_KEYS, his, strict=True)), day)
    return added


SELF_CHECK_KEYS = (
    "v_strengths",
    "v_own",
    "v_network",
    "v_future",
    "s_bookends",
    "s_who",
    "s_ikplan",
    "s_frame",
    "s_desistance",
    "s_close",
    "f_session",
    "f_anchors",
    "f_team",
)
# (dossier, day, answers per SELF_CHECK_KEYS, what Sanne wants to do differently)
SELF_CHECKS = [
    (
        "KR-NL-2025-0007",
        date(2026, 1, 12),
        (3, 2, 3, 3, 4, 3, 1, 4, 2, 1, 3, 2, 4),
        "Met Sasja een IK-plan in haar eigen woorden maken.",
    ),
    (
        "KR-NL-2025-0007",
        date(2026, 6, 15),
        (4, 3, 3, 4, 4, 4, 3, 4, 3, 2, 4, 4, 4),
        "Met de Raad bespreken of de maatregel eerder en positief kan eindigen.",
    ),
    (
        "KR-NL-2026-0001",
        date(2026, 6, 15),
        (4, 4, 4, 3, 4, 3, 4, 3, 3, 2, 2, 1, 4),
        "Dylan na elk gesprek om feedback vragen, met plaatjes.",
    ),
]


def _seed_self_checks() -> int:
    check = _latest("self-check")
    added = 0
    for reference, day, values, plan in SELF_CHECKS:
        dossier = Dossier.objects.filter(reference=reference).first()
        if dossier is not None:
            answers = {**dict(zip(SELF_CHECK_KEYS, values, strict=True)), "next": plan}
            added += _submit_once(dossier, check, "professional", answers, day)
    return added
