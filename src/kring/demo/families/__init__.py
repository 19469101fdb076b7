"""The demo families: one module per family, each holding its whole story.

A family module has ``REFERENCE``, ``PEOPLE`` (its parents, carers and network, by handle), ``DOSSIER`` (the
dossier with its children and circle), ``HISTORY`` (participants, authority, measures, lead, scaling, consents,
timeline, JIMs), optionally ``CLOSURE`` (closed with four eyes at the end) and ``tell(story)`` for the rest of
its story (safety work, pathway, questionnaires, the child's voice …). ``van_den_heuvel`` has no dossier: the
signal index is all that knows of that family.

Which seed document each story comes from: see each module's docstring and docs/demo.md. All people are invented;
Sasja keeps her first name, because she is the worked example of the "boekensteunen" framework (practice model
§4). Texts shown to users are in plain Dutch (B1), Flemish for the Flemish families.

Deliberately thin: Touray has an empty inner circle and only the provisional guardianship as authority (custody
is unclear in the source, and the summary says so); Smit has one person in the inner circle. The urgency
procedure of Lambrecht runs from 19 October to 18 December 2026, so it has no court-ordered care yet; Verstraete
shows the whole route (urgency, then court-ordered care from day 42, then closure).

Not turned into a dossier: seed 002, case 1 (a man of 61 who stole cans of cola). He is an adult; the chain
table helped him (``kring.demo.chain_table.hendrik``), but there is no child and no youth measure.
"""

from . import (
    bakker,
    brouwer,
    dekker,
    goossens,
    hermans,
    kaya,
    koster,
    lambrecht,
    mulder,
    smit,
    touray,
    van_acker,
    van_den_heuvel,
    van_rijn,
    verbeek,
    verhoef,
    verstraete,
    visser,
)

# The families with a dossier, in the order their dossiers are opened.
FAMILIES = (
    verbeek,
    koster,
    hermans,
    verhoef,
    kaya,
    visser,
    dekker,
    brouwer,
    mulder,
    bakker,
    van_rijn,
    touray,
    smit,
    verstraete,
    lambrecht,
    van_acker,
    goossens,
)
# Families only the signal index knows of.
REGISTERED_ONLY = (van_den_heuvel,)
