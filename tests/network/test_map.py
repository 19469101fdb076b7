"""The network map as an SVG: a pure function of the selector's data, so these tests need no database."""

import itertools
import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from kring.accounts.models import Membership, Organisation, User
from kring.cases.models import CircleMember, Closeness, Dossier, Participant, ParticipantRole, Person
from kring.network.map import LABEL_BOX, network_svg
from kring.network.models import Jim
from kring.network.selectors import Network

NS = {"svg": "http://www.w3.org/2000/svg"}
ROLES = [ParticipantRole.PARENT, ParticipantRole.CARER, ParticipantRole.INFORMAL]


def _network(children: int = 1, inner: int = 3, wider: int = 5, professionals: int = 2, jims=()) -> Network:
    dossier = Dossier(title="Gezin Visser", reference="KR-NL-2026-0042")
    kids = [
        Person(pk=100 + i, first_name=f"Kind{i}", last_name="Visser", date_of_birth=date(2012 + i, 1, 1))
        for i in range(children)
    ]
    participants = [
        Participant(
            pk=200 + i,
            person=Person(pk=300 + i, first_name=f"Naam{i:02d} met een lange achternaam", last_name="Jansen"),
            role=ROLES[i % 3],
            relation="voetbaltrainer van de club" if i % 2 else "oma",
            closeness=Closeness.INNER if i < inner else Closeness.WIDER,
        )
        for i in range(inner + wider)
    ]
    organisation = Organisation(pk=1, name="Jeugdbescherming Noordkust")
    circle = [
        CircleMember(
            pk=400 + i,
            user=User(pk=500 + i, username=f"user{i}", first_name="Sanne", last_name=f"Bakker{i}"),
            membership=Membership(pk=600 + i, organisation=organisation),
            case_role="gezinsvoogd",
        )
        for i in range(professionals)
    ]
    jim_records = [
        Jim(pk=700 + n, young_person=kids[0], jim=participants[i], chosen_on=date(2026, 1, 1))
        for n, i in enumerate(jims)
    ]
    return Network(
        dossier=dossier,
        children=kids,
        participants=participants,
        circle=circle,
        jims=jim_records,
        seats=[],
        family_finding=[],
        authorities=[],
    )


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 — our own output, parsed to check it


def _nodes(root: ET.Element) -> list[ET.Element]:
    return root.findall(".//svg:g[@data-key]", NS)


def test_it_draws_one_node_per_person_on_its_ring():
    root = _parse(network_svg(_network(children=2, inner=3, wider=5, professionals=2)))
    nodes = _nodes(root)
    assert len(nodes) == 2 + 3 + 5 + 2
    rings = [node.get("data-ring") for node in nodes]
    assert rings == ["centre"] * 2 + ["inner"] * 3 + ["wider"] * 5 + ["professional"] * 2
    assert len({node.get("data-key") for node in nodes}) == len(nodes)


def test_the_rings_are_concentric_and_named():
    root = _parse(network_svg(_network()))
    rings = root.findall(".//svg:g[@class]", NS)
    by_ring = {
        g.get("class").split("--")[-1]: g for g in rings if g.get("class").startswith("kring-map__ring ")
    }
    assert set(by_ring) == {"inner", "wider", "professional"}
    radii = [
        float(by_ring[name].find("svg:circle", NS).get("r")) for name in ("inner", "wider", "professional")
    ]
    assert radii == sorted(radii) and len(set(radii)) == 3
    centres = {
        (g.find("svg:circle", NS).get("cx"), g.find("svg:circle", NS).get("cy")) for g in by_ring.values()
    }
    assert len(centres) == 1
    assert [by_ring[n].find("svg:title", NS).text for n in ("inner", "wider", "professional")] == [
        "inner circle",
        "wider network",
        "professionals",
    ]


def test_it_is_an_accessible_image_with_title_and_description():
    root = _parse(network_svg(_network(), element_id="map"))
    assert root.get("role") == "img"
    assert root.get("aria-label") == "Network map of Gezin Visser"
    assert root.find("svg:title", NS).text == "Network map of Gezin Visser"
    description = root.find("svg:desc", NS)
    assert root.get("aria-describedby") == description.get("id") == "map-desc"
    assert "inner circle (3)" in description.text and "professionals (2)" in description.text
    for node in _nodes(root):
        assert node.find("svg:title", NS).text  # the whole name and role, also when the label is shortened


def test_informal_and_professional_differ_in_shape_and_colour():
    root = _parse(network_svg(_network(children=0, inner=1, wider=0, professionals=1)))
    informal, professional = _nodes(root)
    assert informal.get("class").endswith("--informal") and informal.find("svg:circle", NS) is not None
    assert (
        professional.get("class").endswith("--professional") and professional.find("svg:rect", NS) is not None
    )
    assert professional.find("svg:circle", NS) is None
    assert informal.find("svg:circle", NS).get("stroke") != professional.find("svg:rect", NS).get("stroke")


def test_labels_carry_name_and_relation_and_mark_the_jim():
    root = _parse(network_svg(_network(inner=2, wider=0, professionals=1, jims=[1]), today=date(2026, 6, 1)))
    labels = [[t.text for t in node.findall("svg:text", NS)] for node in _nodes(root)]
    assert labels[0] == ["Kind0 Visser", "child, 14"]
    assert labels[1] == ["Naam00 met een la…", "oma"]
    assert labels[2][1].startswith("JIM · ")
    assert labels[3] == ["Sanne Bakker0", "gezinsvoogd"]


def test_names_are_escaped():
    network = _network(inner=1, wider=0, professionals=0)
    network.participants[0].person.first_name = "<script>&"
    svg = network_svg(network)
    assert "<script>" not in svg
    assert _nodes(_parse(svg))[1].find("svg:title", NS).text.startswith("<script>& Jansen")


def test_the_placement_is_deterministic():
    assert network_svg(_network(wider=12)) == network_svg(_network(wider=12))


def _boxes(svg: str) -> list[tuple[float, float, float, float]]:
    width, height = LABEL_BOX
    boxes = []
    for node in _nodes(_parse(svg)):
        x, y = map(float, re.match(r"translate\(([-\d.]+) ([-\d.]+)\)", node.get("transform")).groups())
        boxes.append((x - width / 2, y - 17, x + width / 2, y - 17 + height))  # shape on top, label below
    return boxes


@pytest.mark.parametrize(
    "sizes",
    [
        {"children": 3, "inner": 5, "wider": 16, "professionals": 6},
        {"children": 1, "inner": 0, "wider": 29, "professionals": 0},
        {"children": 4, "inner": 12, "wider": 2, "professionals": 12},
        {"children": 2, "inner": 1, "wider": 1, "professionals": 1},
    ],
)
def test_nobody_overlaps_for_up_to_30_people(sizes):
    boxes = _boxes(network_svg(_network(**sizes)))
    assert len(boxes) == sum(sizes.values())
    for a, b in itertools.combinations(boxes, 2):
        overlap = a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
        assert not overlap, (a, b)


def test_everything_fits_in_the_picture():
    svg = network_svg(_network(children=3, inner=5, wider=20, professionals=8))
    root = _parse(svg)
    _x, _y, width, height = map(float, root.get("viewBox").split())
    for left, top, right, bottom in _boxes(svg):
        assert left >= 0 and right <= width and top >= 0 and bottom <= height
