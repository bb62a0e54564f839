"""MinHash signatures (datasketch's "affine64" scheme) over a file's k-gram hashes: fast
Jaccard estimates now, LSH candidate search at corpus scale."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from datasketch import MinHash

NUM_PERM = 128
SEED = 1  # fixed: signatures must be comparable across runs and machines

# Hashes permuted at once (a block of 128 x 8192 uint64 is 8 MB): fewer, larger blocks
# measured faster than cache-sized ones.
_BLOCK = 8192
_EMPTY_SLOT = np.iinfo(np.uint64).max


def _identity(value: int) -> int:
    # Inputs are already well-mixed 64-bit k-gram hashes.
    return value


def reference_minhash(num_perm: int = NUM_PERM) -> MinHash:
    """An empty datasketch MinHash with simcheck's parameters: the definition that
    ``signature`` computes faster (and is tested against). datasketch is imported only
    here: it loads scipy, which would add a second to every start of simcheck."""
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, seed=SEED, hashfunc=_identity, scheme="affine64")


@functools.lru_cache(maxsize=8)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's affine64 permutations h -> a*h + b (mod 2**64) for ``SEED``, drawn
    the way datasketch draws them (odd multipliers); the tests check they are its own."""
    gen = np.random.RandomState(SEED)
    a = gen.randint(0, 1 << 63, num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = gen.randint(0, 1 << 64, num_perm, dtype=np.uint64)
    return a, b


def _fmix64(x: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser, which datasketch applies to every input first."""
    x = x ^ (x >> np.uint64(33))
    x = x * np.uint64(0xFF51AFD7ED558CCD)
    x = x ^ (x >> np.uint64(33))
    x = x * np.uint64(0xC4CEB9FE1A85EC53)
    return x ^ (x >> np.uint64(33))


def signature(hashes: np.ndarray, num_perm: int = NUM_PERM) -> np.ndarray:
    """MinHash signature (uint64 array of ``num_perm``) of the set of ``hashes``.

    The same values as ``reference_minhash(num_perm).update_batch(set(hashes))``:
    slot k holds min(a_k * fmix(h) + b_k mod 2**64) over the hashes. Computed here in
    cache-sized blocks, without datasketch's per-value Python call (several times
    faster); repeated hashes do not change a minimum, so they need no removal.
    """
    bounds = np.asarray([0, hashes.shape[0]], dtype=np.int64)
    return signatures(hashes, bounds, num_perm)[0]


def signatures(hashes: np.ndarray, bounds: np.ndarray, num_perm: int = NUM_PERM) -> np.ndarray:
    """``signature`` of several sets at once, one row each: set i is
    ``hashes[bounds[i]:bounds[i+1]]``."""
    a, b = (p[:, None] for p in _permutations(num_perm))
    out = np.full((bounds.shape[0] - 1, num_perm), _EMPTY_SLOT, dtype=np.uint64)
    if hashes.size == 0:
        return out
    mixed = _fmix64(hashes.astype(np.uint64, copy=False))
    # Which set each hash is in, and the hashes where a set begins.
    owner = np.repeat(np.arange(out.shape[0]), np.diff(bounds))
    begins = np.zeros(owner.size, dtype=bool)
    begins[bounds[:-1][bounds[:-1] < owner.size]] = True
    # One row per permutation: each set's hashes are a contiguous run of every row.
    block = np.empty((num_perm, min(_BLOCK, mixed.shape[0])), dtype=np.uint64)
    for i in range(0, mixed.shape[0], _BLOCK):
        values = mixed[i : i + _BLOCK]
        permuted = block[:, : values.shape[0]]
        np.multiply(a, values, out=permuted)  # wraps mod 2**64, as in datasketch
        np.add(permuted, b, out=permuted)
        cuts = np.flatnonzero(begins[i : i + values.shape[0]])
        if cuts.size == 0 or cuts[0] != 0:
            cuts = np.concatenate(([0], cuts))
        sets = owner[i + cuts]
        out[sets] = np.minimum(out[sets], np.minimum.reduceat(permuted, cuts, axis=1).T)
    return out


def is_empty(sig: np.ndarray) -> bool:
    # An empty set leaves every slot at its initial maximum; any real hash is lower.
    return bool(sig[0] == _EMPTY_SLOT)


def estimate_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Share of equal signature slots: an unbiased estimate of the sets' Jaccard index."""
    if a.shape != b.shape:
        raise ValueError("signatures of different sizes")
    if is_empty(a) or is_empty(b):
        return 0.0
    return float(np.count_nonzero(a == b)) / float(a.shape[0])
