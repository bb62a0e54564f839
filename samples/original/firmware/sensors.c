/*
 * sensors.c - thermocouple and pressure transmitter inputs
 *
 * Copyright (c) 2016-2021 Norvale Instruments Ltd. All rights reserved.
 * Proprietary and confidential.
 *
 * Channels are configured as either type K thermocouples (through the
 * on-board PGA at gain 32) or 4-20 mA transmitters across a 100R shunt.
 * All values are kept as 32-bit integers in 0.1 engineering units; the
 * firmware has no FPU-free float path for this on the older board revs.
 */
#include "sensors.h"
#include "hw.h"

#define ADC_FULL_SCALE      8388608L    /* 2^23 */
#define TC_FS_UV            78125L      /* 2.5 V / gain 32, microvolts */
#define MA_FS_UA            25000L      /* 2.5 V / 100R, microamps */
#define ADC_OPEN_THRESHOLD  0x7FFF00L   /* burnout current pulls to the rail */
#define MA_UNDER_UA         3600L       /* NAMUR NE43 limits */
#define MA_OVER_UA          21000L

/*
 * Type K reference table: EMF in microvolts at every 100 degC from -200 to
 * +1300 degC. Between points we interpolate linearly, which is good to about
 * +/-0.6 degC -- inside the accuracy class printed on the data sheet.
 */
static const int32_t tc_k_uv[] = {
    -5891, -3554,     0,  4096,  8138, 12209, 16397, 20644,
    24905, 29129, 33275, 37326, 41276, 45119, 48838, 52410
};
#define TC_K_POINTS   ((int32_t)(sizeof(tc_k_uv) / sizeof(tc_k_uv[0])))
#define TC_K_T0       (-2000)   /* 0.1 degC */
#define TC_K_STEP     1000      /* 0.1 degC */

typedef struct {
    int32_t buf[SENS_FILTER_LEN];
    int32_t sum;
    uint8_t idx;
    uint8_t count;
} mavg_t;

static mavg_t          s_filt[NV_NUM_CHANNELS];
static sensor_cal_t    s_cal[NV_NUM_CHANNELS];
static int32_t         s_value[NV_NUM_CHANNELS];
static sensor_status_t s_status[NV_NUM_CHANNELS];

/* Linear interpolation in the type K table: microvolts -> 0.1 degC. */
static int32_t tc_uv_to_temp(int32_t uv, sensor_status_t *st)
{
    int32_t i;

    if (uv < tc_k_uv[0] || uv > tc_k_uv[TC_K_POINTS - 1]) {
        *st = SENS_OVER_RANGE;
        return 0;
    }
    for (i = 1; i < TC_K_POINTS - 1; i++) {
        if (uv < tc_k_uv[i]) {
            break;
        }
    }
    *st = SENS_OK;
    return TC_K_T0 + (i - 1) * TC_K_STEP +
           ((uv - tc_k_uv[i - 1]) * TC_K_STEP) / (tc_k_uv[i] - tc_k_uv[i - 1]);
}

/* Inverse of the above, used for cold junction compensation. */
static int32_t tc_temp_to_uv(int32_t t)
{
    int32_t i = (t - TC_K_T0) / TC_K_STEP;

    if (i < 0) {
        i = 0;
    }
    if (i > TC_K_POINTS - 2) {
        i = TC_K_POINTS - 2;
    }
    return tc_k_uv[i] + ((t - (TC_K_T0 + i * TC_K_STEP)) *
                         (tc_k_uv[i + 1] - tc_k_uv[i])) / TC_K_STEP;
}

static int32_t mavg_push(mavg_t *f, int32_t x)
{
    f->sum -= f->buf[f->idx];
    f->buf[f->idx] = x;
    f->sum += x;
    f->idx = (uint8_t)((f->idx + 1) % SENS_FILTER_LEN);
    if (f->count < SENS_FILTER_LEN) {
        f->count++;
    }
    return f->sum / f->count;
}

static void mavg_clear(mavg_t *f)
{
    uint8_t i;

    for (i = 0; i < SENS_FILTER_LEN; i++) {
        f->buf[i] = 0;
    }
    f->sum = 0;
    f->idx = 0;
    f->count = 0;
}

void sensors_init(void)
{
    uint8_t ch;

    for (ch = 0; ch < NV_NUM_CHANNELS; ch++) {
        mavg_clear(&s_filt[ch]);
        s_cal[ch].type = (ch < 2) ? SENS_TYPE_TC_K : SENS_TYPE_MA_4_20;
        s_cal[ch].offset = 0;
        s_cal[ch].gain_ppm = 1000000;
        s_cal[ch].range_lo = 0;
        s_cal[ch].range_hi = 1000;
        s_value[ch] = 0;
        s_status[ch] = SENS_DISABLED;
    }
}

void sensors_set_cal(uint8_t ch, const sensor_cal_t *cal)
{
    if (ch >= NV_NUM_CHANNELS) {
        return;
    }
    if (cal->type != s_cal[ch].type) {
        mavg_clear(&s_filt[ch]);
    }
    s_cal[ch] = *cal;
}

const sensor_cal_t *sensors_get_cal(uint8_t ch)
{
    return (ch < NV_NUM_CHANNELS) ? &s_cal[ch] : 0;
}

/*
 * Take one reading from a channel, linearise, calibrate and filter it.
 * Called once per control loop for every enabled channel.
 */
sensor_status_t sensors_sample(uint8_t ch)
{
    const sensor_cal_t *cal = &s_cal[ch];
    sensor_status_t st = SENS_OK;
    int32_t raw, eng;

    if (cal->type == SENS_TYPE_OFF) {
        s_status[ch] = SENS_DISABLED;
        return SENS_DISABLED;
    }

    raw = hw_adc_read(ch);

    if (cal->type == SENS_TYPE_TC_K) {
        if (raw >= ADC_OPEN_THRESHOLD) {
            if (s_status[ch] != SENS_OPEN) {
                hw_log("TC%u open circuit - is the probe plugged in?\n", ch);
            }
            s_status[ch] = SENS_OPEN;
            mavg_clear(&s_filt[ch]);
            return SENS_OPEN;
        }
        int32_t uv = (int32_t)(((int64_t)raw * TC_FS_UV) / ADC_FULL_SCALE);
        uv += tc_temp_to_uv(hw_adc_read_cjc());
        eng = tc_uv_to_temp(uv, &st);
    } else {
        int32_t ua = (int32_t)(((int64_t)raw * MA_FS_UA) / ADC_FULL_SCALE);
        if (ua < MA_UNDER_UA) {
            st = SENS_UNDER_RANGE;
        } else if (ua > MA_OVER_UA) {
            st = SENS_OVER_RANGE;
        }
        eng = cal->range_lo + ((ua - 4000) * (cal->range_hi - cal->range_lo)) / 16000;
    }

    eng = (int32_t)(((int64_t)eng * cal->gain_ppm) / 1000000) + cal->offset;
    s_value[ch] = mavg_push(&s_filt[ch], eng);
    s_status[ch] = st;
    return st;
}

int32_t sensors_value(uint8_t ch)
{
    return (ch < NV_NUM_CHANNELS) ? s_value[ch] : 0;
}

sensor_status_t sensors_status(uint8_t ch)
{
    return (ch < NV_NUM_CHANNELS) ? s_status[ch] : SENS_DISABLED;
}
