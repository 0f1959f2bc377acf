from pathlib import Path

import numpy as np
import pytest

from akhbar.moderation.classifier import (
    MODEL_PATH,
    FeatureConfig,
    Model,
    clean,
    default_model,
    features,
    load_model,
)
from akhbar.moderation.training import load_osact, train

from .factories import make_lexicon


def test_clean_removes_tweet_artefacts():
    assert clean("RT @USER: مرحبا<LF>بكم URL #يوم_جميل").split() == [":", "مرحبا", "بكم", "يوم", "جميل"]


def test_features_are_deterministic_and_normalized():
    config = FeatureConfig(bits=12)
    first = features("مقال جميل جدا", config)
    assert first == features("مقال جميل جدا", config)
    assert abs(sum(v * v for v in first.values()) - 1.0) < 1e-9
    assert all(0 <= index < config.size for index in first)
    assert features("", config) == {}


def test_obfuscation_does_not_change_features():
    config = FeatureConfig(bits=16)
    assert features("كـــلـــب", config) == features("كلب", config)
    assert features("ك.ل.ب", config) == features("كلب", config)


def test_model_round_trips_through_npz(tmp_path):
    config = FeatureConfig(bits=10, char_max=3)
    weights = np.linspace(-1, 1, config.size).astype(np.float32)
    model = Model(config=config, weights=weights, bias=-0.5, version="test")
    model.save(tmp_path / "m.npz")
    loaded = load_model(tmp_path / "m.npz")
    assert loaded.config == config
    assert loaded.version == "test"
    assert loaded.score("نص للتجربة") == pytest.approx(model.score("نص للتجربة"), abs=1e-3)


def test_training_learns_a_separable_toy_set(tmp_path):
    rows = [f"كلام بذيء جدا رقم {i}\tOFF\tNOT_HS" for i in range(30)]
    rows += [f"كلام لطيف ومهذب رقم {i}\tNOT_OFF\tNOT_HS" for i in range(30)]
    data = tmp_path / "train.tsv"
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert load_osact(data)[1].count(1) == 30
    model = train(data, tmp_path / "model.npz", config=FeatureConfig(bits=14), lexicon=make_lexicon())
    assert (tmp_path / "model.npz").exists()
    assert model.score("بذيء") > 0.5 > model.score("لطيف")


def test_shipped_model_is_small_and_loads():
    assert MODEL_PATH.stat().st_size < 3 * 1024 * 1024
    model = default_model()
    assert model is not None
    assert model.weights.shape == (model.config.size,)
    assert 0.0 < model.score("مرحبا") < 1.0


def test_shipped_model_contains_no_pickles():
    with np.load(Path(MODEL_PATH), allow_pickle=False) as data:
        assert set(data.files) == {"weights", "idf", "bias", "config", "version"}


def test_neutral_sentences_are_split_filtered_and_reproducible(tmp_path):
    import gzip
    import json

    from akhbar.moderation.training import neutral_sentences

    path = tmp_path / "articles.jsonl.gz"
    text = (
        "جملة أولى طويلة بما يكفي للاختبار. قصيرة. جملة ثانية طويلة بما يكفي أيضا؟ وثالثة طويلة بما يكفي هنا"
    )
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"text": text}, ensure_ascii=False) + "\n")
    picked = neutral_sentences(path, 2)
    assert len(picked) == 2
    assert picked == neutral_sentences(path, 2)
    assert "قصيرة" not in picked
    assert set(neutral_sentences(path, 10)) == {
        "جملة أولى طويلة بما يكفي للاختبار",
        "جملة ثانية طويلة بما يكفي أيضا",
        "وثالثة طويلة بما يكفي هنا",
    }


def test_neutral_sentences_can_be_limited_to_categories(tmp_path):
    import gzip
    import json

    from akhbar.moderation.training import neutral_sentences

    path = tmp_path / "articles.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        for category, text in (
            ("politic", "البرلمان يناقش قانون الميزانية الجديد"),
            ("sport", "الفريق فاز بالمباراة أمس"),
        ):
            handle.write(json.dumps({"category": category, "text": text}, ensure_ascii=False) + "\n")
    assert neutral_sentences(path, 10, categories=("politic",)) == ["البرلمان يناقش قانون الميزانية الجديد"]


def test_mlma_labels_count_only_plain_normal_as_clean_and_halves_are_stable(tmp_path):
    from akhbar.moderation.training import load_mlma, mlma_half

    path = tmp_path / "mlma.tsv"
    rows = [
        "text\thostility\tdirectness\ttarget\tgroup",
        "تغريدة أولى\tnormal\tindirect\torigin\tarabs",
        "تغريدة ثانية\toffensive_normal\tdirect\treligion\tmuslims",
        "تغريدة ثالثة\thateful\tdirect\tgender\twomen",
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    texts, labels, targets = load_mlma(path)
    assert labels == [0, 1, 1]
    assert targets == ["origin", "religion", "gender"]
    halves = [mlma_half(text) for text in texts]
    assert halves == [mlma_half(text) for text in texts]
    assert set(halves) <= {0, 1}
