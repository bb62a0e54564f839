/*
 * modbus.c - Modbus RTU slave
 *
 * Copyright (c) 2016-2021 Norvale Instruments Ltd. All rights reserved.
 * Proprietary and confidential.
 *
 * Bytes are fed in from the UART interrupt via mb_recieve_byte(); a frame
 * is considered complete after 3.5 character times of line silence, and is
 * then processed from the main loop by mb_poll(). We never process a frame
 * inside the interrupt, the register callbacks are not re-entrant.
 */
#include "modbus.h"
#include "hw.h"

/*
 * CRC-16/MODBUS (reflected poly 0xA001), processed a nibble at a time.
 * A 256 entry table does not fit next to the bootloader on the NPC-100,
 * so we have used this 16 entry version since 2009.
 */
static const uint16_t crc_nibble_tab[16] = {
    0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
    0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400
};

static uint8_t  s_addr;
static uint32_t s_t35_ms;
static const mb_reg_ops_t *s_ops;

static volatile uint8_t  s_rx[MB_MAX_FRAME];
static volatile uint16_t s_rx_len;
static volatile uint32_t s_last_rx_ms;
static volatile bool     s_rx_overrun;

static uint8_t    s_tx[MB_MAX_FRAME];
static mb_stats_t s_stats;

uint16_t mb_crc16(const uint8_t *buf, size_t len)
{
    uint16_t crc = 0xFFFF;

    while (len--) {
        crc ^= *buf++;
        crc = (crc >> 4) ^ crc_nibble_tab[crc & 0x0F];
        crc = (crc >> 4) ^ crc_nibble_tab[crc & 0x0F];
    }
    return crc;
}

void mb_init(uint8_t slave_addr, uint32_t baud, const mb_reg_ops_t *ops)
{
    s_addr = slave_addr;
    s_ops = ops;
    /* 11 bits per character; above 19200 baud the spec fixes t3.5 at 1.75 ms,
     * we round that up to 2 ms because our tick is 1 ms. */
    s_t35_ms = (baud > 19200u) ? 2u : (38500u / baud) + 1u;
    s_rx_len = 0;
    s_rx_overrun = false;
    hw_uart_init(baud);
    hw_rs485_dir(false);
}

/* Called from the UART RX interrupt for every recieved byte. */
void mb_recieve_byte(uint8_t b, uint32_t now_ms)
{
    if (s_rx_len > 0 && (now_ms - s_last_rx_ms) > s_t35_ms) {
        /* stale partial frame, the master gave up on it */
        s_rx_len = 0;
    }
    if (s_rx_len < MB_MAX_FRAME) {
        s_rx[s_rx_len++] = b;
    } else {
        s_rx_overrun = true;
    }
    s_last_rx_ms = now_ms;
}

static void send_frame(uint16_t len)
{
    uint16_t crc = mb_crc16(s_tx, len);

    s_tx[len++] = (uint8_t)(crc & 0xFF);
    s_tx[len++] = (uint8_t)(crc >> 8);
    hw_rs485_dir(true);
    hw_uart_write(s_tx, len);
    hw_rs485_dir(false);
}

static void send_exception(uint8_t fc, uint8_t code)
{
    s_stats.exceptions++;
    s_tx[0] = s_addr;
    s_tx[1] = (uint8_t)(fc | 0x80);
    s_tx[2] = code;
    send_frame(3);
}

static uint8_t handle_read(const uint8_t *req, uint16_t *out_len)
{
    uint16_t start = (uint16_t)((req[2] << 8) | req[3]);
    uint16_t count = (uint16_t)((req[4] << 8) | req[5]);
    uint16_t i, val;

    if (count == 0 || count > MB_MAX_REGS) {
        return MB_EX_ILLEGAL_VALUE;
    }
    s_tx[2] = (uint8_t)(count * 2);
    for (i = 0; i < count; i++) {
        if (!s_ops->read_reg((uint16_t)(start + i), &val)) {
            return MB_EX_ILLEGAL_ADDRESS;
        }
        s_tx[3 + 2 * i] = (uint8_t)(val >> 8);
        s_tx[4 + 2 * i] = (uint8_t)(val & 0xFF);
    }
    *out_len = (uint16_t)(3 + count * 2);
    return 0;
}

static uint8_t handle_write_multiple(const uint8_t *req, uint16_t len, uint16_t *out_len)
{
    uint16_t start = (uint16_t)((req[2] << 8) | req[3]);
    uint16_t count = (uint16_t)((req[4] << 8) | req[5]);
    uint16_t i;

    if (count == 0 || count > MB_MAX_REGS || req[6] != count * 2 ||
        len < (uint16_t)(7 + count * 2)) {
        return MB_EX_ILLEGAL_VALUE;
    }
    for (i = 0; i < count; i++) {
        uint16_t val = (uint16_t)((req[7 + 2 * i] << 8) | req[8 + 2 * i]);
        if (!s_ops->write_reg((uint16_t)(start + i), val)) {
            return MB_EX_ILLEGAL_ADDRESS;
        }
    }
    s_tx[2] = req[2];
    s_tx[3] = req[3];
    s_tx[4] = req[4];
    s_tx[5] = req[5];
    *out_len = 6;
    return 0;
}

static uint8_t process_frame(const uint8_t *req, uint16_t len, uint16_t *out_len)
{
    uint8_t fc = req[1];

    s_tx[0] = s_addr;
    s_tx[1] = fc;

    switch (fc) {
    case MB_FC_READ_HOLDING:
    case MB_FC_READ_INPUT:
        return (len < 6) ? MB_EX_ILLEGAL_VALUE : handle_read(req, out_len);
    case MB_FC_WRITE_SINGLE:
        if (len < 6) {
            return MB_EX_ILLEGAL_VALUE;
        }
        if (!s_ops->write_reg((uint16_t)((req[2] << 8) | req[3]),
                              (uint16_t)((req[4] << 8) | req[5]))) {
            return MB_EX_ILLEGAL_ADDRESS;
        }
        for (*out_len = 2; *out_len < 6; (*out_len)++) {
            s_tx[*out_len] = req[*out_len];
        }
        return 0;
    case MB_FC_WRITE_MULTIPLE:
        return handle_write_multiple(req, len, out_len);
    case MB_FC_DIAGNOSTIC:
        /* sub-function 0 only: return query data (loopback) */
        if (len < 6 || req[2] != 0 || req[3] != 0) {
            return MB_EX_ILLEGAL_FUNCTION;
        }
        for (*out_len = 2; *out_len < len; (*out_len)++) {
            s_tx[*out_len] = req[*out_len];
        }
        return 0;
    case MB_FC_NV_DEVINFO:
        s_tx[2] = 6;
        s_tx[3] = (uint8_t)(NV_DEVICE_ID >> 8);
        s_tx[4] = (uint8_t)(NV_DEVICE_ID & 0xFF);
        s_tx[5] = NV_FW_VERSION_MAJOR;
        s_tx[6] = NV_FW_VERSION_MINOR;
        s_tx[7] = (uint8_t)(s_stats.crc_errors > 255 ? 255 : s_stats.crc_errors);
        s_tx[8] = 0x17;     /* hardware revision code, NPC-200 rev C */
        *out_len = 9;
        return 0;
    default:
        return MB_EX_ILLEGAL_FUNCTION;
    }
}

/* Called from the main loop; processes a complete frame if there is one. */
void mb_poll(uint32_t now_ms)
{
    uint8_t  frame[MB_MAX_FRAME];
    uint16_t len, i, out_len = 0;
    uint8_t  ex;

    if (s_rx_len == 0 || (now_ms - s_last_rx_ms) <= s_t35_ms) {
        return;
    }
    len = s_rx_len;
    for (i = 0; i < len; i++) {
        frame[i] = s_rx[i];
    }
    s_rx_len = 0;

    if (s_rx_overrun) {
        s_rx_overrun = false;
        s_stats.overruns++;
        return;
    }
    if (len < 4 || mb_crc16(frame, len) != 0) {
        s_stats.crc_errors++;
        return;
    }
    if (frame[0] != s_addr && frame[0] != 0) {
        return;                 /* not for us */
    }

    s_stats.frames_ok++;
    ex = process_frame(frame, (uint16_t)(len - 2), &out_len);
    if (frame[0] == 0) {
        return;                 /* broadcast: never reply */
    }
    if (ex != 0) {
        send_exception(frame[1], ex);
    } else {
        send_frame(out_len);
    }
}

const mb_stats_t *mb_get_stats(void)
{
    return &s_stats;
}
