"""How the demo stories are written: through the product's services, the same ones pages and the API use.

One module per app whose part of the stories is told (``cases``: organisations, users, dossiers and their
history, closure; ``safety``, ``pathways``, ``feedback``, ``childvoice``, ``success``, ``chain``,
``signal_index``). Each function writes one part of one story once: it looks first whether that part is there,
so seeding twice changes nothing. The story modules (``kring.demo.families``, ``kring.demo.chain_table``) hold
the content and call these.
"""

from dataclasses import dataclass
from typing import Any

from kring.cases.models import Dossier


@dataclass
class Story:
    """One family's story being told: its dossier, and the stream the command reports what it added on."""

    dossier: Dossier
    stdout: Any

    @property
    def reference(self) -> str:
        return self.dossier.reference

    def said(self, app: str, what: str) -> None:
        self.stdout.write(f"  {app}: {self.reference} {what}\n")
