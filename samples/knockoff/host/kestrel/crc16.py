"""CRC-16 for Modbus RTU frames.

(c) 2022 Kestrel Automation. All rights reserved.
"""

import struct

_CRC_NIBBLE = (
    0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
    0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400,
)


def modbus_crc(data: bytes) -> int:
    crc = 0xFFFF
    for byte in data:
        crc ^= byte
        crc = (crc >> 4) ^ _CRC_NIBBLE[crc & 0x0F]
        crc = (crc >> 4) ^ _CRC_NIBBLE[crc & 0x0F]
    return crc


def frame_pdu(slave: int, pdu: bytes) -> bytes:
    body = bytes([slave]) + pdu
    return body + struct.pack("<H", modbus_crc(body))
