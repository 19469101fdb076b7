"""An IK-plan belongs to one young person of the dossier: with several children the worker says whose it is
(page and API), and every young person's plan has its own versions."""

from django.urls import reverse

from kring.safety.success.models import IkPlan

from ...factories import PersonFactory

PAYLOAD = {"goals": "Mijn diploma halen.", "written_by": "young_person"}


def test_with_two_children_the_api_asks_whose_plan_it_is(world, api):
    first = world.dossier.children.get()
    second = PersonFactory(first_name="Tim")
    world.dossier.children.add(second)
    assert api("post", "api:save_ik_plan", PAYLOAD).status_code == 422  # whose?
    assert api("post", "api:save_ik_plan", {**PAYLOAD, "child_id": 2**40}).status_code == 422
    assert not IkPlan.objects.exists()
    made = api("post", "api:save_ik_plan", {**PAYLOAD, "child_id": second.pk})
    assert made.status_code == 201 and (made.json()["child_id"], made.json()["version"]) == (second.pk, 1)
    assert api("post", "api:save_ik_plan", {**PAYLOAD, "child_id": first.pk}).json()["version"] == 1
    assert api("post", "api:save_ik_plan", {**PAYLOAD, "child_id": second.pk}).json()["version"] == 2
    listed = api("get", "api:list_ik_plans").json()
    assert sorted((plan["child_id"], plan["version"]) for plan in listed) == [
        (first.pk, 1),
        (second.pk, 1),
        (second.pk, 2),
    ]


def test_with_two_children_the_worker_chooses_the_young_person_on_the_page(world, client_for):
    second = PersonFactory(first_name="Tim", last_name="Visser")
    world.dossier.children.add(second)
    client = client_for("circle_member")
    url = reverse("success_overview", args=[world.dossier.pk])
    form = {"ik-goals": "Weer naar school.", "ik-written_by": "worker_on_behalf"}
    refused = client.post(url, form)
    assert refused.status_code == 400 and "Kies van wie dit IK-plan is" in refused.content.decode()
    assert client.post(url, {**form, "ik-child": second.pk}).status_code == 302
    assert IkPlan.objects.get().child == second
    assert "Het IK-plan van Tim Visser" in client.get(url).content.decode()
