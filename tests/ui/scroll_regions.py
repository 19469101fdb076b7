"""Whether every scrolling region of a rendered page is named in the HTML itself (docs/ui.md, "On a phone").

A wide table scrolls in its own region (`{% scroll_region %}` in kring/ui/templatetags/kring.py), a chart in
`.kring-chart__canvas`. Each is focusable, so a keyboard user can scroll it, and so a screen reader announces
it: it must be a `role="region"` with a name — `aria-label`, or `aria-labelledby` naming exactly one element
of the page (its caption or heading) that has text — without any script running.
"""

import re
from html.parser import HTMLParser

REGION_CLASSES = ("kring-table-wrapper", "kring-chart__canvas")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.regions: list[dict[str, str | None]] = []
        self.ids: dict[str, int] = {}
        self.texts: dict[str, list[str]] = {}  # id -> text inside the element with that id
        self._open: list[tuple[str, str | None]] = []  # (tag, id) of the elements the parser is in

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if element_id := attributes.get("id"):
            self.ids[element_id] = self.ids.get(element_id, 0) + 1
            self.texts.setdefault(element_id, [])
        if set((attributes.get("class") or "").split()) & set(REGION_CLASSES):
            self.regions.append(attributes)
        if tag not in VOID:
            self._open.append((tag, element_id))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                return

    def handle_data(self, data: str) -> None:
        for _tag, element_id in self._open:
            if element_id:
                self.texts[element_id].append(data)


def unnamed_regions(html: str) -> list[str]:
    """What is wrong with the scrolling regions of one page: each problem as a short description."""
    page = _Page()
    page.feed(html)
    problems = []
    for region in page.regions:
        described = f'<div class="{region.get("class")}">'
        if region.get("role") != "region":
            problems.append(f'{described}: no role="region"')
        if region.get("tabindex") != "0":
            problems.append(f'{described}: not focusable (tabindex="0")')
        label = (region.get("aria-label") or "").strip()
        labelledby = (region.get("aria-labelledby") or "").split()
        if label:
            continue
        if not labelledby:
            problems.append(f"{described}: no aria-label or aria-labelledby")
        for element_id in labelledby:
            if (count := page.ids.get(element_id, 0)) != 1:
                problems.append(f'{described}: aria-labelledby="{element_id}" names {count} elements')
            elif not re.sub(r"\s+", "", "".join(page.texts[element_id])):
                problems.append(f'{described}: aria-labelledby="{element_id}" names an element without text')
    return problems
