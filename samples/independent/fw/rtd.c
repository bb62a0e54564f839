// SPDX-License-Identifier: LicenseRef-Brightwater-Proprietary
/*
 * rtd.c - PT100 and voltage inputs for the BT-40
 *
 * The RTDs are measured ratiometrically against a 400 ohm reference
 * resistor, so the ADC code maps straight to resistance without needing
 * the excitation current. Temperature comes from the IEC 60751
 * Callendar-Van Dusen equation: closed form above 0 degC, a few Newton
 * steps below (where the C coefficient makes it a quartic).
 */
#include <math.h>
#include "rtd.h"

#define R_REF_OHMS	400.0f
#define R0		100.0f
#define CVD_A		3.9083e-3f
#define CVD_B		-5.775e-7f
#define CVD_C		-4.183e-12f

#define RTD_MIN_OHMS	18.0f
#define RTD_MAX_OHMS	390.0f

#define P_FULL_SCALE_BAR	16.0f
#define ADC_CODES		65535.0f

static struct meas_channel chan[BW_IN_COUNT];
static float period_s;

float pt100_resistance(float t)
{
	float r = 1.0f + CVD_A * t + CVD_B * t * t;

	if (t < 0.0f)
		r += CVD_C * (t - 100.0f) * t * t * t;
	return R0 * r;
}

float pt100_temperature(float ohms)
{
	float ratio = ohms / R0;
	float t;
	int i;

	if (ratio >= 1.0f) {
		/* quadratic, take the physically meaningful root */
		return (-CVD_A + sqrtf(CVD_A * CVD_A - 4.0f * CVD_B * (1.0f - ratio)))
			/ (2.0f * CVD_B);
	}

	/* below zero: start from the linear estimate and refine */
	t = (ratio - 1.0f) / CVD_A;
	for (i = 0; i < 4; i++) {
		float f = pt100_resistance(t) - ohms;
		float df = R0 * (CVD_A + 2.0f * CVD_B * t +
				 CVD_C * (4.0f * t * t * t - 300.0f * t * t));
		t -= f / df;
	}
	return t;
}

static float iir(struct meas_channel *m, float x)
{
	float k;

	if (!m->seeded || m->tau_s <= 0.0f) {
		m->seeded = true;
		return x;
	}
	k = period_s / (m->tau_s + period_s);
	return m->value + k * (x - m->value);
}

static void update_rtd(struct meas_channel *m, int32_t code)
{
	float ohms;

	if (code < 0) {
		m->q = MQ_BROKEN;
		return;
	}
	ohms = R_REF_OHMS * (float)code / ADC_CODES;
	if (ohms < RTD_MIN_OHMS) {
		m->q = MQ_SHORT;
		return;
	}
	if (ohms > RTD_MAX_OHMS) {
		m->q = MQ_BROKEN;
		return;
	}
	m->raw_value = pt100_temperature(ohms) * m->trim_span + m->trim_offset;
	m->value = iir(m, m->raw_value);
	m->q = MQ_GOOD;
}

static void update_pressure(struct meas_channel *m, int32_t code)
{
	if (code < 0) {
		m->q = MQ_BROKEN;
		return;
	}
	m->q = (code < 16 || code > 65519) ? MQ_CLIPPED : MQ_GOOD;
	m->raw_value = P_FULL_SCALE_BAR * (float)code / ADC_CODES;
	m->raw_value = m->raw_value * m->trim_span + m->trim_offset;
	m->value = iir(m, m->raw_value);
}

void meas_init(float sample_period_s)
{
	int i;

	period_s = sample_period_s;
	for (i = 0; i < BW_IN_COUNT; i++) {
		chan[i].value = 0.0f;
		chan[i].raw_value = 0.0f;
		chan[i].tau_s = (i == BW_IN_PRESSURE) ? 0.5f : 2.0f;
		chan[i].trim_offset = 0.0f;
		chan[i].trim_span = 1.0f;
		chan[i].q = MQ_BROKEN;
		chan[i].seeded = false;
	}
}

void meas_update_all(void)
{
	update_rtd(&chan[BW_IN_RTD1], board_adc_sample(BW_IN_RTD1));
	update_rtd(&chan[BW_IN_RTD2], board_adc_sample(BW_IN_RTD2));
	update_pressure(&chan[BW_IN_PRESSURE], board_adc_sample(BW_IN_PRESSURE));
}

const struct meas_channel *meas_get(enum bw_input in)
{
	return &chan[in < BW_IN_COUNT ? in : BW_IN_RTD1];
}

void meas_set_trim(enum bw_input in, float offset, float span)
{
	if (in >= BW_IN_COUNT || span < 0.9f || span > 1.1f)
		return;
	chan[in].trim_offset = offset;
	chan[in].trim_span = span;
}

void meas_set_filter(enum bw_input in, float tau_s)
{
	if (in < BW_IN_COUNT && tau_s >= 0.0f && tau_s <= 60.0f)
		chan[in].tau_s = tau_s;
}
