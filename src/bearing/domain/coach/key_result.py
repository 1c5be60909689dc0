"""Key-result rules (coach-rubric.md, "Key results").

Limiting: output (a backlog item), binary (done-or-not), qualitative,
unmeasurable, compound, hard to attribute. Helpful: quantitative, atomic,
outcome. Awesome: helpful, and also a baseline, an ambitious change and a
leading measure. A draft (no kind yet) is judged by its words and told what
fields it lacks.
"""

from __future__ import annotations

from collections.abc import Sequence

from bearing.domain.coach import kr_traits as tr
from bearing.domain.coach import lexicon as lx
from bearing.domain.coach import reach, scope
from bearing.domain.coach import signals as sig
from bearing.domain.coach.amounts import quantities
from bearing.domain.coach.findings import Finding, Level, Review, conclude
from bearing.domain.coach.goals import goal_parts, shared_verb_parts
from bearing.domain.coach.owner import NO_OWNER, Owner
from bearing.domain.coach.suggest import outcome_question
from bearing.domain.coach.text import (
    Token,
    is_participle,
    lemma_in,
    object_of,
    tokenize,
    verb_length,
    without_lead_adverb,
)
from bearing.domain.model import KeyResult, KRKind

Tokens = Sequence[Token]
L, H, A = Level.LIMITING, Level.HELPFUL, Level.AWESOME
_MADE = lx.DELIVERY_VERBS | lx.MAKER_VERBS


def _numeric_kind(kr: KeyResult) -> bool:
    return kr.kind is not None and kr.kind is not KRKind.MILESTONE


def binary_state(tokens: Tokens) -> bool:
    """Words that can only be true or false: certified, approved, passed, won the award,
    reached #1 in a chart (with no start to measure from)."""
    return (
        not quantities(tokens)
        and any(t.low in lx.BINARY_NOUNS for t in tokens)
        and not sig.has_metric(tokens)
    ) or scope.rank_target(tokens)


def task(tokens: Tokens) -> bool:
    """Is this a backlog item — something to do or deliver, rather than a result?"""
    verb = sig.leading_verb(tokens)
    counted = bool(quantities(tokens)) or sig.has_metric(tokens)
    if verb is None:
        # "Broadcast integration enabled", "New onboarding flow live": a delivered state.
        delivered = any(
            (is_participle(t.low) and lemma_in(t.low, _MADE)) or t.low in lx.DELIVERED_STATES
            for t in tokens[1:]
        )
        # The artefact must be what the title is about, not a place it mentions: "Better
        # dealer feedback on the new claims process" is about feedback (vague, not a task).
        head = object_of(tokens, 0)
        artefact_only = any(sig.is_artefact(t.low) for t in head) and not counted
        delivered_state = delivered and not quantities(tokens)
        return delivered_state or artefact_only or sig.counted_outputs(tokens)
    n = verb_length(verb)
    obj = object_of(tokens, n)
    if verb in lx.DELIVERY_VERBS or sig.ensured_delivery(tokens) or sig.counted_outputs(tokens):
        return True
    if verb in lx.MAKER_VERBS:
        return (
            sig.names_artefact(obj)
            or sig.new_things(verb, obj)
            or not sig.has_metric(tokens[: n + len(obj)])
        )
    if verb in lx.LINKING_VERBS or sig.changes_a_number(tokens) or binary_state(tokens):
        return False
    # Any other action with nothing to count is a task: "Prompt for Auto Pay at purchase".
    return not counted


def beyond_the_team(tokens: Tokens, owner: Owner) -> str | None:
    """A measure the owning team cannot move by itself: forces and outsiders' figures
    whoever owns it; the whole organization or every unit of a kind for a team below
    the company."""
    force = scope.outside_forces(tokens)
    if force is not None and reach.governs_place(force, owner):
        force = None
    return (
        force
        or scope.market_measures(tokens)
        or scope.hostile_acts(tokens)
        or reach.outsiders(tokens, owner)
        or reach.prize_granted(tokens)
        or (
            scope.company_words(tokens) or reach.beyond_team(tokens, owner)
            if owner.below_company
            else None
        )
    )


def _limiting(kr: KeyResult, tokens: Tokens, owner: Owner) -> list[Finding]:
    title = kr.title.strip()
    out: list[Finding] = []
    is_task = task(tokens)
    if is_task:
        # "Increase features shipped per sprint": a number, but a count of work done.
        what = (
            "counts outputs (work done or things made)"
            if sig.changes_a_number(tokens)
            else "is a task (an output)"
        )
        out.append(
            Finding(
                "kr-output",
                L,
                f"“{title}” {what}, not a result. {outcome_question(tokens, title)} "
                "Make that the key result and keep the task as an initiative under it.",
                "Rewrite it as a change in a number, e.g. “Increase <outcome> from <today> to "
                f"<target>”, and keep “{title}” as an initiative under the key result.",
            )
        )
    if kr.kind is KRKind.MILESTONE or (not is_task and binary_state(tokens)):
        how = "is a milestone" if kr.kind is KRKind.MILESTONE else "can only be true or false"
        out.append(
            Finding(
                "kr-binary",
                L,
                f"This key result {how}: it shows no progress until the very end (lagging).",
                "Ask what will be measurably different once it is done and track that from a "
                "start to a target; keep the milestone as an initiative.",
            )
        )
    if not out and not _numeric_kind(kr):
        if not quantities(tokens):
            out.append(
                Finding(
                    "kr-qualitative",
                    L,
                    "There is no number here: nobody can tell how far along it is.",
                    "Add the value you start from and the one you aim for, e.g. “… from 40 to 60”.",
                )
            )
        if not sig.has_metric(tokens):
            out.append(
                Finding(
                    "kr-unmeasurable",
                    L,
                    "It does not name anything that can be counted or measured.",
                    "Name the metric that would show it — a rate, a time, a count, a score — and "
                    "how you will measure it.",
                )
            )
    parts = goal_parts(tokens) or shared_verb_parts(tokens)
    if parts:
        out.append(
            Finding(
                "kr-compound",
                L,
                f"This measures {len(parts)} things at once ("
                + "; ".join(f"“{p}”" for p in parts)
                + "): one can succeed while the other fails.",
                "Split it into separate key results, or keep the one that best shows the "
                "objective is met.",
            )
        )
    outside = beyond_the_team(tokens, owner)
    if outside:
        job = reach.job_of(tokens, owner) if owner.functions_elsewhere else None
        message = (
            reach.job_message(job[0], job[1], owner.team or "this team")
            if job is not None and job[0] == outside
            else f"“{outside}” moves with forces outside the team, so the score will not say "
            "whether your work helped."
        )
        out.append(
            Finding(
                "kr-hard-to-attribute",
                L,
                message,
                "Measure the part your team drives (your customers, your process, your share "
                "of the work) and track the bigger number as context.",
            )
        )
    return out


def _helpful(kr: KeyResult, tokens: Tokens, limiting: list[Finding]) -> list[Finding]:
    rules = {f.rule for f in limiting}
    out = []
    amounts = quantities(tokens)
    if _numeric_kind(kr) or amounts:
        shown = f"target {tr.fmt(kr.target)}" if kr.target is not None else ", ".join(amounts)
        out.append(Finding("kr-quantitative", H, f"Quantitative: {shown}."))
    if "kr-compound" not in rules:
        out.append(Finding("kr-atomic", H, "Atomic: one measure, one owner, one score."))
    if not rules & {"kr-output", "kr-binary", "kr-unmeasurable"}:
        out.append(Finding("kr-outcome", H, "Outcome-focused: it measures a change, not a task."))
    return out


def review_key_result(kr: KeyResult, *, owner: Owner = NO_OWNER) -> Review:
    """Rate a key result limiting / helpful / awesome, with the findings that say why.

    ``owner`` is the team of its objective in its organization (``owner.owner_of``): a
    team below the company measured on the whole organization, or one unit measured on
    every unit of its kind, cannot move that by itself."""
    tokens = without_lead_adverb(tokenize(kr.title))
    limiting = _limiting(kr, tokens, owner)
    findings = limiting + _helpful(kr, tokens, limiting)
    if kr.is_draft:
        lacks, fill = tr.draft_gaps(kr, tokens)
        findings.append(Finding("kr-draft", H, lacks[0].upper() + lacks[1:], fill))
    if limiting:
        return conclude(findings, awesome=False)
    traits = {
        "kr-baseline": tr.baseline(kr, tokens),
        "kr-ambitious": tr.ambitious(kr, tokens),
        "kr-leading": tr.leading(kr, tokens),
    }
    findings += [Finding(rule, A, t.why) for rule, t in traits.items() if t.holds]
    missing = [t.why for t in traits.values() if not t.holds]
    if kr.kind is not None and kr.kind.is_threshold:
        # A threshold holds a level; what it lacks is a change to make, not a tweak.
        missing = [
            "it keeps a level rather than moving one — to stretch, set a change from today's "
            "value to an ambitious target, or keep it as a KPI"
        ]
    if missing:
        findings.append(
            Finding(
                "kr-next-step",
                H,
                "Helpful. To make it awesome: " + "; ".join(missing) + ".",
                "An awesome key result has a baseline, an ambitious target and is measured "
                "weekly — e.g. “Cut the time to complete a payment from 120 s to 24 s”.",
            )
        )
    return conclude(findings, awesome=not missing)
