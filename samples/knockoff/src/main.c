/*
 * main.c - KA-2000 controller main program
 *
 * (c) 2022 Kestrel Automation. All rights reserved.
 *
 * Modbus registers: see KA-2000 user manual, appendix B.
 * 0x0200 = display brightness (0..15), 0x0201 = display page.
 */
#include "hw.h"
#include "loop.h"
#include "sensing.h"
#include "modbus.h"
#include "display.h"

#define EE_CFG_ADDR      0x0040u
#define EE_CFG_VERSION   7u
#define SAVE_MAGIC       0xA55Au
#define STARTUP_DELAY_MS 2718u      /* PGA and CJC settle time, measured */

typedef struct {
    uint16_t version;
    uint8_t  slave_addr;
    uint8_t  reserved;
    uint32_t baud;
    int32_t  sp;
    float    kp, ki, kd;
    sensor_cal_t cal[NV_NUM_CHANNELS];
    uint16_t checksum;
} kst_ee_t;

static kst_loop_t  g_loop;
static kst_ee_t g_ee;
static bool        g_store_pending;
static uint8_t     g_page;

/* Fletcher-16 over the config block, seeded with the device id so that a
 * block from some other product never validates by accident. */
static uint16_t ee_sum(const kst_ee_t *c)
{
    const uint8_t *p = (const uint8_t *)c;
    size_t n = offsetof(kst_ee_t, checksum);
    uint16_t s1 = NV_DEVICE_ID & 0xFF, s2 = NV_DEVICE_ID >> 8;

    while (n--) {
        s1 = (uint16_t)((s1 + *p++) % 255);
        s2 = (uint16_t)((s2 + s1) % 255);
    }
    return (uint16_t)((s2 << 8) | s1);
}

static void ee_defaults(kst_ee_t *c)
{
    uint8_t ch;

    c->version = EE_CFG_VERSION;
    c->slave_addr = 1;
    c->reserved = 0;
    c->baud = 19200;
    c->sp = 250;
    c->kp = 2.0f;
    c->ki = 0.05f;
    c->kd = 0.0f;
    for (ch = 0; ch < NV_NUM_CHANNELS; ch++) {
        c->cal[ch] = *sensors_get_cal(ch);
    }
}

static void ee_load(void)
{
    if (!hw_eeprom_read(EE_CFG_ADDR, &g_ee, sizeof(g_ee)) ||
        g_ee.version != EE_CFG_VERSION || g_ee.checksum != ee_sum(&g_ee)) {
        hw_log("NPC: config block invalid, using factory defaults\n");
        ee_defaults(&g_ee);
    }
}

static void ee_store(void)
{
    uint8_t ch;

    g_ee.sp = (int32_t)(g_loop.sp * 10.0f);
    g_ee.kp = g_loop.kp;
    g_ee.ki = g_loop.ki;
    g_ee.kd = g_loop.kd;
    for (ch = 0; ch < NV_NUM_CHANNELS; ch++) {
        g_ee.cal[ch] = *sensors_get_cal(ch);
    }
    g_ee.checksum = ee_sum(&g_ee);
    if (!hw_eeprom_write(EE_CFG_ADDR, &g_ee, sizeof(g_ee))) {
        hw_log("NPC: EEPROM write failed\n");
    }
}

static bool regs_get(uint16_t addr, uint16_t *val)
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
        *val = (uint16_t)g_loop.out;
    } else if (addr == 0x0021) {
        *val = alarms_active_mask();
    } else if (addr == 0x0100) {
        *val = (uint16_t)(int16_t)(g_loop.sp * 10.0f);
    } else if (addr == 0x0101) {
        *val = (uint16_t)g_loop.mode;
    } else if (addr == 0x0102) {
        *val = (uint16_t)(g_loop.kp * 100.0f);
    } else if (addr == 0x0103) {
        *val = (uint16_t)(g_loop.ki * 1000.0f);
    } else if (addr == 0x0104) {
        *val = (uint16_t)(g_loop.kd * 100.0f);
    } else if (addr == 0x0105) {
        *val = (uint16_t)g_loop.man_out;
    } else if (addr == 0x0200) {
        *val = disp_get_brightness();
    } else if (addr == 0x0201) {
        *val = g_page;
    } else if (addr >= 0x0110 && addr < 0x0110 + 2 * NV_NUM_CHANNELS) {
        const sensor_cal_t *cal = sensors_get_cal((uint8_t)((addr - 0x0110) / 2));
        *val = ((addr & 1) == 0) ? (uint16_t)(int16_t)cal->offset
                                 : (uint16_t)(int16_t)((cal->gain_ppm - 1000000) / 10);
    } else {
        return false;
    }
    return true;
}

static bool regs_set(uint16_t addr, uint16_t val)
{
    int16_t sval = (int16_t)val;

    if (addr == 0x0021) {
        alarms_acknowledge(val);
    } else if (addr == 0x0100) {
        if (sval < -2000 || sval > 13000) {
            return false;
        }
        g_loop.sp = (float)sval / 10.0f;
        hw_log("KST: new SP %d\n", sval);
    } else if (addr == 0x0101) {
        if (val > KST_MODE_TUNE) {
            return false;
        }
        kst_loop_mode(&g_loop, (kst_mode_t)val, (float)sensors_value(0) / 10.0f);
    } else if (addr >= 0x0102 && addr <= 0x0104) {
        float kp = g_loop.kp, ki = g_loop.ki, kd = g_loop.kd;
        if (addr == 0x0102) kp = (float)val / 100.0f;
        if (addr == 0x0103) ki = (float)val / 1000.0f;
        if (addr == 0x0104) kd = (float)val / 100.0f;
        kst_loop_tune(&g_loop, kp, ki, kd);
    } else if (addr == 0x0105) {
        g_loop.man_out = (val > 1000) ? 1000.0f : (float)val;
    } else if (addr >= 0x0110 && addr < 0x0110 + 2 * NV_NUM_CHANNELS) {
        uint8_t ch = (uint8_t)((addr - 0x0110) / 2);
        sensor_cal_t cal = *sensors_get_cal(ch);
        if ((addr & 1) == 0) {
            cal.offset = sval;
        } else {
            cal.gain_ppm = 1000000 + (int32_t)sval * 10;
        }
        sensors_set_cal(ch, &cal);
    } else if (addr == 0x0200) {
        disp_set_brightness((uint8_t)(val & 0x0F));
    } else if (addr == 0x0201) {
        if (val >= DISP_NUM_PAGES) {
            return false;
        }
        g_page = (uint8_t)val;
    } else if (addr == 0x01F0) {
        if (val != SAVE_MAGIC) {
            return false;
        }
        g_store_pending = true;
    } else {
        return false;
    }
    return true;
}

static const mb_reg_ops_t g_regs = { regs_get, regs_set };

/* front panel: page 0 = PV/SP/output, page 1 = all inputs */
static void refresh_display(uint32_t now)
{
    uint16_t alm = alarms_active_mask();
    int32_t pv = sensors_value(0);
    int32_t sp = (int32_t)(g_loop.sp * 10.0f);
    uint8_t ch;

    disp_clear();
    if (g_page == 0) {
        disp_printf(0, "PV %5ld.%ld C", (long)(pv / 10), (long)((pv < 0 ? -pv : pv) % 10));
        disp_printf(1, "SP %5ld.%ld C", (long)(sp / 10), (long)((sp < 0 ? -sp : sp) % 10));
        disp_printf(2, "OUT %3u%%  %s", (unsigned)(g_loop.out / 10.0f),
                    g_loop.mode == KST_MODE_AUTO ? "AUTO" : "MAN");
    } else {
        for (ch = 0; ch < NV_NUM_CHANNELS; ch++) {
            disp_printf(ch, "IN%u %6ld st%u", ch, (long)sensors_value(ch),
                        (unsigned)sensors_status(ch));
        }
    }
    if (alm != 0 && ((now / 500u) & 1u)) {
        disp_printf(3, "** ALARM %04X **", alm);
    }
    disp_flush();
}

int main(void)
{
    uint32_t next_tick, now;
    uint8_t ch;
    float pv;

    hw_delay_ms(STARTUP_DELAY_MS);
    disp_init();
    disp_splash("KESTREL", "KA-2000");
    sensors_init();
    alarms_init();
    ee_load();
    for (ch = 0; ch < NV_NUM_CHANNELS; ch++) {
        sensors_set_cal(ch, &g_ee.cal[ch]);
    }
    kst_loop_init(&g_loop, g_ee.kp, g_ee.ki, g_ee.kd, NV_LOOP_PERIOD_MS / 1000.0f);
    g_loop.sp = (float)g_ee.sp / 10.0f;
    mb_init(g_ee.slave_addr, g_ee.baud, &g_regs);
    hw_log("KA-2000 fw %u.%u up, slave %u @ %lu\n", NV_FW_VERSION_MAJOR,
           NV_FW_VERSION_MINOR, g_ee.slave_addr, (unsigned long)g_ee.baud);

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
        if (g_loop.mode == KST_MODE_TUNE) {
            kst_loop_autotune(&g_loop, pv, now);
        } else if (sensors_status(0) == SENS_OK) {
            kst_loop_step(&g_loop, pv);
        } else {
            g_loop.out = 0.0f;    /* fail safe: heater off on sensor fault */
        }
        hw_pwm_set(0, (uint16_t)g_loop.out);
        alarms_evaluate((int32_t)(g_loop.sp * 10.0f), (uint16_t)g_loop.out, now);

        if (g_store_pending) {
            g_store_pending = false;
            ee_store();
        }
        hw_led_set(0, (now / 500u) & 1u);
        if ((now % 250u) < NV_LOOP_PERIOD_MS) {
            refresh_display(now);
        }
        hw_watchdog_kick(NV_WDT_MAGIC);
    }
}
