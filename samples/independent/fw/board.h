/* SPDX-License-Identifier: LicenseRef-Brightwater-Proprietary */
/*
 * Brightwater Controls BT-40 - board interface.
 *
 * Everything the application needs from the hardware goes through these
 * calls; board_bt40.c (not in this tree) implements them on the MCU and
 * board_sim.c implements them on the PC for the regression tests.
 */
#ifndef BW_BOARD_H
#define BW_BOARD_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

#define BW_MODEL_CODE		0x0B40
#define BW_SW_VERSION		0x0105	/* 1.5 */

enum bw_input {
	BW_IN_RTD1 = 0,
	BW_IN_RTD2,
	BW_IN_PRESSURE,		/* 0-10 V transmitter */
	BW_IN_COUNT
};

/* free running millisecond counter */
uint32_t board_ticks_ms(void);

/* raw 16-bit ratiometric reading from an input, -1 on hardware fault */
int32_t board_adc_sample(enum bw_input in);

/* heater SSR, time-proportioned by the caller; 0..10000 = 0..100.00 % */
void board_heater_set(uint16_t pct_x100);
void board_cutout_relay(bool tripped);
void board_status_led(bool on);

/* half duplex RS-485 port */
void board_serial_open(uint32_t baud, char parity);
int board_serial_read(uint8_t *dst, size_t max);	/* returns bytes read */
void board_serial_send(const uint8_t *src, size_t len);

/* persistent parameters, 256 byte page */
bool board_param_load(uint8_t *page, size_t len);
bool board_param_store(const uint8_t *page, size_t len);

void board_wdog_feed(void);

#endif /* BW_BOARD_H */
