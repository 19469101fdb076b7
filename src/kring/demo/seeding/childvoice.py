"""A child's own voice, through the services of kring.safety.childvoice: a words-and-pictures story and the
three houses. A child who already has a story (or three houses) is left alone. The pictures are simple
drawings made here with Pillow (no files are shipped), stored through the same checks as an upload."""

from io import BytesIO
from typing import Any

from kring.safety.childvoice import services
from kring.safety.childvoice.models import Story as ChildStory
from kring.safety.childvoice.models import ThreeHouses

from . import Story


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


def words_and_pictures(story: Story, first_name: str, panels: list[tuple[str, str, str]]) -> None:
    """The child's story, panel by panel: (text, drawing kind or "", description of the drawing)."""
    dossier = story.dossier
    child = dossier.children.filter(first_name=first_name).first()
    if child is None or ChildStory.objects.filter(dossier=dossier, child=child).exists():
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
    story.said("childvoice", f"words-and-pictures story of {first_name}")


def three_houses(story: Story, first_name: str, versions: list[dict[str, Any]]) -> None:
    """The child's three houses, one version per conversation."""
    dossier = story.dossier
    child = dossier.children.filter(first_name=first_name).first()
    if child is None or ThreeHouses.objects.filter(dossier=dossier, child=child).exists():
        return
    for version in versions:
        services.three_houses_save(actor=None, dossier=dossier, child=child, **version)
    story.said("childvoice", f"three houses of {first_name}")
