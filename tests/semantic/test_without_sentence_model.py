"""An install without the sentence model still finds look-alikes, and says what it misses.

Run in a child Python in which ``onnxruntime`` cannot be imported (as on an install that
left it out): `bearing align` falls back to the static word vectors and tells why on
standard error; its JSON on standard output is unchanged in shape."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.cli.test_align_by_meaning import okr_file_of_cycle

WITHOUT_ONNXRUNTIME = """
import sys
sys.modules["onnxruntime"] = None  # import onnxruntime now raises ImportError
from bearing.cli import main
main(sys.argv[1:], prog_name="bearing")
"""
WITH_EVERYTHING = """
import sys
from bearing.cli import main
main(sys.argv[1:], prog_name="bearing")
"""


def test_align_without_onnxruntime_says_so_and_uses_word_vectors(tmp_path: Path) -> None:
    path = okr_file_of_cycle("dev_hotels", tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", WITHOUT_ONNXRUNTIME, "align", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "note: the sentence model cannot load" in done.stderr
    assert "onnxruntime" in done.stderr
    found = {frozenset(p["refs"]) for p in json.loads(done.stdout)["similar"]}
    assert frozenset(("h7", "h14")) in found  # the word vectors still find this one


def test_align_with_the_sentence_model_says_nothing_more(tmp_path: Path) -> None:
    path = okr_file_of_cycle("dev_hotels", tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", WITH_EVERYTHING, "align", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "note:" not in done.stderr
    assert json.loads(done.stdout)["similar"]
