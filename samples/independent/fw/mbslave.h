/* SPDX-License-Identifier: LicenseRef-Brightwater-Proprietary */
/*
 * Table driven Modbus RTU slave.
 *
 * The application describes its registers in a table sorted by address;
 * the slave does range checking, read-only enforcement and exception
 * replies, so the application callbacks stay trivial.
 */
#ifndef BW_MBSLAVE_H
#define BW_MBSLAVE_H

#include <stdint.h>
#include <stdbool.h>
#include <stddef.h>

#define MBS_RO		0x01	/* write gives exception 02 */
#define MBS_SIGNED	0x02	/* min/max are compared as int16 */

struct mbs_reg {
	uint16_t addr;
	uint8_t flags;
	int32_t min, max;
	uint16_t (*get)(void);
	void (*set)(uint16_t value);
};

struct mbs_config {
	uint8_t unit;
	uint32_t baud;
	const struct mbs_reg *regs;	/* sorted by addr, ascending */
	size_t nregs;
};

struct mbs_counters {
	uint32_t rx_frames;
	uint32_t bad_crc;
	uint32_t exceptions;
	uint32_t ignored;
};

void mbs_start(const struct mbs_config *cfg);
void mbs_task(void);		/* call at least every millisecond */
const struct mbs_counters *mbs_counters(void);

#endif /* BW_MBSLAVE_H */
