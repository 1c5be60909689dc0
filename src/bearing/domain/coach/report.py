"""The lint report: what `bearing lint` prints (okr-file-format.md, `bearing lint`).

The JSON shape is a contract other tools read; keep the keys and their order.
"""

from __future__ import annotations

from typing import Any

from bearing.domain.coach.findings import DEFAULT_SETTINGS, CoachSettings, Finding, Level, Review
from bearing.domain.coach.key_result import review_key_result
from bearing.domain.coach.objective import review_objective
from bearing.domain.coach.owner import TeamTree
from bearing.domain.coach.portfolio import review_portfolio
from bearing.domain.model import OKRSet
from bearing.domain.wording import counted


def _finding(f: Finding) -> dict[str, str]:
    return {
        "rule": f.rule,
        "level": f.level.value,
        "message": f.message,
        "suggestion": f.suggestion,
    }


def _item(ref: str, kind: str, review: Review) -> dict[str, Any]:
    return {
        "ref": ref,
        "kind": kind,
        "rating": review.rating.value,
        "findings": [_finding(f) for f in review.findings],
    }


def lint_report(okrs: OKRSet, settings: CoachSettings = DEFAULT_SETTINGS) -> dict[str, Any]:
    """Every objective followed by its key results, in file order, then the portfolio checks."""
    items = []
    tree = TeamTree(okrs.teams)
    for obj in okrs.objectives:
        owner = tree.owner(obj.team)
        items.append(_item(obj.ref, "objective", review_objective(obj, owner=owner)))
        items += [
            _item(kr.ref, "key_result", review_key_result(kr, owner=owner))
            for kr in obj.key_results
        ]
    portfolio = [
        {"rule": p.rule, "message": p.message, "refs": list(p.refs)}
        for p in review_portfolio(okrs, settings)
    ]
    return {"items": items, "portfolio": portfolio}


def has_limiting(report: dict[str, Any]) -> bool:
    """True when any item is rated limiting (`bearing lint` then exits with status 1)."""
    return any(item["rating"] == Level.LIMITING.value for item in report["items"])


_MARK = {"limiting": "✗", "helpful": "•", "awesome": "★"}


def format_lint_text(report: dict[str, Any]) -> str:
    """A readable rendering of a lint report for `bearing lint --format text`."""
    lines: list[str] = []
    for item in report["items"]:
        indent = "  " if item["kind"] == "key_result" else ""
        label = "key result" if item["kind"] == "key_result" else "objective"
        lines.append(f"{indent}{item['rating'].upper():<8}  {item['ref']} ({label})")
        for f in item["findings"]:
            lines.append(f"{indent}    {_MARK.get(f['level'], '-')} {f['rule']}: {f['message']}")
            if f["suggestion"]:
                lines.append(f"{indent}      → {f['suggestion']}")
    if report["portfolio"]:
        lines += ["", "Portfolio"]
        for p in report["portfolio"]:
            lines.append(f"  {p['rule']}: {p['message']}")
            lines.append(f"    refs: {', '.join(p['refs'])}")
    counts = {level.value: 0 for level in Level}
    for item in report["items"]:
        counts[item["rating"]] += 1
    lines += [
        "",
        f"{counted(len(report['items']), 'item')}: {counts['limiting']} limiting, "
        f"{counts['helpful']} helpful, {counts['awesome']} awesome; "
        f"{counted(len(report['portfolio']), 'portfolio finding')}.",
    ]
    return "\n".join(lines) + "\n"
