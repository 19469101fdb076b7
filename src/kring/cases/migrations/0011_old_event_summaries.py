"""Old generated summaries of dossier events get their message key and parameters
(kring.cases.event_summaries), so that they too read in the reader's language.

Events stored before 0010 keep the text their service generated, in the writer's language (nl, nl-be or en);
0010 keyed only the started measures in nl and en. Here every text that matches one of the patterns the
services used to write — for the event's kind, in one of the three languages, with the labels of the choices —
is read back into a key and its parameters. A text that matches no pattern (what a person typed) keeps an
empty key, and every text stays as stored. The patterns are the services' old texts, frozen here as their
msgids (translated now as they were then); a piece that was not translated yet then (the crisis decision's
words) is read in any of the languages.

Backwards, the keys this migration gives are cleared again: on every row whose text matches a pattern (a
row written since with the same text reads as stored, as before 0010); the started measures 0010 keyed keep
theirs.
"""

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from django.db import migrations
from django.utils import translation

LANGUAGES = ("nl", "nl-be", "en")
# 0010 keys a started measure whose text is its label in one of these: backwards, those keys stay for 0010.
LANGUAGES_OF_0010 = ("nl", "en")

# The services' texts before 0010 (msgids).
CLOSURE_NOT_CONFIRMED = "Closure not confirmed: %(note)s"
STAY_ENDED = "Stay ended"
CRISIS = "decision on the crisis placement"
CRISIS_DECISIONS = {"return_home": "return home", "extend": "extend the crisis placement"}
CHAIN_OPENED = "Opened from chain case %(reference)s (%(table)s)"
PATHWAY_STARTED = "Pathway started: %(name)s"
PATHWAY_EXTENDED = "Pathway extended by %(days)s days"
PATHWAY_ENDED = "Pathway ended: %(name)s (%(reason)s)"
# The fields dossier_summary_edit named, in this order, joined with ", ".
EDITED_FIELDS = ("title", "summary")
DAY = r"(?P<day>\d{2})-(?P<month>\d{2})-(?P<year>\d{4})"

Params = dict[str, Any] | None
Pattern = tuple[str, list[re.Pattern[str]], Callable[[re.Match[str]], Params]]


def _in_each_language(text: Any, languages: tuple[str, ...] = LANGUAGES) -> list[str]:
    found = []
    for language in languages:
        with translation.override(language):
            found.append(str(translation.gettext(text)))
    return list(dict.fromkeys(found))


def _labels(model: Any, field: str, languages: tuple[str, ...] = LANGUAGES) -> dict[str, str]:
    """A choice field's labels in each language → their code."""
    found: dict[str, str] = {}
    for code, label in model._meta.get_field(field).flatchoices:
        for text in _in_each_language(label, languages):
            found.setdefault(text, code)
    return found


def _one_of(name: str, texts: Any) -> str:
    """A named group matching exactly one of `texts` (longest first, so a label is not cut short)."""
    return f"(?P<{name}>" + "|".join(re.escape(t) for t in sorted(texts, key=len, reverse=True)) + ")"


def _whole(pattern: str) -> re.Pattern[str]:
    return re.compile(f"^{pattern}$", re.DOTALL)


def _formatted(msgid: str, groups: dict[str, str]) -> list[re.Pattern[str]]:
    """The translations of a %-format msgid, each as a pattern with a group for each of its placeholders."""
    patterns = []
    for text in _in_each_language(msgid):
        pattern = re.escape(text)
        for name, group in groups.items():
            pattern = pattern.replace(re.escape(f"%({name})s"), group)
        patterns.append(_whole(pattern))
    return patterns


def _iso_day(match: re.Match[str]) -> str | None:
    try:
        return date(int(match["year"]), int(match["month"]), int(match["day"])).isoformat()
    except ValueError:
        return None


class OldSummaries:
    """Reads an old summary text back into (key, params), by the event's kind."""

    def __init__(self, apps: Any) -> None:
        Measure = apps.get_model("cases", "Measure")
        measures = _labels(Measure, "kind")
        reasons = _labels(Measure, "end_reason")
        origins = _labels(apps.get_model("cases", "CaseOrigin"), "kind")
        sources = _labels(apps.get_model("cases", "Authority"), "source")
        stays = _labels(apps.get_model("cases", "Placement"), "kind")
        decisions = {
            text: code for code, msgid in CRISIS_DECISIONS.items() for text in _in_each_language(msgid)
        }
        self.keyed_by_0010 = set(_labels(Measure, "kind", LANGUAGES_OF_0010))
        Dossier = apps.get_model("cases", "Dossier")
        edited: dict[str, list[str]] = {}
        for language in LANGUAGES:
            with translation.override(language):
                name = {
                    f: str(translation.gettext(Dossier._meta.get_field(f).verbose_name))
                    for f in EDITED_FIELDS
                }
            for fields in (["title"], ["summary"], ["title", "summary"]):
                edited.setdefault(", ".join(name[f] for f in fields), fields)

        def measure_started(m: re.Match[str]) -> Params:
            return {"kind": measures[m["kind"]]}

        def measure_extended(m: re.Match[str]) -> Params:
            until = _iso_day(m)
            return {"kind": measures[m["kind"]], "until": until} if until else None

        def opened(m: re.Match[str]) -> Params:
            on = _iso_day(m)
            return {"origin": origins[m["origin"]], "on": on} if on else None

        def placement(m: re.Match[str]) -> Params:
            return {"child": m["child"], "kind": stays[m["kind"]], "ended": bool(m["ended"])}

        self.patterns: dict[str, list[Pattern]] = {
            "measure_started": [("measure_started", [_whole(_one_of("kind", measures))], measure_started)],
            "measure_extended": [
                ("measure_extended", [_whole(_one_of("kind", measures) + " → " + DAY)], measure_extended),
                (
                    "pathway_extended",
                    _formatted(PATHWAY_EXTENDED, {"days": r"(?P<days>\d+)"}),
                    lambda m: {"days": int(m["days"])},
                ),
            ],
            "measure_ended": [
                (
                    "measure_ended",
                    [_whole(_one_of("kind", measures) + ": " + _one_of("reason", reasons))],
                    lambda m: {"kind": measures[m["kind"]], "reason": reasons[m["reason"]]},
                ),
            ],
            "opened": [
                ("opened", [_whole(_one_of("origin", origins) + r" \(" + DAY + r"\)")], opened),
                (
                    "chain_opened",
                    _formatted(CHAIN_OPENED, {"reference": "(?P<reference>.+?)", "table": "(?P<table>.+)"}),
                    lambda m: {"reference": m["reference"], "table": m["table"]},
                ),
            ],
            "summary_edited": [
                (
                    "summary_edited",
                    [_whole(_one_of("fields", edited))],
                    lambda m: {"fields": edited[m["fields"]]},
                ),
            ],
            "closure_proposed": [
                (
                    "closure_not_confirmed",
                    _formatted(CLOSURE_NOT_CONFIRMED, {"note": "(?P<note>.+)"}),
                    lambda m: {"note": m["note"]},
                ),
            ],
            "placement": [
                (
                    "crisis_decision",
                    [
                        _whole(
                            "(?P<child>.+?): "
                            + _one_of("crisis", _in_each_language(CRISIS))
                            + ": "
                            + _one_of("decision", decisions)
                        )
                    ],
                    lambda m: {"child": m["child"], "decision": decisions[m["decision"]]},
                ),
                (
                    "placement",
                    [
                        _whole(
                            f"(?:{_one_of('ended', _in_each_language(STAY_ENDED))} · )?(?P<child>.+): "
                            + _one_of("kind", stays)
                        )
                    ],
                    placement,
                ),
            ],
            "meeting": [
                (
                    "pathway_started",
                    _formatted(PATHWAY_STARTED, {"name": "(?P<name>.+)"}),
                    lambda m: {"name": m["name"]},
                ),
                (
                    "pathway_ended",
                    _formatted(PATHWAY_ENDED, {"name": "(?P<name>.+)", "reason": _one_of("reason", reasons)}),
                    lambda m: {"name": m["name"], "reason": reasons[m["reason"]]},
                ),
            ],
        }
        for kind in ("authority_recorded", "authority_changed"):
            self.patterns[kind] = [
                (
                    "authority",
                    [_whole("(?P<holder>.+?) → (?P<child>.+): " + _one_of("source", sources))],
                    lambda m: {"holder": m["holder"], "child": m["child"], "source": sources[m["source"]]},
                ),
            ]

    def read(self, kind: str, text: str) -> tuple[str, dict[str, Any]] | None:
        """The key and parameters of a generated `text` of an event of `kind`; None for any other text."""
        for key, patterns, params_of in self.patterns.get(kind, []):
            for pattern in patterns:
                match = pattern.match(text)
                params = params_of(match) if match else None
                if params is not None:
                    return key, params
        return None

    def kept_by_0010(self, key: str, text: str) -> bool:
        return key == "measure_started" and text in self.keyed_by_0010


def keys_for_old_summaries(apps, schema_editor):
    DossierEvent = apps.get_model("cases", "DossierEvent")
    old = OldSummaries(apps)
    events = DossierEvent.objects.filter(summary_key="", kind__in=list(old.patterns)).exclude(summary="")
    for event in events.only("pk", "kind", "summary").iterator():
        read = old.read(event.kind, event.summary)
        if read is not None:
            event.summary_key, event.summary_params = read
            event.save(update_fields=["summary_key", "summary_params"])


def keys_of_old_summaries_cleared(apps, schema_editor):
    DossierEvent = apps.get_model("cases", "DossierEvent")
    old = OldSummaries(apps)
    events = DossierEvent.objects.exclude(summary_key="").filter(kind__in=list(old.patterns))
    for event in events.only("pk", "kind", "summary", "summary_key").iterator():
        read = old.read(event.kind, event.summary)
        if (
            read is not None
            and read[0] == event.summary_key
            and not old.kept_by_0010(event.summary_key, event.summary)
        ):
            event.summary_key, event.summary_params = "", {}
            event.save(update_fields=["summary_key", "summary_params"])


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0010_event_summary_key"),
    ]

    operations = [
        migrations.RunPython(keys_for_old_summaries, keys_of_old_summaries_cleared),
    ]
