"""The look-alike detector: its text handling, its pairs, and how well it does on labelled pairs."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bearing.domain.similarity import (
    DEFAULT_THRESHOLD,
    LEXICAL_WEIGHT,
    Calibration,
    SimilarityIndex,
    closeness,
    key_results_text,
    similar_pairs,
    stem,
    terms,
    without_numbers,
)
from bearing.semantic import meaning_of
from tests.domain.alignment import similarity_labels as labels


@pytest.mark.parametrize(
    ("words", "same"),
    [
        (["renewal", "renewals"], True),
        (["rate", "rates", "rated", "rating"], True),
        (["ship", "shipped", "shipping"], True),
        (["deliveries", "delivery"], True),
        (["automate", "automated", "automates"], True),
        (["miss", "missed"], True),
        (["process", "processes"], True),
        (["customer", "custom"], False),  # no "-er" stripping: it would merge these
        # A light stemmer: derivations mostly stay apart (the lexicon folds the
        # ones that matter, such as retention/retain).
        (["automate", "automation"], False),
    ],
)
def test_stem_folds_inflections(words: list[str], same: bool) -> None:
    assert (len({stem(w) for w in words}) == 1) is same


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cut churn from 2.1% to 1.4% in Q3", ["cut", "retain"]),
        ("Improve customer retention", ["improv", "customer", "retain"]),
        ("Keep clients renewing", ["keep", "customer", "retain"]),
        ("Grow self-serve sign-ups", ["grow", "self", "serv", "signup"]),
        ("Get more kids immunised", ["get", "mor", "child", "vaccine"]),
        ("Réduire l'attente", ["reduir", "attent"]),  # folded to ASCII, not translated
        ("the of and 100 $5M p95", []),
        # Stems that must not meet a concept: "done" is not a donation, the
        # books are not bookings, and shipping a feature is not a delivery.
        ("done donations", ["don", "donate"]),
        ("Close the books", ["clos", "book"]),
        ("Ship it, shipped", ["ship", "ship"]),
    ],
)
def test_terms(text: str, expected: list[str]) -> None:
    assert terms(text) == expected


class Obj:
    def __init__(self, id: str, team: str | None, title: str, *krs: str) -> None:
        self.id = id
        self.team = team
        self.title = title
        self.key_result_titles = krs


CHURN_A = Obj("a", "Sales", "Reduce customer churn", "Lower monthly churn to 1.5%")
CHURN_B = Obj("b", "Success", "Keep customers renewing", "Raise the renewal rate to 92%")
LAPTOPS = Obj("c", "IT", "Replace old laptops", "400 laptops replaced")


def test_objectives_of_different_teams_that_say_the_same_are_paired() -> None:
    [pair] = similar_pairs([CHURN_A, LAPTOPS, CHURN_B])
    assert (pair.a, pair.b, pair.team_a, pair.team_b) == ("a", "b", "Sales", "Success")
    assert DEFAULT_THRESHOLD <= pair.similarity <= 1


def test_the_same_team_is_never_paired_with_itself() -> None:
    twin = Obj("b", "Sales", CHURN_A.title, *CHURN_A.key_result_titles)
    assert similar_pairs([CHURN_A, twin]) == ()
    nameless = [Obj("x", None, "Reduce churn"), Obj("y", None, "Reduce churn")]
    assert similar_pairs(nameless) == ()


def test_identical_objectives_score_one() -> None:
    twin = Obj("b", "Marketing", CHURN_A.title, *CHURN_A.key_result_titles)
    [pair] = similar_pairs([CHURN_A, twin])
    assert pair.similarity == Decimal("1.00")


def test_most_similar_first_and_threshold_respected() -> None:
    near = Obj("n", "Marketing", "Reduce customer churn", "Lower monthly churn to 1.5%")
    items = [CHURN_A, CHURN_B, near, LAPTOPS]
    pairs = similar_pairs(items, threshold=Decimal("0.05"))
    scores = [p.similarity for p in pairs]
    assert scores == sorted(scores, reverse=True)
    assert (pairs[0].a, pairs[0].b) == ("a", "n")
    assert all(p.similarity >= Decimal("0.05") for p in pairs)
    assert len(similar_pairs(items, threshold=Decimal("1.00"))) == 1


@pytest.mark.parametrize("items", [[], [CHURN_A], [Obj("e", "X", ""), Obj("f", "Y", "")]])
def test_nothing_to_compare(items: list[Obj]) -> None:
    assert similar_pairs(items) == ()


def test_only_generic_words_in_common_is_no_candidate() -> None:
    a = Obj("a", "X", "Increase the rate every quarter")
    b = Obj("b", "Y", "Increase the rate every quarter", "Tulips")
    index = SimilarityIndex([a, b])
    assert index.candidates() == set()


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.sampled_from("ABC"), st.text(max_size=40), st.lists(st.text(max_size=30))),
        max_size=8,
    )
)
def test_pairs_are_cross_team_and_bounded_on_any_text(
    raw: list[tuple[str, str, list[str]]],
) -> None:
    items = [Obj(str(i), team, title, *krs) for i, (team, title, krs) in enumerate(raw)]
    index = SimilarityIndex(items)
    for i, j in index.candidates():
        assert i < j and items[i].team != items[j].team
        assert 0 <= index.score(i, j) <= 1
    for pair in index.pairs(Decimal("0.01")):
        assert pair.team_a != pair.team_b


# --- Measured on the labelled pairs (docs/alignment.md) ------------------------


def test_the_labels_are_balanced_and_split() -> None:
    items, pairs = labels.load()
    assert len(pairs) >= 80
    assert len({p.id for p in pairs}) == len(pairs)
    splits = Counter(p.split for p in pairs)
    assert 0.25 <= splits["holdout"] / len(pairs) <= 0.35
    assert 0.4 <= sum(p.similar for p in pairs) / len(pairs) <= 0.6
    assert all(items[p.a].team != items[p.b].team for p in pairs)


# Floors a little under what the default threshold reaches today (tune: precision
# 0.96, recall 0.79; holdout: 0.90, 0.64), so a change that makes the detector
# worse fails here; a change that makes it better should raise them.
@pytest.mark.parametrize(
    ("split", "precision", "recall"),
    [("tune", 0.9, 0.75), ("holdout", 0.85, 0.55)],
)
def test_precision_and_recall_at_the_default_threshold(
    split: str, precision: float, recall: float
) -> None:
    scores = labels.evaluate(labels.scored(), DEFAULT_THRESHOLD, split)
    assert scores.precision >= precision
    assert scores.recall >= recall


# --- With a meaning model (bearing.semantic gives one; here a fixed table of cosines) -----


WORD_VECTORS_LIKE = Calibration()  # the defaults: the static word vectors' calibration


class Table:
    """A ``Meaning`` read from a table: cosine of meaning by position in the cycle."""

    def __init__(
        self,
        cosines: dict[tuple[int, int], float],
        calibration: Calibration = WORD_VECTORS_LIKE,
        key_results: dict[tuple[int, int], float] | None = None,
    ) -> None:
        self.cosines = cosines
        self.calibration = calibration
        self.key_results = cosines if key_results is None else key_results

    def similarity(self, i: int, j: int) -> float:
        return self.cosines.get((min(i, j), max(i, j)), 0.0)

    def key_results_similarity(self, i: int, j: int) -> float:
        return self.key_results.get((min(i, j), max(i, j)), 0.0)

    def neighbours(self, k: int) -> list[tuple[int, int]]:
        return [pair for pair, cos in self.cosines.items() if cos > 0]


REGULARS = Obj("r", "Stores", "Turn first-time buyers into regulars")
REPEAT = Obj("p", "Loyalty", "Grow repeat purchases")
DIESEL = Obj("d", "Fleet", "Burn less diesel per mile")
INVOICES = Obj("i", "Finance", "Pay suppliers on time")


def test_meaning_finds_pairs_that_share_no_word() -> None:
    cycle = [REGULARS, DIESEL, REPEAT, INVOICES]
    assert SimilarityIndex(cycle).candidates() == set()  # no word in common
    index = SimilarityIndex(cycle, Table({(0, 2): 0.7, (1, 3): 0.1}))
    assert index.candidates() == {(0, 2), (1, 3)}  # nearest by meaning are candidates
    [pair] = index.pairs()
    assert (pair.a, pair.b) == ("r", "p")
    assert pair.similarity == Decimal("0.35")  # MEANING_WEIGHT × 0.7, no words in common


def test_each_others_closest_need_less_than_the_threshold() -> None:
    cycle = [REGULARS, DIESEL, REPEAT, INVOICES]
    # 0.5 × 0.5 = 0.25: under 0.30, but r and p are each other's closest (0.25 ≥ 0.8 × 0.30).
    mutual = SimilarityIndex(cycle, Table({(0, 2): 0.5, (0, 1): 0.2, (2, 3): 0.3}))
    assert [(p.a, p.b) for p in mutual.pairs()] == [("r", "p")]
    # Not each other's closest: r's closest is d, and d's is i (0.45, over the threshold).
    one_sided = SimilarityIndex(cycle, Table({(0, 2): 0.5, (0, 1): 0.52, (1, 3): 0.9}))
    assert [(p.a, p.b) for p in one_sided.pairs()] == [("d", "i")]


# A sentence model's calibration: words 0.4, meaning 0.2, and each other's closest by
# meaning alone from 1.5 × the threshold (0.45 at the default 0.30).
SENTENCE_LIKE = Calibration(
    lexical_weight=0.4, meaning_weight=0.2, mutual_factor=None, closest_in_meaning_factor=1.5
)


@pytest.mark.parametrize(
    ("cosines", "found"),
    [
        # r–p each other's closest by meaning at 0.5 ≥ 0.45: found (score only 0.10).
        ({(0, 2): 0.5, (0, 1): 0.2, (2, 3): 0.3}, [("r", "p")]),
        # Each other's closest, but 0.44 < 0.45: not found.
        ({(0, 2): 0.44, (0, 1): 0.2, (2, 3): 0.3}, []),
        # r's closest is d (0.6); d's closest is r too: r–d, not r–p.
        ({(0, 2): 0.5, (0, 1): 0.6, (2, 3): 0.3}, [("r", "d")]),
        # p's closest is i (0.7) and i's is p: p–i; r (closest p) is left alone.
        ({(0, 2): 0.5, (2, 3): 0.7}, [("p", "i")]),
    ],
)
def test_each_others_closest_by_meaning(
    cosines: dict[tuple[int, int], float], found: list[tuple[str, str]]
) -> None:
    cycle = [REGULARS, DIESEL, REPEAT, INVOICES]
    pairs = SimilarityIndex(cycle, Table(cosines, SENTENCE_LIKE)).pairs()
    assert [(p.a, p.b) for p in pairs] == found


def test_the_calibration_weighs_words_and_meaning() -> None:
    cycle = [REGULARS, REPEAT]
    index = SimilarityIndex(cycle, Table({(0, 1): 0.5}, SENTENCE_LIKE))
    assert index.similarity(0, 1) == Decimal("0.10")  # 0.2 × 0.5, no word in common
    # Found as each other's closest by meaning: shown with its meaning, 0.50, not 0.10.
    [pair] = index.pairs()
    assert pair.similarity == Decimal("0.50")
    # The threshold moves the closest-by-meaning floor too: 1.5 × 0.40 = 0.60 > 0.5.
    assert index.pairs(Decimal("0.40")) == ()
    assert len(index.pairs(Decimal("0.30"))) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Missed appointments per month: from 4,800 to 2,500", "Missed appointments per month"),
        (
            "Insurer claim denials: from 11% to 5% of submitted claims",
            "Insurer claim denials: of submitted claims",
        ),
        ("Discharges completed before noon: from 18% to 40%", "Discharges completed before noon"),
        ("Monthly active app users: from 22,000 to 60,000", "Monthly active app users"),
        (
            "Central-line bloodstream infections: from 1.4 to 0.6 per 1,000 line-days",
            "Central-line bloodstream infections: per line-days",
        ),
        ("Lift repeat purchase rate to 40%", "Lift repeat purchase rate to"),
        ("Bed days lost: -12% year on year", "Bed days lost: year on year"),
        ("Launch the partner portal", "Launch the partner portal"),
        ("30%", ""),
    ],
)
def test_without_numbers(text: str, expected: str) -> None:
    assert without_numbers(text) == expected


@pytest.mark.parametrize(
    ("title", "key_results", "expected"),
    [
        (
            "Put appointments in patients' pockets",
            ("Appointments booked in the app: from 8% to 35%", "Monthly app users: 22,000"),
            "Appointments booked in the app. Monthly app users",
        ),
        ("Grow repeat purchases", (), "Grow repeat purchases"),  # no key results: the title
        ("Grow repeat purchases", ("40%", "from 3 to 5"), "Grow repeat purchases"),
    ],
)
def test_key_results_text(title: str, key_results: tuple[str, ...], expected: str) -> None:
    assert key_results_text(Obj("x", "T", title, *key_results)) == expected


# Closeness for the each-other's-closest rule: (meaning + w × words + k × key results) / (1 + w + k).
CLOSENESS = Calibration(closest_words_weight=0.5, closest_key_results_weight=0.75)


@pytest.mark.parametrize(
    ("meaning", "words", "key_results", "calibration", "expected"),
    [
        (0.6, 0.0, 0.0, Calibration(), 0.6),  # both weights 0: the meaning alone
        (0.6, 0.9, 0.1, Calibration(), 0.6),
        (0.45, 0.0, 0.45, CLOSENESS, (0.45 + 0.75 * 0.45) / 2.25),
        (0.5, 0.4, 0.6, CLOSENESS, (0.5 + 0.2 + 0.45) / 2.25),
        (0.3, 1.0, 0.0, CLOSENESS, 0.8 / 2.25),  # shared words alone lift it only so far
    ],
)
def test_closeness_weighs_meaning_words_and_key_results(
    meaning: float, words: float, key_results: float, calibration: Calibration, expected: float
) -> None:
    assert closeness(meaning, words, key_results, calibration) == pytest.approx(expected)


SENTENCES_LIKE = Calibration(
    lexical_weight=0.4,
    meaning_weight=0.2,
    mutual_factor=None,
    closest_in_meaning_factor=1.3,
    closest_words_weight=0.5,
    closest_key_results_weight=0.75,
)


@pytest.mark.parametrize(
    ("cosines", "key_results", "found"),
    [
        # r's closest by whole meaning is d (0.50 > 0.45), but by key results p is far
        # closer: closeness r–p (0.45 + 0.75 × 0.7) / 2.25 = 0.43 ≥ 1.3 × 0.30, r–d 0.26.
        ({(0, 1): 0.5, (0, 2): 0.45}, {(0, 1): 0.1, (0, 2): 0.7}, [("r", "p")]),
        # The same meaning, key results no closer: r–d are each other's closest, at
        # (0.5 + 0.75 × 0.5) / 2.25 = 0.39 ≥ 0.39.
        ({(0, 1): 0.5, (0, 2): 0.45}, {(0, 1): 0.5, (0, 2): 0.1}, [("r", "d")]),
        # Each other's closest, but (0.4 + 0.75 × 0.4) / 2.25 = 0.31 < 0.39: nothing.
        ({(0, 2): 0.4}, {(0, 2): 0.4}, []),
    ],
)
def test_each_others_closest_reads_the_key_results(
    cosines: dict[tuple[int, int], float],
    key_results: dict[tuple[int, int], float],
    found: list[tuple[str, str]],
) -> None:
    cycle = [REGULARS, DIESEL, REPEAT, INVOICES]
    pairs = SimilarityIndex(cycle, Table(cosines, SENTENCES_LIKE, key_results)).pairs()
    assert [(p.a, p.b) for p in pairs] == found


def test_linked_pairs_are_never_look_alikes_and_do_not_block_others() -> None:
    cycle = [REGULARS, DIESEL, REPEAT, INVOICES]
    table = Table({(0, 2): 0.9, (0, 3): 0.5, (1, 3): 0.1})
    linked = {frozenset(("r", "p"))}
    pairs = SimilarityIndex(cycle, table).pairs(related=lambda a, b: {a, b} in linked)
    # r–p are linked (a child and its parent); r–i are then each other's closest.
    assert [(p.a, p.b) for p in pairs] == [("r", "i")]


def test_same_team_pairs_stay_out_with_meaning() -> None:
    twin = Obj("t", "Stores", "Grow repeat purchases")
    assert SimilarityIndex([REGULARS, twin], Table({(0, 1): 1.0})).pairs() == ()


def test_negative_meaning_counts_as_none() -> None:
    a, b = Obj("a", "X", "Reduce churn"), Obj("b", "Y", "Reduce churn")
    words = SimilarityIndex([a, b]).score(0, 1)
    assert SimilarityIndex([a, b], Table({(0, 1): -0.9})).score(0, 1) == pytest.approx(
        LEXICAL_WEIGHT * words
    )


# --- Measured with the shipped word vectors (docs/alignment.md) ----------------------


def test_meaning_keeps_the_precision_on_the_labelled_pairs() -> None:
    found = labels.flagged(meaning_of)
    tune, hold = labels.evaluate_flagged(found, "tune"), labels.evaluate_flagged(found, "holdout")
    # Words only: tune 0.96 / 0.79, holdout 0.90 / 0.64. With the sentence model (the
    # labelled objectives are one cycle of ~180): tune 1.00 / 0.70, holdout 0.92 / 0.79
    # (0.90 / 0.64 before closeness read the key results and the words).
    assert tune.precision >= 0.95 and tune.recall >= 0.65
    assert hold.precision >= 0.90 and hold.recall >= 0.75


@pytest.mark.parametrize(
    ("name", "precision", "recall"),
    # Measured with the sentence model, closeness of meaning, words and key results:
    # dev_buses 0.60 / 0.30, dev_hotels 0.75 / 0.90, blind_set_a 1.00 / 0.50, blind_set_c
    # 0.38 / 0.30, blind_set_d 0.57 / 0.40 (meaning alone, before: 0.60 / 0.30, 0.82 / 0.90,
    # 0.86 / 0.60, 0.29 / 0.20, 0.17 / 0.10; words only: 0.50 / 0.20, 0.50 / 0.50, 0 / 0,
    # 0 / 0, 0 / 0). Precision / recall.
    [
        ("dev_buses", 0.6, 0.3),
        ("dev_hotels", 0.7, 0.9),
        ("blind_set_a", 0.8, 0.5),
        ("blind_set_c", 0.35, 0.3),
        ("blind_set_d", 0.5, 0.4),
    ],
)
def test_look_alike_cycles(name: str, precision: float, recall: float) -> None:
    cycles = {c.name: c for c in labels.development_cycles() + labels.released_cycles()}
    p, r, _, _ = labels.evaluate_cycle(cycles[name], meaning_of)
    assert p >= precision and r >= recall
