/*
 * loop.c  --  KA-2000 temperature control loop
 *
 * (c) 2022 Kestrel Automation. All rights reserved.
 *
 * PID algorithm with derivative filter and anti-windup.
 */
#include "loop.h"
#include "hw.h"

/* autotune settings */
#define TUNE_RELAY_AMP   350.0f
#define TUNE_HYST          0.25f
#define TUNE_CYCLES        6
#define TUNE_TIMEOUT_MS    5400000u

static struct
{
  float bias;
  float hi;
  float lo;
  uint32_t last_cross_ms;
  uint32_t start_ms;
  uint32_t period_sum_ms;
  uint8_t cycles;
  bool relay_on;
} at_state;

static float kst_clamp(float v, float lo, float hi)
{
  if (v < lo)
  {
    return lo;
  }
  if (v > hi)
  {
    return hi;
  }
  return v;
}

void kst_loop_init(kst_loop_t *lp, float kp, float ki, float kd, float dt)
{
  lp->dt = dt;
  lp->kp = 0.0f;
  lp->ki = 0.0f;
  lp->kd = 0.0f;
  kst_loop_tune(lp, kp, ki, kd);
  lp->sp = 0.0f;
  lp->man_out = 0.0f;
  lp->mode = KST_MODE_MANUAL;
  kst_loop_clear(lp);
  hw_log("KST loop init dt=%d ms\n", (int)(dt * 1000.0f));
}

void kst_loop_tune(kst_loop_t *lp, float kp, float ki, float kd)
{
  if (kp < 0.0f || ki < 0.0f || kd < 0.0f)
  {
    return;
  }
  lp->kp = kp;
  lp->ki = ki;
  lp->kd = kd;
}

void kst_loop_clear(kst_loop_t *lp)
{
  lp->acc = 0.0f;
  lp->last_pv = 0.0f;
  lp->d_state = 0.0f;
  lp->out = 0.0f;
  lp->sat = false;
}

/* change operating mode (bumpless) */
void kst_loop_mode(kst_loop_t *lp, kst_mode_t mode, float pv)
{
  if (mode == KST_MODE_AUTO && lp->mode == KST_MODE_MANUAL)
  {
    lp->acc = kst_clamp(lp->man_out, KST_OUT_LO, KST_OUT_HI);
    lp->last_pv = pv;
    lp->d_state = 0.0f;
  }
  if (mode == KST_MODE_TUNE)
  {
    at_state.bias = lp->out;
    at_state.hi = pv;
    at_state.lo = pv;
    at_state.start_ms = hw_millis();
    at_state.last_cross_ms = at_state.start_ms;
    at_state.period_sum_ms = 0;
    at_state.cycles = 0;
    at_state.relay_on = true;
  }
  lp->mode = mode;
}

/* run one control step; returns output in 0.1 % */
float kst_loop_step(kst_loop_t *lp, float pv)
{
  float error, pterm, dterm, out;

  if (pv != pv)
  {
    /* NaN from a broken input, hold the last output */
    hw_log("KST: invalid PV, output held\n");
    return lp->out;
  }

  if (lp->mode == KST_MODE_MANUAL)
  {
    lp->out = kst_clamp(lp->man_out, KST_OUT_LO, KST_OUT_HI);
    lp->last_pv = pv;
    return lp->out;
  }

  error = lp->sp - pv;
  pterm = lp->kp * error;

  dterm = -lp->kd * (pv - lp->last_pv) / lp->dt;
  lp->d_state += KST_D_ALPHA * (dterm - lp->d_state);
  lp->last_pv = pv;

  /* anti-windup: integrate only when not saturated (or when unwinding) */
  out = pterm + lp->acc + lp->d_state;
  if (!lp->sat || (out >= KST_OUT_HI && error < 0.0f) || (out <= KST_OUT_LO && error > 0.0f))
  {
    lp->acc += lp->ki * error * lp->dt;
    lp->acc = kst_clamp(lp->acc, KST_OUT_LO, KST_OUT_HI);
  }

  out = pterm + lp->acc + lp->d_state;
  lp->sat = (out >= KST_OUT_HI || out <= KST_OUT_LO);
  lp->out = kst_clamp(out, KST_OUT_LO, KST_OUT_HI);
  return lp->out;
}

/*
 * Autotune using relay feedback. Measures the period and amplitude of the
 * oscilation and computes new gains. Returns true when done (succesfully or not).
 */
bool kst_loop_autotune(kst_loop_t *lp, float pv, uint32_t now_ms)
{
  float amp, ku, tu, relay;

  if (lp->mode != KST_MODE_TUNE)
  {
    return true;
  }
  if (now_ms - at_state.start_ms > TUNE_TIMEOUT_MS)
  {
    hw_log("AT: gave up after %lu ms, process too slow?\n", (unsigned long)(now_ms - at_state.start_ms));
    kst_loop_mode(lp, KST_MODE_MANUAL, pv);
    return true;
  }

  if (pv > at_state.hi)
  {
    at_state.hi = pv;
  }
  if (pv < at_state.lo)
  {
    at_state.lo = pv;
  }

  if (at_state.relay_on && pv > lp->sp + TUNE_HYST)
  {
    at_state.relay_on = false;
  }
  else if (!at_state.relay_on && pv < lp->sp - TUNE_HYST)
  {
    at_state.relay_on = true;
    if (at_state.cycles > 0)
    {
      at_state.period_sum_ms += now_ms - at_state.last_cross_ms;
    }
    at_state.last_cross_ms = now_ms;
    at_state.cycles++;
    hw_log("KST: tune cycle %u\n", at_state.cycles);
  }

  relay = at_state.relay_on ? TUNE_RELAY_AMP : -TUNE_RELAY_AMP;
  lp->out = kst_clamp(at_state.bias + relay, KST_OUT_LO, KST_OUT_HI);

  if (at_state.cycles <= TUNE_CYCLES)
  {
    return false;
  }

  amp = (at_state.hi - at_state.lo) / 2.0f;
  if (amp < 0.01f)
  {
    kst_loop_mode(lp, KST_MODE_MANUAL, pv);
    return true;
  }
  tu = (float)at_state.period_sum_ms / (float)(at_state.cycles - 1) / 1000.0f;
  ku = (4.0f * TUNE_RELAY_AMP) / (3.14159265f * amp);

  kst_loop_tune(lp, 0.33f * ku, 0.66f * ku / tu, 0.11f * ku * tu);
  hw_log("AT: Ku=%d.%02d Tu=%d s\n", (int)ku, (int)(ku * 100.0f) % 100, (int)tu);
  lp->man_out = lp->out;
  lp->mode = KST_MODE_MANUAL;
  kst_loop_mode(lp, KST_MODE_AUTO, pv);
  return true;
}
