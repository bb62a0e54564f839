/*
 * sensors.h - analogue input channels (thermocouple / 4-20 mA)
 *
 * Copyright (c) 2016-2021 Norvale Instruments Ltd. All rights reserved.
 * Proprietary and confidential.
 */
#ifndef NORVALE_SENSORS_H
#define NORVALE_SENSORS_H

#include <stdint.h>

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

#endif /* NORVALE_SENSORS_H */
