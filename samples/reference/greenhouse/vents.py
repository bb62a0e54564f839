"""Roof vent and mister control for the Fernhill greenhouse.

Two rules, each with hysteresis so the actuators do not chatter:
the vents open in steps as the air gets warmer than the target, the
misters run while relative humidity is below its band.
"""

from dataclasses import dataclass, field
import enum


class Vent(enum.IntEnum):
    CLOSED = 0
    CRACKED = 1
    HALF = 2
    OPEN = 3


@dataclass
class Climate:
    air_c: float
    humidity_pct: float
    wind_ms: float = 0.0
    raining: bool = False


@dataclass
class Targets:
    air_c: float = 24.0
    step_c: float = 1.5          # one vent step per this much over target
    hysteresis_c: float = 0.6
    humidity_low: float = 60.0
    humidity_high: float = 72.0
    storm_wind_ms: float = 11.0


@dataclass
class VentRule:
    targets: Targets
    position: Vent = Vent.CLOSED
    misting: bool = False
    history: list = field(default_factory=list)

    def wanted_position(self, climate):
        if climate.raining or climate.wind_ms >= self.targets.storm_wind_ms:
            return Vent.CLOSED
        excess = climate.air_c - self.targets.air_c
        if excess <= 0:
            return Vent.CLOSED
        return Vent(min(int(excess // self.targets.step_c) + 1, Vent.OPEN))

    def step(self, climate):
        wanted = self.wanted_position(climate)
        if wanted > self.position:
            self.position = Vent(self.position + 1)     # one step at a time
        elif wanted < self.position:
            # close only once we are clearly below the step's threshold
            threshold = self.targets.air_c + self.position * self.targets.step_c
            if climate.air_c < threshold - self.targets.step_c - self.targets.hysteresis_c \
                    or wanted == Vent.CLOSED and climate.raining:
                self.position = Vent(self.position - 1)
        if climate.humidity_pct < self.targets.humidity_low:
            self.misting = True
        elif climate.humidity_pct > self.targets.humidity_high:
            self.misting = False
        self.history.append((self.position, self.misting))
        return self.position, self.misting
