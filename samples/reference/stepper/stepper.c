/*
 * stepper.c - trapezoidal ramps with the Austin recurrence
 *
 * The period of step n while accelerating is c_n = c_{n-1} - 2 c_{n-1} / (4n + 1),
 * which needs one division per step and no square roots in the interrupt.
 * c_0 comes from the acceleration: c_0 = 0.676 * f * sqrt(2 / a).
 */
#include <math.h>
#include "stepper.h"

#define HOMING_SPEED   800U     /* microsteps/s */
#define HOMING_BACKOFF 200      /* microsteps off the switch after it trips */

static uint32_t first_period(uint32_t accel)
{
    double c0 = 0.676 * (double)STEP_TIMER_HZ * sqrt(2.0 / (double)accel);
    if (c0 > 65535.0) {
        c0 = 65535.0;
    }
    return (uint32_t)c0;
}

void axis_setup(axis_t *ax, uint8_t id, uint32_t max_speed, uint32_t accel)
{
    ax->id = id;
    ax->position = 0;
    ax->target = 0;
    ax->max_speed = max_speed;
    ax->accel = accel;
    ax->min_period = STEP_TIMER_HZ / max_speed;
    if (ax->min_period < STEP_MIN_PERIOD) {
        ax->min_period = STEP_MIN_PERIOD;
    }
    ax->phase = AXIS_IDLE;
    ax->steps_left = 0;
}

bool axis_busy(const axis_t *ax)
{
    return ax->phase != AXIS_IDLE && ax->phase != AXIS_FAULT;
}

bool axis_move_to(axis_t *ax, int32_t target)
{
    int32_t delta;
    uint32_t ramp;

    if (axis_busy(ax)) {
        return false;
    }
    delta = target - ax->position;
    if (delta == 0) {
        return true;
    }
    ax->target = target;
    ax->dir = delta > 0 ? 1 : -1;
    ax->steps_left = (uint32_t)(delta > 0 ? delta : -delta);
    board_set_dir(ax->id, ax->dir > 0);

    /* steps to reach max speed: v^2 / (2a); a short move never gets there */
    ramp = (uint32_t)(((uint64_t)ax->max_speed * ax->max_speed) / (2U * ax->accel));
    if (ramp * 2U > ax->steps_left) {
        ramp = ax->steps_left / 2U;
    }
    ax->decel_start = ramp;
    ax->accel_steps = 0;
    ax->ramp_n = 0;
    ax->period = first_period(ax->accel);
    ax->phase = AXIS_ACCEL;
    return true;
}

void axis_stop(axis_t *ax)
{
    if (ax->phase == AXIS_ACCEL || ax->phase == AXIS_CRUISE) {
        /* brake over as many steps as we used to speed up */
        ax->steps_left = ax->accel_steps;
        ax->decel_start = ax->accel_steps;
        ax->phase = AXIS_DECEL;
    }
}

void axis_home(axis_t *ax)
{
    ax->dir = -1;
    board_set_dir(ax->id, false);
    ax->period = STEP_TIMER_HZ / HOMING_SPEED;
    ax->phase = AXIS_HOMING;
}

static void one_step(axis_t *ax)
{
    board_step_pulse(ax->id);
    ax->position += ax->dir;
}

uint32_t stepper_tick(axis_t *ax)
{
    switch (ax->phase) {
    case AXIS_HOMING:
        if (board_home_switch(ax->id)) {
            ax->position = -HOMING_BACKOFF;
            ax->phase = AXIS_IDLE;
            (void)axis_move_to(ax, 0);
            return ax->phase == AXIS_IDLE ? 0U : ax->period;
        }
        one_step(ax);
        return ax->period;

    case AXIS_ACCEL:
        one_step(ax);
        ax->steps_left--;
        ax->accel_steps++;
        ax->ramp_n++;
        ax->period -= (2U * ax->period) / (4U * ax->ramp_n + 1U);
        if (ax->period <= ax->min_period) {
            ax->period = ax->min_period;
            ax->phase = AXIS_CRUISE;
        }
        if (ax->steps_left <= ax->decel_start) {
            ax->phase = AXIS_DECEL;
        }
        break;

    case AXIS_CRUISE:
        one_step(ax);
        ax->steps_left--;
        if (ax->steps_left <= ax->decel_start) {
            ax->phase = AXIS_DECEL;
            ax->ramp_n = ax->accel_steps;
        }
        break;

    case AXIS_DECEL:
        one_step(ax);
        ax->steps_left--;
        if (ax->ramp_n > 1U) {
            ax->ramp_n--;
            ax->period += (2U * ax->period) / (4U * ax->ramp_n - 1U);
        }
        break;

    default:
        return 0U;
    }

    if (ax->steps_left == 0U) {
        ax->phase = AXIS_IDLE;
        return 0U;
    }
    return ax->period;
}
