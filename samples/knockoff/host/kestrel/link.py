"""Serial link to KA-2000 controllers (Modbus RTU over RS-485).

(c) 2022 Kestrel Automation. All rights reserved.
"""

from __future__ import annotations

import logging
import struct
import time

from .crc16 import frame_pdu, modbus_crc

log = logging.getLogger("kestrel.link")

DEVICE_ID = 0x4E56
FC_READ_HOLDING = 0x03
FC_READ_INPUT = 0x04
FC_WRITE_SINGLE = 0x06
FC_WRITE_MULTIPLE = 0x10
FC_DEVINFO = 0x41

EXCEPTION_NAMES = {
    1: "illegal function",
    2: "illegal data address",
    3: "illegal data value",
    4: "slave device failure",
}


class LinkError(IOError):
    pass


class DeviceException(LinkError):
    def __init__(self, function: int, code: int):
        self.function = function
        self.code = code
        name = EXCEPTION_NAMES.get(code, "unknown")
        super().__init__(f"slave returned exception {code} ({name}) for function 0x{function:02X}")


class KestrelLink:
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

    def __enter__(self) -> KestrelLink:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _read_exact(self, n: int) -> bytes:
        data = self._ser.read(n)
        if len(data) != n:
            raise LinkError(f"short read: wanted {n} bytes, got {len(data)}")
        return data

    def _recieve_reply(self, slave: int, function: int) -> bytes:
        head = self._read_exact(2)
        if head[0] != slave:
            raise LinkError(f"reply from slave {head[0]}, expected {slave}")
        if head[1] == function | 0x80:
            rest = self._read_exact(3)
            if modbus_crc(head + rest) != 0:
                raise LinkError("CRC error in exception reply")
            raise DeviceException(function, rest[0])
        if head[1] != function:
            raise LinkError(f"reply for function 0x{head[1]:02X}, expected 0x{function:02X}")
        if function in (FC_READ_HOLDING, FC_READ_INPUT, FC_DEVINFO):
            count = self._read_exact(1)
            rest = count + self._read_exact(count[0] + 2)
        else:
            rest = self._read_exact(6)
        frame = head + rest
        if modbus_crc(frame) != 0:
            raise LinkError("CRC error in reply")
        return frame[2:-2]

    def request(self, slave: int, pdu: bytes) -> bytes:
        """Send one request and return the reply PDU data (without function code)."""
        frame = frame_pdu(slave, pdu)
        log.debug("tx %s", frame.hex(" "))
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
            except DeviceException:
                raise
            except LinkError as exc:
                log.warning("Hmm, no valid reply recieved from slave %d (attempt %d): %s",
                            slave, attempt, exc)
                last_error = exc
            finally:
                self._last_io = time.monotonic()
        raise LinkError(f"slave {slave} not responding") from last_error

    def read_regs(self, slave: int, address: int, count: int = 1) -> list[int]:
        data = self.request(slave, struct.pack(">BHH", FC_READ_HOLDING, address, count))
        if data[0] != 2 * count:
            raise LinkError("byte count mismatch")
        return list(struct.unpack(f">{count}H", data[1:]))

    def write_reg(self, slave: int, address: int, value: int) -> None:
        self.request(slave, struct.pack(">BHH", FC_WRITE_SINGLE, address, value & 0xFFFF))

    def write_regs(self, slave: int, address: int, values: list[int]) -> None:
        pdu = struct.pack(">BHHB", FC_WRITE_MULTIPLE, address, len(values), 2 * len(values))
        pdu += struct.pack(f">{len(values)}H", *(v & 0xFFFF for v in values))
        self.request(slave, pdu)

    def device_info(self, slave: int) -> dict:
        data = self.request(slave, bytes([FC_DEVINFO]))
        dev_id, major, minor, crc_errs, hw_rev = struct.unpack(">HBBBB", data[1:7])
        if dev_id != DEVICE_ID:
            raise LinkError(f"unknown device id 0x{dev_id:04X}")
        return {
            "firmware": f"{major}.{minor}",
            "crc_errors": crc_errs,
            "hw_revision": hw_rev,
        }

    def snapshot(self, slave: int) -> dict:
        regs = self.read_regs(slave, 0x0010, 8)
        out, alarms = self.read_regs(slave, 0x0020, 2)
        pvs = [struct.unpack(">h", struct.pack(">H", r))[0] / 10.0 for r in regs[0:4]]
        return {
            "pv": pvs,
            "status": regs[4:8],
            "output_percent": out / 10.0,
            "alarms": alarms,
        }
