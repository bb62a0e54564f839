#!/usr/bin/env python3
"""Export NPC-200 data logs (.nvl) recorded by norvale-mon to CSV.

Copyright (c) 2018-2021 Norvale Instruments Ltd. All rights reserved.
Proprietary and confidential.

File layout: the 8 byte header b"NVLOG" + version (u8) + interval in
seconds (u16, little endian), followed by fixed size records:

    u16 marker (0xD47A)  u32 unix time  i16 pv[4]  u16 output  u16 alarms
    u8  crc8 (poly 0x31 over the preceding 18 bytes)

Records with a bad marker or CRC are skipped; after a bad marker we resync
by scanning forward for the next marker byte pair.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import struct
import sys

HEADER = b"NVLOG"
RECORD_MARKER = 0xD47A
RECORD = struct.Struct("<HI4hHHB")
STATUS_WORDS = {0: "", 1: "OPEN", 2: "UNDER", 3: "OVER", 4: "OFF"}


def crc8(data: bytes) -> int:
    crc = 0
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = ((crc << 1) ^ 0x31) & 0xFF if crc & 0x80 else (crc << 1) & 0xFF
    return crc


def read_header(blob: bytes) -> tuple[int, int]:
    if len(blob) < 8 or not blob.startswith(HEADER):
        raise ValueError("not an NVLOG file")
    version, interval = struct.unpack_from("<BH", blob, 5)
    if version not in (1, 2):
        raise ValueError(f"unsupported NVLOG version {version}")
    return version, interval


def iter_records(blob: bytes, start: int = 8):
    """Yield (record tuple or None) for each record; None means bad CRC."""
    pos = start
    marker = struct.pack("<H", RECORD_MARKER)
    while pos + RECORD.size <= len(blob):
        if blob[pos:pos + 2] != marker:
            nxt = blob.find(marker, pos + 1)
            if nxt < 0:
                return
            pos = nxt
            continue
        chunk = blob[pos:pos + RECORD.size]
        rec = RECORD.unpack(chunk)
        if crc8(chunk[:-1]) != rec[-1]:
            yield None
        else:
            yield rec
        pos += RECORD.size


def export(blob: bytes, out, channels: list[int], since: int | None, until: int | None) -> tuple[int, int]:
    read_header(blob)
    writer = csv.writer(out)
    writer.writerow(["time"] + [f"pv{c}" for c in channels] + ["output_pct", "alarms"])
    written = skipped = 0
    for rec in iter_records(blob):
        if rec is None:
            skipped += 1
            continue
        _, stamp, *pvs, output, alarms, _ = rec
        if (since is not None and stamp < since) or (until is not None and stamp > until):
            continue
        when = dt.datetime.fromtimestamp(stamp, tz=dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
        row = [when] + [f"{pvs[c] / 10:.1f}" for c in channels]
        row += [f"{output / 10:.1f}", f"{alarms:04X}" if alarms else ""]
        writer.writerow(row)
        written += 1
    return written, skipped


def _parse_time(text: str) -> int:
    return int(dt.datetime.fromisoformat(text).replace(tzinfo=dt.timezone.utc).timestamp())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Export NPC-200 .nvl logs to CSV")
    ap.add_argument("logfile")
    ap.add_argument("-o", "--output", help="CSV file (default: stdout)")
    ap.add_argument("-c", "--channels", default="0,1,2,3", help="comma separated, e.g. 0,2")
    ap.add_argument("--since", type=_parse_time, help="ISO time, UTC")
    ap.add_argument("--until", type=_parse_time, help="ISO time, UTC")
    args = ap.parse_args(argv)

    channels = [int(c) for c in args.channels.split(",") if c.strip()]
    if any(not 0 <= c < 4 for c in channels):
        ap.error("channels must be between 0 and 3")
    with open(args.logfile, "rb") as fh:
        blob = fh.read()

    out = open(args.output, "w", newline="") if args.output else sys.stdout
    try:
        written, skipped = export(blob, out, channels, args.since, args.until)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        if out is not sys.stdout:
            out.close()
    print(f"Exported {written} records, skipped {skipped} with bad CRC (sorry!)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
