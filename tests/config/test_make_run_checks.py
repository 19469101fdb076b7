"""`make run` starts with `manage.py migrate` under KRING_DEBUG=True, which runs Django's system checks: an
app's check that fails there (e.g. a passkey origin on http://127.0.0.1) stops kring before it starts. The
suite itself runs on the test settings, so this runs the checks as `make run` does."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_system_checks_pass_as_make_run_starts_kring(tmp_path):
    env = {
        **os.environ,
        "KRING_DEBUG": "True",
        "KRING_VAR_DIR": str(tmp_path),
        "PYTHONPATH": str(ROOT / "src"),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
