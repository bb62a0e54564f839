// SPDX-License-Identifier: LicenseRef-Brightwater-Proprietary
/*
 * app.c - BT-40 application: task scheduler, parameters, register table.
 *
 * Tasks run cooperatively from a table; each has a period in ms. Nothing
 * blocks, so the longest task (the Modbus decoder) bounds the jitter.
 *
 * RTD1 is the control sensor. RTD2 is the independent over-temperature
 * limit sensor: if it exceeds the cutout temperature the cutout relay
 * opens and stays open until reset over Modbus with RTD2 back below it.
 */
#include <string.h>
#include "board.h"
#include "ctl_pid.h"
#include "rtd.h"
#include "mbslave.h"

#define CONTROL_PERIOD_MS	200
#define SSR_CYCLE_MS		2000
#define PARAM_MAGIC		0x4257	/* "BW" */

struct task {
	void (*fn)(void);
	uint32_t period_ms;
	uint32_t due;
};

struct params {
	uint16_t magic;
	uint16_t unit;
	int16_t sp_x10;
	int16_t cutout_x10;
	uint16_t gain_x100;
	uint16_t reset_s;
	uint16_t rate_s;
	uint16_t hand_pct_x100;
	uint16_t auto_mode;
	uint16_t sum;
};

static struct params par;
static struct ctl_pid pid;
static uint16_t heat_x100;
static bool cutout;
static uint16_t status_bits;

enum { ST_AUTO = 1, ST_CUTOUT = 2, ST_SENSOR = 4, ST_HI_DEV = 8, ST_LO_DEV = 16 };

static uint16_t param_sum(const struct params *p)
{
	const uint16_t *w = (const uint16_t *)p;
	uint16_t s = 0;
	size_t i;

	for (i = 0; i < offsetof(struct params, sum) / 2; i++)
		s = (uint16_t)((s << 1 | s >> 15) ^ w[i]);	/* rotate-xor */
	return s;
}

static void param_defaults(void)
{
	memset(&par, 0, sizeof(par));
	par.magic = PARAM_MAGIC;
	par.unit = 1;
	par.sp_x10 = 600;
	par.cutout_x10 = 2500;
	par.gain_x100 = 400;
	par.reset_s = 240;
	par.rate_s = 30;
}

static void apply_gains(void)
{
	struct ctl_gains g;

	g.gain = (q16_t)(((int32_t)par.gain_x100 << 16) / 100);
	g.reset_s = (q16_t)par.reset_s << 16;
	g.rate_s = (q16_t)par.rate_s << 16;
	ctl_pid_setup(&pid, &g, Q16(CONTROL_PERIOD_MS / 1000.0));
	ctl_pid_limits(&pid, 0, Q16(100.0), Q16(5.0));
}

static void control_task(void)
{
	const struct meas_channel *pv = meas_get(BW_IN_RTD1);
	const struct meas_channel *lim = meas_get(BW_IN_RTD2);
	q16_t pvq, spq;

	meas_update_all();
	pvq = (q16_t)(pv->value * 65536.0f);
	spq = ((q16_t)par.sp_x10 << 16) / 10;

	if (lim->q != MQ_GOOD || lim->value * 10.0f > (float)par.cutout_x10)
		cutout = true;
	board_cutout_relay(cutout);

	status_bits = 0;
	if (pv->q != MQ_GOOD) {
		status_bits |= ST_SENSOR;
		heat_x100 = 0;
		ctl_pid_track(&pid, 0, pvq);
	} else if (!par.auto_mode) {
		heat_x100 = par.hand_pct_x100;
		ctl_pid_track(&pid, ((q16_t)heat_x100 << 16) / 100, pvq);
	} else {
		status_bits |= ST_AUTO;
		heat_x100 = (uint16_t)(((int64_t)ctl_pid_run(&pid, spq, pvq) * 100) >> 16);
	}
	if (pv->value * 10.0f > par.sp_x10 + 100)
		status_bits |= ST_HI_DEV;
	if (pv->value * 10.0f < par.sp_x10 - 100)
		status_bits |= ST_LO_DEV;
	if (cutout) {
		status_bits |= ST_CUTOUT;
		heat_x100 = 0;
	}
}

/* time proportioning: SSR on for heat% of each 2 s cycle */
static void ssr_task(void)
{
	uint32_t phase = board_ticks_ms() % SSR_CYCLE_MS;

	board_heater_set(phase * 10000u / SSR_CYCLE_MS < heat_x100 ? 10000 : 0);
}

static void led_task(void)
{
	static bool on;

	on = !on;
	board_status_led(on || cutout);
}

/* ---- register accessors ---- */
static uint16_t r_model(void) { return BW_MODEL_CODE; }
static uint16_t r_version(void) { return BW_SW_VERSION; }
static uint16_t r_pv1(void) { return (uint16_t)(int16_t)(meas_get(BW_IN_RTD1)->value * 10.0f); }
static uint16_t r_pv2(void) { return (uint16_t)(int16_t)(meas_get(BW_IN_RTD2)->value * 10.0f); }
static uint16_t r_press(void) { return (uint16_t)(meas_get(BW_IN_PRESSURE)->value * 100.0f); }
static uint16_t r_heat(void) { return heat_x100; }
static uint16_t r_status(void) { return status_bits; }
static uint16_t r_sp(void) { return (uint16_t)par.sp_x10; }
static void w_sp(uint16_t v) { par.sp_x10 = (int16_t)v; }
static uint16_t r_cut(void) { return (uint16_t)par.cutout_x10; }
static void w_cut(uint16_t v) { par.cutout_x10 = (int16_t)v; }
static uint16_t r_gain(void) { return par.gain_x100; }
static void w_gain(uint16_t v) { par.gain_x100 = v; apply_gains(); }
static uint16_t r_reset(void) { return par.reset_s; }
static void w_reset(uint16_t v) { par.reset_s = v; apply_gains(); }
static uint16_t r_rate(void) { return par.rate_s; }
static void w_rate(uint16_t v) { par.rate_s = v; apply_gains(); }
static uint16_t r_hand(void) { return par.hand_pct_x100; }
static void w_hand(uint16_t v) { par.hand_pct_x100 = v; }
static uint16_t r_auto(void) { return par.auto_mode; }
static void w_auto(uint16_t v) { par.auto_mode = v; }
static uint16_t r_zero(void) { return 0; }
static void w_cutout_reset(uint16_t v)
{
	if (v == 1 && meas_get(BW_IN_RTD2)->value * 10.0f < par.cutout_x10)
		cutout = false;
}
static void w_store(uint16_t v)
{
	if (v == 1) {
		par.sum = param_sum(&par);
		board_param_store((const uint8_t *)&par, sizeof(par));
	}
}

static const struct mbs_reg reg_table[] = {
	{ 1000, MBS_RO, 0, 0, r_model, NULL },
	{ 1001, MBS_RO, 0, 0, r_version, NULL },
	{ 1010, MBS_RO, 0, 0, r_pv1, NULL },
	{ 1011, MBS_RO, 0, 0, r_pv2, NULL },
	{ 1012, MBS_RO, 0, 0, r_press, NULL },
	{ 1013, MBS_RO, 0, 0, r_heat, NULL },
	{ 1014, MBS_RO, 0, 0, r_status, NULL },
	{ 2000, MBS_SIGNED, -500, 4000, r_sp, w_sp },
	{ 2001, MBS_SIGNED, 0, 4500, r_cut, w_cut },
	{ 2002, 0, 1, 50000, r_gain, w_gain },
	{ 2003, 0, 0, 7200, r_reset, w_reset },
	{ 2004, 0, 0, 1200, r_rate, w_rate },
	{ 2005, 0, 0, 10000, r_hand, w_hand },
	{ 2006, 0, 0, 1, r_auto, w_auto },
	{ 2100, 0, 0, 1, r_zero, w_cutout_reset },
	{ 2101, 0, 0, 1, r_zero, w_store },
};

static struct task tasks[] = {
	{ mbs_task, 1, 0 },
	{ ssr_task, 20, 0 },
	{ control_task, CONTROL_PERIOD_MS, 0 },
	{ led_task, 500, 0 },
};

int main(void)
{
	struct mbs_config mc;
	size_t i;

	if (!board_param_load((uint8_t *)&par, sizeof(par)) ||
	    par.magic != PARAM_MAGIC || par.sum != param_sum(&par))
		param_defaults();

	meas_init(CONTROL_PERIOD_MS / 1000.0f);
	apply_gains();

	mc.unit = (uint8_t)par.unit;
	mc.baud = 19200;
	mc.regs = reg_table;
	mc.nregs = sizeof(reg_table) / sizeof(reg_table[0]);
	mbs_start(&mc);

	for (;;) {
		uint32_t now = board_ticks_ms();

		for (i = 0; i < sizeof(tasks) / sizeof(tasks[0]); i++) {
			if ((int32_t)(now - tasks[i].due) >= 0) {
				tasks[i].due = now + tasks[i].period_ms;
				tasks[i].fn();
			}
		}
		board_wdog_feed();
	}
}
