"""The child's voice in the demo caseload, told through the services (idempotent: a child who already has a
story or three houses is left alone).

- Emma (10), Gezin Lambrecht, KR-BE-2026-0002 — seed 004 §5, the second case: the judge asked for a words-and-
  pictures story "so that the eldest child, and later the youngest, are told what happened and what will
  happen so that they are safe again". Louis (10 months) gets his story later, as in the seed.
  Emma's three houses come from two conversations, so an earlier version is there to read.
- Dylan (16, LVB), Gezin Koster, KR-NL-2026-0001 — seed 001, Signs of Success: with words and pictures a young
  person with a mild intellectual disability tells his own story.

The pictures are simple drawings made here with Pillow (no files are shipped), stored through the same
checks as an upload.
"""

from datetime import date
from io import BytesIO

from kring.cases.models import Dossier

from . import services
from .models import Story, ThreeHouses

LAMBRECHT = "KR-BE-2026-0002"
KOSTER = "KR-NL-2026-0001"

# (text, drawing, description of the drawing)
EMMA_STORY = [
    (
        "Jij woont met mama en je kleine broer Louis in jullie huis. Mama zorgt voor jullie en ze houdt veel "
        "van jullie.",
        "home",
        "Een huis met een rood dak en een zon",
    ),
    (
        "Mama had zorgen over geld. Daarom ging ze soms 's nachts weg om geld te verdienen. Dan waren jij en "
        "Louis alleen thuis. Dat is niet veilig voor kinderen: er moet altijd een volwassene bij jullie zijn.",
        "night",
        "Een huis in de nacht met de maan erboven",
    ),
    (
        "Op een nacht bleef Louis huilen. Een buur hoorde dat en belde de politie. De politie kwam kijken en "
        "nam jullie mee, zodat er goed voor jullie gezorgd werd.",
        "phone",
        "Een telefoon die belt",
    ),
    (
        "De jeugdrechter beslist wat er moet gebeuren als kinderen niet veilig zijn. Zij zei: Emma en Louis "
        "slapen een tijdje in De Kajuit. Daar zijn altijd volwassenen die voor jullie zorgen, ook 's nachts.",
        "shelter",
        "Een groot huis met veel ramen",
    ),
    (
        "Mama wil dat jullie weer thuis kunnen wonen. Daarom maakt zij een plan met oma Rita, tante Jolien en "
        "buurvrouw Nicole. In het plan staat wie er voor jullie zorgt als mama er niet is.",
        "people",
        "Vier volwassenen naast elkaar",
    ),
    (
        "Als het plan klaar is en iedereen het heeft ondertekend, kijkt de jeugdrechter of jullie weer naar "
        "huis mogen. Je mag altijd vragen stellen aan Tom en aan Elke.",
        "home",
        "Een huis met een rood dak en een zon",
    ),
]

DYLAN_STORY = [
    ("Ik ben Dylan. Ik ben 16 jaar. Ik woon bij mijn vader en moeder.", "home", "Een huis met een zon"),
    (
        "Ik ging mee met oudere jongens uit de buurt. We hebben een paar keer gestolen. Dat was fout.",
        "night",
        "Een straat in de nacht",
    ),
    (
        "Nu heb ik jeugdreclassering. Sanne helpt mij. Ik ga twee keer per week boksen bij Mo.",
        "people",
        "Mensen die Dylan helpen",
    ),
    (
        "Ik werk in de supermarkt. Met mijn eigen geld koop ik zelf dingen. Ik wil niet meer stelen.",
        "",
        "",
    ),
]


# Emma's three houses in two conversations with the crisis worker: what she said, in her words.
EMMA_HOUSES = [
    {
        "talked_on": date(2026, 10, 21),
        "worries": "Dat ik niet meer naar huis mag.",
        "good_things": "Louis is bij mij.",
        "dreams": "Naar huis.",
    },
    {
        "talked_on": date(2026, 11, 12),
        "worries": "Dat mama 's nachts weer weggaat en dat Louis dan alleen is. Dat we niet meer naar huis mogen.",
        "good_things": "Oma Rita komt elke woensdag. In De Kajuit mag ik tekenen. Louis lacht als ik liedjes zing. "
        "Mijn juf is lief.",
        "dreams": "Weer thuis wonen met mama en Louis. Dat mama geen geldzorgen meer heeft. Later wil ik juf worden.",
    },
]


def _drawing(kind: str) -> BytesIO:
    """A simple drawing, as a child's story has them: a house, the night, a phone, a big house, people."""
    from PIL import Image, ImageDraw

    sky = (25, 35, 80) if kind == "night" else (200, 230, 250)
    image = Image.new("RGB", (480, 320), sky)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 260, 480, 320), fill=(110, 170, 90))
    if kind in ("home", "night"):
        draw.rectangle((150, 150, 330, 260), fill=(240, 220, 180), outline=(60, 60, 60), width=3)
        draw.polygon([(135, 150), (240, 70), (345, 150)], fill=(190, 50, 40), outline=(60, 60, 60))
        draw.rectangle((220, 200, 260, 260), fill=(120, 80, 40))
        window = (250, 220, 120) if kind == "night" else (170, 210, 240)
        draw.rectangle((170, 170, 205, 200), fill=window, outline=(60, 60, 60))
        draw.rectangle((275, 170, 310, 200), fill=window, outline=(60, 60, 60))
        if kind == "night":
            draw.ellipse((380, 30, 440, 90), fill=(245, 240, 200))
            draw.ellipse((365, 25, 420, 80), fill=sky)
        else:
            draw.ellipse((390, 30, 450, 90), fill=(250, 200, 40))
    elif kind == "phone":
        draw.rounded_rectangle((190, 60, 290, 250), radius=18, fill=(40, 40, 40))
        draw.rectangle((200, 80, 280, 210), fill=(120, 200, 240))
        for offset in (0, 20, 40):
            draw.arc(
                (300 + offset, 90 - offset, 340 + offset, 150 + offset), -60, 60, fill=(200, 40, 40), width=4
            )
    elif kind == "shelter":
        draw.rectangle((90, 80, 390, 260), fill=(230, 200, 160), outline=(60, 60, 60), width=3)
        for row in range(3):
            for column in range(5):
                x, y = 110 + column * 56, 100 + row * 50
                draw.rectangle((x, y, x + 36, y + 30), fill=(250, 220, 120), outline=(60, 60, 60))
    elif kind == "people":
        colours = [(200, 60, 60), (60, 120, 200), (60, 160, 90), (220, 150, 40)]
        for number, colour in enumerate(colours):
            x = 70 + number * 100
            draw.ellipse((x, 110, x + 50, 160), fill=(240, 200, 170), outline=(60, 60, 60))
            draw.rectangle((x + 5, 165, x + 45, 250), fill=colour)
    out = BytesIO()
    image.save(out, "PNG")
    out.seek(0)
    return out


def _tell(dossier: Dossier, first_name: str, panels: list[tuple[str, str, str]], stdout) -> None:
    child = dossier.children.filter(first_name=first_name).first()
    if child is None or Story.objects.filter(dossier=dossier, child=child).exists():
        return
    for revision, (text, drawing, description) in enumerate(panels):
        services.panel_add(
            actor=None,
            dossier=dossier,
            child=child,
            text=text,
            image=_drawing(drawing) if drawing else None,
            image_alt=description,
            revision=revision,
        )
    stdout.write(f"Child's voice: words-and-pictures story of {first_name} in {dossier.reference}\n")


def _houses(dossier: Dossier, first_name: str, versions: list[dict], stdout) -> None:
    child = dossier.children.filter(first_name=first_name).first()
    if child is None or ThreeHouses.objects.filter(dossier=dossier, child=child).exists():
        return
    for version in versions:
        services.three_houses_save(actor=None, dossier=dossier, child=child, **version)
    stdout.write(f"Child's voice: three houses of {first_name} in {dossier.reference}\n")


def seed(stdout) -> None:
    lambrecht = Dossier.objects.filter(reference=LAMBRECHT).first()
    if lambrecht is not None:
        _tell(lambrecht, "Emma", EMMA_STORY, stdout)
        _houses(lambrecht, "Emma", EMMA_HOUSES, stdout)
    koster = Dossier.objects.filter(reference=KOSTER).first()
    if koster is not None:
        _tell(koster, "Dylan", DYLAN_STORY, stdout)
