"""The OKR coach: rates objectives and key results limiting / helpful / awesome.

Deterministic, offline, standard library only; it reads the words and the
structured fields (kind, start, target, history) and explains every rating with
findings (coach-rubric.md). See docs/coach.md for how to read and tune it.

Rule ids (stable; the CLI, API and web UI show them):

=============================  ========  ==================================================
rule                           level     when
=============================  ========  ==================================================
objective-compound             limiting  a list of goals (two verb phrases, two amounts,
                                         or a list of three or more short items)
objective-what-or-how          limiting  names a deliverable ("Integrate the API…", "…with
                                         a new app") or a method ("…by modernizing",
                                         "through", "via", "Use X to…")
objective-quantitative         limiting  states a target amount (20%, $2M, five, double,
                                         by a third); not names ("Year 2"), time frames
                                         ("within 30 days") or scope sizes ("all three")
objective-out-of-bounds        limiting  beyond the team: the economy, national figures, a
                                         population's condition ("child hunger"), or a
                                         team objective about company-wide results or a
                                         rank in the market ("most profitable in the City")
objective-too-long             limiting  more than 20 words
objective-focused              helpful   one outcome
objective-concise              helpful   at most 12 words
objective-qualitative          helpful   no amounts
objective-next-step            helpful   helpful, and what would make it awesome
objective-memorable            awesome   at most 7 words
objective-starts-with-verb     awesome   first word is a verb
objective-plain-words          awesome   no acronyms, product names or buzzwords
objective-inspirational        awesome   names who benefits or an aspiration; not upkeep
kr-output                      limiting  a task or deliverable (backlog item), or a count
                                         of outputs ("features shipped per sprint")
kr-binary                      limiting  a milestone kind, or a done-or-not text
kr-qualitative                 limiting  no number in the title or the fields
kr-unmeasurable                limiting  nothing that can be counted or measured
kr-compound                    limiting  two or more measures (or deliverables) in one
kr-hard-to-attribute           limiting  share price, market share, national figures, a
                                         region's population figures…
kr-draft                       helpful   only a title so far: says which fields it lacks
kr-quantitative                helpful   a number or a numeric kind
kr-atomic                      helpful   one measure
kr-outcome                     helpful   measures a change, not a task
kr-next-step                   helpful   helpful, and what would make it awesome
kr-baseline                    awesome   a start value, or "from X to Y"
kr-ambitious                   awesome   a change of 50% or more (double, halve, 10x…)
kr-leading                     awesome   history about weekly, or a fast-moving metric
=============================  ========  ==================================================

Portfolio rules: too-many-objectives, too-many-key-results, too-few-key-results,
kpi-disguised, missing-owner, orphan.
"""

from bearing.domain.coach.findings import (
    CoachSettings,
    Finding,
    Level,
    PortfolioFinding,
    Review,
)
from bearing.domain.coach.key_result import review_key_result
from bearing.domain.coach.objective import review_objective
from bearing.domain.coach.portfolio import review_portfolio
from bearing.domain.coach.report import format_lint_text, has_limiting, lint_report

__all__ = [
    "CoachSettings",
    "Finding",
    "Level",
    "PortfolioFinding",
    "Review",
    "format_lint_text",
    "has_limiting",
    "lint_report",
    "review_key_result",
    "review_objective",
    "review_portfolio",
]
