import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.safety.success.conftest import api  # noqa: F401 (the same API caller)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Pictures go to a fresh directory per test, never to the developer's var/media."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media" / "childvoice"


def stored_files(media) -> list:
    return sorted(p for p in media.glob("*") if p.is_file()) if media.exists() else []


def jpeg_with_exif(size=(64, 48), orientation: int | None = None) -> bytes:
    """A photo as a phone makes it: camera make, GPS position and the date in its EXIF."""
    image = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "KringCam"  # Make
    exif[0x0110] = "Model Geheim"  # Model
    if orientation:
        exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (52.0, 5.0, 31.0)
    gps[3] = "E"
    gps[4] = (4.0, 53.0, 2.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def png(size=(40, 30), colour=(20, 120, 200)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def noise_png(side: int) -> bytes:
    """A picture that does not compress: about side*side*3 bytes."""
    out = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(out, "PNG")
    return out.getvalue()


def upload(content: bytes, name="tekening.png", content_type="image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def child(world):
    return world.dossier.children.get()
