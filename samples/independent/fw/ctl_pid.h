/* SPDX-License-Identifier: LicenseRef-Brightwater-Proprietary */
/*
 * Incremental (velocity form) PI-D controller in Q16.16 fixed point.
 *
 * The velocity form computes the *change* of the output each sample, so the
 * output clamp is the only state that needs limiting: there is no separate
 * integrator that can wind up.
 */
#ifndef BW_CTL_PID_H
#define BW_CTL_PID_H

#include <stdint.h>

typedef int32_t q16_t;

#define Q16_ONE			((q16_t)65536)
#define Q16(x)			((q16_t)((x) * 65536.0 + ((x) >= 0 ? 0.5 : -0.5)))

struct ctl_gains {
	q16_t gain;		/* proportional band as a gain, %/degC */
	q16_t reset_s;		/* integral time, seconds (0 = off) */
	q16_t rate_s;		/* derivative time, seconds */
};

struct ctl_pid {
	struct ctl_gains g;
	q16_t ts;		/* sample time, seconds */
	q16_t out;		/* 0 .. 100 % */
	q16_t out_lo, out_hi;
	q16_t max_step;		/* output slew limit per sample, % */
	q16_t e1, pv1, pv2;	/* history */
	int primed;
};

void ctl_pid_setup(struct ctl_pid *c, const struct ctl_gains *g, q16_t ts);
void ctl_pid_limits(struct ctl_pid *c, q16_t lo, q16_t hi, q16_t max_step);
void ctl_pid_track(struct ctl_pid *c, q16_t out_now, q16_t pv);
q16_t ctl_pid_run(struct ctl_pid *c, q16_t sp, q16_t pv);

#endif /* BW_CTL_PID_H */
