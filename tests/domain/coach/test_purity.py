"""The coach is pure: standard library and bearing.domain only (no Django, no I/O libraries)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import bearing.domain.coach

COACH = Path(bearing.domain.coach.__file__).parent
FORBIDDEN_STDLIB = {"os", "socket", "subprocess", "urllib", "http", "shutil", "random", "pathlib"}


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_coach_imports_only_the_standard_library_and_the_domain() -> None:
    for path in sorted(COACH.glob("*.py")):
        for name in imported_modules(path):
            top = name.split(".")[0]
            if name.startswith("bearing."):
                assert name.startswith("bearing.domain"), (path.name, name)
            else:
                assert top in sys.stdlib_module_names, (path.name, name)
                assert top not in FORBIDDEN_STDLIB, (path.name, name)
