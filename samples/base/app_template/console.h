/*
 * console.h - debug console for the CS32 application template
 *
 * Corvid Semiconductor CS32 Application Template 2.1
 * Copyright (c) 2015 Corvid Semiconductor Inc.
 * Licensed to CS32 customers for use in products based on Corvid devices.
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

#endif /* CONSOLE_H */
