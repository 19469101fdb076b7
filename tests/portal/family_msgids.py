"""Every text a family member meets, collected from the sources (docs/portal.md, "Languages").

The portal's own templates and code (not the worker's parts), the pages a family passes through on the way
in (`/login/`, the authenticator-app pages), the self-entry pages of a questionnaire link, and the texts of
the questionnaires a family member fills in (the shipped instruments that are not for professionals only).
`test_languages.py` fails when Arabic, Turkish or Polish lacks one of them."""

import ast
import re
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.utils.translation import trans_real
from django.utils.translation.template import templatize

SRC = Path(settings.SRC_DIR)
GETTEXT = re.compile(r"gettext\(u('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")\)")
PYTHON_GETTEXT = {"_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy"}

# the family's pages, besides everything in templates/portal/ (but the worker's parts)
PORTAL_TEMPLATES = SRC / "portal" / "templates" / "portal"
WORKER_TEMPLATES = {"_worker_alerts.html"}  # and everything under worker/: for professionals (nl/en)
PASSED_THROUGH = [
    "accounts/templates/accounts/login.html",
    "accounts/templates/accounts/mfa_setup.html",
    "accounts/templates/accounts/mfa_verify.html",
    "ui/templates/ui/_form_errors.html",
    "feedback/templates/feedback/respondent_base.html",
    "feedback/templates/feedback/self_entry.html",
    "feedback/templates/feedback/self_entry_done.html",
    "feedback/templates/feedback/self_entry_refused.html",
    "feedback/templates/feedback/_questions.html",
    "feedback/templates/feedback/_face.html",
]
# the family's code: every module of the portal but the worker's pages, the models' names (for the admin) and
# the worker's forms, checks and e-mails
WORKER_MODULES = {"worker_views.py", "models.py", "apps.py"}
WORKER_PARTS = {
    "forms.py": {"InviteForm", "RevokeForm", "ShieldForm", "ScaleAskForm", "QuestionnaireAskForm"},
    "services.py": {
        "NOT_IN_DOSSIER",
        "WRONG_KIND_CHILD",
        "WRONG_KIND_PARTICIPANT",
        "TOO_YOUNG",
        "ALREADY_HAS_ACCOUNT",
        "UNKNOWN_KIND",
        "ACCOUNT_REVOKED",
        "SHIELD_SAME_PERSON",
        "SHIELD_EXISTS",
        "CANNOT_BE_ASKED",
        "QUESTIONNAIRE_ALREADY_PUT",
        "OTHER_DOSSIER",
        "unsafe_alert_raise",
        "unsafe_alert_escalate",
    },
}
# texts of other apps' code shown on the pages above (login, the authenticator app, self-entry)
OTHER_CODE = {
    "accounts/forms.py": ("TOKEN_INVALID", "LoginForm", "TokenForm"),
    "feedback/entry_views.py": ("REFUSALS",),
}
OTHER_TEXTS = (
    "The second step is ready. From now on you log in with a code from the app.",
    "QR code for the app on your phone",
    "Too many failed logins from your network. Wait %(seconds)d second and try again.",  # and its plural
    "Too many failed attempts. This account is locked for a while; "
    "try again later or ask your administrator.",
)


def template_msgids(path: Path) -> set[str]:
    return {ast.literal_eval(s) for s in GETTEXT.findall(templatize(path.read_text(encoding="utf-8")))}


def _calls(tree: ast.AST) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in PYTHON_GETTEXT:
            # ngettext: the singular names the entry (its plural is in the same entry)
            for arg in node.args[:1]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.add(arg.value)
    return found


def _names(node: ast.stmt) -> set[str]:
    targets = {t.id for t in getattr(node, "targets", []) if isinstance(t, ast.Name)}
    return targets | ({node.name} if isinstance(node, ast.FunctionDef | ast.ClassDef) else set())


def python_msgids(
    path: Path, only: tuple[str, ...] = (), but: set[str] | frozenset = frozenset()
) -> set[str]:
    """The msgids of a module's top-level statements: only those named `only` (when given), never those
    named `but`."""
    found = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        names = _names(node)
        if (not only or names & set(only)) and not names & but:
            found |= _calls(node)
    return found


def instrument_msgids() -> set[str]:
    """The texts of the shipped questionnaires a family member may be asked to fill in."""
    from kring.feedback.definitions import INSTRUMENTS

    found = set()
    for instrument in INSTRUMENTS:
        if set(instrument["respondent_types"]) <= {"professional", "school"}:
            continue
        found |= {instrument["name"], instrument["purpose"]}
        for item in instrument["items"]:
            found |= {item[k] for k in ("text", "heading", "low_label", "high_label") if item.get(k)}
    return found


def untranslated(language: str, msgids: Iterable[str]) -> list[str]:
    """The msgids without a translation of their own in `language` (Django would fall back to kring's default
    language for them: a Dutch sentence on an Arabic page)."""
    catalog = trans_real.translation(language)._catalog
    return [msgid for msgid in msgids if not (catalog.get(msgid) or catalog.get((msgid, 0)))]


def family_msgids() -> dict[str, str]:
    """msgid → where it comes from."""
    found: dict[str, str] = {}
    for path in sorted(PORTAL_TEMPLATES.glob("*.html")):
        if path.name not in WORKER_TEMPLATES:
            found.update(dict.fromkeys(template_msgids(path), f"portal/{path.name}"))
    for name in PASSED_THROUGH:
        found.update(dict.fromkeys(template_msgids(SRC / name), name))
    for path in sorted((SRC / "portal").glob("*.py")):
        if path.name not in WORKER_MODULES:
            but = WORKER_PARTS.get(path.name, set())
            found.update(dict.fromkeys(python_msgids(path, but=but), f"portal/{path.name}"))
    for name, names in OTHER_CODE.items():
        found.update(dict.fromkeys(python_msgids(SRC / name, names), name))
    found.update(dict.fromkeys(OTHER_TEXTS, "accounts/views.py"))
    found.update(dict.fromkeys(instrument_msgids(), "feedback/definitions.py"))
    return found
