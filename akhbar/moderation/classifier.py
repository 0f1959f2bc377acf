"""The shipped comment classifier: hashed character and word n-grams, logistic regression, plain numpy.

Features are computed on deobfuscated, letter-folded text so that the model sees the same thing whether
a word was written plainly, stretched, cut or in Arabizi. Character n-grams within word boundaries carry
most of the weight: they survive dialect spelling, clitics and typos far better than whole words, which
is what lets a model trained on Gulf and Egyptian tweets score comments from elsewhere.
The weights live in ``data/model.npz`` (float16, a few MB at most) with the settings that produced them.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from .lexicon import word_forms
from .normalize import clean, normalize, squeeze, tokens

__all__ = ["FeatureConfig", "Model", "clean", "default_model", "feature_indices", "features", "load_model"]

MODEL_PATH = Path(__file__).resolve().parent / "data" / "model.npz"

IDF_SCALE = 25.0
_VOWELS = str.maketrans(dict.fromkeys("اويه"))


@dataclass(frozen=True)
class FeatureConfig:
    """How a text becomes hashed features; stored with the weights so both always agree."""

    bits: int = 20
    char_min: int = 2
    char_max: int = 5
    word_ngrams: int = 2
    stems: bool = True
    skeleton: bool = True

    @property
    def size(self) -> int:
        return 1 << self.bits


# Feature namespaces: CRC-32 of the UTF-16 text, started from a different value per kind of feature.
_CHARS = 0
_WORD = zlib.crc32(b"w:")
_STEM = zlib.crc32(b"s:")
_SKELETON = zlib.crc32(b"k")
_EXTRA = zlib.crc32(b"x:")
_NO_INDICES = np.zeros(0, dtype=np.uint32)


def _hash(text: str, namespace: int) -> int:
    return zlib.crc32(text.encode("utf-16-le", "surrogatepass"), namespace)


def _ngrams(text: str, sizes: Iterable[int], namespace: int, out: list[int]) -> None:
    """Append the hashes of the character n-grams of ``text`` (each size in ``sizes``) to ``out``."""
    data = text.encode("utf-16-le", "surrogatepass")
    crc = zlib.crc32
    for n in sizes:
        width = 2 * n
        out.extend([crc(data[i : i + width], namespace) for i in range(0, len(data) - width + 1, 2)])


@lru_cache(maxsize=65536)
def _word_indices(word: str, config: FeatureConfig) -> np.ndarray:
    """Hashed features of one word: its character n-grams, the word itself and its stems (cached)."""
    hashes: list[int] = []
    _ngrams(f" {word} ", range(config.char_min, config.char_max + 1), _CHARS, hashes)
    hashes.append(_hash(word, _WORD))
    if config.stems:
        # Clitic-stripped forms (والكلاب → كلاب): one feature per form, shared across dialect spellings.
        hashes.extend(_hash(form, _STEM) for form in word_forms(word)[1] if form != word)
    if config.skeleton:
        # Consonant skeleton (long vowels and final h dropped, repeats squeezed): dialects spell vowels
        # differently (شرموطه, شرموطا, شرمووطة), the skeleton's 3- and 4-grams do not change.
        _ngrams(f" {squeeze(word).translate(_VOWELS)} ", (3, 4), _SKELETON, hashes)
    indices = np.asarray(hashes, dtype=np.uint32) & np.uint32(config.size - 1)
    indices.setflags(write=False)  # shared through the cache
    return indices


def feature_indices(text: str, config: FeatureConfig, extra: Iterable[str] = ()) -> np.ndarray:
    """Hashed feature indices of one raw text, one per occurrence."""
    return word_feature_indices(tokens(normalize(text)), config, extra)


def word_feature_indices(words: list[str], config: FeatureConfig, extra: Iterable[str] = ()) -> np.ndarray:
    """Hashed feature indices of already normalized words, one per occurrence."""
    parts = [_word_indices(word, config) for word in words]
    others = [
        _hash(" ".join(words[i : i + n]), _WORD)
        for n in range(2, config.word_ngrams + 1)
        for i in range(len(words) - n + 1)
    ]
    others.extend(_hash(name, _EXTRA) for name in extra)
    if others:
        parts.append(np.asarray(others, dtype=np.uint32) & np.uint32(config.size - 1))
    return np.concatenate(parts) if parts else _NO_INDICES


def quantize_idf(idf: np.ndarray) -> np.ndarray:
    """IDF values (>= 1) as bytes, steps of 1/IDF_SCALE: the shipped model stays small."""
    return np.clip(np.rint((idf - 1.0) * IDF_SCALE), 0, 255).astype(np.uint8)


def dequantize_idf(quantized: np.ndarray) -> np.ndarray:
    """The float IDF values of ``quantize_idf``'s bytes."""
    return (1.0 + quantized.astype(np.float32) / IDF_SCALE).astype(np.float32)


def weighted(indices: np.ndarray, idf: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Distinct indices and their L2-normalized (1 + log count) x IDF values."""
    unique, counts = np.unique(indices, return_counts=True)
    values = 1.0 + np.log(counts)
    if idf is not None:
        values = values * idf[unique]
    return unique, values / np.sqrt(np.dot(values, values))


def features(
    text: str, config: FeatureConfig, extra: Iterable[str] = (), idf: np.ndarray | None = None
) -> dict[int, float]:
    """Hashed, L2-normalized feature values of one text, as {index: value}."""
    indices = feature_indices(text, config, extra)
    if not len(indices):
        return {}
    unique, values = weighted(indices, idf)
    return dict(zip(unique.tolist(), values.tolist(), strict=True))


@dataclass(frozen=True)
class Model:
    """Logistic-regression weights over hashed features; ``score`` is the fitted probability."""

    config: FeatureConfig
    weights: np.ndarray
    bias: float
    idf: np.ndarray | None = None
    version: str = ""

    def score(self, text: str, extra: Iterable[str] = ()) -> float:
        """Probability (0..1) that the raw text breaks the terms."""
        return self.score_words(tokens(normalize(text)), extra)

    def score_words(self, words: list[str], extra: Iterable[str] = ()) -> float:
        """Probability (0..1) from already normalized words (``tokens(normalize(text))``)."""
        indices = word_feature_indices(words, self.config, extra)
        z = self.bias
        if len(indices):
            unique, values = weighted(indices, self.idf)
            z += float(np.dot(self.weights[unique], values))
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        e = math.exp(z)
        return e / (1.0 + e)

    def save(self, path: Path) -> None:
        """Write the model as a compressed numpy archive (no pickles)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        extra = {} if self.idf is None else {"idf": quantize_idf(self.idf)}
        np.savez_compressed(
            path,
            **extra,
            weights=self.weights.astype(np.float16),
            bias=np.array([self.bias], dtype=np.float64),
            config=np.array(
                [
                    self.config.bits,
                    self.config.char_min,
                    self.config.char_max,
                    self.config.word_ngrams,
                    int(self.config.stems),
                    int(self.config.skeleton),
                ]
            ),
            version=np.array(self.version),
        )


def load_model(path: Path = MODEL_PATH) -> Model:
    """Read a model written by ``Model.save``."""
    with np.load(path, allow_pickle=False) as data:
        bits, char_min, char_max, word_ngrams, stems, skeleton = (int(v) for v in data["config"])
        config = FeatureConfig(
            bits=bits,
            char_min=char_min,
            char_max=char_max,
            word_ngrams=word_ngrams,
            stems=bool(stems),
            skeleton=bool(skeleton),
        )
        weights = data["weights"].astype(np.float32)
        if weights.shape != (config.size,):
            raise ValueError(f"model weights have shape {weights.shape}, expected ({config.size},)")
        idf = dequantize_idf(data["idf"]) if "idf" in data.files else None
        if idf is not None and idf.shape != weights.shape:
            raise ValueError(f"model idf has shape {idf.shape}, expected {weights.shape}")
        return Model(
            config=config, weights=weights, bias=float(data["bias"][0]), idf=idf, version=str(data["version"])
        )


@lru_cache(maxsize=1)
def default_model() -> Model | None:
    """The shipped model, loaded once; None if the package was installed without it."""
    if not MODEL_PATH.exists():
        return None
    return load_model(MODEL_PATH)
