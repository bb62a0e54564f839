/*
 * console.c - NPC-200 service console (RS-232 service port)
 *
 * Based on the Corvid Semiconductor CS32 Application Template 2.1,
 * Copyright (c) 2015 Corvid Semiconductor Inc.
 * Changes Copyright (c) 2017-2021 Norvale Instruments Ltd. All rights reserved.
 *
 * Norvale added fixed-point printing and number parsing for the register
 * commands of the service menu (service manual SM-200, section 5).
 */
#include <string.h>
#include "console.h"
#include "cs32_uart.h"

static const console_cmd_t *s_table;
static uint8_t s_count;
static char    s_line[CONSOLE_LINE_MAX];
static uint8_t s_len;
static volatile bool s_ready;

static void put_char(char c)
{
    while (!cs32_uart_tx_empty(CS32_UART_DEBUG)) {
    }
    cs32_uart_write(CS32_UART_DEBUG, (uint8_t)c);
}

void console_print(const char *s)
{
    while (*s != '\0') {
        if (*s == '\n') {
            put_char('\r');
        }
        put_char(*s++);
    }
}

void console_print_hex(uint32_t value, uint8_t digits)
{
    static const char hex[] = "0123456789ABCDEF";
    char buf[9];
    uint8_t i;

    if (digits > 8) {
        digits = 8;
    }
    for (i = 0; i < digits; i++) {
        buf[digits - 1 - i] = hex[value & 0xFu];
        value >>= 4;
    }
    buf[digits] = '\0';
    console_print(buf);
}

void console_print_fixed(int32_t value)
{
    /* Tenths, as on the front panel: -123 prints "-12.3". The magnitude is
     * taken as unsigned so that INT32_MIN does not overflow. */
    char buf[13];
    uint32_t mag;
    uint8_t pos = sizeof(buf) - 1;

    mag = (value < 0) ? (uint32_t)0 - (uint32_t)value : (uint32_t)value;
    buf[pos] = '\0';
    buf[--pos] = (char)('0' + mag % 10u);
    buf[--pos] = '.';
    mag /= 10u;
    do {
        buf[--pos] = (char)('0' + mag % 10u);
        mag /= 10u;
    } while (mag != 0u);
    if (value < 0) {
        buf[--pos] = '-';
    }
    console_print(&buf[pos]);
}

void console_init(const console_cmd_t *table, uint8_t count)
{
    s_table = table;
    s_count = count;
    s_len = 0;
    s_ready = false;
    console_print("\nNPC> ");
}

void console_feed(char c)
{
    if (s_ready) {
        return;                 /* previous line not processed yet: drop */
    }
    if (c == '\r' || c == '\n') {
        s_line[s_len] = '\0';
        s_ready = true;
    } else if (c == '\b' || c == 0x7F) {
        if (s_len > 0) {
            s_len--;
        }
    } else if (s_len < CONSOLE_LINE_MAX - 1) {
        s_line[s_len++] = c;
    }
}

static int split_args(char *line, char **argv)
{
    int argc = 0;

    while (*line != '\0' && argc < CONSOLE_ARGS_MAX) {
        while (*line == ' ') {
            *line++ = '\0';
        }
        if (*line == '\0') {
            break;
        }
        argv[argc++] = line;
        while (*line != '\0' && *line != ' ') {
            line++;
        }
    }
    return argc;
}

bool console_parse_u32(const char *s, uint32_t *out)
{
    /* Accepts 1234, 0x4E56 and the Intel-style 4E56h used in the NPC-200
     * service manual. */
    uint32_t value = 0;
    uint32_t base = 10;
    size_t len = strlen(s);
    size_t i = 0;

    if (len == 0u) {
        return false;
    }
    if (len > 2u && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        i = 2;
    } else if (s[len - 1] == 'h' || s[len - 1] == 'H') {
        base = 16;
        len--;
    }
    for (; i < len; i++) {
        char c = s[i];
        uint32_t digit;

        if (c >= '0' && c <= '9') {
            digit = (uint32_t)(c - '0');
        } else if (base == 16u && c >= 'A' && c <= 'F') {
            digit = (uint32_t)(c - 'A' + 10);
        } else if (base == 16u && c >= 'a' && c <= 'f') {
            digit = (uint32_t)(c - 'a' + 10);
        } else {
            return false;
        }
        value = value * base + digit;
    }
    *out = value;
    return true;
}

static int cmd_help(void)
{
    uint8_t i;

    for (i = 0; i < s_count; i++) {
        console_print(s_table[i].name);
        console_print(" - ");
        console_print(s_table[i].help);
        console_print("\n");
    }
    return 0;
}

void console_poll(void)
{
    char *argv[CONSOLE_ARGS_MAX];
    int argc;
    uint8_t i;

    if (!s_ready) {
        return;
    }
    argc = split_args(s_line, argv);
    if (argc > 0) {
        if (strcmp(argv[0], "help") == 0) {
            cmd_help();
        } else {
            for (i = 0; i < s_count; i++) {
                if (strcmp(argv[0], s_table[i].name) == 0) {
                    if (s_table[i].handler(argc, argv) != 0) {
                        console_print("error\n");
                    }
                    break;
                }
            }
            if (i == s_count) {
                console_print("unknown command\n");
            }
        }
    }
    s_len = 0;
    s_ready = false;
    console_print("NPC> ");
}
