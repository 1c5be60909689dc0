"""Alignment links and the cycle's alignment tree over the API."""

from __future__ import annotations

from bearing.okrs.models import AlignmentLink
from tests import factories
from tests.api.conftest import Seed, assert_error_shape, call
from tests.fingerprint import fingerprint


def test_the_tree_runs_from_the_company_down_with_scores(seed: Seed) -> None:
    # A second child serves the company objective's key result (cascaded from it).
    cascaded = factories.make_objective(
        seed.world.cycle, "Make checkout one tap", team=seed.world.payments
    )
    link = call("POST", "/alignment-links",
                {"child": cascaded.pk, "parent_key_result": seed.key_result.pk, "kind": "cascaded"},
                token=seed.tokens["alice"])  # fmt: skip
    assert link.status == 201
    orphan = factories.make_objective(
        seed.world.cycle, "Answer every ticket", team=seed.world.payments
    )
    tree = call("GET", f"/cycles/{seed.world.cycle.pk}/alignment", token=seed.tokens["vic"]).json()
    roots = tree["roots"]
    assert [r["objective"]["id"] for r in roots] == [seed.objective.pk]  # company objectives
    company = roots[0]
    assert (company["objective"]["score"], company["objective"]["color"]) == (0.5, "yellow")
    children = {c["objective"]["id"]: c for c in company["children"]}
    assert (
        children[seed.child.pk]["kind"] == "aligned"
        and children[seed.child.pk]["via_key_result"] is None
    )
    via = children[cascaded.pk]["via_key_result"]
    assert children[cascaded.pk]["kind"] == "cascaded" and (via["id"], via["score"]) == (
        seed.key_result.pk,
        0.5,
    )
    assert [o["id"] for o in tree["orphans"]] == [orphan.pk]
    assert (tree["orphans_count"], tree["orphans_next"], tree["truncated"]) == (1, None, False)
    assert company["children_count"] == 2 and company["expand"].endswith(
        f"?root={seed.objective.pk}"
    )


def test_a_subtree_and_a_bounded_answer(seed: Seed) -> None:
    """?root= starts from any objective; ?depth= and ?limit= bound the answer, and what is
    left out says how many objectives it holds and where to fetch them."""
    url = f"/cycles/{seed.world.cycle.pk}/alignment"
    sub = call("GET", f"{url}?root={seed.child.pk}", token=seed.tokens["vic"]).json()
    assert [r["objective"]["id"] for r in sub["roots"]] == [seed.child.pk]
    shallow = call("GET", f"{url}?depth=0", token=seed.tokens["vic"]).json()
    (company,) = shallow["roots"]
    assert company["children"] is None and company["children_count"] == 1
    assert shallow["truncated"] is True
    missing = call("GET", f"{url}?root=999999", token=seed.tokens["vic"])
    assert missing.status == 422
    assert_error_shape(missing, ["query", "root"])


def test_private_objectives_stay_out_of_the_tree(seed: Seed) -> None:
    secret = factories.make_objective(
        seed.world.cycle, "Grow as a coach", owner=seed.world.alice, visibility="private"
    )

    def ids(who: str) -> list[int]:
        url = f"/cycles/{seed.world.cycle.pk}/alignment"
        tree = call("GET", url, token=seed.tokens[who]).json()
        return [r["objective"]["id"] for r in tree["roots"]] + [o["id"] for o in tree["orphans"]]

    assert secret.pk in ids("alice") and secret.pk not in ids("vic")


def test_a_loop_is_refused_and_nothing_is_written(seed: Seed) -> None:
    before = fingerprint()
    answer = call("POST", "/alignment-links", {"child": seed.objective.pk, "parent_objective": seed.child.pk},
                  token=seed.tokens["alice"])  # fmt: skip
    assert answer.status == 422
    assert_error_shape(answer, ["body", "parent_objective"])
    assert "loop" in answer.json()["detail"][0]["msg"]
    assert fingerprint() == before


def test_exactly_one_parent(seed: Seed) -> None:
    both = {
        "child": seed.child.pk,
        "parent_objective": seed.objective.pk,
        "parent_key_result": seed.key_result.pk,
    }
    for body in (both, {"child": seed.child.pk}):
        answer = call("POST", "/alignment-links", body, token=seed.tokens["alice"])
        assert answer.status == 422
        assert_error_shape(answer, ["body"])


def test_members_link_only_their_teams_objectives(seed: Seed) -> None:
    answer = call("POST", "/alignment-links", {"child": seed.objective.pk, "parent_key_result": seed.key_result.pk},
                  token=seed.tokens["bob"])  # fmt: skip
    assert answer.status == 403
    assert_error_shape(answer, ["body", "child"])
    assert (
        call("DELETE", f"/alignment-links/{seed.link.pk}", token=seed.tokens["bob"]).status == 204
    )
    assert not AlignmentLink.objects.exists()


def test_links_to_hidden_objectives_are_not_listed(seed: Seed) -> None:
    secret = factories.make_objective(
        seed.world.cycle, "Grow as a coach", owner=seed.world.alice, visibility="private"
    )
    from bearing.okrs.services.alignment import link_create

    hidden = link_create(actor=None, child=seed.child, parent_objective=secret)

    def listed(who: str) -> set[int]:
        items = call("GET", "/alignment-links", token=seed.tokens[who]).json()["items"]
        return {x["id"] for x in items}

    assert listed("alice") == {seed.link.pk, hidden.pk}
    assert listed("vic") == {seed.link.pk}
    assert call("DELETE", f"/alignment-links/{hidden.pk}", token=seed.tokens["bob"]).status == 404
