"""Small presentation filters. They format numbers the domain computed; they compute nothing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from bearing.domain.charts import number
from bearing.domain.coach import Finding, Level, Review
from bearing.domain.scoring import ColorBands
from bearing.okrs.models.checkins import STATUS_COLOR, Status

register = template.Library()


@register.filter
def percent(share: Decimal | None) -> str:
    """0.456 → "46" (for widths and "46 %"); shares are already clamped to [0, 1]."""
    if share is None:
        return "0"
    return str(int((share * 100).to_integral_value()))


@register.filter
def value(amount: Decimal | None, unit: str = "") -> str:
    """A measured value as people write it: 1200 ms, 2.5 %, no trailing zeros."""
    return "–" if amount is None else number(amount, unit)


@register.filter
def color_in(score: Decimal | None, bands: ColorBands) -> str:
    """A stored score's colour in the organization's bands (the domain decides it)."""
    color = bands.color(score)
    return color.value if color else "none"


@register.filter
def status_color(status: str) -> str:
    """on_track → green, for a check-in's progress or capacity status."""
    return STATUS_COLOR[Status(status)].value if status in Status.values else ""


NO_SCORE = mark_safe(
    '<span class="score none" title="no score yet">–'
    '<span class="visually-hidden"> (no score yet)</span></span>'
)


def _score_html(score: Decimal | None, color: str | None) -> SafeString:
    if score is None:
        return NO_SCORE
    return format_html(
        '<span class="score {0}" title="{0}">{1}<span class="visually-hidden"> ({0})</span></span>',
        color,
        score,
    )


@register.simple_tag
def alignment_nodes(nodes: list[Any], urls: dict[str, str]) -> SafeString:
    """Nodes of the alignment tree (``okrs.alignment_tree.Node``) as nested lists.

    Loaded children are nested under a ``<details>``; children not loaded yet come from
    ``urls["below"]`` when the branch is opened (htmx), and without JavaScript the branch
    links to the page of that objective's subtree. Python rather than a template: a page
    may hold a few hundred nodes, and every value goes through format_html."""
    return mark_safe("".join(_node(n, urls) for n in nodes))  # noqa: S308 -- format_html parts


def _node(n: Any, urls: dict[str, str]) -> str:
    o, score = n.objective, n.score
    meta = o.team_name or "individual"
    if n.kind == "cascaded":
        meta += " · cascaded"
    if o.state != "active":
        meta += f" · {o.state_label.lower()}"
    if n.repeated:
        meta += " (also shown above)"
    color = score.color or "none"
    body = format_html(
        '<span class="node-text"><a href="{}{}/">{}</a> <span class="meta">{}</span></span> {}',
        urls["objective"], o.pk, o.title, meta, _score_html(score.score, score.color),
    )  # fmt: skip
    if n.repeated or not n.children_count:
        kind = "repeat" if n.repeated else "leaf"
        return format_html('<li class="node {} {}">{}</li>', kind, color, body)
    if n.children is None:
        below = f"{urls['below']}{o.pk}/{urls.get('below_query', '')}"  # ?as_of= (time travel)
        label = f"{n.children_count:,} below"
        return format_html(
            '<li class="node {}"><details hx-get="{}" hx-trigger="toggle once" '
            'hx-target="find ul" hx-swap="innerHTML"><summary>{} <span class="meta count">{}'
            '</span></summary><ul><li class="loading"><a href="{}{}">Show the objectives below'
            "</a></li></ul></details></li>",
            color, below, body, label, urls["root"], o.pk,
        )  # fmt: skip
    inner = "".join(_group(g, n, urls) for g in n.children)
    return format_html(
        '<li class="node {}"><details open><summary>{}</summary><ul>{}</ul></details></li>',
        color, body, mark_safe(inner),  # noqa: S308 -- built by format_html
    )  # fmt: skip


def _group(g: Any, parent: Any, urls: dict[str, str]) -> str:
    nodes = "".join(_node(c, urls) for c in g.nodes)
    if g.more:
        nodes += format_html(
            '<li class="more meta">and {} more: <a href="{}{}">open “{}” on its own</a></li>',
            f"{g.more:,}", urls["root"], parent.pk, parent.objective.title,
        )  # fmt: skip
    if g.key_result is None:
        return nodes
    kr, ks = g.key_result, g.score
    return format_html(
        '<li class="kr-node {}"><details open><summary><span class="node-text">'
        '<span class="eyebrow">Key result</span> {}</span> {}</summary><ul>{}</ul></details></li>',
        ks.color or "none", kr.title, _score_html(ks.score, ks.color), mark_safe(nodes),  # noqa: S308
    )  # fmt: skip


# The coach's findings, split for reading: what to do first, then what is already good.


@register.filter
def advice(review: Review) -> list[Finding]:
    """Findings that ask for a change: what limits the item, and the next step or what a
    draft lacks (they come with a suggestion)."""
    return [f for f in review.findings if f.level is Level.LIMITING or f.suggestion]


@register.filter
def strengths(review: Review) -> list[Finding]:
    """The traits the item already shows (helpful and awesome findings with no suggestion)."""
    return [f for f in review.findings if f.level is not Level.LIMITING and not f.suggestion]


RATING_MARKS = {"limiting": "✗", "helpful": "●", "awesome": "★"}


@register.inclusion_tag("bearing/includes/rating.html")
def rating(level: Level | str) -> dict[str, str]:
    """A rating badge: a mark, the word, and a colour (the word carries the meaning)."""
    value = Level(level).value
    return {"level": value, "mark": RATING_MARKS[value], "label": value.capitalize()}


@register.simple_tag(takes_context=True)
def query_with(context: dict[str, Any], **changes: Any) -> str:
    """This page's query string with some parameters changed ("?cycle=3&page=2"); a change
    to None or "" removes the parameter. For pagers and filters that keep the rest."""
    query = context["request"].GET.copy()
    for name, new in changes.items():
        if new is None or new == "":
            query.pop(name, None)
        else:
            query[name] = str(new)
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def page_query(context: dict[str, Any], param: str, number: int) -> str:
    """``query_with`` for a pager whose page parameter has a name of its own."""
    return query_with(context, **{param: number})


@register.filter(name="number")
def with_separators(count: int | Decimal | None) -> str:
    """A count with thousands separators: 12,345."""
    if count is None:
        return "–"
    return f"{count:,}"


@register.simple_tag
def alignment_children(node: Any, urls: dict[str, str]) -> SafeString:
    """The loaded children of one node, as the list items of its branch."""
    return mark_safe("".join(_group(g, node, urls) for g in node.children or []))  # noqa: S308


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    """``mapping[key]``, or None: a template's lookup by a variable key."""
    return mapping.get(key) if mapping else None
