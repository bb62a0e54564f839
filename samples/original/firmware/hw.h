/*
 * hw.h - board support interface for the Norvale NPC-200 process controller
 *
 * Copyright (c) 2016-2021 Norvale Instruments Ltd. All rights reserved.
 * Proprietary and confidential.
 *
 * The functions declared here are implemented by the board support package
 * (bsp/ directory, built separately for each hardware revision).
 */
#ifndef NORVALE_HW_H
#define NORVALE_HW_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

#define NV_FW_VERSION_MAJOR   3
#define NV_FW_VERSION_MINOR   7
#define NV_DEVICE_ID          0x4E56u     /* "NV" */

/* Number of analogue input channels on the NPC-200 main board. */
#define NV_NUM_CHANNELS       4

/* Control loop period in milliseconds. 125 ms = 8 Hz, paced by the ADC. */
#define NV_LOOP_PERIOD_MS     125u

/* Watchdog kick value; the IWDG wrapper ignores anything else. */
#define NV_WDT_MAGIC          0x5AA5u

/* ---- timing ---- */
uint32_t hw_millis(void);
void     hw_delay_ms(uint32_t ms);

/* ---- ADC (24-bit sigma-delta, one conversion per call) ---- */
int32_t  hw_adc_read(uint8_t channel);
int32_t  hw_adc_read_cjc(void);          /* cold junction, 0.1 degC units */

/* ---- outputs ---- */
void     hw_pwm_set(uint8_t output, uint16_t duty_permille);
void     hw_relay_set(uint8_t relay, bool on);
void     hw_led_set(uint8_t led, bool on);

/* ---- RS-485 UART ---- */
void     hw_uart_init(uint32_t baud);
bool     hw_uart_rx_ready(void);
uint8_t  hw_uart_getc(void);
void     hw_uart_write(const uint8_t *buf, size_t len);
void     hw_rs485_dir(bool transmit);

/* ---- non-volatile storage ---- */
bool     hw_eeprom_read(uint16_t addr, void *dst, size_t len);
bool     hw_eeprom_write(uint16_t addr, const void *src, size_t len);

/* ---- misc ---- */
void     hw_watchdog_kick(uint16_t magic);
void     hw_log(const char *fmt, ...);

#endif /* NORVALE_HW_H */
