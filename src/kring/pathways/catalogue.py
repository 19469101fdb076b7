# ruff: noqa: E501 — the texts stay on one line each, as in the fixture
"""The texts of the shipped pathway templates (fixtures/pathway_templates.json), marked for translation.

The fixture is data in English; the database keeps those English texts (the msgids). They are translated when
they are shown, with `translated()` (or the `catalogue` template filter), in the reader's language. This
module only names them for `makemessages`; tests/pathways/test_catalogue.py checks that it holds every text
of the fixture, so a new template or step is not forgotten.
"""

from django.utils.translation import gettext, gettext_noop

TEMPLATE_TEXTS = (
    gettext_noop("Safety-planning module, urgency procedure"),
    gettext_noop(
        "Safety-planning module for urgent court-ordered care: 6 weeks, extendable once by 2 weeks. The urgency procedure lasts 60 days; then the ordinary procedure; a BMO at 75 days."
    ),
    gettext_noop("A step to voluntary care must be made"),
    gettext_noop("Some family goals will be reached with the extension"),
    gettext_noop("A short gap before follow-up court care must be bridged"),
    gettext_noop("Claim of the urgent measure and placement"),
    gettext_noop("Assessment for crisis guidance"),
    gettext_noop("Judge's approval"),
    gettext_noop("Dispatch to the crisis module; alignment on danger statement, safety goals and roles"),
    gettext_noop("Court hearing: the judge sets the frame and the bottom lines"),
    gettext_noop(
        "Right after the hearing: danger statement, safety goals and roles told to parents and child"
    ),
    gettext_noop("Explanation to the child (immediate story) and first home visit"),
    gettext_noop("First decision on return home or extension of crisis care"),
    gettext_noop("Feedback to parents and child"),
    gettext_noop("Gathering information for the safety assessment and plan"),
    gettext_noop(
        "First network meeting: explain the pathway, introduce everyone, danger statement, goals and bottom lines, strengths and worries, proposal of the plan, first commitments; a first signed plan goes to the judge"
    ),
    gettext_noop("Working phase"),
    gettext_noop("Interim evaluation of plan and goals"),
    gettext_noop("Second network meeting (evaluation)"),
    gettext_noop("Advice to the judge: continue, stop, refer; extension?"),
    gettext_noop("The judge decides and it is communicated to all"),
    gettext_noop("If extended: follow-up, handover"),
    gettext_noop("End of the urgency procedure; the ordinary procedure follows"),
    gettext_noop("BMO"),
    gettext_noop("SAVE guidance"),
    gettext_noop(
        "SAVE guidance in the voluntary frame: 3 to 4 months, extendable once by 3 months. The local-team worker stays on in parallel; planning in round-table meetings."
    ),
    gettext_noop("Activate"),
    gettext_noop("Analyse safety and development"),
    gettext_noop("Inform and psycho-education"),
    gettext_noop("Position on safety with conditions and advice"),
    gettext_noop("Organise an integral plan (round-table meeting)"),
    gettext_noop("Follow, monitor and evaluate"),
    gettext_noop("Close with a plan or escalate to the youth protection table"),
    gettext_noop("Complex divorce, light module"),
    gettext_noop(
        "Complex divorce, light module: 13 weeks, two professionals, one with the parents and one with the child."
    ),
    gettext_noop("Intake with both parents"),
    gettext_noop("Sessions with the child"),
    gettext_noop("Sessions with the parents"),
    gettext_noop("Evaluation with parents and child"),
    gettext_noop("Closing and agreements"),
    gettext_noop("Youth probation"),
    gettext_noop("Youth probation: 6 months, with a plan, evaluations and an end."),
    gettext_noop("Start: first contact with the young person and parents"),
    gettext_noop("Plan of approach"),
    gettext_noop("First evaluation"),
    gettext_noop("Second evaluation"),
    gettext_noop("End of the youth probation"),
)


def translated(text: str) -> str:
    """A text of a template (name, description, step title, condition) in the active language; a text kring
    does not know (a template added by an administrator) as it was written."""
    return gettext(text) if text else text
