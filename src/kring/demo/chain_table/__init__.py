"""The ZSM chain table of Wijland and its cases (seed 002, chapter 2, with invented names).

A ZSM chain table with the demo police (bas.vermeulen), Veilig Thuis (noor.hendriks) and youth probation of
Jeugdbescherming Wijland (sanne.meijer), plus prosecution (joost.vermaat, the chair), the child protection board
(femke.postma), Halt, adult probation, victim support and the Veiligheidshuis. One module per person the table
worked for:

* ``hendrik``: the man of 61 with the cola cans (decided; the plan date to look back has come);
* ``kevin``: the 15-year-old with a family guardian (decided; he was at the table the year before for a Halt
  case: a repeat report on the patterns page), registered in the signal index by his guardian's organisation;
* ``camara``: the 9-year-old with unclear custody (being deepened; a request to Veilig Thuis still open).

Their dates lie relative to the day the demo is seeded, so the table always has something current.
"""

from typing import Any

from django.utils import timezone

from kring.demo.seeding import chain

from . import camara, hendrik, kevin

CASES = (kevin, hendrik, camara)


def seed(stdout: Any) -> None:
    made = chain.table()
    if made is None:
        stdout.write("chain: demo organisations missing, skipped\n")
        return
    zsm, partners = made
    today = timezone.localdate()
    new = sum(chain.bring_in(zsm, story) for module in CASES for story in module.cases(today, partners))
    for module in CASES:
        getattr(module, "register", lambda: None)()
    stdout.write(f"chain: table {zsm.name}, {new} new chain cases\n")
