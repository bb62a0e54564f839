/*
 * sensing.c - KA-2000 analogue inputs and process alarms
 *
 * (c) 2022 Kestrel Automation. All rights reserved.
 */
#include "sensing.h"
#include "hw.h"

#define ADC_FULL_SCALE      8388608L    /* 2^23 */
#define TC_FS_UV            78125L      /* 2.5 V / gain 32, microvolts */
#define MA_FS_UA            25000L      /* 2.5 V / 100R, microamps */
#define ADC_OPEN_THRESHOLD  0x7FFF00L   /* burnout current pulls to the rail */
#define MA_UNDER_UA         3600L       /* NAMUR NE43 limits */
#define MA_OVER_UA          21000L

/* Type K table, uV per 100 degC step (-200..1300 degC) */
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
} avg_t;

static avg_t           flt[NV_NUM_CHANNELS];
static sensor_cal_t    s_cal[NV_NUM_CHANNELS];
static int32_t         s_value[NV_NUM_CHANNELS];
static sensor_status_t s_status[NV_NUM_CHANNELS];

static int32_t tck_uv2t(int32_t uv, sensor_status_t *st)
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

/* temperature -> uV, for the cold junction */
static int32_t tck_t2uv(int32_t t)
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

static int32_t avg_push(avg_t *f, int32_t x)
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

static void avg_reset(avg_t *f)
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
        avg_reset(&flt[ch]);
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
        avg_reset(&flt[ch]);
    }
    s_cal[ch] = *cal;
}

const sensor_cal_t *sensors_get_cal(uint8_t ch)
{
    return (ch < NV_NUM_CHANNELS) ? &s_cal[ch] : 0;
}

/* read + linearise + calibrate + filter one channel */
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
            avg_reset(&flt[ch]);
            return SENS_OPEN;
        }
        int32_t uv = (int32_t)(((int64_t)raw * TC_FS_UV) / ADC_FULL_SCALE);
        uv += tck_t2uv(hw_adc_read_cjc());
        eng = tck_uv2t(uv, &st);
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
    s_value[ch] = avg_push(&flt[ch], eng);
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

/* ================================================================== */
/* alarms                                                             */
/* ================================================================== */

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
                hw_buzzer(true);
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
