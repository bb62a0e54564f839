/*
 * alarms.h - process alarms and alarm relays
 *
 * Copyright (c) 2016-2021 Norvale Instruments Ltd. All rights reserved.
 * Proprietary and confidential.
 */
#ifndef NORVALE_ALARMS_H
#define NORVALE_ALARMS_H

#include <stdint.h>
#include <stdbool.h>

#define ALARM_COUNT   8

typedef enum {
    ALM_NONE         = 0,
    ALM_HIGH         = 1,
    ALM_LOW          = 2,
    ALM_DEV_HIGH     = 3,   /* PV above setpoint + threshhold */
    ALM_DEV_LOW      = 4,   /* PV below setpoint - threshhold */
    ALM_SENSOR_FAULT = 5,
    ALM_LOOP_BREAK   = 6
} alarm_type_t;

typedef struct {
    alarm_type_t type;
    uint8_t  channel;
    int32_t  threshhold;    /* 0.1 units */
    int32_t  hysteresis;    /* 0.1 units */
    uint16_t delay_s;
    bool     latching;
    uint8_t  relay;         /* 0 = none, 1..3 = relay number */
} alarm_cfg_t;

void     alarms_init(void);
void     alarms_configure(uint8_t idx, const alarm_cfg_t *cfg);
const alarm_cfg_t *alarms_get_cfg(uint8_t idx);
void     alarms_evaluate(int32_t setpoint, uint16_t output_permille, uint32_t now_ms);
uint16_t alarms_active_mask(void);
void     alarms_acknowledge(uint16_t mask);

#endif /* NORVALE_ALARMS_H */
