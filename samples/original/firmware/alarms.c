/*
 * alarms.c - process alarms
 *
 * Copyright (c) 2016-2021 Norvale Instruments Ltd. All rights reserved.
 * Proprietary and confidential.
 *
 * Each alarm has an on-delay (the condition must persist for delay_s
 * seconds before the alarm trips) and a hysteresis band for clearing.
 * Latching alarms stay active until acknowledged over Modbus or from the
 * front panel, even after the condition has gone away.
 */
#include "alarms.h"
#include "sensors.h"
#include "hw.h"

/* Loop break: output pinned at 100% for this long without the PV moving
 * by at least LOOP_BREAK_MIN_RISE means a broken heater or a burnt SSR. */
#define LOOP_BREAK_TIME_MS    480000u   /* 8 minutes */
#define LOOP_BREAK_MIN_RISE   20        /* 2.0 degC */
#define NUM_RELAYS            3

static alarm_cfg_t s_cfg[ALARM_COUNT];
static uint32_t    s_pending_since[ALARM_COUNT];
static uint16_t    s_active;
static uint32_t    s_lb_start_ms;
static int32_t     s_lb_start_pv;

void alarms_init(void)
{
    uint8_t i;

    for (i = 0; i < ALARM_COUNT; i++) {
        s_cfg[i].type = ALM_NONE;
        s_pending_since[i] = 0;
    }
    s_active = 0;
    s_lb_start_ms = 0;
}

void alarms_configure(uint8_t idx, const alarm_cfg_t *cfg)
{
    if (idx >= ALARM_COUNT) {
        return;
    }
    s_cfg[idx] = *cfg;
    s_pending_since[idx] = 0;
    s_active &= (uint16_t)~(1u << idx);
}

const alarm_cfg_t *alarms_get_cfg(uint8_t idx)
{
    return (idx < ALARM_COUNT) ? &s_cfg[idx] : 0;
}

/* Is the raw alarm condition true? 'active' selects the clearing threshhold. */
static bool condition(const alarm_cfg_t *a, int32_t pv, int32_t sp, bool active)
{
    int32_t hyst = active ? a->hysteresis : 0;

    switch (a->type) {
    case ALM_HIGH:
        return pv > a->threshhold - hyst;
    case ALM_LOW:
        return pv < a->threshhold + hyst;
    case ALM_DEV_HIGH:
        return pv > sp + a->threshhold - hyst;
    case ALM_DEV_LOW:
        return pv < sp - a->threshhold + hyst;
    default:
        return false;
    }
}

static bool loop_break(int32_t pv, uint16_t output_permille, uint32_t now_ms)
{
    if (output_permille < 1000) {
        s_lb_start_ms = 0;
        return false;
    }
    if (s_lb_start_ms == 0) {
        s_lb_start_ms = now_ms;
        s_lb_start_pv = pv;
        return false;
    }
    if (pv - s_lb_start_pv >= LOOP_BREAK_MIN_RISE) {
        /* still heating, restart the window */
        s_lb_start_ms = now_ms;
        s_lb_start_pv = pv;
        return false;
    }
    return (now_ms - s_lb_start_ms) > LOOP_BREAK_TIME_MS;
}

static void drive_relays(void)
{
    bool relay_on[NUM_RELAYS + 1] = { false };
    uint8_t i;

    for (i = 0; i < ALARM_COUNT; i++) {
        if ((s_active & (1u << i)) && s_cfg[i].relay >= 1 && s_cfg[i].relay <= NUM_RELAYS) {
            relay_on[s_cfg[i].relay] = true;
        }
    }
    for (i = 1; i <= NUM_RELAYS; i++) {
        hw_relay_set((uint8_t)(i - 1), relay_on[i]);
    }
    hw_led_set(1, s_active != 0);
}

void alarms_evaluate(int32_t setpoint, uint16_t output_permille, uint32_t now_ms)
{
    uint8_t i;

    for (i = 0; i < ALARM_COUNT; i++) {
        const alarm_cfg_t *a = &s_cfg[i];
        uint16_t bit = (uint16_t)(1u << i);
        bool was_active = (s_active & bit) != 0;
        int32_t pv = sensors_value(a->channel);
        bool cond;

        if (a->type == ALM_NONE) {
            continue;
        } else if (a->type == ALM_SENSOR_FAULT) {
            cond = sensors_status(a->channel) != SENS_OK;
        } else if (a->type == ALM_LOOP_BREAK) {
            cond = loop_break(pv, output_permille, now_ms);
        } else {
            cond = (sensors_status(a->channel) == SENS_OK) &&
                   condition(a, pv, setpoint, was_active);
        }

        if (cond && !was_active) {
            if (s_pending_since[i] == 0) {
                s_pending_since[i] = now_ms | 1u;   /* 0 means "not pending" */
            } else if (now_ms - s_pending_since[i] >= (uint32_t)a->delay_s * 1000u) {
                s_active |= bit;
                hw_log("ALM%u tripped: type %u pv=%ld\n", i, a->type, (long)pv);
            }
        } else if (!cond) {
            s_pending_since[i] = 0;
            if (was_active && !a->latching) {
                s_active &= (uint16_t)~bit;
            }
        }
    }
    drive_relays();
}

uint16_t alarms_active_mask(void)
{
    return s_active;
}

/* Acknowledge latched alarms; they only clear if the condition is gone. */
void alarms_acknowledge(uint16_t mask)
{
    uint8_t i;

    for (i = 0; i < ALARM_COUNT; i++) {
        if ((mask & (1u << i)) && s_pending_since[i] == 0) {
            s_active &= (uint16_t)~(1u << i);
        }
    }
    drive_relays();
}
