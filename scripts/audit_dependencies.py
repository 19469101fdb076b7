"""Run pip-audit on the installed dependencies: fail on any known vulnerability.

pip-audit asks an online vulnerability service (PyPI's JSON API or OSV). Where the machine cannot reach one,
every package comes back "skipped"; that is reported loudly, but only a found vulnerability fails the run.
"""

import json
import subprocess
import sys


def main() -> int:
    command = [sys.executable, "-m", "pip_audit", "--skip-editable", "--progress-spinner", "off"]
    result = subprocess.run(  # noqa: S603 — a fixed command line
        [*command, "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        print(result.stdout + result.stderr)
        print("pip-audit: no report (see above)")
        return 1
    dependencies = report.get("dependencies", [])
    vulnerable = [d for d in dependencies if d.get("vulns")]
    skipped = [d for d in dependencies if d.get("skip_reason")]
    for dependency in vulnerable:
        ids = ", ".join(v["id"] for v in dependency["vulns"])
        print(f"VULNERABLE {dependency['name']} {dependency['version']}: {ids}")
    audited = len(dependencies) - len(skipped)
    print(f"pip-audit: {audited} audited, {len(vulnerable)} vulnerable, {len(skipped)} not auditable")
    if skipped and not audited:
        print("pip-audit: WARNING no vulnerability service was reachable from here; nothing was audited")
    return 1 if vulnerable else 0


if __name__ == "__main__":
    sys.exit(main())
