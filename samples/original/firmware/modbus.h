/*
 * modbus.h - Modbus RTU slave for the NPC-200 RS-485 port
 *
 * Copyright (c) 2016-2021 Norvale Instruments Ltd. All rights reserved.
 * Proprietary and confidential.
 */
#ifndef NORVALE_MODBUS_H
#define NORVALE_MODBUS_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

#define MB_MAX_FRAME          256
#define MB_MAX_REGS           64

/* Function codes we implement. 0x41 is Norvale's user-defined code. */
#define MB_FC_READ_HOLDING    0x03
#define MB_FC_READ_INPUT      0x04
#define MB_FC_WRITE_SINGLE    0x06
#define MB_FC_DIAGNOSTIC      0x08
#define MB_FC_WRITE_MULTIPLE  0x10
#define MB_FC_NV_DEVINFO      0x41

#define MB_EX_ILLEGAL_FUNCTION  0x01
#define MB_EX_ILLEGAL_ADDRESS   0x02
#define MB_EX_ILLEGAL_VALUE     0x03
#define MB_EX_DEVICE_FAILURE    0x04

typedef struct {
    /* return false for an address that does not exist */
    bool (*read_reg)(uint16_t addr, uint16_t *val);
    bool (*write_reg)(uint16_t addr, uint16_t val);
} mb_reg_ops_t;

typedef struct {
    uint32_t frames_ok;
    uint32_t crc_errors;
    uint32_t exceptions;
    uint32_t overruns;
} mb_stats_t;

void     mb_init(uint8_t slave_addr, uint32_t baud, const mb_reg_ops_t *ops);
void     mb_recieve_byte(uint8_t b, uint32_t now_ms);
void     mb_poll(uint32_t now_ms);
uint16_t mb_crc16(const uint8_t *buf, size_t len);
const mb_stats_t *mb_get_stats(void);

#endif /* NORVALE_MODBUS_H */
