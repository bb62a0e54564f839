/*
 * main.c - SM-3 axis card: three axes driven from a line-based command port
 *
 *   M<axis> <pos>   move axis to an absolute position (microsteps)
 *   H<axis>         home the axis against its switch
 *   S<axis>         controlled stop
 *   ?               report positions as "P x y z"
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "stepper.h"

#define NUM_AXES  3
#define LINE_MAX  48

extern int  port_getc(void);             /* -1 when nothing is waiting */
extern void port_puts(const char *s);
extern void timer_start(uint8_t id, uint32_t period);

static axis_t axes[NUM_AXES];
static char   line[LINE_MAX];
static size_t line_len;

static axis_t *axis_by_letter(char c)
{
    if (c >= 'X' && c <= 'Z') {
        return &axes[c - 'X'];
    }
    return NULL;
}

static void execute(const char *cmd)
{
    char reply[64];
    axis_t *ax;

    if (cmd[0] == '?') {
        snprintf(reply, sizeof reply, "P %ld %ld %ld\n", (long)axes[0].position,
                 (long)axes[1].position, (long)axes[2].position);
        port_puts(reply);
        return;
    }
    ax = axis_by_letter(cmd[1]);
    if (ax == NULL) {
        port_puts("E axis\n");
        return;
    }
    switch (cmd[0]) {
    case 'M':
        if (!axis_move_to(ax, strtol(cmd + 2, NULL, 10))) {
            port_puts("E busy\n");
            return;
        }
        timer_start(ax->id, ax->period);
        break;
    case 'H':
        axis_home(ax);
        timer_start(ax->id, ax->period);
        break;
    case 'S':
        axis_stop(ax);
        break;
    default:
        port_puts("E command\n");
        return;
    }
    port_puts("OK\n");
}

int main(void)
{
    uint8_t i;
    int c;

    for (i = 0; i < NUM_AXES; i++) {
        axis_setup(&axes[i], i, 24000U, 60000U);
    }
    for (;;) {
        c = port_getc();
        if (c < 0) {
            continue;
        }
        if (c == '\r' || c == '\n') {
            line[line_len] = '\0';
            if (line_len > 0) {
                execute(line);
            }
            line_len = 0;
        } else if (line_len < LINE_MAX - 1) {
            line[line_len++] = (char)c;
        }
    }
}
