"""One channel over two works: how much of each side's items the other has (weighted by
rarity, like the order-free structure channel), and the rarest shared items, each with
its first place on both sides; strings and comments also paired when near-identical."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from fingerprints.literals import form_hash

from ..match.order_free import KgramRarity, containment, rarity, union
from ..prepare import PreparedFile
from ..result import Channel, SharedItem
from .fuzzy import candidates, near_pairs
from .items import displayed, item_sets, locate, normalised, place

LISTED = 25  # shared items listed per channel, rarest first
_CONSIDERED = 8 * LISTED  # the rarest shared items read to choose those listed
SIMILAR_LISTED = 10
FUZZY_CHANNELS = ("strings", "comments")


def measure(
    name: str,
    left: Sequence[PreparedFile],
    right: Sequence[PreparedFile],
    table: KgramRarity | None,
) -> Channel:
    lsets = item_sets(left, lambda lit: lit.channel(name))
    rsets = item_sets(right, lambda lit: lit.channel(name))
    lall, rall = union([s.symbols for s in lsets]), union([s.symbols for s in rsets])
    table = table or rarity([s.symbols for s in lsets + rsets])
    share = containment(lall, rall, table)
    shared = np.intersect1d(lall, rall, assume_unique=True)
    # Rarest first; among equally rare, the longest (more telling), then by text.
    df = table.frequencies(shared)
    order = np.lexsort((shared, df))[:_CONSIDERED]
    top = shared[order]
    lplaces, rplaces = locate(left, lsets, top), locate(right, rsets, top)
    items = []
    for symbol, units in zip(top.tolist(), df[order].tolist(), strict=True):
        (lf, lraw, lline), (rf, rraw, rline) = lplaces[symbol], rplaces[symbol]
        items.append(SharedItem(
            text=displayed(name, lraw, symbol),
            right_text=displayed(name, rraw, symbol),
            similarity=1.0,
            units_with=int(units),
            left=place(lf, lline),
            right=place(rf, rline),
        ))
    items.sort(key=lambda i: (i.units_with, -len(i.text), i.text, i.left))
    items = items[:LISTED]
    similar, similar_items = (
        _similar(name, left, right, lsets, rsets, lall, rall, table)
        if name in FUZZY_CHANNELS else (0, [])
    )
    return Channel(
        name=name,
        left_items=int(lall.size),
        right_items=int(rall.size),
        shared=int(shared.size),
        left_share=share.left_in_right,
        right_share=share.right_in_left,
        items=items,
        similar=similar,
        similar_items=similar_items,
    )


def _similar(
    name: str,
    left: Sequence[PreparedFile],
    right: Sequence[PreparedFile],
    lsets: list,
    rsets: list,
    lall: np.ndarray,
    rall: np.ndarray,
    table: KgramRarity,
) -> tuple[int, list[SharedItem]]:
    """Near-identical pairs among the items without an identical partner."""
    lonly = np.setdiff1d(lall, rall, assume_unique=True)
    ronly = np.setdiff1d(rall, lall, assume_unique=True)
    lfound, rfound = locate(left, lsets, lonly), locate(right, rsets, ronly)
    ltexts = {s: normalised(name, raw) for s, (_, raw, _) in lfound.items()}
    rtexts = {s: normalised(name, raw) for s, (_, raw, _) in rfound.items()}
    lkeys, rkeys = sorted(ltexts, key=ltexts.get), sorted(rtexts, key=rtexts.get)
    lpick = [lkeys[i] for i in candidates([ltexts[k] for k in lkeys])]
    rpick = [rkeys[i] for i in candidates([rtexts[k] for k in rkeys])]
    pairs = near_pairs([ltexts[k] for k in lpick], [rtexts[k] for k in rpick])
    pairs.sort(key=lambda p: (-p[2], -len(ltexts[lpick[p[0]]]), ltexts[lpick[p[0]]]))
    items = []
    for i, j, similarity in pairs[:SIMILAR_LISTED]:
        lf, lraw, lline = lfound[lpick[i]]
        rf, rraw, rline = rfound[rpick[j]]
        items.append(SharedItem(
            text=displayed(name, lraw, form_hash(ltexts[lpick[i]])),
            right_text=displayed(name, rraw, form_hash(rtexts[rpick[j]])),
            similarity=similarity,
            units_with=int(table.frequencies(np.asarray([lpick[i]], dtype=np.uint64))[0]),
            left=place(lf, lline),
            right=place(rf, rline),
        ))
    return len(pairs), items
