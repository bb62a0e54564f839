// SPDX-License-Identifier: LicenseRef-Brightwater-Proprietary
/*
 * mbslave.c - Modbus RTU slave, polled
 *
 * Frame boundaries are found by polling: mbs_task() drains whatever the
 * UART driver has buffered and, once the line has been quiet for the
 * inter-frame gap, hands the collected bytes to the decoder. Function
 * codes 03, 04, 06 and 16 are supported; 03 and 04 read the same table.
 */
#include <string.h>
#include "mbslave.h"
#include "board.h"

#define FRAME_MAX	256
#define READ_MAX	125
#define WRITE_MAX	123

enum rx_state { RX_IDLE, RX_BUSY, RX_DONE };

static struct mbs_config conf;
static struct mbs_counters cnt;
static enum rx_state state;
static uint8_t rxbuf[FRAME_MAX];
static size_t rxlen;
static uint32_t last_byte_ms;
static uint32_t gap_ms;
static uint8_t txbuf[FRAME_MAX];

/* Plain bit-at-a-time CRC; the BT-40 MCU has cycles to spare. */
static uint16_t crc_update(uint16_t crc, const uint8_t *p, size_t n)
{
	int bit;

	while (n-- > 0) {
		crc ^= *p++;
		for (bit = 0; bit < 8; bit++) {
			if (crc & 1u)
				crc = (uint16_t)((crc >> 1) ^ 0xA001u);
			else
				crc >>= 1;
		}
	}
	return crc;
}

static uint16_t get_be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static void put_be16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static const struct mbs_reg *lookup(uint16_t addr)
{
	size_t lo = 0, hi = conf.nregs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (conf.regs[mid].addr == addr)
			return &conf.regs[mid];
		if (conf.regs[mid].addr < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static bool in_range(const struct mbs_reg *r, uint16_t v)
{
	int32_t x = (r->flags & MBS_SIGNED) ? (int32_t)(int16_t)v : (int32_t)v;

	return x >= r->min && x <= r->max;
}

static void transmit(size_t len)
{
	uint16_t crc = crc_update(0xFFFF, txbuf, len);

	txbuf[len++] = (uint8_t)crc;		/* CRC goes out low byte first */
	txbuf[len++] = (uint8_t)(crc >> 8);
	board_serial_send(txbuf, len);
}

static size_t fail(uint8_t fn, uint8_t code)
{
	cnt.exceptions++;
	txbuf[1] = fn | 0x80;
	txbuf[2] = code;
	return 3;
}

static size_t do_read(const uint8_t *pdu, size_t n)
{
	uint16_t first, qty, i;

	if (n != 5)
		return fail(pdu[0], 3);
	first = get_be16(pdu + 1);
	qty = get_be16(pdu + 3);
	if (qty < 1 || qty > READ_MAX)
		return fail(pdu[0], 3);
	for (i = 0; i < qty; i++) {
		const struct mbs_reg *r = lookup((uint16_t)(first + i));

		if (!r)
			return fail(pdu[0], 2);
		put_be16(&txbuf[3 + 2 * i], r->get());
	}
	txbuf[1] = pdu[0];
	txbuf[2] = (uint8_t)(2 * qty);
	return 3 + 2u * qty;
}

static size_t do_write(const uint8_t *pdu, size_t n)
{
	const struct mbs_reg *r;
	uint16_t first, qty, i;
	const uint8_t *vals;

	if (pdu[0] == 0x06) {
		if (n != 5)
			return fail(pdu[0], 3);
		first = get_be16(pdu + 1);
		qty = 1;
		vals = pdu + 3;
	} else {
		if (n < 6)
			return fail(pdu[0], 3);
		first = get_be16(pdu + 1);
		qty = get_be16(pdu + 3);
		if (qty < 1 || qty > WRITE_MAX || pdu[5] != 2 * qty || n != 6u + 2u * qty)
			return fail(pdu[0], 3);
		vals = pdu + 6;
	}

	/* validate everything first so a bad value writes nothing at all */
	for (i = 0; i < qty; i++) {
		r = lookup((uint16_t)(first + i));
		if (!r || (r->flags & MBS_RO) || !r->set)
			return fail(pdu[0], 2);
		if (!in_range(r, get_be16(vals + 2 * i)))
			return fail(pdu[0], 3);
	}
	for (i = 0; i < qty; i++)
		lookup((uint16_t)(first + i))->set(get_be16(vals + 2 * i));

	txbuf[1] = pdu[0];
	memcpy(&txbuf[2], pdu + 1, 4);	/* echo address and value/quantity */
	return 6;
}

/* a valid frame leaves a zero remainder when the CRC is included */
static bool frame_valid(void)
{
	return rxlen >= 4 && crc_update(0xFFFF, rxbuf, rxlen) == 0;
}

static void decode(void)
{
	const uint8_t addr = rxbuf[0];
	size_t reply = 0;

	if (addr != 0 && addr != conf.unit) {
		cnt.ignored++;		/* someone else's traffic */
		return;
	}
	if (!frame_valid()) {
		cnt.bad_crc++;
		return;
	}
	cnt.rx_frames++;
	txbuf[0] = conf.unit;

	switch (rxbuf[1]) {
	case 0x03:
	case 0x04:
		reply = do_read(&rxbuf[1], rxlen - 3);
		break;
	case 0x06:
	case 0x10:
		reply = do_write(&rxbuf[1], rxlen - 3);
		break;
	default:
		reply = fail(rxbuf[1], 1);
		break;
	}
	if (addr != 0 && reply > 0)
		transmit(reply);
}

void mbs_start(const struct mbs_config *cfg)
{
	conf = *cfg;
	memset(&cnt, 0, sizeof(cnt));
	state = RX_IDLE;
	rxlen = 0;
	/* 3.5 characters of 11 bits, never below the 1.75 ms the spec allows */
	gap_ms = (cfg->baud >= 19200) ? 2 : (uint32_t)(38500UL / cfg->baud + 1);
	board_serial_open(cfg->baud, 'E');
}

void mbs_task(void)
{
	uint8_t chunk[32];
	uint32_t now = board_ticks_ms();
	int n = board_serial_read(chunk, sizeof(chunk));

	if (n > 0) {
		if (state != RX_BUSY)
			rxlen = 0;
		if (rxlen + (size_t)n <= sizeof(rxbuf)) {
			memcpy(&rxbuf[rxlen], chunk, (size_t)n);
			rxlen += (size_t)n;
		} else {
			rxlen = sizeof(rxbuf) + 1;	/* poison: discard frame */
		}
		state = RX_BUSY;
		last_byte_ms = now;
		return;
	}
	if (state == RX_BUSY && now - last_byte_ms >= gap_ms)
		state = RX_DONE;
	if (state == RX_DONE) {
		if (rxlen <= sizeof(rxbuf))
			decode();
		state = RX_IDLE;
		rxlen = 0;
	}
}

const struct mbs_counters *mbs_counters(void)
{
	return &cnt;
}
