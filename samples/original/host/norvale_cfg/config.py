"""Load and validate NPC-200 controller configuration files (.nvc).

Copyright (c) 2017-2021 Norvale Instruments Ltd. All rights reserved.
Proprietary and confidential.

A .nvc file is an INI file with one [controller] section, one [pid] section,
one [channelN] section per input and up to eight [alarmN] sections.  The
values are in engineering units; the conversion to the integer register
encoding used by the firmware happens in to_register_writes().
"""

from __future__ import annotations

import configparser
from dataclasses import dataclass, field
from pathlib import Path

NUM_CHANNELS = 4
NUM_ALARMS = 8

# Register addresses -- must match the table at the top of firmware/main.c
REG_SETPOINT = 0x0100
REG_MODE = 0x0101
REG_KP = 0x0102
REG_KI = 0x0103
REG_KD = 0x0104
REG_MANUAL_OUT = 0x0105
REG_CAL_BASE = 0x0110
REG_SAVE = 0x01F0
SAVE_MAGIC = 0xA55A

CHANNEL_TYPES = {"tc_k": 0, "ma_4_20": 1, "off": 2}
ALARM_TYPES = {
    "none": 0,
    "high": 1,
    "low": 2,
    "dev_high": 3,
    "dev_low": 4,
    "sensor_fault": 5,
    "loop_break": 6,
}
MODES = {"manual": 0, "auto": 1}
VALID_BAUDS = (4800, 9600, 19200, 38400, 57600, 115200)

# The firmware rejects setpoints outside this range (degC).
SETPOINT_MIN = -200.0
SETPOINT_MAX = 1300.0


class ConfigError(ValueError):
    """Raised when a configuration file cannot be parsed at all."""


@dataclass
class ChannelConfig:
    kind: str = "tc_k"
    offset: float = 0.0  # engineering units
    gain_trim_ppm: int = 0
    range_lo: float = 0.0  # 4-20 mA inputs only
    range_hi: float = 100.0


@dataclass
class AlarmConfig:
    kind: str = "none"
    channel: int = 0
    threshhold: float = 0.0
    hysteresis: float = 1.0
    delay_s: int = 0
    latching: bool = False
    relay: int = 0


@dataclass
class PidConfig:
    kp: float = 2.0
    ki: float = 0.05
    kd: float = 0.0
    setpoint: float = 25.0
    mode: str = "manual"
    manual_output: float = 0.0  # percent


@dataclass
class ControllerConfig:
    name: str = "NPC-200"
    slave_address: int = 1
    baud: int = 19200
    pid: PidConfig = field(default_factory=PidConfig)
    channels: list[ChannelConfig] = field(
        default_factory=lambda: [ChannelConfig() for _ in range(NUM_CHANNELS)]
    )
    alarms: list[AlarmConfig] = field(default_factory=list)


def _section_float(sec: configparser.SectionProxy, key: str, default: float) -> float:
    raw = sec.get(key, fallback=None)
    if raw is None or raw.strip() == "":
        return default
    try:
        return float(raw.replace(",", "."))  # German customers use a comma seperator
    except ValueError as exc:
        raise ConfigError(f"[{sec.name}] {key}: not a number: {raw!r}") from exc


def _parse_channel(sec: configparser.SectionProxy) -> ChannelConfig:
    return ChannelConfig(
        kind=sec.get("type", fallback="tc_k").strip().lower(),
        offset=_section_float(sec, "offset", 0.0),
        gain_trim_ppm=int(_section_float(sec, "gain_trim_ppm", 0)),
        range_lo=_section_float(sec, "range_lo", 0.0),
        range_hi=_section_float(sec, "range_hi", 100.0),
    )


def _parse_alarm(sec: configparser.SectionProxy) -> AlarmConfig:
    return AlarmConfig(
        kind=sec.get("type", fallback="none").strip().lower(),
        channel=sec.getint("channel", fallback=0),
        threshhold=_section_float(sec, "threshhold", 0.0),
        hysteresis=_section_float(sec, "hysteresis", 1.0),
        delay_s=sec.getint("delay_s", fallback=0),
        latching=sec.getboolean("latching", fallback=False),
        relay=sec.getint("relay", fallback=0),
    )


def load_config(path: str | Path) -> ControllerConfig:
    """Parse a .nvc file. Raises ConfigError on syntax errors only;
    call validate() afterwards to check the values."""
    parser = configparser.ConfigParser(inline_comment_prefixes=(";", "#"))
    try:
        with open(path, encoding="utf-8") as fh:
            parser.read_file(fh)
    except (OSError, configparser.Error) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from exc

    cfg = ControllerConfig()
    if parser.has_section("controller"):
        sec = parser["controller"]
        cfg.name = sec.get("name", fallback=cfg.name)
        cfg.slave_address = sec.getint("slave_address", fallback=1)
        cfg.baud = sec.getint("baud", fallback=19200)
    if parser.has_section("pid"):
        sec = parser["pid"]
        cfg.pid = PidConfig(
            kp=_section_float(sec, "kp", 2.0),
            ki=_section_float(sec, "ki", 0.05),
            kd=_section_float(sec, "kd", 0.0),
            setpoint=_section_float(sec, "setpoint", 25.0),
            mode=sec.get("mode", fallback="manual").strip().lower(),
            manual_output=_section_float(sec, "manual_output", 0.0),
        )
    for n in range(NUM_CHANNELS):
        if parser.has_section(f"channel{n}"):
            cfg.channels[n] = _parse_channel(parser[f"channel{n}"])
    for n in range(NUM_ALARMS):
        if parser.has_section(f"alarm{n}"):
            cfg.alarms.append(_parse_alarm(parser[f"alarm{n}"]))
    return cfg


def validate(cfg: ControllerConfig) -> list[str]:
    """Return a list of human readable problems; empty if the config is fine."""
    errors = []
    if not 1 <= cfg.slave_address <= 247:
        errors.append(f"slave_address {cfg.slave_address} outside 1..247")
    if cfg.baud not in VALID_BAUDS:
        errors.append(f"baud {cfg.baud} not supported by the NPC-200 UART")
    if not SETPOINT_MIN <= cfg.pid.setpoint <= SETPOINT_MAX:
        errors.append(f"setpoint {cfg.pid.setpoint} outside {SETPOINT_MIN}..{SETPOINT_MAX}")
    if cfg.pid.mode not in MODES:
        errors.append(f"unknown pid mode {cfg.pid.mode!r}")
    for name in ("kp", "ki", "kd"):
        value = getattr(cfg.pid, name)
        if value < 0 or value * (1000 if name == "ki" else 100) > 0xFFFF:
            errors.append(f"{name}={value} cannot be encoded")
    for n, ch in enumerate(cfg.channels):
        if ch.kind not in CHANNEL_TYPES:
            errors.append(f"channel{n}: unknown type {ch.kind!r}")
        if abs(ch.gain_trim_ppm) > 327670:
            errors.append(f"channel{n}: gain trim too large")
        if ch.kind == "ma_4_20" and ch.range_hi <= ch.range_lo:
            errors.append(f"channel{n}: range_hi must be above range_lo")
    for n, alm in enumerate(cfg.alarms):
        if alm.kind not in ALARM_TYPES:
            errors.append(f"alarm{n}: unknown type {alm.kind!r}")
        if not 0 <= alm.channel < NUM_CHANNELS:
            errors.append(f"alarm{n}: no such channel {alm.channel}")
        if alm.hysteresis < 0:
            errors.append(f"alarm{n}: negative hysteresis")
        if not 0 <= alm.relay <= 3:
            errors.append(f"alarm{n}: relay must be 0 (none) or 1..3")
    return errors


def _s16(value: float) -> int:
    """Encode a signed value as an unsigned 16-bit register."""
    return int(round(value)) & 0xFFFF


def to_register_writes(cfg: ControllerConfig) -> list[tuple[int, int]]:
    """(address, value) pairs to write, in the order the firmware expects:
    tunings before mode, so the bumpless transfer uses the new gains."""
    writes = [
        (REG_SETPOINT, _s16(cfg.pid.setpoint * 10)),
        (REG_KP, int(round(cfg.pid.kp * 100))),
        (REG_KI, int(round(cfg.pid.ki * 1000))),
        (REG_KD, int(round(cfg.pid.kd * 100))),
        (REG_MANUAL_OUT, int(round(cfg.pid.manual_output * 10))),
    ]
    for n, ch in enumerate(cfg.channels):
        writes.append((REG_CAL_BASE + 2 * n, _s16(ch.offset * 10)))
        writes.append((REG_CAL_BASE + 2 * n + 1, _s16(ch.gain_trim_ppm / 10)))
    writes.append((REG_MODE, MODES[cfg.pid.mode]))
    return writes
