"""Simulated kring users for the load and fault runs (bench/load.py, tests/ops): run by locust, headless.

The plan (KRING_LOAD_PLAN, JSON written by scripts/cluster_load.py) names the users and the dossiers each may
open and edit. Case workers open the caseload, search, open dossier pages, and add contacts and mapping items;
team leads open the team list, the team agenda and dossier pages. Every write carries a unique marker and is
logged with its answer to KRING_LOAD_WRITES (one JSON line each), so the run can be checked afterwards:
acknowledged writes in the database exactly once, failed writes leaving no half-written trace.

Think time (the plan's "think"): "case-worker" models a person at work — after opening the caseload or a
search they look at it for 5-15 s, a dossier page is read for 10-40 s, a contact is typed for 30-90 s on
the contacts page before it is saved, a mapping item for 15-45 s; a team lead looks at the team list and the
agenda for 10-30 s. The browser's own requests are made too: the page a form is on is opened before the
form is sent, and the redirect after a saved contact is followed (static files are in the browser's cache).
[min, max] instead: the same tasks with a uniform pause of min-max seconds after each (the capacity runs
and the short test).
"""

import json
import os
import random
import re
import threading
import time
import uuid
from datetime import date

from locust import HttpUser, events, task

PLAN = json.loads(open(os.environ["KRING_LOAD_PLAN"], encoding="utf-8").read())  # noqa: SIM115
WRITES_PATH = os.environ["KRING_LOAD_WRITES"]
EVENTS_PATH = os.environ["KRING_LOAD_EVENTS"]  # one line per completed login: the driver starts its clock
# every request: when it started, its name, milliseconds, the error (empty: none), so the driver can take the
# figures of the measured window (after the logins) and count the failures around each fault
REQUESTS_PATH = os.environ["KRING_LOAD_REQUESTS"]
_requests_out = open(REQUESTS_PATH, "a", encoding="utf-8", buffering=1)  # noqa: SIM115 — open for the run
_writes_lock = threading.Lock()
SEARCH_TERMS = PLAN["search_terms"]
THINK = PLAN.get("think", "case-worker")
# seconds a person spends on what they just opened (the "case-worker" model above)
THINK_SECONDS = {
    "glance": (5, 15),  # the caseload, a search result, the team list, the agenda
    "read": (10, 40),  # a dossier page
    "type contact": (30, 90),  # writing a contact's note
    "type item": (15, 45),  # a mapping item
}
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def log_write(kind: str, marker: str, dossier: str, status: int, acknowledged: bool) -> None:
    line = json.dumps(
        {
            "kind": kind,
            "marker": marker,
            "dossier": dossier,
            "status": status,
            "ok": acknowledged,
            "t": time.time(),
        }
    )
    with _writes_lock, open(WRITES_PATH, "a", encoding="utf-8") as out:
        out.write(line + "\n")


def think_seconds(what: str) -> float:
    low, high = THINK_SECONDS[what] if THINK == "case-worker" else THINK
    return random.uniform(low, high)


@events.request.add_listener
def record_request(request_type, name, response_time, exception=None, **kwargs) -> None:
    line = json.dumps(
        {
            "t": round(time.time() - response_time / 1000, 3),
            "name": f"{request_type} {name}",
            "ms": round(response_time, 1),
            "error": "" if exception is None else str(exception)[:200],
        }
    )
    with _writes_lock:
        _requests_out.write(line + "\n")


class KringUser(HttpUser):
    abstract = True
    role = ""
    pause = 1.0

    def wait_time(self) -> float:
        """The pause after a task: what the task's page takes a person (set by the task itself)."""
        return self.pause

    def think(self, what: str) -> None:
        self.pause = think_seconds(what)

    def think_inside(self, what: str) -> None:
        """A pause inside a task (typing on a page before sending its form); none in the capacity runs."""
        if THINK == "case-worker":
            time.sleep(think_seconds(what))

    def on_start(self) -> None:
        self.client.verify = PLAN["ca_file"]  # the cluster's throw-away certificate
        self.account = random.choice(PLAN[self.role])
        self.referer = f"{self.host}/"
        self.logged_in = False
        self.login()

    def login(self) -> None:
        with self.client.get("/login/", name="login", catch_response=True) as page:
            match = CSRF_INPUT.search(page.text or "")
            if page.status_code != 200 or not match:
                page.failure(f"login page {page.status_code}")
                return
        with self.client.post(
            "/login/",
            data={
                "username": self.account["username"],
                "password": PLAN["password"],
                "csrfmiddlewaretoken": match.group(1),
            },
            headers={"Referer": f"{self.host}/login/"},
            allow_redirects=False,
            name="login",
            catch_response=True,
        ) as answer:
            if answer.status_code != 302:
                answer.failure(f"login answered {answer.status_code}")
                return
        self.logged_in = True
        with _writes_lock, open(EVENTS_PATH, "a", encoding="utf-8") as out:
            out.write("login\n")

    def csrf(self) -> str:
        for cookie in self.client.cookies:
            if cookie.name.endswith("kring_csrftoken"):
                return cookie.value
        return ""

    def page(self, path: str, name: str) -> str:
        if not self.logged_in:
            self.login()
            return ""
        with self.client.get(path, name=name, allow_redirects=False, catch_response=True) as answer:
            if answer.status_code != 200:
                location = answer.headers.get("Location", "")
                answer.failure(f"{answer.status_code} {location.split('?')[0]}".strip())
                if answer.status_code == 302 and "/login/" in location:
                    self.logged_in = False
                return ""
            return answer.text or ""

    def dossier(self) -> dict:
        return random.choice(self.account["dossiers"])


class CaseWorker(KringUser):
    weight = 4
    role = "case_workers"

    @task(4)
    def caseload(self) -> None:
        self.page("/dossiers/", "caseload")
        self.think("glance")

    @task(2)
    def search(self) -> None:
        self.page(f"/dossiers/?q={random.choice(SEARCH_TERMS)}", "search")
        self.think("glance")

    @task(4)
    def dossier_page(self) -> None:
        self.page(f"/dossiers/{self.dossier()['id']}/", "dossier page")
        self.think("read")

    @task(1)
    def add_contact(self) -> None:
        if not self.logged_in:
            return self.login()
        dossier = self.dossier()
        contacts = f"/dossiers/{dossier['id']}/contacts/"
        if THINK == "case-worker":  # the page with the form, then typing
            self.page(contacts, "contacts page")
            self.think_inside("type contact")
        marker = f"load-{uuid.uuid4()}"
        with self.client.post(
            f"/dossiers/{dossier['id']}/contacts/add/",
            data={
                "occurred_on": date.today().isoformat(),
                "minutes": random.randint(10, 120),
                "kind": random.choice(["home_visit", "phone", "office"]),
                "note": marker,
            },
            headers={"X-CSRFToken": self.csrf(), "Referer": self.referer},
            allow_redirects=False,
            name="add contact",
            catch_response=True,
        ) as answer:
            acknowledged = answer.status_code == 302 and "/contacts/" in answer.headers.get("Location", "")
            if not acknowledged:
                answer.failure(f"{answer.status_code}")
        log_write("contact", marker, dossier["id"], answer.status_code, acknowledged)
        if acknowledged and THINK == "case-worker":  # the browser follows the redirect
            self.page(answer.headers["Location"], "contacts page")
        self.think("glance")

    @task(1)
    def add_mapping_item(self) -> None:
        if not self.logged_in:
            return self.login()
        dossier = self.dossier()
        if not dossier.get("mapping"):
            return None
        column, element = random.choice(PLAN["mapping_elements"])
        mapping_page = f"/dossiers/{dossier['id']}/safety/mapping/"
        if THINK == "case-worker":
            self.page(mapping_page, "mapping page")
            self.think_inside("type item")
        marker = f"load-{uuid.uuid4()}"
        with self.client.post(
            f"/dossiers/{dossier['id']}/safety/mapping/{dossier['mapping']}/items/add/",
            data={"column": column, f"{column}-element": element, f"{column}-text": marker},
            headers={"X-CSRFToken": self.csrf(), "Referer": self.referer, "HX-Request": "true"},
            allow_redirects=False,
            name="add mapping item",
            catch_response=True,
        ) as answer:
            # htmx answers the column with the new item in it; an error keeps the form with its message.
            # A write the proxy sent twice is answered the second time with HX-Refresh (kring.config.retry):
            # htmx reloads the page, which must show the item.
            refresh = answer.status_code == 200 and answer.headers.get("HX-Refresh") == "true"
            acknowledged = answer.status_code == 200 and marker in (answer.text or "")
            if not acknowledged and not refresh:
                answer.failure(f"{answer.status_code}")
        if refresh:
            acknowledged = marker in self.page(mapping_page, "mapping page")
        log_write("mapping_item", marker, dossier["id"], answer.status_code, acknowledged)
        self.think("glance")
        return None


class TeamLead(KringUser):
    weight = 1
    role = "team_leads"

    @task(3)
    def team_list(self) -> None:
        self.page("/dossiers/team/", "team list")
        self.think("glance")

    @task(2)
    def team_agenda(self) -> None:
        self.page("/agenda/team/", "team agenda")
        self.think("glance")

    @task(2)
    def dossier_page(self) -> None:
        self.page(f"/dossiers/{self.dossier()['id']}/", "dossier page")
        self.think("read")
