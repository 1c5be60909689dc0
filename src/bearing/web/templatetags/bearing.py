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
CLOSE = mark_safe("</ul></details></li>")


def _score_html(score: Decimal | None, color: str | None) -> SafeString:
    if score is None:
        return NO_SCORE
    return format_html(
        '<span class="score {0}" title="{0}">{1}<span class="visually-hidden"> ({0})</span></span>',
        color,
        score,
    )


@register.simple_tag
def outline(lines: list[Any], objectives_url: str) -> SafeString:
    """The alignment outline as nested lists, each branch a <details>.

    Python rather than a template loop: a 1,000-objective cycle has thousands of rows, and
    the template engine took most of the page's time. Every value goes through format_html.
    """
    parts: list[SafeString] = []
    for line in lines:
        row, scored = line.row, line.item.scored
        step = row.step.value
        if step in ("close", "kr_close"):
            parts.append(CLOSE)
        elif step == "kr_open":
            kr, ks = line.key_result
            parts.append(format_html(
                '<li class="kr-node {}"><details open><summary><span class="node-text">'
                '<span class="eyebrow">Key result</span> {}</span> {}</summary><ul>',
                ks.color or "none", kr.title, _score_html(ks.score, ks.color),
            ))  # fmt: skip
        else:
            parts.append(_node_html(line, step, scored, objectives_url))
    return mark_safe("".join(parts))  # noqa: S308 -- each part was built by format_html


def _node_html(line: Any, step: str, scored: Any, objectives_url: str) -> SafeString:
    o = line.item.objective
    meta = o.team.name if o.team else "individual"
    if line.link_kind == "cascaded":
        meta += " · cascaded"
    if o.state != "active":
        meta += f" · {o.get_state_display().lower()}"
    if step == "repeat":
        meta += " (also shown above)"
    body = format_html(
        '<span class="node-text"><a href="{}{}/">{}</a> <span class="meta">{}</span></span> {}',
        objectives_url, o.pk, o.title, meta, _score_html(scored.score, scored.color),
    )  # fmt: skip
    color = scored.color or "none"
    if step == "open":
        return format_html(
            '<li class="node {}"><details open><summary>{}</summary><ul>', color, body
        )
    kind = "repeat" if step == "repeat" else "leaf"
    return format_html('<li class="node {} {}">{}</li>', kind, color, body)


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
