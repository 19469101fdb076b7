"""Simulated kring users for the load and fault runs (bench/load.py, tests/ops): run by locust, headless.

The plan (KRING_LOAD_PLAN, JSON written by scripts/cluster_load.py) names the users and the dossiers each may
open and edit. Case workers open the caseload, search, open dossier pages, and add contacts and mapping items;
team leads open the team list, the team agenda and dossier pages. Every write carries a unique marker and is
logged with its answer to KRING_LOAD_WRITES (one JSON line each), so the run can be checked afterwards:
acknowledged writes in the database exactly once, failed writes leaving no half-written trace.
"""

import json
import os
import random
import re
import threading
import time
import uuid
from datetime import date

from locust import HttpUser, between, task

PLAN = json.loads(open(os.environ["KRING_LOAD_PLAN"], encoding="utf-8").read())  # noqa: SIM115
WRITES_PATH = os.environ["KRING_LOAD_WRITES"]
EVENTS_PATH = os.environ["KRING_LOAD_EVENTS"]  # one line per completed login: the driver starts its clock
_writes_lock = threading.Lock()
SEARCH_TERMS = PLAN["search_terms"]
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


class KringUser(HttpUser):
    abstract = True
    # think time between a user's requests, seconds (the plan's "wait"; 1-3 s like a person reading)
    wait_time = between(*PLAN.get("wait", (1, 3)))
    role = ""

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

    def page(self, path: str, name: str) -> None:
        if not self.logged_in:
            self.login()
            return
        with self.client.get(path, name=name, allow_redirects=False, catch_response=True) as answer:
            if answer.status_code != 200:
                location = answer.headers.get("Location", "")
                answer.failure(f"{answer.status_code} {location.split('?')[0]}".strip())
                if answer.status_code == 302 and "/login/" in location:
                    self.logged_in = False

    def dossier(self) -> dict:
        return random.choice(self.account["dossiers"])


class CaseWorker(KringUser):
    weight = 4
    role = "case_workers"

    @task(4)
    def caseload(self) -> None:
        self.page("/dossiers/", "caseload")

    @task(2)
    def search(self) -> None:
        self.page(f"/dossiers/?q={random.choice(SEARCH_TERMS)}", "search")

    @task(4)
    def dossier_page(self) -> None:
        self.page(f"/dossiers/{self.dossier()['id']}/", "dossier page")

    @task(1)
    def add_contact(self) -> None:
        if not self.logged_in:
            return self.login()
        dossier = self.dossier()
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

    @task(1)
    def add_mapping_item(self) -> None:
        if not self.logged_in:
            return self.login()
        dossier = self.dossier()
        if not dossier.get("mapping"):
            return None
        column, element = random.choice(PLAN["mapping_elements"])
        marker = f"load-{uuid.uuid4()}"
        with self.client.post(
            f"/dossiers/{dossier['id']}/safety/mapping/{dossier['mapping']}/items/add/",
            data={"column": column, f"{column}-element": element, f"{column}-text": marker},
            headers={"X-CSRFToken": self.csrf(), "Referer": self.referer, "HX-Request": "true"},
            allow_redirects=False,
            name="add mapping item",
            catch_response=True,
        ) as answer:
            # htmx answers the column with the new item in it; an error keeps the form with its message
            acknowledged = answer.status_code == 200 and marker in (answer.text or "")
            if not acknowledged:
                answer.failure(f"{answer.status_code}")
        log_write("mapping_item", marker, dossier["id"], answer.status_code, acknowledged)
        return None


class TeamLead(KringUser):
    weight = 1
    role = "team_leads"

    @task(3)
    def team_list(self) -> None:
        self.page("/dossiers/team/", "team list")

    @task(2)
    def team_agenda(self) -> None:
        self.page("/agenda/team/", "team agenda")

    @task(2)
    def dossier_page(self) -> None:
        self.page(f"/dossiers/{self.dossier()['id']}/", "dossier page")
