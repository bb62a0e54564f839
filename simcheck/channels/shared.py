"""One channel over two works: how much of each side's items the other has (weighted by
rarity, like the order-free structure channel), and the rarest shared items, each with
its first place on both sides; strings and comments also paired when near-identical."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..match.order_free import KgramRarity, containment
from ..prepare import PreparedFile
from ..result import Channel, SharedItem
from .fuzzy import candidates, near_pairs
from .items import ItemIndex, displayed, index, normalised, place

LISTED = 25  # shared items listed per channel, rarest first
_CONSIDERED = 8 * LISTED  # the rarest shared items read to choose those listed
SIMILAR_LISTED = 10
# A reference table counts works, these two among them: an item in more than two of them
# was also found elsewhere (an IDE or judge template, a convention, a task's given text).
_PAIR_WORKS = 2
FUZZY_CHANNELS = ("strings", "comments")


def measure(
    name: str,
    left: Sequence[PreparedFile],
    right: Sequence[PreparedFile],
    table: KgramRarity | None,
) -> Channel:
    """``table``: the items' frequencies among a reference population of works, these two
    among them (default: among the files of both works, which are then the whole
    reference, so every shared item is exclusive to them)."""
    lside = index(left, lambda lit: lit.channel(name))
    rside = index(right, lambda lit: lit.channel(name))
    reference = table
    table = table or _file_rarity(lside, rside)
    share = containment(lside.symbols, rside.symbols, table)
    shared = np.intersect1d(lside.symbols, rside.symbols, assume_unique=True)
    df = table.frequencies(shared)
    exclusive = share if reference is None else containment(
        lside.symbols, rside.symbols, table, shared[df <= _PAIR_WORKS])
    # Rarest first; among equally rare, the longest (more telling), then by text.
    order = np.lexsort((shared, df))[:_CONSIDERED]
    lplaces, rplaces = lside.locate(shared[order]), rside.locate(shared[order])
    items = [
        _item(name, lplaces[symbol], rplaces[symbol], symbol, int(units), 1.0, symbol)
        for symbol, units in zip(shared[order].tolist(), df[order].tolist(), strict=True)
    ]
    items.sort(key=lambda i: (i.units_with, -len(i.text), i.text, i.left))
    similar, similar_items = (
        _similar(name, lside, rside, table) if name in FUZZY_CHANNELS else (0, [])
    )
    return Channel(
        name=name,
        left_items=int(lside.symbols.size),
        right_items=int(rside.symbols.size),
        shared=int(shared.size),
        left_share=share.left_in_right,
        right_share=share.right_in_left,
        items=items[:LISTED],
        similar=similar,
        similar_items=similar_items,
        left_share_exclusive=exclusive.left_in_right,
        right_share_exclusive=exclusive.right_in_left,
    )


def _file_rarity(lside: ItemIndex, rside: ItemIndex) -> KgramRarity:
    """In how many files of both works each item occurs: read off the two indexes (the
    same table ``rarity`` would build from every file's set, without sorting them again)."""
    hashes = np.union1d(lside.symbols, rside.symbols)
    counts = np.zeros(hashes.size, dtype=np.int64)
    for side in (lside, rside):
        counts[np.searchsorted(hashes, side.symbols)] += side.files_with
    return KgramRarity(hashes, counts, len(lside.sets) + len(rside.sets))


Place = tuple[PreparedFile, str, int]


def _item(name: str, left: Place, right: Place, lsymbol: int, units: int,
          similarity: float, rsymbol: int) -> SharedItem:
    (lf, lraw, lline), (rf, rraw, rline) = left, right
    return SharedItem(
        text=displayed(name, lraw, lsymbol),
        right_text=displayed(name, rraw, rsymbol),
        similarity=similarity,
        units_with=units,
        left=place(lf, lline),
        right=place(rf, rline),
    )


def _similar(name: str, lside: ItemIndex, rside: ItemIndex, table: KgramRarity
             ) -> tuple[int, list[SharedItem]]:
    """Near-identical pairs among the items without an identical partner."""
    lonly = np.setdiff1d(lside.symbols, rside.symbols, assume_unique=True)
    ronly = np.setdiff1d(rside.symbols, lside.symbols, assume_unique=True)
    lplaces, rplaces = lside.locate(lonly), rside.locate(ronly)
    ltexts = {s: normalised(name, raw) for s, (_, raw, _) in lplaces.items()}
    rtexts = {s: normalised(name, raw) for s, (_, raw, _) in rplaces.items()}
    lkeys, rkeys = sorted(ltexts, key=ltexts.get), sorted(rtexts, key=rtexts.get)
    lpick = [lkeys[i] for i in candidates([ltexts[k] for k in lkeys])]
    rpick = [rkeys[i] for i in candidates([rtexts[k] for k in rkeys])]
    pairs = near_pairs([ltexts[k] for k in lpick], [rtexts[k] for k in rpick])
    pairs.sort(key=lambda p: (-p[2], -len(ltexts[lpick[p[0]]]), ltexts[lpick[p[0]]]))
    items = []
    for i, j, similarity in pairs[:SIMILAR_LISTED]:
        units = int(table.frequencies(np.asarray([lpick[i]], dtype=np.uint64))[0])
        items.append(_item(name, lplaces[lpick[i]], rplaces[rpick[j]], lpick[i], units,
                           similarity, rpick[j]))
    return len(pairs), items
