"""The shared linkage generator with every organisation's noise multiplier scaled: a differently
parametrised profile to check that the matcher does not fit the generator (docs/signal_index.md, issue 17
follow-up). Not run by `make bench`.

    python bench/linkage_noisier.py 1.6 --n 20000 --queries 200 --seed 3 --profile hard --out var/bench/x
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for path in (
    ROOT.parent / "shared" / "bench" / "linkage",
    ROOT.parent.parent / "shared" / "bench" / "linkage",
):
    if (path / "generate.py").exists():
        sys.path.insert(0, str(path))
        break

import generate  # noqa: E402 - found above

if __name__ == "__main__":
    scale = float(sys.argv.pop(1))
    generate.ORGS = {name: (*values[:4], values[4] * scale) for name, values in generate.ORGS.items()}
    generate.main()
