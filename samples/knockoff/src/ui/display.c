/*
 * display.c - KA-2000 front panel LCD driver
 *
 * (c) 2022 Kestrel Automation. All rights reserved.
 *
 * 128x64 graphic LCD with an ST7920 controller used in its built-in text
 * mode (4 rows x 16 half-width characters). The panel is driven over SPI
 * in the ST7920 "serial" protocol: every transfer starts with a sync byte
 * (0xF8 = instruction, 0xFA = data) and each payload byte is sent as two
 * bytes, high nibble first, each nibble in the upper half of its byte.
 *
 * We keep a shadow buffer and only rewrite rows that changed, because a
 * full refresh at 1 MHz takes ~6 ms and the control loop runs at 8 Hz.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "display.h"
#include "hw.h"

#define ST_SYNC_CMD     0xF8u
#define ST_SYNC_DATA    0xFAu

#define ST_CLEAR        0x01u
#define ST_HOME         0x02u
#define ST_ENTRY_INC    0x06u
#define ST_DISPLAY_ON   0x0Cu
#define ST_BASIC_SET    0x30u

#define BACKLIGHT_PWM   1u
#define SPI_HZ          1000000u

/* DDRAM start address of each text row */
static const uint8_t row_addr[DISP_ROWS] = { 0x80, 0x90, 0x88, 0x98 };

static char    shadow[DISP_ROWS][DISP_COLS];
static char    pending[DISP_ROWS][DISP_COLS];
static uint8_t brightness = 12;

static void st_send(uint8_t sync, uint8_t value)
{
    uint8_t frame[3];

    frame[0] = sync;
    frame[1] = (uint8_t)(value & 0xF0u);
    frame[2] = (uint8_t)((value << 4) & 0xF0u);
    hw_lcd_cs(true);
    hw_spi_write(frame, sizeof(frame));
    hw_lcd_cs(false);
}

static void st_cmd(uint8_t cmd)
{
    st_send(ST_SYNC_CMD, cmd);
    /* clear and home need 1.6 ms, everything else 72 us */
    hw_delay_ms((cmd == ST_CLEAR || cmd == ST_HOME) ? 2u : 1u);
}

static void apply_backlight(void)
{
    /* perceived brightness is roughly quadratic in duty */
    uint16_t duty = (uint16_t)((brightness * brightness * 1000u) / 225u);
    hw_pwm_set(BACKLIGHT_PWM, duty);
}

void disp_init(void)
{
    hw_spi_init(SPI_HZ);
    hw_lcd_reset(true);
    hw_delay_ms(5);
    hw_lcd_reset(false);
    hw_delay_ms(50);

    st_cmd(ST_BASIC_SET);
    st_cmd(ST_BASIC_SET);
    st_cmd(ST_DISPLAY_ON);
    st_cmd(ST_CLEAR);
    st_cmd(ST_ENTRY_INC);

    memset(shadow, ' ', sizeof(shadow));
    memset(pending, ' ', sizeof(pending));
    apply_backlight();
}

void disp_clear(void)
{
    memset(pending, ' ', sizeof(pending));
}

static void put_centered(uint8_t row, const char *text)
{
    size_t len = strlen(text);
    size_t pad;

    if (len > DISP_COLS) {
        len = DISP_COLS;
    }
    pad = (DISP_COLS - len) / 2;
    memset(pending[row], ' ', DISP_COLS);
    memcpy(&pending[row][pad], text, len);
}

void disp_splash(const char *title, const char *subtitle)
{
    disp_clear();
    put_centered(1, title);
    put_centered(2, subtitle);
    disp_flush();
}

void disp_printf(uint8_t row, const char *fmt, ...)
{
    char buf[DISP_COLS + 1];
    va_list ap;
    int n;

    if (row >= DISP_ROWS) {
        return;
    }
    va_start(ap, fmt);
    n = vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (n < 0) {
        return;
    }
    if (n > DISP_COLS) {
        n = DISP_COLS;
    }
    memset(pending[row], ' ', DISP_COLS);
    memcpy(pending[row], buf, (size_t)n);
}

void disp_flush(void)
{
    uint8_t row, col;

    for (row = 0; row < DISP_ROWS; row++) {
        if (memcmp(shadow[row], pending[row], DISP_COLS) == 0) {
            continue;
        }
        st_cmd(row_addr[row]);
        for (col = 0; col < DISP_COLS; col++) {
            st_send(ST_SYNC_DATA, (uint8_t)pending[row][col]);
        }
        memcpy(shadow[row], pending[row], DISP_COLS);
    }
}

void disp_set_brightness(uint8_t level)
{
    brightness = (level > 15u) ? 15u : level;
    apply_backlight();
}

uint8_t disp_get_brightness(void)
{
    return brightness;
}
