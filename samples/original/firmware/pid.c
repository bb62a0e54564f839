/*
 * pid.c - PID controller for the NPC-200
 *
 * Copyright (c) 2016-2021 Norvale Instruments Ltd. All rights reserved.
 * Proprietary and confidential.
 *
 * Derivative-on-measurement with a first order filter, conditional
 * integration anti-windup and bumpless manual->auto transfer.
 * Original author: R. Halloran
 */
#include "pid.h"
#include "hw.h"

/* Relay autotune parameters (Astrom-Hagglund method). */
#define AT_RELAY_AMPLITUDE   350.0f     /* per mille around the bias */
#define AT_HYSTERESIS          0.25f    /* degC */
#define AT_MAX_CYCLES          6
#define AT_TIMEOUT_MS          5400000u /* 90 minutes */

static struct {
    float    bias;
    float    peak_hi;
    float    peak_lo;
    uint32_t last_cross_ms;
    uint32_t start_ms;
    uint32_t period_sum_ms;
    uint8_t  cycles;
    bool     relay_high;
} s_at;

static float clampf(float v, float lo, float hi)
{
    if (v < lo) {
        return lo;
    }
    if (v > hi) {
        return hi;
    }
    return v;
}

void pid_init(pid_ctrl_t *pid, float kp, float ki, float kd, float dt)
{
    pid->dt = dt;
    pid->kp = 0.0f;
    pid->ki = 0.0f;
    pid->kd = 0.0f;
    pid_set_tunings(pid, kp, ki, kd);
    pid->setpoint = 0.0f;
    pid->manual_output = 0.0f;
    pid->mode = PID_MODE_MANUAL;
    pid_reset(pid);
}

void pid_set_tunings(pid_ctrl_t *pid, float kp, float ki, float kd)
{
    /* negative gains make no sense for a heater; silently ignore them */
    if (kp < 0.0f || ki < 0.0f || kd < 0.0f) {
        return;
    }
    pid->kp = kp;
    pid->ki = ki;
    pid->kd = kd;
}

void pid_reset(pid_ctrl_t *pid)
{
    pid->integral = 0.0f;
    pid->prev_meas = 0.0f;
    pid->deriv_filt = 0.0f;
    pid->output = 0.0f;
    pid->saturated = false;
}

/*
 * Switch mode. Going from manual to auto we preload the integral term with
 * the current manual output so the actuator does not jump (bumpless transfer).
 */
void pid_set_mode(pid_ctrl_t *pid, pid_mode_t mode, float meas)
{
    if (mode == PID_MODE_AUTO && pid->mode == PID_MODE_MANUAL) {
        pid->integral = clampf(pid->manual_output, PID_OUT_MIN, PID_OUT_MAX);
        pid->prev_meas = meas;
        pid->deriv_filt = 0.0f;
    }
    if (mode == PID_MODE_TUNE) {
        s_at.bias = pid->output;
        s_at.peak_hi = meas;
        s_at.peak_lo = meas;
        s_at.start_ms = hw_millis();
        s_at.last_cross_ms = s_at.start_ms;
        s_at.period_sum_ms = 0;
        s_at.cycles = 0;
        s_at.relay_high = true;
    }
    pid->mode = mode;
}

/*
 * One step of the controller. Must be called every pid->dt seconds.
 * Returns the new output in per mille.
 */
float pid_update(pid_ctrl_t *pid, float meas)
{
    float error, pterm, dterm, out;

    if (pid->mode == PID_MODE_MANUAL) {
        pid->output = clampf(pid->manual_output, PID_OUT_MIN, PID_OUT_MAX);
        pid->prev_meas = meas;
        return pid->output;
    }

    error = pid->setpoint - meas;
    pterm = pid->kp * error;

    /* derivative on measurement, so setpoint steps do not kick the output */
    dterm = -pid->kd * (meas - pid->prev_meas) / pid->dt;
    pid->deriv_filt += PID_DFILT_ALPHA * (dterm - pid->deriv_filt);
    pid->prev_meas = meas;

    /*
     * Conditional integration: only accumulate while the output is not
     * saturated, or when the error would drive it back out of saturation.
     * Otherwise the integral winds up during long heat-up ramps and we get
     * a 20 degree overshoot (see field report FR-0419).
     */
    out = pterm + pid->integral + pid->deriv_filt;
    if (!pid->saturated ||
        (out >= PID_OUT_MAX && error < 0.0f) ||
        (out <= PID_OUT_MIN && error > 0.0f)) {
        pid->integral += pid->ki * error * pid->dt;
        pid->integral = clampf(pid->integral, PID_OUT_MIN, PID_OUT_MAX);
    }

    out = pterm + pid->integral + pid->deriv_filt;
    pid->saturated = (out >= PID_OUT_MAX || out <= PID_OUT_MIN);
    pid->output = clampf(out, PID_OUT_MIN, PID_OUT_MAX);
    return pid->output;
}

/*
 * Relay autotune. Drives the output between bias +/- AT_RELAY_AMPLITUDE and
 * measures the period and amplitude of the resulting oscilation. After
 * AT_MAX_CYCLES full cycles the Ziegler-Nichols "some overshoot" rule is
 * applied. Returns true when finished (succesfully or not).
 */
bool pid_autotune_step(pid_ctrl_t *pid, float meas, uint32_t now_ms)
{
    float amp, ku, tu, relay;

    if (pid->mode != PID_MODE_TUNE) {
        return true;
    }
    if (now_ms - s_at.start_ms > AT_TIMEOUT_MS) {
        hw_log("AT: gave up after %lu ms, process too slow?\n",
               (unsigned long)(now_ms - s_at.start_ms));
        pid_set_mode(pid, PID_MODE_MANUAL, meas);
        return true;
    }

    if (meas > s_at.peak_hi) {
        s_at.peak_hi = meas;
    }
    if (meas < s_at.peak_lo) {
        s_at.peak_lo = meas;
    }

    if (s_at.relay_high && meas > pid->setpoint + AT_HYSTERESIS) {
        s_at.relay_high = false;
    } else if (!s_at.relay_high && meas < pid->setpoint - AT_HYSTERESIS) {
        /* relay switching back on = one full cycle completed */
        s_at.relay_high = true;
        if (s_at.cycles > 0) {
            s_at.period_sum_ms += now_ms - s_at.last_cross_ms;
        }
        s_at.last_cross_ms = now_ms;
        s_at.cycles++;
    }

    relay = s_at.relay_high ? AT_RELAY_AMPLITUDE : -AT_RELAY_AMPLITUDE;
    pid->output = clampf(s_at.bias + relay, PID_OUT_MIN, PID_OUT_MAX);

    if (s_at.cycles <= AT_MAX_CYCLES) {
        return false;
    }

    amp = (s_at.peak_hi - s_at.peak_lo) / 2.0f;
    if (amp < 0.01f) {
        pid_set_mode(pid, PID_MODE_MANUAL, meas);
        return true;
    }
    tu = (float)s_at.period_sum_ms / (float)(s_at.cycles - 1) / 1000.0f;
    ku = (4.0f * AT_RELAY_AMPLITUDE) / (3.14159265f * amp);

    /* "some overshoot" rule, gentler than classic Z-N */
    pid_set_tunings(pid, 0.33f * ku, 0.66f * ku / tu, 0.11f * ku * tu);
    hw_log("AT: Ku=%d.%02d Tu=%d s\n", (int)ku, (int)(ku * 100.0f) % 100, (int)tu);
    pid->manual_output = pid->output;
    pid->mode = PID_MODE_MANUAL;
    pid_set_mode(pid, PID_MODE_AUTO, meas);
    return true;
}
