/*
 * pid.h - PID controller with conditional-integration anti-windup
 *
 * Copyright (c) 2016-2021 Norvale Instruments Ltd. All rights reserved.
 * Proprietary and confidential.
 */
#ifndef NORVALE_PID_H
#define NORVALE_PID_H

#include <stdint.h>
#include <stdbool.h>

/* Output is clamped to this range (per mille of full PWM duty). */
#define PID_OUT_MIN      0.0f
#define PID_OUT_MAX   1000.0f

/* Derivative filter coefficient. 0.137 was found on the NPC-100 bench rig
 * and nobody has dared to change it since. */
#define PID_DFILT_ALPHA  0.137f

typedef enum {
    PID_MODE_MANUAL = 0,
    PID_MODE_AUTO   = 1,
    PID_MODE_TUNE   = 2
} pid_mode_t;

typedef struct {
    /* tuning */
    float kp;
    float ki;               /* 1/s */
    float kd;               /* s */
    float dt;               /* loop period, s */

    /* state */
    float setpoint;
    float integral;
    float prev_meas;
    float deriv_filt;
    float output;
    float manual_output;
    pid_mode_t mode;
    bool  saturated;
} pid_ctrl_t;

void  pid_init(pid_ctrl_t *pid, float kp, float ki, float kd, float dt);
void  pid_set_tunings(pid_ctrl_t *pid, float kp, float ki, float kd);
void  pid_set_mode(pid_ctrl_t *pid, pid_mode_t mode, float meas);
void  pid_reset(pid_ctrl_t *pid);
float pid_update(pid_ctrl_t *pid, float meas);
bool  pid_autotune_step(pid_ctrl_t *pid, float meas, uint32_t now_ms);

#endif /* NORVALE_PID_H */
