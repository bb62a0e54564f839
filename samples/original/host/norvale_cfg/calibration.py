"""Two-point field calibration of NPC-200 input channels.

Copyright (c) 2017-2021 Norvale Instruments Ltd. All rights reserved.
Proprietary and confidential.

Procedure (see service manual SM-200 section 7.3):
  1. connect a calibrator (mV source for thermocouples, mA source for 4-20
     mA inputs) to the channel,
  2. apply the low reference, wait for the reading to settle, capture it,
  3. apply the high reference, capture it,
  4. the offset and gain trim are computed and written to the controller.
The trims are always computed relative to an uncalibrated channel, so the
existing trims are cleared before the first point is captured.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass

from .config import REG_CAL_BASE, REG_SAVE, SAVE_MAGIC
from .protocol import NorvaleClient

SETTLE_SAMPLES = 16
SAMPLE_INTERVAL_S = 0.25
# Largest spread (in 0.1 units) we accept between settled samples.
MAX_NOISE = 3
# The firmware encodes the gain trim in 10 ppm steps in a signed register.
MAX_GAIN_TRIM_PPM = 327670


class CalibrationError(RuntimeError):
    pass


@dataclass
class CalPoint:
    reference: float  # what the calibrator is sourcing, in engineering units
    measured: float  # what the controller read, same units


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
    """Solve reference = measured * (1 + trim) + offset for trim and offset."""
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
    return CalResult(channel=channel, offset=offset, gain_trim_ppm=trim_ppm)


def read_settled(client: NorvaleClient, slave: int, channel: int) -> float:
    """Average SETTLE_SAMPLES readings, refusing to continue if still drifting."""
    samples = []
    for _ in range(SETTLE_SAMPLES):
        raw = client.read_holding(slave, 0x0010 + channel, 1)[0]
        samples.append(raw - 0x10000 if raw & 0x8000 else raw)
        time.sleep(SAMPLE_INTERVAL_S)
    spread = max(samples) - min(samples)
    if spread > MAX_NOISE:
        raise CalibrationError(
            f"channel {channel} not settled (spread {spread / 10:.1f}), try again"
        )
    return statistics.fmean(samples) / 10.0


def clear_trims(client: NorvaleClient, slave: int, channel: int) -> None:
    client.write_registers(slave, REG_CAL_BASE + 2 * channel, [0, 0])


def apply(client: NorvaleClient, slave: int, result: CalResult, save: bool = True) -> None:
    client.write_registers(slave, REG_CAL_BASE + 2 * result.channel, result.registers())
    if save:
        client.write_register(slave, REG_SAVE, SAVE_MAGIC)


def run_interactive(client: NorvaleClient, slave: int, channel: int,
                    low_ref: float, high_ref: float, prompt=input) -> CalResult:
    clear_trims(client, slave, channel)
    prompt(f"Apply LOW reference ({low_ref}) to channel {channel} and press Enter")
    low = CalPoint(low_ref, read_settled(client, slave, channel))
    prompt(f"Apply HIGH reference ({high_ref}) to channel {channel} and press Enter")
    high = CalPoint(high_ref, read_settled(client, slave, channel))
    result = compute_trims(channel, low, high)
    apply(client, slave, result)
    print(f"channel {channel}: offset {result.offset:+.2f}, gain trim "
          f"{result.gain_trim_ppm:+d} ppm - saved")
    return result
