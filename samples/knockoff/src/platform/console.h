/*
 * console.h - KA-2000 service console
 *
 * (c) 2022 Kestrel Automation. All rights reserved.
 */
#ifndef CONSOLE_H
#define CONSOLE_H

#include <stdint.h>
#include <stdbool.h>

#define CONSOLE_LINE_MAX   64
#define CONSOLE_ARGS_MAX   8

typedef int (*console_handler_t)(int argc, char **argv);

typedef struct {
    const char        *name;
    const char        *help;
    console_handler_t  handler;
} console_cmd_t;

void console_init(const console_cmd_t *table, uint8_t count);
void console_feed(char c);
void console_poll(void);
void console_print(const char *s);
void console_print_hex(uint32_t value, uint8_t digits);
void console_put_tenths(int32_t value);
bool console_get_number(const char *s, uint32_t *out);

#endif /* CONSOLE_H */
