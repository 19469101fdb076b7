import pytest


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """The children's drawings go to a fresh directory per test, never to the developer's var/media."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media" / "childvoice"


def stored_files(media) -> list:
    return sorted(p for p in media.glob("*") if p.is_file()) if media.exists() else []
