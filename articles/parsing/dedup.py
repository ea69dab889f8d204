"""Telling the same story apart from a new one.

Two measures, for two questions:

* **Fingerprint**: "is this exactly the story we already have?" The same AP story saved from
  two sites differs in furniture (already gone from the body), in quote and dash styles
  (“ vs ", — vs -), in case and spacing, and in whether the dateline "KYIV, Ukraine (AP) —"
  was kept. The fingerprint hashes the body with all of that normalised away, so those copies
  hash the same, while any change of wording does not.

* **Signature and similarity**: "is this a later version of a story we have?" A wire story is
  re-sent with new paragraphs on top and figures updated. We cut the normalised body into
  overlapping 5-word shingles and keep a MinHash of 64 values, plus the shingle count, as a
  tuple of ints (65 bigints fit in one ``ArrayField``). The 64 values come from one pass
  (one-permutation hashing: each shingle's 64-bit hash falls in one of 64 bins by its low bits,
  and each bin keeps its smallest hash), which costs one loop over the shingles instead of 64.
  Two signatures estimate the Jaccard index J of the shingle sets; with the set sizes we turn
  that into *containment*, the share of the smaller story found in the larger,
  |A∩B| = J(|A|+|B|)/(1+J) divided by min(|A|,|B|).
  Containment is the right measure for versions: a story that grew from 10 to 14 paragraphs
  keeps containment near 1.0 while its Jaccard falls to about 0.7.

Worked example: an original of 400 words has ~396 shingles; the update adds two paragraphs
(~80 words), giving ~476 shingles of which the 396 are shared. J = 396/476 = 0.83, and
containment = 0.83 x (396 + 476) / 1.83 / 396 = 1.0: a version (threshold 0.6). Two different
AP stories about the same war share a few stock phrases ("since Russia invaded on Feb. 24")
but almost no 5-word runs, so containment stays well under 0.2.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from itertools import accumulate

from .bylines import strip_dateline

SHINGLE_WORDS = 5
NUM_HASHES = 64
BANDS = 32
ROWS_PER_BAND = NUM_HASHES // BANDS
#: Containment at or above this marks a new version of a known story.
VERSION_THRESHOLD = 0.6

# Shingle hashes are 64-bit; a bin's value is the hash without its 6 bin bits, so it is
# below 2**58 and this marks an empty bin. Every value fits a signed bigint column.
_EMPTY = 1 << 58
_BORROW_SALT = 0x9E3779B97F4A7C15
# Typographic quotes and dashes -> their plain ASCII forms.
_PLAIN_PUNCTUATION: dict[str, str] = {
    "‘": "'",
    "’": "'",
    "‚": "'",
    "‛": "'",
    "′": "'",
    "“": '"',
    "”": '"',
    "„": '"',
    "‟": '"',
    "″": '"',
    "«": '"',
    "»": '"',
    "‐": "-",
    "‑": "-",
    "‒": "-",
    "–": "-",
    "—": "-",
    "―": "-",
    "−": "-",
}
_TOKEN = re.compile(r"\w+(?:['.]\w+)*")


def normalize_text(paragraphs: Sequence[str]) -> str:
    """Body text reduced to lower-case words: quotes, dashes, case and spacing unified.

    >>> normalize_text(["KYIV, Ukraine (AP) — Shelling “resumed” on Friday."])
    'shelling resumed on friday'
    """
    if not paragraphs:
        return ""
    first, *rest = paragraphs
    text = "\n".join([strip_dateline(first), *rest])
    text = _unify_punctuation(unicodedata.normalize("NFKC", text)).casefold()
    # Dots occur only inside tokens ("u.s"), so dropping them after the join is the same as
    # dropping them from each token.
    return " ".join(_TOKEN.findall(text)).replace(".", "")


def _unify_punctuation(text: str) -> str:
    """Typographic quotes and dashes made plain. A ``str.replace`` per character present: with a
    mapping table ``str.translate`` looks every character up in a dict, about 80 times slower.
    No replacement is itself replaced, so the order does not matter."""
    for char, plain in _PLAIN_PUNCTUATION.items():
        if char in text:
            text = text.replace(char, plain)
    return text


def fingerprint(paragraphs: Sequence[str]) -> str:
    """A hex SHA-256 of :func:`normalize_text`; equal for copies of the same story."""
    return _fingerprint_of(normalize_text(paragraphs))


def fingerprint_and_signature(paragraphs: Sequence[str]) -> tuple[str, tuple[int, ...]]:
    """:func:`fingerprint` and :func:`signature` of ``paragraphs``, normalising the text once."""
    normalized = normalize_text(paragraphs)
    return _fingerprint_of(normalized), _signature_of(_shingles_of(normalized))


def shingles(paragraphs: Sequence[str]) -> set[int]:
    """64-bit hashes of every run of :data:`SHINGLE_WORDS` words in the normalised body."""
    return _shingles_of(normalize_text(paragraphs))


def signature(paragraphs: Sequence[str]) -> tuple[int, ...]:
    """``(shingle_count, minhash_1, ..., minhash_64)``: every value fits a signed bigint.

    One-permutation MinHash: bin ``h % 64`` keeps the smallest ``h // 64`` among the
    shingles that fall in it. An empty bin (short texts) borrows the value of the next
    non-empty bin, salted with the distance, so two texts still agree on it only when they
    agree on the bin it was borrowed from.
    """
    return _signature_of(shingles(paragraphs))


def _fingerprint_of(normalized: str) -> str:
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


def _shingles_of(normalized: str) -> set[int]:
    """Hash each run of words as a slice of the encoded text, which is the runs' words joined
    by single spaces: no per-run join and encode."""
    words = normalized.split()
    if len(words) < SHINGLE_WORDS:
        runs = [" ".join(words).encode("utf-8")] if words else []
    else:
        data = normalized.encode("utf-8")
        sizes = list(map(len, words)) if normalized.isascii() else _utf8_sizes(words)
        starts = list(accumulate((size + 1 for size in sizes[:-1]), initial=0))
        last = SHINGLE_WORDS - 1
        runs = [
            data[start : end_start + end_size]
            for start, end_start, end_size in zip(starts, starts[last:], sizes[last:], strict=False)
        ]
    blake2b, from_bytes = hashlib.blake2b, int.from_bytes
    return {from_bytes(blake2b(run, digest_size=8).digest(), "big") for run in runs}


def _utf8_sizes(words: list[str]) -> list[int]:
    return [len(word.encode("utf-8")) for word in words]


def _signature_of(hashed: set[int]) -> tuple[int, ...]:
    if not hashed:
        return (0, *([_EMPTY] * NUM_HASHES))
    mins = [_EMPTY] * NUM_HASHES
    for value in hashed:
        bin_, rest = value % NUM_HASHES, value // NUM_HASHES
        if rest < mins[bin_]:
            mins[bin_] = rest
    if _EMPTY in mins:
        filled = list(mins)
        for index in range(NUM_HASHES):
            if filled[index] == _EMPTY:
                for step in range(1, NUM_HASHES):
                    donor = mins[(index + step) % NUM_HASHES]
                    if donor != _EMPTY:
                        filled[index] = (donor + step * _BORROW_SALT) % _EMPTY
                        break
        mins = filled
    return (len(hashed), *mins)


def jaccard(first: Sequence[int], second: Sequence[int]) -> float:
    """Estimated Jaccard index of the two stories' shingle sets."""
    if len(first) != len(second) or len(first) < 2 or not first[0] or not second[0]:
        return 0.0
    same = sum(1 for a, b in zip(first[1:], second[1:], strict=True) if a == b)
    return same / (len(first) - 1)


def similarity(first: Sequence[int], second: Sequence[int]) -> float:
    """Estimated containment of the smaller story in the larger one, from 0.0 to 1.0."""
    index = jaccard(first, second)
    if index == 0.0:
        return 0.0
    size_a, size_b = first[0], second[0]
    shared = index * (size_a + size_b) / (1 + index)
    return min(1.0, shared / min(size_a, size_b))


def signature_bands(signature_: Sequence[int]) -> tuple[int, ...]:
    """Locality-sensitive hash keys of a signature, for finding candidates with an index.

    The 64 MinHash values are cut into :data:`BANDS` bands of :data:`ROWS_PER_BAND`; each band
    hashes to one signed 64-bit key (a ``BigIntegerField``). Two stories share at least one
    key with probability 1 - (1 - J^2)^32: 0.9999 for a version (J >= 0.5), about 0.01 for
    unrelated stories (J ~ 0.02). Candidates are then scored with :func:`similarity`.
    """
    if len(signature_) != NUM_HASHES + 1 or not signature_[0]:
        return ()
    values = signature_[1:]
    keys = []
    for band in range(BANDS):
        rows = values[band * ROWS_PER_BAND : (band + 1) * ROWS_PER_BAND]
        data = f"{band}:" + ",".join(str(value) for value in rows)
        digest = hashlib.blake2b(data.encode("ascii"), digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return tuple(keys)


def is_version(first: Sequence[int], second: Sequence[int]) -> bool:
    """True when one story is a version of the other (containment >= 0.6)."""
    return similarity(first, second) >= VERSION_THRESHOLD
