"""Alignment links and the cycle's alignment tree."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

from bearing.api.schemas.common import Id, Input
from bearing.api.schemas.okrs import Scored
from bearing.api.schemas.orgs import CycleOut

LinkKindName = Literal["aligned", "cascaded"]


class LinkIn(Input):
    """Exactly one of parent_objective and parent_key_result."""

    child: Id
    parent_objective: Id | None = None
    parent_key_result: Id | None = None
    kind: LinkKindName = Field(
        "aligned", description="cascaded: the child was made from the parent key result."
    )


class LinkOut(Schema):
    id: int
    child: int
    parent_objective: int | None
    parent_key_result: int | None
    kind: LinkKindName
    created_at: datetime


class LinkQuery(Schema):
    cycle: Id | None = Field(None, description="Only links whose child is in this cycle.")
    child: Id | None = Field(None, description="Only the parents of this objective.")


class ObjectiveBrief(Scored):
    id: int
    ref: str
    title: str
    team: int | None


class KeyResultBrief(Scored):
    id: int
    ref: str
    title: str


class AlignmentNode(Schema):
    objective: ObjectiveBrief
    kind: LinkKindName | None = Field(description="How it hangs under its parent; null at a root.")
    via_key_result: KeyResultBrief | None = Field(
        description="The parent's key result it serves, when linked to a key result."
    )
    repeated: bool = Field(
        description="It appears earlier in the tree too (it serves several parents); "
        "its children are listed there."
    )
    children_count: int = Field(description="How many objectives serve it (that you may see).")
    children: list[AlignmentNode] | None = Field(
        description="The objectives serving it, key result by key result, then directly; "
        "null when not expanded in this answer (beyond `depth`, or over `limit`): fetch "
        "`expand` for them."
    )
    more: int = Field(
        description="Children left out because a key result (or the objective) has more than "
        "50: fetch `expand` with `root` for them."
    )
    expand: str | None = Field(description="This tree from this objective down.")


class AlignmentTreeOut(Schema):
    cycle: CycleOut
    roots: list[AlignmentNode] = Field(
        description="The company objectives that serve no other objective of the cycle; or "
        "the objective asked for (`root`); or a team's objectives (`team`)."
    )
    truncated: bool = Field(
        description="Some branches were not expanded (see `children` and `expand`)."
    )
    orphans: list[ObjectiveBrief] = Field(
        description="The first objectives below the company that serve nothing; "
        "`orphans_next` leads to the rest (GET /cycles/{id}/orphans)."
    )
    orphans_count: int
    orphans_next: str | None
    detached: list[ObjectiveBrief] = Field(
        description="Objectives that serve something outside this tree: an objective of "
        "another cycle, or one you cannot see (the first 50)."
    )
    detached_count: int


class TreeQuery(Schema):
    root: Id | None = Field(None, description="Start from this objective (its subtree).")
    team: Id | None = Field(None, description="Start from this team's objectives.")
    depth: int = Field(50, ge=0, le=50, description="Levels below the roots to expand.")
    limit: int = Field(
        2000,
        ge=1,
        le=5000,
        description="Objectives in the answer at most; the rest is left to `expand`.",
    )
    as_of: date | None = Field(
        None,
        description="Time travel: the tree as it was at the end of this day of the cycle, "
        "replayed from the change records (the objectives, links and key results there then, "
        "with their titles and targets of then, scored from the values measured by then; "
        "team names and the orphan lists are today's).",
    )


AlignmentNode.model_rebuild()
