/* SPDX-License-Identifier: LicenseRef-Brightwater-Proprietary */
/*
 * Brightwater BT-40 measurement inputs: two PT100 RTDs (3-wire) and one
 * 0-10 V pressure transmitter.
 */
#ifndef BW_RTD_H
#define BW_RTD_H

#include <stdbool.h>
#include "board.h"

enum meas_quality {
	MQ_GOOD = 0,
	MQ_SHORT,		/* RTD resistance below 18 ohm */
	MQ_BROKEN,		/* RTD resistance above 390 ohm or ADC fault */
	MQ_CLIPPED		/* pressure input at either rail */
};

struct meas_channel {
	float value;		/* degC or bar, filtered */
	float raw_value;	/* last unfiltered value */
	float tau_s;		/* first order filter time constant */
	float trim_offset;
	float trim_span;	/* multiplier, 1.0 = none */
	enum meas_quality q;
	bool seeded;
};

void meas_init(float sample_period_s);
void meas_update_all(void);
const struct meas_channel *meas_get(enum bw_input in);
void meas_set_trim(enum bw_input in, float offset, float span);
void meas_set_filter(enum bw_input in, float tau_s);

/* exposed for the unit tests */
float pt100_temperature(float ohms);
float pt100_resistance(float deg_c);

#endif /* BW_RTD_H */
