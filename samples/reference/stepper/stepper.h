/*
 * stepper.h - trapezoidal-ramp stepper motor driver (Halden Motion SM-3 axis card)
 *
 * One axis per instance. Positions are in microsteps, speeds in microsteps
 * per second, accelerations in microsteps per second squared. The step
 * timer calls stepper_tick() at every compare match; everything else runs
 * from the main loop.
 */
#ifndef HALDEN_STEPPER_H
#define HALDEN_STEPPER_H

#include <stdbool.h>
#include <stdint.h>

#define STEP_TIMER_HZ     2000000UL   /* 0.5 us timer resolution */
#define STEP_MIN_PERIOD   40U         /* 50 kHz: driver datasheet limit */

typedef enum {
    AXIS_IDLE = 0,
    AXIS_ACCEL,
    AXIS_CRUISE,
    AXIS_DECEL,
    AXIS_HOMING,
    AXIS_FAULT
} axis_phase_t;

typedef struct {
    volatile int32_t position;   /* microsteps from home */
    int32_t  target;
    uint32_t max_speed;
    uint32_t accel;
    uint32_t steps_left;         /* of the current move */
    uint32_t accel_steps;        /* steps spent ramping up */
    uint32_t decel_start;        /* steps_left at which we start braking */
    uint32_t period;             /* current timer period, ticks */
    uint32_t min_period;         /* period at max_speed */
    uint32_t ramp_n;             /* index into the ramp recurrence */
    int8_t   dir;                /* +1 or -1 */
    axis_phase_t phase;
    uint8_t  id;
} axis_t;

void     axis_setup(axis_t *ax, uint8_t id, uint32_t max_speed, uint32_t accel);
bool     axis_move_to(axis_t *ax, int32_t target);
void     axis_stop(axis_t *ax);
void     axis_home(axis_t *ax);
uint32_t stepper_tick(axis_t *ax);     /* returns the next timer period, 0 = stop */
bool     axis_busy(const axis_t *ax);

/* board layer */
void board_step_pulse(uint8_t id);
void board_set_dir(uint8_t id, bool forward);
bool board_home_switch(uint8_t id);

#endif
