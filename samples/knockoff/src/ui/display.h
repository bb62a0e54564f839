/*
 * display.h - KA-2000 front panel LCD (ST7920 controller, serial mode)
 *
 * (c) 2022 Kestrel Automation. All rights reserved.
 */
#ifndef KST_DISPLAY_H
#define KST_DISPLAY_H

#include <stdint.h>

#define DISP_COLS       16
#define DISP_ROWS       4
#define DISP_NUM_PAGES  2

void    disp_init(void);
void    disp_splash(const char *title, const char *subtitle);
void    disp_clear(void);
void    disp_printf(uint8_t row, const char *fmt, ...);
void    disp_flush(void);
void    disp_set_brightness(uint8_t level);
uint8_t disp_get_brightness(void);

#endif
