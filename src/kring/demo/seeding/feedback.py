"""A family's questionnaires and improvement agreements, through the services of kring.feedback. Each
questionnaire is submitted once (the same instrument, respondent and day — or moment — is not submitted
again)."""

from datetime import date
from typing import Any

from kring.feedback.models import Administration, AgreementStatus, EntryMode, ImprovementAgreement, Instrument
from kring.feedback.services import administration_submit, agreement_add, agreement_set_status

from . import Story

SESSION_KEYS = ("me", "close", "daily", "life", "overall")
SAMEN_STERKER_TOPICS = ("treat", "listen", "contact", "plan", "agree")
LGM_DOMAINS = ("education", "work", "identity", "health", "family", "leisure", "friends", "safety")
ANCHOR_KEYS = ("worth", "hope", "firm", "courage", "support", "ups_downs", "own_change")
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


def _latest(slug: str) -> Instrument:
    return Instrument.objects.filter(slug=slug).order_by("-version").first()


def submit_once(
    story: Story,
    slug: str,
    respondent_type: str,
    answers: dict[str, Any],
    taken_on: date,
    label: str = "",
    **extra: Any,
) -> bool:
    dossier = story.dossier
    exists = Administration.objects.filter(
        dossier=dossier, instrument__slug=slug, respondent_type=respondent_type, taken_on=taken_on
    ).exists()
    if not exists:
        administration_submit(
            instrument=_latest(slug),
            dossier=dossier,
            respondent_type=respondent_type,
            answers=answers,
            respondent_label=label,
            taken_on=taken_on,
            **extra,
        )
    return not exists


def exit_questionnaires(story: Story, taken_on: date, by_respondent: dict[str, dict[str, int]]) -> None:
    added = sum(submit_once(story, "exit", who, answers, taken_on) for who, answers in by_respondent.items())
    if added:
        story.said("feedback", f"{added} EXIT questionnaires")


def session_starts(story: Story, label: str, sessions: list[tuple[date, tuple[int, ...]]]) -> None:
    """The young person's start-of-meeting scores (SESSION_KEYS) per meeting."""
    added = sum(
        submit_once(
            story, "session-start", "young_person", dict(zip(SESSION_KEYS, scores, strict=True)), day, label
        )
        for day, scores in sessions
    )
    if added:
        story.said("feedback", f"{added} session starts")


def samen_sterker(story: Story, conversations: list, agreements: list) -> None:
    """Samen Sterker conversations (ratings per SAMEN_STERKER_TOPICS and what each said) and the improvement
    agreements made in them, the done ones set done."""
    dossier = story.dossier
    added = 0
    for day, answers in conversations:
        for respondent, label, mode, ratings, texts in answers:
            filled = {**dict(zip(SAMEN_STERKER_TOPICS, ratings, strict=True)), **texts}
            added += submit_once(story, "samen-sterker", respondent, filled, day, label, entry_mode=mode)
    for made_on, topic, text, who, due_on, done_on in agreements:
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
    if added:
        story.said("feedback", f"{added} Samen Sterker conversations")


def life_domain_matrix(story: Story, entries: list) -> None:
    """The life-domain matrix (LGM): (moment, day, respondent, label, how, ratings per LGM_DOMAINS, texts)."""
    dossier = story.dossier
    added = 0
    for moment, day, respondent, label, mode, values, texts in entries:
        if Administration.objects.filter(
            dossier=dossier, instrument__slug="lgm", respondent_type=respondent, moment=moment
        ).exists():
            continue
        administration_submit(
            instrument=_latest("lgm"),
            dossier=dossier,
            respondent_type=respondent,
            respondent_label=label,
            answers={**dict(zip(LGM_DOMAINS, values, strict=True)), **texts},
            moment=moment,
            taken_on=day,
            entry_mode=mode,
        )
        added += 1
    if added:
        story.said("feedback", f"{added} life-domain matrices")


def anchors(story: Story, label: str, rounds: list[tuple[date, tuple[int, ...], tuple[int, ...]]]) -> None:
    """The seven anchors (ANCHOR_KEYS), rated by the young person (together with the worker) and the worker."""
    added = 0
    for day, young, worker in rounds:
        added += submit_once(
            story,
            "anchors-youth",
            "young_person",
            dict(zip(ANCHOR_KEYS, young, strict=True)),
            day,
            label,
            entry_mode=EntryMode.TOGETHER,
        )
        added += submit_once(
            story, "anchors-worker", "professional", dict(zip(ANCHOR_KEYS, worker, strict=True)), day
        )
    if added:
        story.said("feedback", f"{added} anchors")


def self_checks(story: Story, checks: list[tuple[date, tuple[int, ...], str]]) -> None:
    """The worker's self-check (SELF_CHECK_KEYS) and what they want to do differently."""
    added = sum(
        submit_once(
            story,
            "self-check",
            "professional",
            {**dict(zip(SELF_CHECK_KEYS, values, strict=True)), "next": plan},
            day,
        )
        for day, values, plan in checks
    )
    if added:
        story.said("feedback", f"{added} self-checks")
