"""The coach on one labelled batch: the figures a sealed blind batch is scored by.

    .venv/bin/python bench/coach_eval.py BATCH.yaml [BATCH.yaml ...]

A BATCH is either format the loader reads (tests/domain/coach/coach_labelled.py): the
blind one of COACH_TASK.md (``organizations`` with team trees, items naming their
``organization`` and ``team``) or the older one (``split``, an objective's ``team`` and
``company_team``). The coach reviews every item with its owning team placed in its
organization's tree. Printed: three-way agreement, limiting-vs-not agreement, the
confusion matrix, precision and recall of every limiting rule, and every item where the
rating or the limiting rules differ from the label. Reads nothing but the files named.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from tests.domain.coach.coach_labelled import RATINGS, Scores, load, score  # noqa: E402


def _pct(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.2f}"


def print_batch(path: Path) -> Scores:
    s = score(load(path))
    print(f"\n== {path.name}")
    print(f"three-way agreement {s.agreed}/{s.total} = {s.agreement:.3f}")
    print(f"limiting-vs-not     {s.limiting_agreed}/{s.total} = {s.limiting_agreement:.3f}")
    print("confusion (rows: label, columns: coach)")
    print(" " * 10 + "".join(f"{r:>10}" for r in RATINGS))
    for expected in RATINGS:
        print(f"{expected:>10}" + "".join(f"{s.confusion[(expected, got)]:>10}" for got in RATINGS))
    print(f"{'limiting rule':<26}{'precision':>10}{'recall':>8}{'tp':>5}{'fp':>5}{'fn':>5}")
    for rule in s.rules():
        print(
            f"{rule:<26}{_pct(s.precision(rule)):>10}{_pct(s.recall(rule)):>8}"
            f"{s.tp[rule]:>5}{s.fp[rule]:>5}{s.fn[rule]:>5}"
        )
    print("differences (rating or limiting rules):")
    for entry, got in s.misses:
        rules = sorted(f.rule for f in got.findings if f.level.value == "limiting")
        team = entry.raw.get("team") or "-"
        mark = "  " if got.rating.value == entry.rating else "✗ "
        print(
            f"  {mark}{entry.id} [{team}]: label {entry.rating} {sorted(entry.limiting)}, "
            f"coach {got.rating.value} {rules} :: {entry.title}"
        )
    return s


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for name in sys.argv[1:]:
        print_batch(Path(name))
