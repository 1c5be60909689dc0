"""Alignment links and the cycle's alignment tree."""

from __future__ import annotations

from datetime import datetime
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
    children: list[AlignmentNode]


class AlignmentTreeOut(Schema):
    cycle: CycleOut
    roots: list[AlignmentNode] = Field(
        description="Objectives with no parent in the cycle (company objectives first)."
    )
    orphans: list[ObjectiveBrief] = Field(
        description="Objectives of teams other than the company that serve no parent."
    )


AlignmentNode.model_rebuild()
