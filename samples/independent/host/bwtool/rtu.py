"""Minimal Modbus RTU master.

Brightwater Controls, 2023.

The CRC uses a 256-entry lookup table built once at import time. Frames
are sent with the CRC low byte first, as the Modbus serial line spec says.
"""

from __future__ import annotations

import struct
import time
from dataclasses import dataclass
from typing import Protocol


def _make_table() -> list[int]:
    table = []
    for value in range(256):
        acc = value
        for _ in range(8):
            acc = (acc >> 1) ^ 0xA001 if acc & 1 else acc >> 1
        table.append(acc)
    return table


_TABLE = _make_table()


def checksum(frame: bytes, seed: int = 0xFFFF) -> int:
    value = seed
    for octet in frame:
        value = (value >> 8) ^ _TABLE[(value ^ octet) & 0xFF]
    return value


class ModbusError(Exception):
    """Anything that went wrong on the wire or in the slave."""


class ExceptionResponse(ModbusError):
    REASONS = {1: "function not supported", 2: "bad register address", 3: "value rejected"}

    def __init__(self, unit: int, function: int, code: int) -> None:
        reason = self.REASONS.get(code, f"code {code}")
        super().__init__(f"unit {unit}: function {function} refused: {reason}")
        self.code = code


class Port(Protocol):
    def write(self, data: bytes) -> int | None: ...
    def read(self, size: int) -> bytes: ...
    def reset_input_buffer(self) -> None: ...


@dataclass
class Master:
    port: Port
    baud: int = 19200
    attempts: int = 2

    @classmethod
    def open(cls, device: str, baud: int = 19200, timeout: float = 0.3) -> Master:
        import serial

        port = serial.Serial(device, baud, parity=serial.PARITY_EVEN, timeout=timeout)
        return cls(port=port, baud=baud)

    @property
    def _gap(self) -> float:
        return max(3.5 * 11 / self.baud, 0.00175)

    def _exchange(self, unit: int, pdu: bytes, reply_len: int) -> bytes:
        adu = bytes([unit]) + pdu
        adu += struct.pack("<H", checksum(adu))
        error: ModbusError | None = None
        for _ in range(self.attempts):
            self.port.reset_input_buffer()
            self.port.write(adu)
            time.sleep(self._gap)
            if unit == 0:
                return b""
            head = self.port.read(3)
            if len(head) < 3:
                error = ModbusError(f"unit {unit}: timeout")
                continue
            if head[1] & 0x80:
                tail = self.port.read(2)
                if checksum(head + tail) == 0:
                    raise ExceptionResponse(unit, pdu[0], head[2])
                error = ModbusError(f"unit {unit}: corrupted exception reply")
                continue
            body = head + self.port.read(reply_len - 3)
            if len(body) != reply_len or checksum(body) != 0:
                error = ModbusError(f"unit {unit}: bad or short reply")
                continue
            if body[0] != unit or body[1] != pdu[0]:
                error = ModbusError(f"unit {unit}: reply does not match request")
                continue
            return body[1:-2]
        assert error is not None
        raise error

    def read(self, unit: int, first: int, count: int = 1, signed: bool = False) -> list[int]:
        pdu = struct.pack(">BHH", 3, first, count)
        reply = self._exchange(unit, pdu, 5 + 2 * count)
        fmt = ">%d%s" % (count, "h" if signed else "H")
        return list(struct.unpack(fmt, reply[2:]))

    def write(self, unit: int, first: int, *values: int) -> None:
        if len(values) == 1:
            pdu = struct.pack(">BHH", 6, first, values[0] & 0xFFFF)
        else:
            pdu = struct.pack(">BHHB", 16, first, len(values), 2 * len(values))
            pdu += b"".join(struct.pack(">H", v & 0xFFFF) for v in values)
        self._exchange(unit, pdu, 8)
