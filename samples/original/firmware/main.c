/*
 * main.c - NPC-200 process controller application
 *
 * Copyright (c) 2016-2021 Norvale Instruments Ltd. All rights reserved.
 * Proprietary and confidential.
 *
 * Register map (holding registers, see also host/norvale_cfg/config.py):
 *   0x0000      device id (0x4E56), read only
 *   0x0001      firmware version (major << 8 | minor), read only
 *   0x0010+n    process value, channel n (0.1 units), read only
 *   0x0014+n    sensor status, channel n, read only
 *   0x0020      control output (per mille), read only
 *   0x0021      active alarm mask (write 1 bits to acknowledge)
 *   0x0100      setpoint (0.1 degC)
 *   0x0101      mode (0 manual, 1 auto, 2 autotune)
 *   0x0102-4    Kp x100, Ki x1000, Kd x100
 *   0x0105      manual output (per mille)
 *   0x0110+2n   channel n offset (0.1 units), gain trim (10 ppm steps)
 *   0x01F0      write 0xA55A to save settings to EEPROM
 */
#include "hw.h"
#include "pid.h"
#include "sensors.h"
#include "alarms.h"
#include "modbus.h"

#define EE_CFG_ADDR      0x0040u
#define EE_CFG_VERSION   7u
#define SAVE_MAGIC       0xA55Au
#define STARTUP_DELAY_MS 2718u      /* PGA and CJC settle time, measured */

typedef struct {
    uint16_t version;
    uint8_t  slave_addr;
    uint8_t  reserved;
    uint32_t baud;
    int32_t  setpoint;
    float    kp, ki, kd;
    sensor_cal_t cal[NV_NUM_CHANNELS];
    uint16_t checksum;
} ee_config_t;

static pid_ctrl_t  g_pid;
static ee_config_t g_cfg;
static bool        g_save_requested;

/* Fletcher-16 over the config block, seeded with the device id so that a
 * block from some other product never validates by accident. */
static uint16_t cfg_checksum(const ee_config_t *c)
{
    const uint8_t *p = (const uint8_t *)c;
    size_t n = offsetof(ee_config_t, checksum);
    uint16_t s1 = NV_DEVICE_ID & 0xFF, s2 = NV_DEVICE_ID >> 8;

    while (n--) {
        s1 = (uint16_t)((s1 + *p++) % 255);
        s2 = (uint16_t)((s2 + s1) % 255);
    }
    return (uint16_t)((s2 << 8) | s1);
}

static void cfg_defaults(ee_config_t *c)
{
    uint8_t ch;

    c->version = EE_CFG_VERSION;
    c->slave_addr = 1;
    c->reserved = 0;
    c->baud = 19200;
    c->setpoint = 250;
    c->kp = 2.0f;
    c->ki = 0.05f;
    c->kd = 0.0f;
    for (ch = 0; ch < NV_NUM_CHANNELS; ch++) {
        c->cal[ch] = *sensors_get_cal(ch);
    }
}

static void cfg_load(void)
{
    if (!hw_eeprom_read(EE_CFG_ADDR, &g_cfg, sizeof(g_cfg)) ||
        g_cfg.version != EE_CFG_VERSION || g_cfg.checksum != cfg_checksum(&g_cfg)) {
        hw_log("NPC: config block invalid, using factory defaults\n");
        cfg_defaults(&g_cfg);
    }
}

static void cfg_save(void)
{
    uint8_t ch;

    g_cfg.setpoint = (int32_t)(g_pid.setpoint * 10.0f);
    g_cfg.kp = g_pid.kp;
    g_cfg.ki = g_pid.ki;
    g_cfg.kd = g_pid.kd;
    for (ch = 0; ch < NV_NUM_CHANNELS; ch++) {
        g_cfg.cal[ch] = *sensors_get_cal(ch);
    }
    g_cfg.checksum = cfg_checksum(&g_cfg);
    if (!hw_eeprom_write(EE_CFG_ADDR, &g_cfg, sizeof(g_cfg))) {
        hw_log("NPC: EEPROM write failed\n");
    }
}

static bool reg_read(uint16_t addr, uint16_t *val)
{
    if (addr == 0x0000) {
        *val = NV_DEVICE_ID;
    } else if (addr == 0x0001) {
        *val = (NV_FW_VERSION_MAJOR << 8) | NV_FW_VERSION_MINOR;
    } else if (addr >= 0x0010 && addr < 0x0010 + NV_NUM_CHANNELS) {
        *val = (uint16_t)(int16_t)sensors_value((uint8_t)(addr - 0x0010));
    } else if (addr >= 0x0014 && addr < 0x0014 + NV_NUM_CHANNELS) {
        *val = (uint16_t)sensors_status((uint8_t)(addr - 0x0014));
    } else if (addr == 0x0020) {
        *val = (uint16_t)g_pid.output;
    } else if (addr == 0x0021) {
        *val = alarms_active_mask();
    } else if (addr == 0x0100) {
        *val = (uint16_t)(int16_t)(g_pid.setpoint * 10.0f);
    } else if (addr == 0x0101) {
        *val = (uint16_t)g_pid.mode;
    } else if (addr == 0x0102) {
        *val = (uint16_t)(g_pid.kp * 100.0f);
    } else if (addr == 0x0103) {
        *val = (uint16_t)(g_pid.ki * 1000.0f);
    } else if (addr == 0x0104) {
        *val = (uint16_t)(g_pid.kd * 100.0f);
    } else if (addr == 0x0105) {
        *val = (uint16_t)g_pid.manual_output;
    } else if (addr >= 0x0110 && addr < 0x0110 + 2 * NV_NUM_CHANNELS) {
        const sensor_cal_t *cal = sensors_get_cal((uint8_t)((addr - 0x0110) / 2));
        *val = ((addr & 1) == 0) ? (uint16_t)(int16_t)cal->offset
                                 : (uint16_t)(int16_t)((cal->gain_ppm - 1000000) / 10);
    } else {
        return false;
    }
    return true;
}

static bool reg_write(uint16_t addr, uint16_t val)
{
    int16_t sval = (int16_t)val;

    if (addr == 0x0021) {
        alarms_acknowledge(val);
    } else if (addr == 0x0100) {
        if (sval < -2000 || sval > 13000) {
            return false;
        }
        g_pid.setpoint = (float)sval / 10.0f;
    } else if (addr == 0x0101) {
        if (val > PID_MODE_TUNE) {
            return false;
        }
        pid_set_mode(&g_pid, (pid_mode_t)val, (float)sensors_value(0) / 10.0f);
    } else if (addr >= 0x0102 && addr <= 0x0104) {
        float kp = g_pid.kp, ki = g_pid.ki, kd = g_pid.kd;
        if (addr == 0x0102) kp = (float)val / 100.0f;
        if (addr == 0x0103) ki = (float)val / 1000.0f;
        if (addr == 0x0104) kd = (float)val / 100.0f;
        pid_set_tunings(&g_pid, kp, ki, kd);
    } else if (addr == 0x0105) {
        g_pid.manual_output = (val > 1000) ? 1000.0f : (float)val;
    } else if (addr >= 0x0110 && addr < 0x0110 + 2 * NV_NUM_CHANNELS) {
        uint8_t ch = (uint8_t)((addr - 0x0110) / 2);
        sensor_cal_t cal = *sensors_get_cal(ch);
        if ((addr & 1) == 0) {
            cal.offset = sval;
        } else {
            cal.gain_ppm = 1000000 + (int32_t)sval * 10;
        }
        sensors_set_cal(ch, &cal);
    } else if (addr == 0x01F0) {
        if (val != SAVE_MAGIC) {
            return false;
        }
        g_save_requested = true;
    } else {
        return false;
    }
    return true;
}

static const mb_reg_ops_t g_reg_ops = { reg_read, reg_write };

int main(void)
{
    uint32_t next_tick, now;
    uint8_t ch;
    float pv;

    hw_delay_ms(STARTUP_DELAY_MS);
    sensors_init();
    alarms_init();
    cfg_load();
    for (ch = 0; ch < NV_NUM_CHANNELS; ch++) {
        sensors_set_cal(ch, &g_cfg.cal[ch]);
    }
    pid_init(&g_pid, g_cfg.kp, g_cfg.ki, g_cfg.kd, NV_LOOP_PERIOD_MS / 1000.0f);
    g_pid.setpoint = (float)g_cfg.setpoint / 10.0f;
    mb_init(g_cfg.slave_addr, g_cfg.baud, &g_reg_ops);
    hw_log("NPC-200 fw %u.%u up, slave %u @ %lu\n", NV_FW_VERSION_MAJOR,
           NV_FW_VERSION_MINOR, g_cfg.slave_addr, (unsigned long)g_cfg.baud);

    next_tick = hw_millis();
    for (;;) {
        now = hw_millis();
        mb_poll(now);
        if ((int32_t)(now - next_tick) < 0) {
            continue;
        }
        if (now - next_tick > NV_LOOP_PERIOD_MS) {
            hw_log("NPC: loop overrun by %lu ms\n", (unsigned long)(now - next_tick));
        }
        next_tick += NV_LOOP_PERIOD_MS;

        for (ch = 0; ch < NV_NUM_CHANNELS; ch++) {
            sensors_sample(ch);
        }
        pv = (float)sensors_value(0) / 10.0f;
        if (g_pid.mode == PID_MODE_TUNE) {
            pid_autotune_step(&g_pid, pv, now);
        } else if (sensors_status(0) == SENS_OK) {
            pid_update(&g_pid, pv);
        } else {
            g_pid.output = 0.0f;    /* fail safe: heater off on sensor fault */
        }
        hw_pwm_set(0, (uint16_t)g_pid.output);
        alarms_evaluate((int32_t)(g_pid.setpoint * 10.0f), (uint16_t)g_pid.output, now);

        if (g_save_requested) {
            g_save_requested = false;
            cfg_save();
        }
        hw_led_set(0, (now / 500u) & 1u);
        hw_watchdog_kick(NV_WDT_MAGIC);
    }
}
