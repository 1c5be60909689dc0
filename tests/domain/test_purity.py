"""The domain core imports no Django, no web framework and does no I/O at import time."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import bearing.domain

DOMAIN = Path(bearing.domain.__file__).parent
FORBIDDEN = (
    "django",
    "ninja",
    "psycopg",
    "gunicorn",
    "bearing.okrs",
    "bearing.orgs",
    "bearing.web",
    "bearing.api",
)


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_domain_module_imports_a_framework() -> None:
    offenders = {
        str(path.relative_to(DOMAIN)): sorted(
            m for m in imported_modules(path) if m.startswith(FORBIDDEN)
        )
        for path in DOMAIN.rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}
    assert len(offenders) >= 8  # the walk really saw the package


def test_importing_the_whole_domain_loads_no_django() -> None:
    modules = [
        "bearing.domain." + ".".join(p.relative_to(DOMAIN).with_suffix("").parts)
        for p in DOMAIN.rglob("*.py")
        if p.name != "__init__.py"
    ]
    code = f"import sys; [__import__(m) for m in {modules!r}]; print(any(k.startswith('django') for k in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"
