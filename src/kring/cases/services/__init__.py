"""Writes of dossier data, one module per subject: the only place that changes dossiers, each change
authorised by the access policy, validated and audited.

- `dossiers`: opening a dossier, the circle, the history line every service adds, `authorise`;
- `intake`: the intake and a dossier's make-up over its life (children, authority, summary, team);
- `history`: the legal history: measures, extensions, the lead, scaling, consent, contacts;
- `placement`: where a child lives, and the urgency procedure's day-6 decision;
- `closure`: closing a dossier with four eyes, and reopening it.

`from kring.cases.services import authorise` keeps working: the `dossiers` module's names are this package's.
"""

from .dossiers import (
    ALREADY_IN_CIRCLE,
    ALREADY_LEFT,
    END_BEFORE_START,
    INACTIVE_MEMBERSHIP,
    NOT_IN_TEAM,
    SYSTEM,
    authorise,
    circle_member_add,
    circle_member_end,
    dossier_add_child,
    dossier_create,
    dossier_event_add,
)

__all__ = [
    "ALREADY_IN_CIRCLE",
    "ALREADY_LEFT",
    "END_BEFORE_START",
    "INACTIVE_MEMBERSHIP",
    "NOT_IN_TEAM",
    "SYSTEM",
    "authorise",
    "circle_member_add",
    "circle_member_end",
    "dossier_add_child",
    "dossier_create",
    "dossier_event_add",
]
