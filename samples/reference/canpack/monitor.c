/*
 * monitor.c - transmit the pack messages on schedule, decode charger commands
 */
#include <string.h>
#include "signals.h"

#define CHARGER_CMD_ID  0x1806E5F4UL   /* extended id, charger -> BMS */

extern uint32_t millis(void);
extern bool can_send(uint32_t id, const uint8_t *data, uint8_t dlc);
extern float pack_measure(const char *signal_name);

static uint32_t next_due[8];
static float    charge_limit_a;

void monitor_poll(void)
{
    uint32_t now = millis();
    uint8_t m, i;

    for (m = 0; m < bms_message_count; m++) {
        const can_message_t *msg = &bms_messages[m];
        uint8_t payload[8];

        if ((int32_t)(now - next_due[m]) < 0) {
            continue;
        }
        next_due[m] = now + msg->period_ms;
        memset(payload, 0, sizeof payload);
        for (i = 0; i < msg->count; i++) {
            const can_signal_t *s = &msg->signals[i];
            float v = pack_measure(s->name);
            if (!sig_encode(payload, s, v)) {
                /* out of range: send the limit rather than a wrapped value */
                (void)sig_encode(payload, s, v < s->min ? s->min : s->max);
            }
        }
        (void)can_send(msg->id, payload, msg->dlc);
    }
}

void monitor_receive(uint32_t id, const uint8_t *data, uint8_t dlc)
{
    static const can_signal_t max_current = {
        "ChargerMaxCurrent", 23, 16, true, false, 0.1f, 0.0f, 0.0f, 400.0f
    };
    uint8_t payload[8] = { 0 };

    if (id != CHARGER_CMD_ID || dlc < 4U) {
        return;
    }
    memcpy(payload, data, dlc > 8U ? 8U : dlc);
    charge_limit_a = sig_decode(payload, &max_current);
}

float monitor_charge_limit(void)
{
    return charge_limit_a;
}
