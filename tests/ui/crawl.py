"""A crawler over the rendered product, shared by the reachability test
(tests/ui/test_every_page_is_reachable.py) and the browser test that runs axe and measures the page width
(tests/browser/test_axe_and_phone_width.py).

The world is the permission matrix's (tests/conftest.py), filled with the objects the matrix's page cases
make (a measure, a mapping, a chain case …), so that a pattern the matrix answers 200 for a persona has
something to show. The crawl starts at the persona's start page and follows what a user can follow in the
HTML: links, GET forms and htmx GET requests. POST forms are not sent (the crawl changes nothing).
"""

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.test import Client
from django.urls import Resolver404, resolve, reverse

from kring.access.policy import start_page

from ..access.test_permission_matrix import MATRIX
from ..conftest import World
from ..factories import CircleMemberFactory, MembershipFactory
from ..insights.helpers import ended_measures

# What is not an HTML page: followed as a link (so it counts as reached) but not parsed.
NOT_HTML = ("application/pdf", "text/csv", "text/calendar", "image/", "application/json", "application/zip")
# Downloads (PDF, CSV, iCalendar, pictures): a link to them reaches them; the crawl does not fetch them.
DOWNLOAD_SUFFIXES = (".pdf", ".csv", ".ics", "/picture", "/pdf/", "/export.csv")
DOWNLOAD_NAMES = ("audit_export", "insights_download", "insights_export_download")
# Cases whose kwargs make their object only in a dossier that has none of its kind yet: they go first.
FIRST = ("feedback_instrument",)


class _Links(HTMLParser):
    """The URLs a user can follow from one page (<a href>, <form method=get action>, hx-get), and those a
    page uses without the user following them (a POST form's action, a picture's src): these are reached
    too, but the crawl does not request them."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.used: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.urls.append(attributes["href"])
        elif tag == "form":
            if (attributes.get("method") or "get").lower() == "get":
                self.urls.append(attributes.get("action") or "")
            elif attributes.get("action"):
                self.used.append(attributes["action"])
        elif tag == "img" and attributes.get("src"):
            self.used.append(attributes["src"])
        if attributes.get("hx-get"):
            self.urls.append(attributes["hx-get"])


def page_name(path: str) -> str | None:
    """The URL pattern name (with namespace) of a path of this site, or None."""
    match = _resolve(path)
    return match.view_name if match else None


def _resolve(path: str):
    try:
        return resolve(path)
    except Resolver404:
        return None


def fill_world(world: World) -> None:
    """Make the objects the matrix's GET cases name (their kwargs create what they need), and what makes the
    links that show only with data appear."""
    for name in [*FIRST, *sorted(set(MATRIX) - set(FIRST))]:
        case = MATRIX[name]
        if case.method == "get":
            case.kwargs(world)
    # the pathway page offers an agenda for an alignment meeting when someone joined after the pathway started
    team = world.dossier.owning_team
    pathway = world.dossier.pathways.get()
    CircleMemberFactory(
        dossier=world.dossier,
        membership=MembershipFactory(team=team, user__username="nieuw"),
        started_on=pathway.started_on + timedelta(days=7),
    )
    # the team's dashboard links a number to its dossiers once the number is large enough to show
    ended_measures(team, 6)


def may_use(persona: str) -> set[str]:
    """The page patterns (no API) that answer 200 to `persona` in the permission matrix."""
    pages = {name: case for name, case in MATRIX.items() if case.method == "get" and ":" not in name}
    return {name for name, case in pages.items() if case.expect.get(persona, case.default) == 200}


@dataclass
class Crawl:
    start: str
    reached: dict[str, str] = field(default_factory=dict)  # pattern name -> the first URL seen for it
    pages: list[tuple[str, str]] = field(default_factory=list)  # (URL, pattern name) of each HTML page read
    broken: list[tuple[str, int, str]] = field(default_factory=list)  # (URL, status, found on)


def crawl(
    client: Client,
    user,
    *,
    dossier=None,
    per_pattern: int = 2,
    limit: int = 400,
    start: str | None = None,
    on_page: Callable[[str, str, str], None] | None = None,
) -> Crawl:
    """Breadth-first from the user's start page (or the path `start`). Each pattern is read at most
    `per_pattern` times (different objects of one kind show the same links); at most `limit` pages. With
    `dossier`, the pages of other dossiers are reached (linked) but not read. `on_page(url, name, html)` is
    called with each HTML page read (to check something on every page without crawling twice)."""
    start = start or reverse(start_page(user))
    result = Crawl(start=start)
    queue: deque[tuple[str, str]] = deque([(start, "")])
    seen: set[str] = {start}
    read_per_pattern: dict[str, int] = {}
    while queue and len(result.pages) < limit:
        url, found_on = queue.popleft()
        match = _resolve(urlsplit(url).path)
        if match is None:
            continue
        name = match.view_name
        result.reached.setdefault(name, url)
        if dossier is not None and match.kwargs.get("dossier_id", str(dossier.pk)) != str(dossier.pk):
            continue
        if url.split("?")[0].endswith(DOWNLOAD_SUFFIXES) or name in DOWNLOAD_NAMES:
            continue
        if read_per_pattern.get(name, 0) >= per_pattern:
            continue
        read_per_pattern[name] = read_per_pattern.get(name, 0) + 1
        response = client.get(url)
        if response.status_code in (301, 302):
            location = urljoin(url, response["Location"])
            if location not in seen and urlsplit(location).path != url:
                seen.add(location)
                queue.append((location, url))
            continue
        if response.status_code != 200:
            result.broken.append((url, response.status_code, found_on))
            continue
        content_type = response.get("Content-Type", "")
        if any(content_type.startswith(kind) for kind in NOT_HTML) or "text/html" not in content_type:
            continue
        result.pages.append((url, name))
        html = response.content.decode()
        if on_page is not None:
            on_page(url, name, html)
        parser = _Links()
        parser.feed(html)
        for href in parser.urls:
            local = _local(url, href)
            if local is not None and local not in seen:
                seen.add(local)
                queue.append((local, url))
        for href in parser.used:
            local = _local(url, href)
            name = local and page_name(urlsplit(local).path)
            if name:
                result.reached.setdefault(name, local)
    return result


def _local(base: str, href: str) -> str | None:
    """`href` as a path and query on this site, or None for another site (or a mailto: …)."""
    parts = urlsplit(urljoin(base, href))
    if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")
