"""One language per page: the demo, read by its main personas, shows no English in Dutch (or Flemish) pages
and no Dutch in English ones, and no raw codes (`case_worker`, `cases.dossier`, `network-meeting-1`).

The demo is seeded once (the `seed_demo` command) and each persona walks the product from the start page,
following the links of the rendered pages (GET only, a few pages per URL pattern, so that the walk stays
short). Only what users read is checked: the text of the page (scripts and styles left out, the SVG texts of
the charts included) and the attributes title, aria-label, placeholder, alt and the value of buttons.

A string "from the catalogue" is the English source (msgid) of a Dutch translation that differs from it; a
Dutch string is such a translation (msgstr). Words that are the same in both languages in any catalogue
(Team, Plan, Contact …) are left out, and so are the names of the demo's people and organisations and the
texts typed into the case data (they stay in the language they were written in). The Dutch walk also reads
the PDFs it meets back (pypdf), and every kind of PDF the product makes is read back in Dutch, Flemish and
English (`test_every_kind_of_pdf_reads_in_its_language`). Elements marked with another `lang` (the language
switch, a letter in the family's language) are not the page's language and are skipped.
"""

import bisect
import functools
import io
import re
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import polib
import pypdf
import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command
from django.db import models, transaction
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import override

from kring.accounts.models import Organisation, Team, User

pytestmark = pytest.mark.django_db  # the test database; the demo is seeded once for the module

SRC = Path(__file__).resolve().parents[2] / "src" / "kring"
PER_PATTERN = 1  # pages per URL pattern and persona: enough for variety, short enough to run in seconds
# pages of one dossier or object per URL pattern, over all personas of a language: two dossiers' tabs
SHARED_PER_PATTERN = 2
SKIP_SUFFIXES = (".pdf", ".csv", ".ics", ".json", "/picture")
PDF_SKIP_NAMES = {"signal_index_letter_pdf"}  # the letters are in the family's language, several per PDF
SKIP_NAMES = {"logout", "set_language", "healthz", "agenda_ical"}
PLACEHOLDER = re.compile(r"%\([^)]*\)[sdfr]|%[sdfr]|\{[a-z_0-9]*\}")
VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Read the same in both languages on purpose: the product's name, and a language named in its own language.
SAME_IN_BOTH = {"kring", "english", "nederlands"}
READ_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}

# The main personas of the demo, with the language they read in.
DUTCH_READERS = (
    "anna.devries",  # case worker
    "sanne.meijer",  # youth probation: Signs of Success, the chain table
    "marieke.bosman",  # team lead
    "ruben.dijkstra",  # behavioural scientist
    "fatima.ouali",  # privacy officer: the access log
    "joost.vermaat",  # public prosecutor: the chain table
    "noor.hendriks",  # Veilig Thuis: the signal index
    "kees.vandam",  # functional administrator: retention
)
FLEMISH_READERS = ("pieter.vandenbroeck",)  # consulent of a Flemish organisation: nl-be
ENGLISH_READERS = ("anna.devries", "pieter.vandenbroeck", "sanne.meijer", "fatima.ouali")


class _Text(HTMLParser):
    """The strings a user reads on a page: text nodes and the attributes that are read out or shown."""

    def __init__(self, language: str) -> None:
        super().__init__(convert_charrefs=True)
        self.language = language[:2]
        self.strings: list[str] = []
        self.links: list[str] = []
        self._hidden = 0
        self._other_language: list[str] = []  # open elements in another language (a letter, the switch)

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if self._other_language:
            if tag == self._other_language[0]:
                self._other_language.append(tag)
            return
        if (values.get("lang") or self.language)[:2] != self.language and tag not in VOID:
            self._other_language.append(tag)
            return
        if tag in ("script", "style", "template"):
            self._hidden += 1
        for name in READ_ATTRIBUTES & values.keys():
            self.strings.append(values[name] or "")
        if tag == "input" and values.get("type") in ("submit", "button"):
            self.strings.append(values.get("value") or "")
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])

    def handle_endtag(self, tag):
        if self._other_language:
            if tag == self._other_language[0]:
                self._other_language.pop()
            return
        if tag in ("script", "style", "template") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and not self._other_language:
            self.strings.append(data)


def _strings(html: str, language: str) -> tuple[list[str], list[str]]:
    parser = _Text(language)
    parser.feed(html)
    strings = [" ".join(s.split()) for s in parser.strings]
    return [s for s in strings if s], parser.links


@functools.cache  # the catalogues do not change while the tests run: read them once
def _catalogue() -> tuple[set[str], set[str]]:
    """(English sources, Dutch translations) that differ, without what reads the same in both languages."""
    english, dutch, same = set(), set(), set()
    # the Flemish words too (nl_BE): Dutch in an English page all the same
    for path in [
        *SRC.glob("**/locale/nl/LC_MESSAGES/django.po"),
        *SRC.glob("**/locale/nl_BE/LC_MESSAGES/django.po"),
    ]:
        for entry in polib.pofile(str(path)):
            if entry.obsolete or entry.fuzzy:
                continue
            pairs = [(entry.msgid, entry.msgstr)]
            if entry.msgid_plural:
                plural = entry.msgstr_plural
                pairs = [(entry.msgid, plural.get(0, "")), (entry.msgid_plural, plural.get(1, ""))]
            for source, translation in pairs:
                source, translation = " ".join(source.split()), " ".join(translation.split())
                if not translation:
                    continue
                if source.casefold() == translation.casefold():
                    same.add(source.casefold())
                    continue
                english.add(source)
                dutch.add(translation)
    same |= SAME_IN_BOTH
    english = {s for s in english if s.casefold() not in same}
    dutch = {s for s in dutch if s.casefold() not in same}
    return english - dutch, dutch - english


@functools.cache
def _netherlands_words() -> tuple[set[str], set[str]]:
    """(The Dutch of the Netherlands where Flanders says it differently, the Flemish words): the `nl`
    translations of the msgids the `nl_BE` catalogue overrides, in any case ("judge", "Judge")."""
    flemish: dict[str, str] = {}
    for path in SRC.glob("**/locale/nl_BE/LC_MESSAGES/django.po"):
        for entry in polib.pofile(str(path)):
            if entry.msgstr and not entry.obsolete:
                flemish[" ".join(entry.msgid.split()).casefold()] = " ".join(entry.msgstr.split())
    netherlands = set()
    for path in SRC.glob("**/locale/nl/LC_MESSAGES/django.po"):
        for entry in polib.pofile(str(path)):
            source, translation = " ".join(entry.msgid.split()), " ".join(entry.msgstr.split())
            word = flemish.get(source.casefold())
            if translation and word and translation.casefold() != word.casefold():
                netherlands.add(translation)
    return netherlands, set(flemish.values())


@functools.cache
def _msgids() -> set[str]:
    msgids = set()
    for path in SRC.glob("**/locale/nl/LC_MESSAGES/django.po"):
        msgids |= {" ".join(entry.msgid.split()) for entry in polib.pofile(str(path))}
    return msgids


def _fragments(message: str) -> list[str]:
    """The literal parts of a message worth looking for: the whole message, or the long parts around its
    placeholders."""
    parts = [p.strip(" :.,;()") for p in PLACEHOLDER.split(message)]
    if len(parts) == 1:
        return [parts[0]] if parts[0] else []
    return [p for p in parts if len(p) >= 12 and " " in p]


def _matcher(messages: set[str], protected: set[str]):
    """Find a message in a page's strings: a short one (up to three words) only as a whole string (a label, a
    button, a column), a longer one anywhere in the text, on word boundaries. Short ones inside a sentence are
    left alone: typed text may use the same words."""
    words, phrases = set(), set()
    for message in messages:
        for fragment in _fragments(message):
            if fragment.casefold() in protected or len(fragment) < 3:
                continue
            (phrases if fragment.count(" ") >= 3 else words).add(fragment)
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)({alternatives})(?!\w)") if phrases else None

    def find(strings: list[str]) -> set[str]:
        found = {s for s in strings if s.rstrip(":").strip() in words}
        if pattern:
            for s in strings:
                found.update(m.group(1) for m in pattern.finditer(s))
        return found

    return find


def _codes() -> re.Pattern:
    """Raw codes a user must never read: the values of the choices (with an underscore), model labels, the
    keys of the pathway templates' steps, and `key: date` made from them."""
    codes = set()
    for model in apps.get_models():
        codes.add(model._meta.label_lower)
        for field in model._meta.get_fields():
            for value, _label in getattr(field, "flatchoices", None) or ():
                if isinstance(value, str) and ("_" in value or "." in value):
                    codes.add(value)
    from kring.pathways.models import TemplateStep

    codes |= {key for key in TemplateStep.objects.values_list("key", flat=True) if "-" in key}
    alternatives = "|".join(re.escape(c) for c in sorted(codes, key=len, reverse=True))
    key_and_day = r"[a-z][a-z-]*: \d{4}-\d\d-\d\d"
    return re.compile(rf"(?<![\w.@/-])({alternatives}|{key_and_day})(?![\w@/-])")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    clock = time_machine.travel("2026-12-01 10:00 +01:00", tick=False)
    with clock, django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def _pdf_strings(content: bytes) -> list[str]:
    """The lines of a PDF (a heading, a label or a table cell is a line of its own) and, last, its whole text
    as one string (a sentence may be wrapped over several lines and pages): without what every page repeats
    (the reference, "confidential", the page number) and the bullets, which would break up a sentence."""
    pages = [
        [" ".join(line.split()) for line in (page.extract_text() or "").splitlines()]
        for page in pypdf.PdfReader(io.BytesIO(content)).pages
    ]
    lines = [line for page in pages for line in page if line]
    repeated = set.intersection(*(set(page) for page in pages)) if len(pages) > 1 else set()
    furniture = re.compile(r"(^|\s)\d+ / \d+$|^[•◦▪\u2013-]$")
    body = [line for line in lines if line not in repeated and not furniture.search(line)]
    return [*lines, " ".join(body)]


def _walk(
    username: str, language: str, visited: dict[str, set[str]], pdfs: bool = False
) -> dict[str, list[str]]:
    """The strings of the pages one persona reaches from the start page, by URL. A page of one dossier or
    object (a URL with arguments) that another persona already read (`visited`, by URL pattern) is not read
    again, and of such a pattern no more than SHARED_PER_PATTERN pages are read in all. With `pdfs`, one PDF
    of each kind is read back too (not the signal index letters: they are in several languages)."""
    client = Client()
    client.force_login(User.objects.get(username=username))
    client.cookies["kring_language"] = language
    queue, seen, per_pattern, pages = ["/"], {"/"}, defaultdict(int), {}
    while queue:
        url = queue.pop(0)
        response = client.get(url)
        if response.status_code in (301, 302):
            location = urlsplit(response["Location"]).path
            if location not in seen:
                seen.add(location)
                queue.insert(0, location)
            continue
        assert response.status_code < 500, (username, url, response.status_code)
        if response.status_code == 200 and response.get("Content-Type", "").startswith("application/pdf"):
            pages[url] = _pdf_strings(response.content)
            continue
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        strings, links = _strings(response.content.decode(), language)
        pages[url] = strings
        for link in links:
            parts = urlsplit(link)
            path = parts.path
            if parts.netloc or not path.startswith("/") or path in seen or path.startswith("/static/"):
                continue
            if path.startswith(("/admin/", "/api/")):
                continue
            try:
                match = resolve(path)
            except Resolver404:
                continue
            pdf = match.url_name.endswith("_pdf") or match.url_name == "childvoice_print"
            if (pdf and not pdfs) or (path.endswith(SKIP_SUFFIXES) and not pdf):
                continue
            if match.url_name in SKIP_NAMES or per_pattern[match.url_name] >= PER_PATTERN:
                continue
            if match.url_name in PDF_SKIP_NAMES:
                continue
            if match.kwargs and (
                path in visited[match.url_name]
                or len(visited[match.url_name]) >= (1 if pdf else SHARED_PER_PATTERN)
            ):
                continue
            seen.add(path)
            if match.kwargs:
                visited[match.url_name].add(path)
            per_pattern[match.url_name] += 1
            queue.append(path)
    return pages


def _names() -> list[str]:
    """Names users typed (people, organisations, teams): not the interface's language; left out."""
    names = set(Organisation.objects.values_list("name", flat=True))
    names |= set(Team.objects.values_list("name", flat=True))
    names |= {u.get_full_name() for u in User.objects.all()}
    return sorted((n for n in names if n), key=len, reverse=True)


def _report(found: dict[str, dict[str, set[str]]]) -> str:
    lines = []
    for who, pages in found.items():
        for url, strings in pages.items():
            lines.append(f"{who} {url}: {sorted(strings)}")
    return "\n".join(lines)


TYPED_APPS = {
    "cases",
    "network",
    "safety",
    "success",
    "childvoice",
    "pathways",
    "feedback",
    "chain",
    "signal_index",
}


class _Typed:
    """What people typed (or the demo wrote) in the case data: a summary, a case role, a consent's scope. It
    is in the language it was written in, whatever the page's language, so a page string that is such a text
    (whole, shortened with "…", or after a "label: ") is not the interface's. Shipped data kept as its English
    msgid (a pathway step's title, a question of an instrument) is not typed: it must be translated."""

    def __init__(self, msgids: set[str]) -> None:
        texts = set()
        for model in apps.get_models():
            if model._meta.app_label not in TYPED_APPS:
                continue
            fields = [
                f.name
                for f in model._meta.concrete_fields
                if isinstance(f, (models.CharField, models.TextField)) and not f.choices
            ]
            for row in model.objects.values_list(*fields) if fields else ():
                texts |= {" ".join(v.split()) for v in row if isinstance(v, str) and len(v) > 2}
        self.texts = texts - msgids
        self.sorted = sorted(texts)

    def _known(self, text: str) -> bool:
        if text in self.texts:
            return True
        if text.endswith("…"):  # a text shortened on the page
            start = text[:-1].rstrip()
            at = bisect.bisect_left(self.sorted, start)
            return at < len(self.sorted) and self.sorted[at].startswith(start)
        return False

    def __call__(self, text: str) -> bool:
        return self._known(text) or any(self._known(part.strip()) for part in text.split(": ")[1:])

    def remove_from_pdf(self, strings: list[str]) -> list[str]:
        """A PDF's strings (`_pdf_strings`) without the typed texts: a line that is part of one (a typed
        text is wrapped over lines) and every typed text in the whole text."""
        *lines, text = strings
        everything = "\n".join(self.texts)
        lines = [line for line in lines if line not in everything]
        for typed in sorted(self.texts, key=len, reverse=True):
            if len(typed) > 12 and typed in text:
                text = text.replace(typed, " ")
        return [*lines, text]


def _checker(messages: set[str], protected: set[str]):
    """What in a page's (or PDF's) strings is not the page's language: `messages` of the other language (not
    in a name or a typed text) and raw codes."""
    # a one-word message that is also a word of the page's language (English "met", Dutch "over") says nothing
    find = _matcher(messages, protected | {w for p in protected for w in re.findall(r"\w+", p)})
    codes = _codes()
    names = re.compile("|".join(re.escape(n) for n in _names()))
    typed = _Typed(_msgids())

    def check(strings: list[str], pdf: bool = False) -> set[str]:
        if pdf:
            strings = typed.remove_from_pdf(strings)
        strings = [names.sub(" ", s).strip() for s in strings if not typed(s)]
        return find(strings) | {f"code {m.group(1)}" for s in strings for m in codes.finditer(s)}

    return check


def _check(
    readers: tuple[str, ...], language: str, messages: set[str], protected: set[str], pdfs: bool = False
) -> str:
    check = _checker(messages, protected)
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    visited: dict[str, set[str]] = defaultdict(set)
    for username in readers:
        for url, strings in _walk(username, language, visited, pdfs).items():
            found_here = check(strings, pdf=url.endswith((".pdf", "/pdf/")))
            if found_here:
                found[f"{username} ({language})"][url] |= found_here
    return _report(found)


def test_no_english_in_dutch_pages(demo):
    english, dutch = _catalogue()
    with time_machine.travel("2026-12-01 10:00 +01:00", tick=False):
        problems = _check(DUTCH_READERS, "nl", english, {d.casefold() for d in dutch}, pdfs=True)
        problems += _check(FLEMISH_READERS, "nl", english, {d.casefold() for d in dutch})
    assert not problems, "English (or a raw code) in a Dutch page:\n" + problems


def test_no_dutch_in_english_pages(demo):
    english, dutch = _catalogue()
    with time_machine.travel("2026-12-01 10:00 +01:00", tick=False):
        problems = _check(ENGLISH_READERS, "en", dutch, {e.casefold() for e in english})
    assert not problems, "Dutch (or a raw code) in an English page:\n" + problems


def test_the_flemish_consulent_of_the_demo_reads_flemish_words(demo):
    from kring.cases.models import Dossier

    client = Client()
    client.force_login(User.objects.get(username=FLEMISH_READERS[0]))
    with time_machine.travel("2026-12-01 10:00 +01:00", tick=False):
        start = client.get("/", follow=True).content.decode()
        safety = [
            client.get(f"/dossiers/{pk}/safety/").content.decode()
            for pk in Dossier.objects.filter(jurisdiction="BE").values_list("pk", flat=True)
        ]
    assert (
        '<html lang="nl-be" dir="ltr">' in start and 'href="/signals/"' not in start
    )  # no Dutch signal index
    assert all('<html lang="nl-be" dir="ltr">' in page for page in safety if "<html" in page)
    # who may set a bottom line in Flanders, where the consulent may add one
    forms = [page for page in safety if 'name="set_by_kind"' in page]
    assert forms and all(">jeugdrechter<" in page and ">consulent<" in page for page in forms)
    assert not any(">rechter<" in page or ">jeugdbeschermer<" in page for page in safety)


# Every PDF the product makes, but the signal index's letters (in the family's language, several per PDF).
PDF_KINDS = {
    "safety plan",
    "safety plan, family version",
    "case script",
    "advice to the judge",
    "early-closure report",
    "words-and-pictures story",
}
# Positive early closure ends a Dutch youth probation measure: the Flemish demo has none.
NOT_IN_THE_FLEMISH_DEMO = {"early-closure report"}


def _pdfs(language: str) -> dict[str, bytes]:
    """One PDF of each kind, in `language`: of a Flemish dossier for `nl-be`, of a Dutch one for `nl` (the
    dossier's door gives its words), of either for `en`. Downloaded as a user does, by the first professional
    of the dossier's circle who may. Rendered by the same code in the language instead: the advice to the
    judge as at its approval (its download is the version kept, in the language of the one who approved it),
    and in `nl` the safety plan (only the Flemish dossiers of the demo have one)."""
    from kring.cases.models import CircleMember
    from kring.pathways.models import Pathway
    from kring.safety import documents
    from kring.safety.advice import advice_pdf_bytes
    from kring.safety.childvoice.models import Story
    from kring.safety.models import JudgeAdviceVersion, SafetyPlan
    from kring.safety.success.models import EarlyClosure

    jurisdictions = {"nl": ["NL"], "nl-be": ["BE"], "en": ["NL", "BE"]}[language]

    def each(queryset):
        # Dutch dossiers first: "NL" < "BE" would not do
        first = models.Case(models.When(dossier__jurisdiction="NL", then=0), default=1)
        return queryset.filter(dossier__jurisdiction__in=jurisdictions).order_by(first, "pk")

    candidates = {
        "safety plan": [
            (p.dossier_id, reverse("safety_plan_pdf", args=[p.dossier_id, p.pk]))
            for p in each(SafetyPlan.objects.filter(versions__isnull=False).distinct())
        ],
        "case script": [
            (p.dossier_id, reverse("pathway_script_pdf", args=[p.dossier_id, p.pk]))
            for p in each(Pathway.objects)
        ],
        "early-closure report": [
            (c.dossier_id, reverse("success_closure_report_pdf", args=[c.dossier_id, c.pk]))
            for c in each(EarlyClosure.objects)
        ],
        "words-and-pictures story": [
            (s.dossier_id, reverse("childvoice_print", args=[s.dossier_id, s.child_id]))
            for s in each(Story.objects)
        ],
    }
    candidates["safety plan, family version"] = [
        (d, url + "?for=family") for d, url in candidates["safety plan"]
    ]
    clients: dict[int, Client] = {}

    def client(user: User) -> Client:
        if user.pk not in clients:
            clients[user.pk] = Client()
            clients[user.pk].force_login(user)
            clients[user.pk].cookies["kring_language"] = language[:2]
        return clients[user.pk]

    pdfs = {}
    for kind, urls in candidates.items():
        for dossier_id, url in urls:
            for member in CircleMember.objects.filter(dossier_id=dossier_id).select_related("user"):
                response = client(member.user).get(url)
                if response.status_code == 200:
                    assert response["Content-Type"] == "application/pdf", (kind, url)
                    pdfs[kind] = response.content
                    break
            if kind in pdfs:
                break
    plan = SafetyPlan.objects.filter(versions__isnull=False).select_related("dossier").order_by("pk").first()
    if language == "nl" and plan and "safety plan" not in pdfs:
        with override(language):
            pdfs["safety plan"] = documents.plan_pdf(dossier=plan.dossier, plan=plan, family=False)[0]
            pdfs["safety plan, family version"] = documents.plan_pdf(
                dossier=plan.dossier, plan=plan, family=True
            )[0]
    version = (
        JudgeAdviceVersion.objects.filter(
            advice__dossier__jurisdiction__in=["BE"] if language == "nl-be" else ["NL", "BE"]
        )
        .select_related("advice__dossier", "approved_by")
        .order_by("pk")
        .first()
    )
    if version:
        approval = {
            "name": version.approved_by.get_full_name(),
            "role": version.approver_role,
            "at": version.approved_at,
            "number": version.number,
        }
        with override(language):
            pdfs["advice to the judge"] = advice_pdf_bytes(advice=version.advice, approval=approval)
    return pdfs


@pytest.mark.parametrize("language", ["nl", "nl-be", "en"])
def test_every_kind_of_pdf_reads_in_its_language(demo, language):
    english, dutch = _catalogue()
    messages, protected = (dutch, english) if language == "en" else (english, dutch)
    with time_machine.travel("2026-12-01 10:00 +01:00", tick=False):
        pdfs = _pdfs(language)
        check = _checker(messages, {p.casefold() for p in protected})
        found = {
            kind: problems for kind, pdf in pdfs.items() if (problems := check(_pdf_strings(pdf), pdf=True))
        }
        if language == "nl-be":  # and no word of the Netherlands where Flanders has its own
            netherlands, flemish = _netherlands_words()
            check = _checker(netherlands, {f.casefold() for f in flemish})
            for kind, pdf in pdfs.items():
                if problems := check(_pdf_strings(pdf), pdf=True):
                    found[kind] = found.get(kind, set()) | problems
    expected = PDF_KINDS - NOT_IN_THE_FLEMISH_DEMO if language == "nl-be" else PDF_KINDS
    assert set(pdfs) == expected, f"no {sorted(expected - set(pdfs))} in {language}"
    assert not found, f"Not {language} (or a raw code) in a PDF:\n" + _report({language: found})


def _mails(language: str) -> dict[str, tuple[str, str]]:
    """(subject, body) of every kind of mail kring sends, written as kring writes them in `language` (the
    configured language: mails go out in the dossier's or organisation's words, not in the sender's page
    language). What the sending writes is rolled back. (The emergency-access mail to the privacy officers has
    its own test: tests/access/test_break_glass_mail.py.)"""
    from django.core import mail
    from django.test.utils import override_settings

    from kring.chain.index.reminders import _mail as signal_index_reminder_mail
    from kring.pathways.models import Reminder, ReminderKind
    from kring.pathways.reminders import reminder_message
    from kring.portal.models import NoticeFrequency
    from kring.portal.notices import notice_message

    found: dict[str, tuple[str, str]] = {}
    with override_settings(LANGUAGE_CODE=language), override("ar"), transaction.atomic():
        for kind in ReminderKind:
            reminder = Reminder.objects.filter(kind=kind, step__pathway__dossier__jurisdiction="NL").first()
            assert reminder, f"the demo plans no {kind} reminder"
            message = reminder_message(reminder)
            found[f"pathway reminder ({kind})"] = (message.subject, message.body)
        message = notice_message(
            email="ouder@example.org", language=language, frequency=NoticeFrequency.DAILY
        )
        found["family notice"] = (message.subject, message.body)
        outbox_before = len(mail.outbox)
        signal_index_reminder_mail("team@example.org", [1, 2])
        for number, message in enumerate(mail.outbox[outbox_before:]):
            found[f"sent mail {number + 1}: {message.subject}"] = (message.subject, message.body)
        transaction.set_rollback(True)
    return found


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_kind_of_mail_reads_in_its_language(demo, language):
    english, dutch = _catalogue()
    messages, protected = (dutch, english) if language == "en" else (english, dutch)
    # a mail holds no typed text and no names of people (only references and the catalogue's own words), so
    # the catalogue's messages and the raw codes are looked for in all of it
    find, codes = _matcher(messages, {p.casefold() for p in protected}), _codes()

    def check(strings: list[str]) -> set[str]:
        return find(strings) | {f"code {m.group(1)}" for s in strings for m in codes.finditer(s)}

    with time_machine.travel("2026-12-01 10:00 +01:00", tick=False):
        mails = _mails(language)
    assert len(mails) >= 4, sorted(mails)
    found = {kind: problems for kind, text in mails.items() if (problems := check([*text]))}
    assert not found, f"Not {language} (or a raw code) in a mail:\n" + _report({language: found})
