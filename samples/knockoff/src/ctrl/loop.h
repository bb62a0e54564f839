/*
 * loop.h  --  KA-2000 control loop
 *
 * (c) 2022 Kestrel Automation. All rights reserved.
 */
#ifndef KST_LOOP_H
#define KST_LOOP_H

#include <stdint.h>
#include <stdbool.h>

/* Output limits, 0.1 % */
#define KST_OUT_LO      0.0f
#define KST_OUT_HI   1000.0f

/* Derivative smoothing */
#define KST_D_ALPHA  0.137f

typedef enum
{
  KST_MODE_MANUAL = 0,
  KST_MODE_AUTO = 1,
  KST_MODE_TUNE = 2
} kst_mode_t;

typedef struct
{
  float kp;
  float ki;
  float kd;
  float dt;

  float sp;
  float acc;
  float last_pv;
  float d_state;
  float out;
  float man_out;
  kst_mode_t mode;
  bool sat;
} kst_loop_t;

void kst_loop_init(kst_loop_t *lp, float kp, float ki, float kd, float dt);
void kst_loop_tune(kst_loop_t *lp, float kp, float ki, float kd);
void kst_loop_mode(kst_loop_t *lp, kst_mode_t mode, float pv);
void kst_loop_clear(kst_loop_t *lp);
float kst_loop_step(kst_loop_t *lp, float pv);
bool kst_loop_autotune(kst_loop_t *lp, float pv, uint32_t now_ms);

#endif
