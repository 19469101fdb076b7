"""The small vocabulary the story modules are written in: pure data, no Django.

A family module (``kring.demo.families.*``) describes its dossier in ``DOSSIER`` and its history in
``HISTORY`` with these helpers; ``kring.demo.seeding.cases`` writes both through the services. Dates are ISO
strings (``YYYY-MM-DD``); people are handles into the family's ``PEOPLE`` (or ``shared.PEOPLE`` for the few
who stand in several families); organisations are the keys of ``shared.ORGANISATIONS``.
"""

NL_PHONE = "06-123456{:02d}"
BE_PHONE = "0470 12 34 {:02d}"
WIJKTEAM = "wijkteam-wijland"


def person(first_name, last_name, date_of_birth, gender):
    return {
        "first_name": first_name,
        "last_name": last_name,
        "date_of_birth": date_of_birth,
        "gender": gender,
    }


def seat(person, role, relation, *, inner=False, lives=False, phone="", since=None, until=None):
    """A participant: a PEOPLE handle with role (parent/carer/informal) and relation; `since` defaults to the
    day the dossier opened."""
    return {
        "person": person,
        "role": role,
        "relation": relation,
        "closeness": "inner" if inner else "wider",
        "lives_with_child": lives,
        "phone": phone,
        "since": since,
        "until": until,
    }


def authority(children, holder, *, kind="parental", since=None, until=None):
    """Authority over each of `children` (first names). `holder` is a PEOPLE handle or, for an institution as
    guardian, ``{"organisation": key}``. `since` defaults to the child's date of birth."""
    return {"children": children, "holder": holder, "kind": kind, "since": since, "until": until}


def measure(children, kind, start, planned_end, decided_by, *, extensions=(), end=None):
    """The same measure for each of `children`; `extensions` are (decided_on, new planned end, reason),
    `end` is (ended_on, end reason)."""
    return {
        "children": children,
        "kind": kind,
        "start": start,
        "planned_end": planned_end,
        "decided_by": decided_by,
        "extensions": [
            {"decided_on": decided_on, "new_planned_end": new_end, "reason": reason}
            for decided_on, new_end, reason in extensions
        ],
        "end": {"on": end[0], "reason": end[1]} if end else None,
    }


def lead(organisation, model, since, note):
    return {"organisation": organisation, "model": model, "since": since, "note": note}


def scale(up, on, note):
    return {"up": up, "on": on, "note": note}


def consent(given_by, on, scope, *, step=None, shared_with=None, sections=(), withdrawn=None):
    """A consent by a PEOPLE handle (a parent with authority) or a child's first name (from 12); `withdrawn`
    is (withdrawn_on, note)."""
    return {
        "given_by": given_by,
        "on": on,
        "scope": scope,
        "step": step,
        "shared_with": shared_with,
        "sections": list(sections),
        "withdrawn": {"on": withdrawn[0], "note": withdrawn[1]} if withdrawn else None,
    }
