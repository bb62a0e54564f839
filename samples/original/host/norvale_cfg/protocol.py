"""Modbus RTU client for talking to NPC-200 controllers over RS-485.

Copyright (c) 2017-2021 Norvale Instruments Ltd. All rights reserved.
Proprietary and confidential.

Only the handful of function codes the firmware implements are supported,
plus Norvale's device-info function 0x41.  pyserial is imported lazily so
that the config validator can be used on machines without it.
"""

from __future__ import annotations

import logging
import struct
import time

log = logging.getLogger("norvale.protocol")

# Same nibble table as firmware/modbus.c (CRC-16/MODBUS, poly 0xA001).
_CRC_NIBBLE = (
    0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
    0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400,
)

NORVALE_DEVICE_ID = 0x4E56
FC_READ_HOLDING = 0x03
FC_READ_INPUT = 0x04
FC_WRITE_SINGLE = 0x06
FC_WRITE_MULTIPLE = 0x10
FC_NV_DEVINFO = 0x41

EXCEPTION_NAMES = {
    1: "illegal function",
    2: "illegal data address",
    3: "illegal data value",
    4: "slave device failure",
}


def crc16(data: bytes) -> int:
    crc = 0xFFFF
    for byte in data:
        crc ^= byte
        crc = (crc >> 4) ^ _CRC_NIBBLE[crc & 0x0F]
        crc = (crc >> 4) ^ _CRC_NIBBLE[crc & 0x0F]
    return crc


def build_frame(slave: int, pdu: bytes) -> bytes:
    body = bytes([slave]) + pdu
    return body + struct.pack("<H", crc16(body))


class ProtocolError(IOError):
    pass


class SlaveException(ProtocolError):
    def __init__(self, function: int, code: int):
        self.function = function
        self.code = code
        name = EXCEPTION_NAMES.get(code, "unknown")
        super().__init__(f"slave returned exception {code} ({name}) for function 0x{function:02X}")


class NorvaleClient:
    """Blocking Modbus RTU master for one RS-485 port."""

    def __init__(self, port: str, baud: int = 19200, timeout: float = 0.5, retries: int = 3):
        import serial  # noqa: PLC0415 - optional dependency

        self._ser = serial.Serial(port, baudrate=baud, bytesize=8, parity="N", stopbits=1,
                                  timeout=timeout)
        self._retries = retries
        # 3.5 character times of silence between frames, 11 bits per char
        self._t35 = max(38.5 / baud, 0.00175)
        self._last_io = 0.0

    def close(self) -> None:
        self._ser.close()

    def __enter__(self) -> NorvaleClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _read_exact(self, n: int) -> bytes:
        data = self._ser.read(n)
        if len(data) != n:
            raise ProtocolError(f"short read: wanted {n} bytes, got {len(data)}")
        return data

    def _recieve_reply(self, slave: int, function: int) -> bytes:
        head = self._read_exact(2)
        if head[0] != slave:
            raise ProtocolError(f"reply from slave {head[0]}, expected {slave}")
        if head[1] == function | 0x80:
            rest = self._read_exact(3)
            if crc16(head + rest) != 0:
                raise ProtocolError("CRC error in exception reply")
            raise SlaveException(function, rest[0])
        if head[1] != function:
            raise ProtocolError(f"reply for function 0x{head[1]:02X}, expected 0x{function:02X}")
        if function in (FC_READ_HOLDING, FC_READ_INPUT, FC_NV_DEVINFO):
            count = self._read_exact(1)
            rest = count + self._read_exact(count[0] + 2)
        else:
            rest = self._read_exact(6)
        frame = head + rest
        if crc16(frame) != 0:
            raise ProtocolError("CRC error in reply")
        return frame[2:-2]

    def transact(self, slave: int, pdu: bytes) -> bytes:
        """Send one request and return the reply PDU data (without function code)."""
        frame = build_frame(slave, pdu)
        last_error: Exception | None = None
        for attempt in range(1, self._retries + 1):
            gap = self._t35 - (time.monotonic() - self._last_io)
            if gap > 0:
                time.sleep(gap)
            self._ser.reset_input_buffer()
            self._ser.write(frame)
            self._ser.flush()
            try:
                if slave == 0:
                    return b""  # broadcast, no reply
                return self._recieve_reply(slave, pdu[0])
            except SlaveException:
                raise
            except ProtocolError as exc:
                log.warning("Hmm, no valid reply recieved from slave %d (attempt %d): %s",
                            slave, attempt, exc)
                last_error = exc
            finally:
                self._last_io = time.monotonic()
        raise ProtocolError(f"slave {slave} not responding") from last_error

    def read_holding(self, slave: int, address: int, count: int = 1) -> list[int]:
        data = self.transact(slave, struct.pack(">BHH", FC_READ_HOLDING, address, count))
        if data[0] != 2 * count:
            raise ProtocolError("byte count mismatch")
        return list(struct.unpack(f">{count}H", data[1:]))

    def write_register(self, slave: int, address: int, value: int) -> None:
        self.transact(slave, struct.pack(">BHH", FC_WRITE_SINGLE, address, value & 0xFFFF))

    def write_registers(self, slave: int, address: int, values: list[int]) -> None:
        pdu = struct.pack(">BHHB", FC_WRITE_MULTIPLE, address, len(values), 2 * len(values))
        pdu += struct.pack(f">{len(values)}H", *(v & 0xFFFF for v in values))
        self.transact(slave, pdu)

    def device_info(self, slave: int) -> dict:
        data = self.transact(slave, bytes([FC_NV_DEVINFO]))
        dev_id, major, minor, crc_errs, hw_rev = struct.unpack(">HBBBB", data[1:7])
        if dev_id != NORVALE_DEVICE_ID:
            raise ProtocolError(f"not a Norvale controller (id 0x{dev_id:04X})")
        return {
            "firmware": f"{major}.{minor}",
            "crc_errors": crc_errs,
            "hw_revision": hw_rev,
        }

    def read_process_values(self, slave: int) -> dict:
        """PVs and statuses (0x0010..0x0017), output and alarms (0x0020..0x0021)."""
        regs = self.read_holding(slave, 0x0010, 8)
        out, alarms = self.read_holding(slave, 0x0020, 2)
        pvs = [struct.unpack(">h", struct.pack(">H", r))[0] / 10.0 for r in regs[0:4]]
        return {
            "pv": pvs,
            "status": regs[4:8],
            "output_percent": out / 10.0,
            "alarms": alarms,
        }
