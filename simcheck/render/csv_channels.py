"""The literal evidence channels and the shared oddities as CSV: one row per listed item."""

from __future__ import annotations

from pathlib import Path

from ..result import Result
from .spreadsheet import SpreadsheetWriter

CHANNEL_COLUMNS = (
    "channel", "text", "right_text", "similarity", "units_with", "left", "right",
    "channel_left_share", "channel_right_share",
)
ANOMALY_COLUMNS = ("kind", "text", "suggestion", "left", "right", "note")


def write_channel_csv(result: Result, directory: Path) -> list[Path]:
    """``channels.csv`` and ``code_anomalies.csv`` (none for a result without channels)."""
    if not result.channels:
        return []
    channels_path = directory / "channels.csv"
    anomalies_path = directory / "code_anomalies.csv"
    with channels_path.open("w", newline="", encoding="utf-8") as f:
        writer = SpreadsheetWriter(f)
        writer.writerow(CHANNEL_COLUMNS)
        for c in result.channels:
            for i in c.items + c.similar_items:
                writer.writerow([
                    c.name, i.text, i.right_text, f"{i.similarity:.2f}", i.units_with,
                    i.left, i.right, f"{c.left_share:.6f}", f"{c.right_share:.6f}",
                ])
    with anomalies_path.open("w", newline="", encoding="utf-8") as f:
        writer = SpreadsheetWriter(f)
        writer.writerow(ANOMALY_COLUMNS)
        for a in result.code_anomalies:
            writer.writerow([a.kind, a.text, a.suggestion or "", a.left, a.right, a.note])
    return [channels_path, anomalies_path]
