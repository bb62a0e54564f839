"""bwtool command line interface.

Brightwater Controls, 2023.

    bwtool -d /dev/ttyUSB0 info
    bwtool -d /dev/ttyUSB0 -u 3 set sp 185.5
    bwtool -d COM4 watch --every 2 --csv trend.csv
    bwtool -d COM4 program anneal-A.json
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from typing import NamedTuple

from . import profile
from .rtu import Master, ModbusError

MODEL_CODE = 0x0B40


class Param(NamedTuple):
    register: int
    scale: float
    signed: bool
    unit: str


PARAMS = {
    "sp": Param(2000, 10, True, "degC"),
    "cutout": Param(2001, 10, True, "degC"),
    "gain": Param(2002, 100, False, "%/degC"),
    "reset": Param(2003, 1, False, "s"),
    "rate": Param(2004, 1, False, "s"),
    "hand": Param(2005, 100, False, "%"),
    "auto": Param(2006, 1, False, ""),
}

STATUS_FLAGS = ((1, "AUTO"), (2, "CUTOUT"), (4, "SENSOR"), (8, "HI"), (16, "LO"))


def describe_status(bits: int) -> str:
    names = [name for mask, name in STATUS_FLAGS if bits & mask]
    return ",".join(names) if names else "MANUAL"


def cmd_info(bus: Master, unit: int, _args: argparse.Namespace) -> int:
    model, version = bus.read(unit, 1000, 2)
    if model != MODEL_CODE:
        print(f"unit {unit} reports model 0x{model:04X}, not a BT-40", file=sys.stderr)
        return 1
    print(f"BT-40 at unit {unit}, software {version >> 8}.{version & 0xFF}")
    for name, p in PARAMS.items():
        raw = bus.read(unit, p.register, 1, signed=p.signed)[0]
        print(f"  {name:<7} {raw / p.scale:>9g} {p.unit}")
    return 0


def cmd_get(bus: Master, unit: int, args: argparse.Namespace) -> int:
    p = PARAMS[args.name]
    print(bus.read(unit, p.register, 1, signed=p.signed)[0] / p.scale)
    return 0


def cmd_set(bus: Master, unit: int, args: argparse.Namespace) -> int:
    p = PARAMS[args.name]
    bus.write(unit, p.register, int(round(args.value * p.scale)))
    if args.store:
        bus.write(unit, 2101, 1)
    return 0


def cmd_watch(bus: Master, unit: int, args: argparse.Namespace) -> int:
    writer = None
    sink = open(args.csv, "a", newline="") if args.csv else None
    if sink:
        writer = csv.writer(sink)
    try:
        while True:
            pv1, pv2, press, heat, status = bus.read(unit, 1010, 5, signed=True)
            line = (f"{time.strftime('%H:%M:%S')}  T1 {pv1 / 10:7.1f}  T2 {pv2 / 10:7.1f}  "
                    f"P {press / 100:5.2f} bar  heat {heat / 100:5.1f}%  "
                    f"{describe_status(status & 0xFFFF)}")
            print(line, flush=True)
            if writer:
                writer.writerow([int(time.time()), pv1 / 10, pv2 / 10, press / 100,
                                 heat / 100, status & 0xFFFF])
                sink.flush()
            time.sleep(args.every)
    except KeyboardInterrupt:
        return 0
    finally:
        if sink:
            sink.close()


def cmd_program(bus: Master, unit: int, args: argparse.Namespace) -> int:
    prog = profile.load(args.file)
    print(f"running {prog.name}: {prog.duration_min():.0f} min, {len(prog.segments)} segments")
    started = time.monotonic()
    for at_s, sp in prog.schedule(every_s=args.every):
        delay = started + at_s - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        bus.write(unit, PARAMS["sp"].register, int(round(sp * 10)))
    print("program complete")
    return 0


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="bwtool")
    ap.add_argument("-d", "--device", required=True)
    ap.add_argument("-b", "--baud", type=int, default=19200)
    ap.add_argument("-u", "--unit", type=int, default=1)
    sub = ap.add_subparsers(dest="command", required=True)

    sub.add_parser("info").set_defaults(func=cmd_info)
    g = sub.add_parser("get")
    g.add_argument("name", choices=sorted(PARAMS))
    g.set_defaults(func=cmd_get)
    s = sub.add_parser("set")
    s.add_argument("name", choices=sorted(PARAMS))
    s.add_argument("value", type=float)
    s.add_argument("--store", action="store_true", help="also save to flash")
    s.set_defaults(func=cmd_set)
    w = sub.add_parser("watch")
    w.add_argument("--every", type=float, default=1.0)
    w.add_argument("--csv")
    w.set_defaults(func=cmd_watch)
    p = sub.add_parser("program")
    p.add_argument("file")
    p.add_argument("--every", type=float, default=10.0)
    p.set_defaults(func=cmd_program)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    bus = Master.open(args.device, args.baud)
    try:
        return args.func(bus, args.unit, args)
    except (ModbusError, profile.ProgramError) as exc:
        print(f"bwtool: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
