/*
 * sensing.h - KA-2000 inputs and alarms
 *
 * (c) 2022 Kestrel Automation. All rights reserved.
 */
#ifndef KST_SENSING_H
#define KST_SENSING_H

#include <stdint.h>
#include <stdbool.h>

/* ------------------------------------------------------------------ */
/* inputs                                                             */
/* ------------------------------------------------------------------ */

/* Length of the moving-average filter, in samples (12 x 125 ms = 1.5 s). */
#define SENS_FILTER_LEN   12

typedef enum {
    SENS_TYPE_TC_K    = 0,
    SENS_TYPE_MA_4_20 = 1,
    SENS_TYPE_OFF     = 2
} sensor_type_t;

typedef enum {
    SENS_OK          = 0,
    SENS_OPEN        = 1,   /* thermocouple burnout */
    SENS_UNDER_RANGE = 2,   /* < 3.6 mA (NE43) */
    SENS_OVER_RANGE  = 3,   /* > 21.0 mA or beyond table */
    SENS_DISABLED    = 4
} sensor_status_t;

typedef struct {
    sensor_type_t type;
    int32_t offset;         /* 0.1 engineering units */
    int32_t gain_ppm;       /* 1000000 = unity */
    int32_t range_lo;       /* 4 mA point, 0.1 units */
    int32_t range_hi;       /* 20 mA point, 0.1 units */
} sensor_cal_t;

void            sensors_init(void);
void            sensors_set_cal(uint8_t ch, const sensor_cal_t *cal);
const sensor_cal_t *sensors_get_cal(uint8_t ch);
sensor_status_t sensors_sample(uint8_t ch);
int32_t         sensors_value(uint8_t ch);
sensor_status_t sensors_status(uint8_t ch);

/* ------------------------------------------------------------------ */
/* alarms                                                             */
/* ------------------------------------------------------------------ */

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

#endif
