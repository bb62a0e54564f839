// SPDX-License-Identifier: LicenseRef-Brightwater-Proprietary
/*
 * ctl_pid.c - velocity form PID, Q16.16
 *
 *   du(k) = K * [ (e(k) - e(k-1))
 *               + Ts/Ti * e(k)
 *               - Td/Ts * (pv(k) - 2 pv(k-1) + pv(k-2)) ]
 *   u(k)  = clamp(u(k-1) + clamp(du(k), +-max_step), lo, hi)
 *
 * The derivative acts on the process variable only. Because the
 * controller stores u(k-1) rather than an integral sum, a clamped output
 * simply stops moving and recovers on the first sample where the error
 * changes sign.
 */
#include "ctl_pid.h"

static q16_t qmul(q16_t a, q16_t b)
{
	return (q16_t)(((int64_t)a * b) >> 16);
}

static q16_t qdiv(q16_t a, q16_t b)
{
	if (b == 0)
		return 0;
	return (q16_t)(((int64_t)a << 16) / b);
}

static q16_t qclamp(q16_t v, q16_t lo, q16_t hi)
{
	return v < lo ? lo : (v > hi ? hi : v);
}

void ctl_pid_setup(struct ctl_pid *c, const struct ctl_gains *g, q16_t ts)
{
	c->g = *g;
	c->ts = ts;
	c->out = 0;
	c->out_lo = 0;
	c->out_hi = Q16(100.0);
	c->max_step = Q16(100.0);
	c->e1 = 0;
	c->pv1 = 0;
	c->pv2 = 0;
	c->primed = 0;
}

void ctl_pid_limits(struct ctl_pid *c, q16_t lo, q16_t hi, q16_t max_step)
{
	if (lo > hi)
		return;
	c->out_lo = lo;
	c->out_hi = hi;
	c->max_step = max_step > 0 ? max_step : Q16(100.0);
	c->out = qclamp(c->out, lo, hi);
}

/* Used while in hand mode so that switching to auto starts from here. */
void ctl_pid_track(struct ctl_pid *c, q16_t out_now, q16_t pv)
{
	c->out = qclamp(out_now, c->out_lo, c->out_hi);
	c->pv1 = pv;
	c->pv2 = pv;
	c->primed = 0;
}

q16_t ctl_pid_run(struct ctl_pid *c, q16_t sp, q16_t pv)
{
	q16_t e = sp - pv;
	q16_t dp, di = 0, dd = 0, du;

	if (!c->primed) {
		/* first sample after start or tracking: no history yet */
		c->e1 = e;
		c->pv1 = pv;
		c->pv2 = pv;
		c->primed = 1;
		return c->out;
	}

	dp = e - c->e1;
	if (c->g.reset_s > 0)
		di = qmul(qdiv(c->ts, c->g.reset_s), e);
	if (c->g.rate_s > 0)
		dd = -qmul(qdiv(c->g.rate_s, c->ts), pv - 2 * c->pv1 + c->pv2);

	du = qmul(c->g.gain, dp + di + dd);
	du = qclamp(du, -c->max_step, c->max_step);
	c->out = qclamp(c->out + du, c->out_lo, c->out_hi);

	c->e1 = e;
	c->pv2 = c->pv1;
	c->pv1 = pv;
	return c->out;
}
