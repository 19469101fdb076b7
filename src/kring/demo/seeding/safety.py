"""A family's Signs of Safety work, through the services of kring.safety: mappings of meetings, the danger
statement and safety goals, the bottom lines and a signed safety plan, scaling questions, the safety journal
and evaluations. Each part is written once (it is left alone when the dossier already has it); what is dated
after today is left out."""

from typing import Any

from django.utils import timezone

from kring.accounts.models import User
from kring.cases.models import CircleMember, Dossier, Participant
from kring.safety import advice as advice_services
from kring.safety import evaluations, journal, mapping, scales, services, statements
from kring.safety.models import JudgeAdvice, Mapping, SafetyGoal, ScaleRating, SetBy

from . import Story


def _network(dossier: Dossier) -> dict[str, Participant]:
    return {
        p.person.first_name.lower(): p
        for p in Participant.objects.filter(dossier=dossier).select_related("person")
    }


def _circle(dossier: Dossier) -> dict[str, CircleMember]:
    return {c.user.username: c for c in CircleMember.objects.filter(dossier=dossier).select_related("user")}


def _raters(dossier: Dossier) -> dict[str, scales.Rater]:
    """The raters by a child's or network member's first name, or a professional's username."""
    raters = {}
    for rater in scales.dossier_raters(dossier):
        if rater.child is not None:
            raters[rater.child.first_name.lower()] = rater
        elif rater.participant is not None:
            raters[rater.participant.person.first_name.lower()] = rater
        else:
            raters[rater.circle_member.user.username] = rater
    return raters


def danger_statement(story: Story, told: dict) -> None:
    """The danger statement and its safety goals, composed from their fields; the first goal answers the
    statement."""
    dossier = story.dossier
    if dossier.danger_statements.exists():
        return
    children = list(dossier.children.order_by("date_of_birth"))
    danger = statements.danger_statement_save(
        actor=None, dossier=dossier, language="nl", children=children, **told["danger"]
    )
    for index, goal in enumerate(told["goals"]):
        statements.safety_goal_save(
            actor=None,
            dossier=dossier,
            language="nl",
            children=children,
            danger_statement=danger if index == 0 else None,
            **goal,
        )
    story.said("safety", "danger statement and safety goals")


def plan(story: Story, told: dict) -> None:
    """The bottom lines (set by a judge), and a plan whose rules each name the network adult who carries it
    and serve the bottom lines and the first safety goal; signed on paper by those adults."""
    dossier = story.dossier
    if dossier.safety_plans.exists():
        return
    lines = [
        services.bottom_line_add(
            actor=None,
            dossier=dossier,
            text=text,
            set_by_kind=SetBy.JUDGE,
            set_by_name=told["set_by"],
            set_on=told["set_on"],
            min_network_adults=needed,
        )
        for text, needed in told["bottom_lines"]
    ]
    network = _network(dossier)
    goals = list(SafetyGoal.objects.filter(dossier=dossier).order_by("pk")[:1])
    new = services.plan_create(actor=None, dossier=dossier, title=told["title"])
    for who, text, when in told["rules"]:
        services.rule_add(
            actor=None,
            plan=new,
            text=text,
            when=when,
            participants=[network[who]],
            bottom_lines=lines,
            safety_goals=goals,
        )
    version = services.current_version(new)
    for who in dict.fromkeys(who for who, _text, _when in told["rules"]):
        services.plan_sign(actor=None, version=version, participant=network[who], on_paper=True)
    story.said("safety", "bottom lines and a signed plan")


def mappings(story: Story, meetings: list[dict]) -> None:
    """The mappings of meetings; each later one starts from the one before, with items changed, removed and
    added."""
    dossier = story.dossier
    if Mapping.objects.filter(dossier=dossier).exists():
        return
    network, circle = _network(dossier), _circle(dossier)
    for meeting in meetings:
        new = mapping.mapping_create(
            actor=None,
            dossier=dossier,
            held_on=meeting["held_on"],
            meeting=meeting["meeting"],
            participants=[network[name] for name in meeting["network"]],
            circle_members=[circle[name] for name in meeting["circle"] if name in circle],
            safety_scale=meeting["scale"],
        )
        items = {item.text: item for item in new.items.all()}
        for old, (element, text) in meeting.get("change", {}).items():
            item = items[old]
            mapping.mapping_item_update(
                actor=None, item=item, element=element, text=text, revision=item.revision
            )
        for old in meeting.get("remove", []):
            mapping.mapping_item_remove(actor=None, item=items[old])
        for element, text in meeting["add"]:
            mapping.mapping_item_add(actor=None, mapping=new, element=element, text=text)
    story.said("safety", f"mappings of {len(meetings)} meetings")


def scaling(story: Story, rounds: list[tuple[str, Any, dict[str, int]]]) -> None:
    """Rounds of scaling questions: (question, day, {rater: score}); a rater is a child's or network
    member's first name in lower case or a professional's username."""
    dossier = story.dossier
    if ScaleRating.objects.filter(dossier=dossier).exists():
        return
    raters = _raters(dossier)
    today = timezone.localdate()
    for question, day, scores in rounds:
        if day > today:
            continue
        scales.scale_ratings_record(
            actor=None,
            dossier=dossier,
            question=question,
            rated_on=day,
            scores=[(raters[name], score) for name, score in scores.items() if name in raters],
        )
    story.said("safety", "scaling questions")


def evaluation(story: Story, told: dict) -> None:
    """An evaluation of the plan: the bottom lines assessed in the order they were set, everyone's scores."""
    dossier = story.dossier
    if dossier.evaluations.exists() or told["held_on"] > timezone.localdate():
        return
    network, circle, raters = _network(dossier), _circle(dossier), _raters(dossier)
    lines = list(dossier.bottom_lines.order_by("set_on", "pk"))
    evaluations.evaluation_record(
        actor=None,
        dossier=dossier,
        kind=told["kind"],
        held_on=told["held_on"],
        plan=dossier.safety_plans.first(),
        participants=[network[name] for name in told["network"]],
        circle_members=[circle[name] for name in told["circle"] if name in circle],
        assessments=[
            (line, status, evidence)
            for line, (status, evidence) in zip(lines, told["assessments"], strict=True)
        ],
        scores=[(raters[name], score) for name, score in told["scores"].items() if name in raters],
        decisions=told["decisions"],
        outcome=told["outcome"],
    )
    story.said("safety", f"{told['kind']} evaluation")


def safety_journal(story: Story, told: dict) -> None:
    """What the network told the worker ("writer") during visits, written down by that worker on their
    behalf; the "reader" has read all but the last two entries."""
    dossier = story.dossier
    if dossier.safety_journal.exists():
        return
    network, circle = _network(dossier), _circle(dossier)
    writer, reader = circle[told["writer"]].user, circle[told["reader"]].user
    today = timezone.localdate()
    entries = [entry for entry in told["entries"] if entry[0] <= today]
    for number, (day, who, kind, text) in enumerate(entries, start=1):
        journal.journal_entry_add(
            actor=writer,
            dossier=dossier,
            happened_on=day,
            said_by_participant=network[who] if who else None,
            kind=kind,
            text=text,
        )
        if number == len(entries) - 2:
            journal.journal_mark_read(actor=reader, dossier=dossier)
    if entries:
        story.said("safety", "safety journal")


def advice(story: Story, told: dict[str, Any]) -> None:
    """The advice to the judge: drafted from the dossier by its author (the frame as it stood on the advice's
    day), completed with the proposal, the family's view and the motivation, and approved by another (four
    eyes), which keeps it as a signed PDF."""
    dossier = story.dossier
    if JudgeAdvice.objects.filter(dossier=dossier).exists():
        return
    author, approver = User.objects.get(username=told["author"]), User.objects.get(username=told["approver"])
    draft = advice_services.advice_create(
        actor=author, dossier=dossier, title=told["title"], addressed_to=told["addressed_to"]
    )
    draft = advice_services.advice_update(
        actor=author,
        advice=draft,
        revision=draft.revision,
        frame=advice_services.advice_compose(dossier=dossier, day=told["day"])["frame"],
        proposal=told["proposal"],
        extension_condition=told["extension_condition"],
        extend_until=told["extend_until"],
        family_view=told["family_view"],
        motivation=told["motivation"],
    )
    advice_services.advice_approve(actor=approver, advice=draft, revision=draft.revision)
    story.said("safety", "advice to the judge, approved")
