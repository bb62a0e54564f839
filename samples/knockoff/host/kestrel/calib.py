"""KA-2000 input calibration (two point)."""

from __future__ import annotations

import logging
import statistics
import time
from dataclasses import dataclass

from .link import KestrelLink
from .settings import REG_CAL_BASE, REG_SAVE, SAVE_MAGIC

log = logging.getLogger("kestrel.calib")

SETTLE_SAMPLES = 16
SAMPLE_INTERVAL_S = 0.25
MAX_NOISE = 3
MAX_GAIN_TRIM_PPM = 327670


class CalibrationError(RuntimeError):
    pass


@dataclass
class CalPoint:
    reference: float
    measured: float


@dataclass
class CalResult:
    channel: int
    offset: float
    gain_trim_ppm: int

    def registers(self) -> list[int]:
        offset_reg = int(round(self.offset * 10)) & 0xFFFF
        gain_reg = int(round(self.gain_trim_ppm / 10)) & 0xFFFF
        return [offset_reg, gain_reg]


def compute_trims(channel: int, low: CalPoint, high: CalPoint) -> CalResult:
    if high.reference <= low.reference:
        raise CalibrationError("high reference must be above the low reference")
    span_measured = high.measured - low.measured
    span_reference = high.reference - low.reference
    if abs(span_measured) < 1.0 or abs(span_reference) < 1.0:
        raise CalibrationError("reference points are too close together")
    gain = span_reference / span_measured
    trim_ppm = int(round((gain - 1.0) * 1_000_000))
    if abs(trim_ppm) > MAX_GAIN_TRIM_PPM:
        raise CalibrationError(
            f"gain error of {trim_ppm} ppm is beyond the trim range - check the wiring"
        )
    offset = low.reference - low.measured * gain
    log.info("ch%d: gain %.6f offset %.3f", channel, gain, offset)
    return CalResult(channel=channel, offset=offset, gain_trim_ppm=trim_ppm)


def read_settled(client: KestrelLink, slave: int, channel: int) -> float:
    samples = []
    for _ in range(SETTLE_SAMPLES):
        raw = client.read_regs(slave, 0x0010 + channel, 1)[0]
        samples.append(raw - 0x10000 if raw & 0x8000 else raw)
        time.sleep(SAMPLE_INTERVAL_S)
    spread = max(samples) - min(samples)
    if spread > MAX_NOISE:
        raise CalibrationError(
            f"channel {channel} not settled (spread {spread / 10:.1f}), try again"
        )
    return statistics.fmean(samples) / 10.0


def clear_trims(client: KestrelLink, slave: int, channel: int) -> None:
    client.write_regs(slave, REG_CAL_BASE + 2 * channel, [0, 0])


def apply(client: KestrelLink, slave: int, result: CalResult, save: bool = True) -> None:
    client.write_regs(slave, REG_CAL_BASE + 2 * result.channel, result.registers())
    if save:
        client.write_reg(slave, REG_SAVE, SAVE_MAGIC)


def run_interactive(client: KestrelLink, slave: int, channel: int,
                    low_ref: float, high_ref: float, prompt=input) -> CalResult:
    clear_trims(client, slave, channel)
    prompt(f"Apply LOW reference ({low_ref}) to channel {channel} and press Enter")
    low = CalPoint(low_ref, read_settled(client, slave, channel))
    prompt(f"Apply HIGH reference ({high_ref}) to channel {channel} and press Enter")
    high = CalPoint(high_ref, read_settled(client, slave, channel))
    result = compute_trims(channel, low, high)
    apply(client, slave, result)
    check = read_settled(client, slave, channel)
    if abs(check - high_ref) > 0.5:
        log.warning("ch%d reads %.1f after calibration, expected %.1f", channel, check, high_ref)
    print(f"channel {channel}: offset {result.offset:+.2f}, gain trim "
          f"{result.gain_trim_ppm:+d} ppm - saved")
    return result
