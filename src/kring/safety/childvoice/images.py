"""Pictures in a child's story: checked by content, cleaned of metadata, stored where no URL reaches them.

- The size is checked first (`KRING_CHILD_VOICE_MAX_IMAGE_MB`, 5 MB by default), then the content: Pillow must
  recognise a JPEG, PNG, GIF or WebP picture and verify it, whatever the file is called. A PDF renamed .png is
  refused.
- The picture is decoded and drawn again from its pixels only: EXIF (camera, GPS position, date), text chunks
  and every other piece of metadata are gone. A photo taken sideways is turned upright first. Very large
  pictures are scaled down to `MAX_SIDE`, enough for a story panel and a printed page.
- The result is stored under MEDIA_ROOT/childvoice (or KRING_VAR_DIR/media/childvoice when MEDIA_ROOT is not
  set) with a random, non-guessable name, readable by the server process only. kring never gives that
  directory a URL: pictures leave it only through the authorised, audited view (views.panel_image).
"""

import base64
import logging
import secrets
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

DEFAULT_MAX_MB = 5
MAX_PIXELS = 40_000_000  # before decoding: a small file can still unpack into an enormous picture
MAX_SIDE = 2400
JPEG_QUALITY = 88
# The formats Pillow must find in the content; what they are stored as.
ACCEPTED_FORMATS = {"JPEG": "jpeg", "PNG": "png", "GIF": "png", "WEBP": "png"}
CONTENT_TYPES = {"jpeg": "image/jpeg", "png": "image/png"}
EXTENSIONS = {"jpeg": "jpg", "png": "png"}

TOO_LARGE = _("The picture is too large (%(size)s MB). Choose a picture of at most %(max)s MB.")
NOT_AN_IMAGE = _("This file is not a picture kring can use. Choose a JPEG, PNG, GIF or WebP picture.")
TOO_MANY_PIXELS = _("This picture has too many pixels. Make it smaller and try again.")
EMPTY_FILE = _("The file is empty.")


@dataclass(frozen=True)
class CleanImage:
    content: bytes
    kind: str  # "jpeg" or "png"
    width: int
    height: int

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.kind]


def max_bytes() -> int:
    return int(getattr(settings, "KRING_CHILD_VOICE_MAX_IMAGE_MB", DEFAULT_MAX_MB)) * 1024 * 1024


def _megabytes(size: int) -> str:
    """A size in MB as people read it in their language: 5, 5,3 (nl) or 5.3 (en)."""
    value = round(size / (1024 * 1024), 1)
    return number_format(int(value) if value == int(value) else value)


def clean_image(upload: IO[bytes] | Any) -> CleanImage:
    """The upload as a clean picture, or ValidationError with a message for the person who chose it."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    limit = max_bytes()
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise ValidationError(TOO_LARGE, params={"size": _megabytes(size), "max": _megabytes(limit)})
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(
            TOO_LARGE, params={"size": _megabytes(size or len(data)), "max": _megabytes(limit)}
        )
    if not data:
        raise ValidationError(EMPTY_FILE)
    try:
        with Image.open(BytesIO(data)) as probe:
            if probe.format not in ACCEPTED_FORMATS:
                raise ValidationError(NOT_AN_IMAGE)
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationError(TOO_MANY_PIXELS)
            kind = ACCEPTED_FORMATS[probe.format]
            probe.verify()
        with Image.open(BytesIO(data)) as image:
            image.load()
            upright = ImageOps.exif_transpose(image)
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        raise ValidationError(NOT_AN_IMAGE) from None
    has_alpha = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
    mode = "RGBA" if has_alpha and kind == "png" else "RGB"
    pixels = upright.convert(mode)
    pixels.thumbnail((MAX_SIDE, MAX_SIDE))
    # Drawn again from the raw pixels: nothing of the original file's metadata can travel along.
    fresh = Image.frombytes(mode, pixels.size, pixels.tobytes())
    out = BytesIO()
    if kind == "jpeg":
        fresh.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    else:
        fresh.save(out, "PNG", optimize=True)
    return CleanImage(content=out.getvalue(), kind=kind, width=fresh.width, height=fresh.height)


def storage_root() -> Path:
    media_root = getattr(settings, "MEDIA_ROOT", "")
    return (Path(media_root) if media_root else Path(settings.VAR_DIR) / "media") / "childvoice"


def image_storage() -> Storage:
    """The storage of the pictures, looked up at each use (so that the settings of the moment apply): the
    shared object store when STORAGES has "childvoice" (KRING_S3_BUCKET, several app servers), else local
    disk."""
    if "childvoice" in settings.STORAGES:
        return storages["childvoice"]
    return FileSystemStorage(
        location=storage_root(), file_permissions_mode=0o600, directory_permissions_mode=0o700
    )


def store_image(image: CleanImage) -> str:
    """Store the picture under a random name; return that name."""
    name = f"{secrets.token_urlsafe(24)}.{EXTENSIONS[image.kind]}"
    return image_storage().save(name, ContentFile(image.content))


def delete_image(name: str) -> None:
    if name:
        image_storage().delete(name)


def read_image(name: str) -> bytes:
    with image_storage().open(name, "rb") as stored:
        return stored.read()


def image_data_url(name: str, content_type: str) -> str:
    """The stored picture as a data: URL, for the PDF (which fetches nothing else); empty when the file is
    missing from the storage (logged), so that the rest of the story still prints."""
    try:
        content = read_image(name)
    except FileNotFoundError:
        logger.error("A picture of a story is missing from the storage")
        return ""
    return f"data:{content_type};base64,{base64.b64encode(content).decode('ascii')}"
