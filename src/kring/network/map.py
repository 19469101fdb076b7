"""The network map as a picture: an SVG drawn on the server from a Network (selectors.network_for_dossier).

Concentric rings: the children in the centre, then the inner circle, the wider network and, on the outer ring,
the professionals. Informal people are circles, professionals squares, children double circles: shape and
colour both tell them apart, so the map survives greyscale printing and colour blindness. The page puts a
plain table with the same people beside it; the picture itself is one image (role="img") for assistive
technology, with a title and a description.

Placement is deterministic (the selector's sort order, then evenly round each ring) and free of overlaps:
every node with its two-line label fits in a LABEL_BOX, and any two nodes are at least MIN_DISTANCE apart
(the box's diagonal) — on one ring because the ring grows with the number of people on it, across rings
because the rings lie MIN_DISTANCE apart.
"""

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from kring.cases.models import CircleMember, Closeness, Participant, Person
from kring.dates import age_on

from .selectors import Network

SVG_NS = "http://www.w3.org/2000/svg"
FONT_SIZE = 12
LABEL_CHARS = 18  # longer names and roles are shortened; the table and the node's <title> hold them whole
LABEL_BOX = (130, 76)  # width, height of a node with its label: shape above, two lines of text below
MIN_DISTANCE = math.ceil(math.hypot(*LABEL_BOX))
FIRST_RING = 170
MARGIN = 90
LEGEND_HEIGHT = 120

TEXT = "#001a40"
STYLE = {
    # kind: (fill, stroke) — each stroke contrasts >= 3:1 with white; the fills are tints of it.
    "child": ("#fde3c0", "#8a4500"),
    "informal": ("#d9f2df", "#105f26"),
    "professional": ("#dcebf7", "#00568b"),
}
RING_DASH = {"centre": "", "inner": "", "wider": "8 6", "professional": "2 6"}


@dataclass(frozen=True)
class Node:
    key: str  # "child-3", "participant-12", "professional-5": ids only, never names
    kind: str  # child · informal · professional
    ring: str  # centre · inner · wider · professional
    name: str
    label: str  # relation, role or "child"
    title: str  # the whole description, for the tooltip


def _fit(text: str, limit: int = LABEL_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _child_node(child: Person, today: date | None) -> Node:
    label = _("child")
    if today and child.date_of_birth:
        label = _("child, %(age)s") % {"age": age_on(child.date_of_birth, today)}
    return Node(f"child-{child.pk}", "child", "centre", str(child), label, f"{child} — {label}")


def _participant_node(participant: Participant, is_jim: bool) -> Node:
    label = f"JIM · {participant.relation}" if is_jim else participant.relation
    ring = "inner" if participant.closeness == Closeness.INNER else "wider"
    kind = f"{participant.get_role_display()}, {participant.get_closeness_display()}"
    title = f"{participant.person} — {label} ({kind})"
    return Node(f"participant-{participant.pk}", "informal", ring, str(participant.person), label, title)


def _professional_node(member: CircleMember) -> Node:
    name = member.user.get_full_name() or member.user.get_username()
    title = f"{name} — {member.case_role} ({member.membership.organisation.name})"
    return Node(f"professional-{member.pk}", "professional", "professional", name, member.case_role, title)


def map_nodes(network: Network, today: date | None = None) -> list[Node]:
    """The people on the map, ring by ring, in the selector's order."""
    jims = network.jim_participant_ids
    return [
        *(_child_node(child, today) for child in network.children),
        *(_participant_node(p, p.pk in jims) for p in network.inner),
        *(_participant_node(p, p.pk in jims) for p in network.wider),
        *(_professional_node(member) for member in network.circle),
    ]


def _ring_radius(count: int, at_least: float) -> float:
    """The smallest radius >= at_least on which `count` nodes sit MIN_DISTANCE apart."""
    if count <= 1:
        return at_least
    return max(at_least, MIN_DISTANCE / (2 * math.sin(math.pi / count)))


def layout(nodes: list[Node]) -> tuple[dict[str, float], dict[str, tuple[float, float]]]:
    """Ring radii and node positions relative to the centre."""
    rings = {"centre": [], "inner": [], "wider": [], "professional": []}
    for node in nodes:
        rings[node.ring].append(node)
    radii: dict[str, float] = {}
    radii["centre"] = 0.0 if len(rings["centre"]) <= 1 else _ring_radius(len(rings["centre"]), 0)
    radii["inner"] = _ring_radius(len(rings["inner"]), max(FIRST_RING, radii["centre"] + MIN_DISTANCE))
    radii["wider"] = _ring_radius(len(rings["wider"]), radii["inner"] + MIN_DISTANCE)
    radii["professional"] = _ring_radius(len(rings["professional"]), radii["wider"] + MIN_DISTANCE)
    positions: dict[str, tuple[float, float]] = {}
    for index, (ring, members) in enumerate(rings.items()):
        count = len(members)
        # Each ring starts half a step further round than the one inside it, so labels do not line up.
        offset = (math.pi / count if count else 0) * (index % 2)
        for i, node in enumerate(members):
            angle = -math.pi / 2 + offset + 2 * math.pi * i / count
            positions[node.key] = (radii[ring] * math.cos(angle), radii[ring] * math.sin(angle))
    return radii, positions


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k.rstrip("_").replace("_", "-"): v for k, v in attributes.items()})
    if text is not None:
        element.text = text
    return element


def _shape(parent: ET.Element, kind: str, x: float = 0, y: float = 0) -> None:
    fill, stroke = STYLE[kind]
    if kind == "professional":
        _sub(
            parent,
            "rect",
            x=_num(x - 13),
            y=_num(y - 13),
            width="26",
            height="26",
            rx="2",
            fill=fill,
            stroke=stroke,
            stroke_width="2.5",
        )
    elif kind == "child":
        _sub(parent, "circle", cx=_num(x), cy=_num(y), r="17", fill=fill, stroke=stroke, stroke_width="2.5")
        _sub(parent, "circle", cx=_num(x), cy=_num(y), r="10", fill="none", stroke=stroke, stroke_width="2")
    else:
        _sub(parent, "circle", cx=_num(x), cy=_num(y), r="14", fill=fill, stroke=stroke, stroke_width="2.5")


def _text(
    parent: ET.Element, text: str, x: float, y: float, *, bold: bool = False, anchor: str = "middle"
) -> None:
    attributes = {"x": _num(x), "y": _num(y), "text_anchor": anchor, "fill": TEXT}
    if bold:
        attributes["font_weight"] = "700"
    # A white halo keeps the words legible where they cross a ring.
    _sub(parent, "text", text, stroke="#ffffff", stroke_width="3", paint_order="stroke", **attributes)


def _description(nodes: list[Node]) -> str:
    count = {
        ring: sum(1 for n in nodes if n.ring == ring) for ring in ("centre", "inner", "wider", "professional")
    }
    return _(
        "Concentric rings. In the centre the children (%(children)s); then the inner circle (%(inner)s), the "
        "wider network (%(wider)s) and on the outer ring the professionals (%(professionals)s). Family and "
        "informal network are drawn as green circles, professionals as blue squares, children as double "
        "circles. The table next to the map lists the same people."
    ) % {
        "children": count["centre"],
        "inner": count["inner"],
        "wider": count["wider"],
        "professionals": count["professional"],
    }


def network_svg(network: Network, *, today: date | None = None, element_id: str = "network-map") -> str:
    """The network map of `network` as an SVG document (a string, for inline use or download)."""
    nodes = map_nodes(network, today)
    radii, positions = layout(nodes)
    half = radii["professional"] + MARGIN
    width, height = 2 * half, 2 * half + LEGEND_HEIGHT
    title = _("Network map of %(family)s") % {"family": network.dossier.title}
    svg = ET.Element(
        "svg",
        {
            "xmlns": SVG_NS,
            "viewBox": f"0 0 {_num(width)} {_num(height)}",
            "role": "img",
            "aria-label": title,
            "aria-describedby": f"{element_id}-desc",
            "id": element_id,
            "class": "kring-map",
            "font-family": "'Noto Sans', Arial, sans-serif",
            "font-size": str(FONT_SIZE),
        },
    )
    _sub(svg, "title", title, id=f"{element_id}-title")
    _sub(svg, "desc", _description(nodes), id=f"{element_id}-desc")
    _sub(svg, "rect", x="0", y="0", width=_num(width), height=_num(height), fill="#ffffff")

    ring_names = {
        "centre": _("children"),
        "inner": _("inner circle"),
        "wider": _("wider network"),
        "professional": _("professionals"),
    }
    rings = _sub(svg, "g", class_="kring-map__rings", fill="none", stroke="#586c88")
    for ring in ("inner", "wider", "professional"):
        group = _sub(rings, "g", class_=f"kring-map__ring kring-map__ring--{ring}")
        _sub(group, "title", ring_names[ring])
        attributes = {"cx": _num(half), "cy": _num(half), "r": _num(radii[ring]), "stroke_width": "1.5"}
        if RING_DASH[ring]:
            attributes["stroke_dasharray"] = RING_DASH[ring]
        _sub(group, "circle", **attributes)

    people = _sub(svg, "g", class_="kring-map__people")
    for node in nodes:
        x, y = positions[node.key]
        group = _sub(
            people,
            "g",
            class_=f"kring-map__node kring-map__node--{node.kind}",
            transform=f"translate({_num(half + x)} {_num(half + y)})",
            data_key=node.key,
            data_ring=node.ring,
        )
        _sub(group, "title", node.title)
        _shape(group, node.kind)
        _text(group, _fit(node.name), 0, 34, bold=True)
        _text(group, _fit(node.label), 0, 49)

    legend = _sub(svg, "g", class_="kring-map__legend", transform=f"translate(24 {_num(2 * half + 10)})")
    _text(legend, _("Legend"), 0, 0, bold=True, anchor="start")
    for row, (kind, label) in enumerate(
        (
            ("child", _("child")),
            ("informal", _("family and informal network")),
            ("professional", _("professional")),
        )
    ):
        _shape(legend, kind, 17, 26 + row * 32)
        _text(legend, label, 44, 30 + row * 32, anchor="start")
    for row, ring in enumerate(("inner", "wider", "professional")):
        y = 26 + row * 32
        line = {
            "x1": "300",
            "y1": _num(y),
            "x2": "350",
            "y2": _num(y),
            "stroke": "#586c88",
            "stroke_width": "2",
        }
        if RING_DASH[ring]:
            line["stroke_dasharray"] = RING_DASH[ring]
        _sub(legend, "line", **line)
        _text(legend, _("ring: %(name)s") % {"name": ring_names[ring]}, 362, y + 4, anchor="start")
    return ET.tostring(svg, encoding="unicode")
