"""MinHash signatures (datasketch) over a file's k-gram hashes: fast Jaccard estimates
now, LSH candidate search at corpus scale."""

from __future__ import annotations

import numpy as np
from datasketch import LeanMinHash, MinHash

NUM_PERM = 128
SEED = 1  # fixed: signatures must be comparable across runs and machines


def _identity(value: int) -> int:
    # Inputs are already well-mixed 64-bit k-gram hashes.
    return value


def signature(hashes: np.ndarray, num_perm: int = NUM_PERM) -> np.ndarray:
    """MinHash signature (uint64 array of ``num_perm``) of the set of ``hashes``."""
    mh = MinHash(num_perm=num_perm, seed=SEED, hashfunc=_identity, scheme="affine64")
    if hashes.size:
        ordered = np.sort(hashes)
        mh.update_batch(ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))].tolist())
    return LeanMinHash(mh).hashvalues.astype(np.uint64)


_EMPTY_SLOT = np.iinfo(np.uint64).max


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
