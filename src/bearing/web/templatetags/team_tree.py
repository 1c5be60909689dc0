"""The team tree as nested lists (``okrs.team_tree.TeamNode``), written in Python like the
alignment tree: a page may hold a few hundred teams, and every value goes through
format_html."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from bearing.web.templatetags.bearing import _score_html

register = template.Library()


@register.simple_tag
def team_nodes(nodes: list[Any], urls: dict[str, str]) -> SafeString:
    """Teams as list items: each with its leads, people, objectives and score; loaded children
    nested under an open <details>, others fetched when their branch is opened (htmx), and
    without JavaScript the branch links to its own page."""
    return mark_safe("".join(_node(n, urls) for n in nodes))  # noqa: S308 -- format_html parts


@register.simple_tag
def team_children(node: Any, urls: dict[str, str]) -> SafeString:
    """The loaded children of one node, as the list items of its branch."""
    return mark_safe(_children(node, urls))  # noqa: S308 -- format_html parts


def figures(n: Any) -> str:
    parts = []
    if n.leads:
        more = f" and {n.more_leads} more" if n.more_leads else ""
        parts.append(
            ("Lead: " if len(n.leads) == 1 and not more else "Leads: ") + ", ".join(n.leads) + more
        )
    parts.append(f"{n.people:,} {'person' if n.people == 1 else 'people'}")
    parts.append(f"{n.objectives:,} objective{'' if n.objectives == 1 else 's'}")
    return " · ".join(parts)


def _node(n: Any, urls: dict[str, str]) -> str:
    team = n.team
    color = n.color.value if n.color else "none"
    company = ' <span class="badge">company</span>' if team.is_company else ""
    body = format_html(
        '<span class="node-text"><a href="{}{}/{}">{}</a>{} <span class="meta">{}</span></span> {}',
        urls["team"], team.pk, urls["query"] if urls["query"] != "?" else "", team.name,
        mark_safe(company), figures(n), _score_html(n.score, color if n.score is not None else None),  # noqa: S308
    )  # fmt: skip
    if not n.children_count:
        return format_html('<li class="node leaf team-node">{}</li>', body)
    if n.children is None:
        label = f"{n.children_count:,} team{'' if n.children_count == 1 else 's'} within"
        return format_html(
            '<li class="node team-node"><details hx-get="{}{}/{}" hx-trigger="toggle once" '
            'hx-target="find ul" hx-swap="innerHTML"><summary>{} <span class="meta count">{}'
            '</span></summary><ul><li class="loading"><a href="{}{}">Show the teams within {}'
            "</a></li></ul></details></li>",
            urls["below"], team.pk, urls["query"] if urls["query"] != "?" else "", body, label,
            urls["root"], team.pk, team.name,
        )  # fmt: skip
    return format_html(
        '<li class="node team-node"><details open><summary>{}</summary><ul>{}</ul></details></li>',
        body, mark_safe(_children(n, urls)),  # noqa: S308 -- built by format_html
    )  # fmt: skip


def _children(n: Any, urls: dict[str, str]) -> str:
    items = "".join(_node(c, urls) for c in n.children or [])
    if n.more:
        items += format_html(
            '<li class="more meta">and {} more: <a href="{}{}">all the teams within {}</a></li>',
            f"{n.more:,}", urls["root"], n.team.pk, n.team.name,
        )  # fmt: skip
    return items
