/*
 * signals.h - CAN signal packing for the Ostrava battery pack monitor
 *
 * A signal is a run of bits inside an 8-byte CAN payload, Intel (little
 * endian) or Motorola (big endian) bit order, with a linear scaling
 * physical = raw * factor + offset.
 */
#ifndef OSTRAVA_SIGNALS_H
#define OSTRAVA_SIGNALS_H

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    const char *name;
    uint8_t  start_bit;
    uint8_t  length;
    bool     big_endian;
    bool     is_signed;
    float    factor;
    float    offset;
    float    min;
    float    max;
} can_signal_t;

typedef struct {
    uint32_t id;
    uint8_t  dlc;
    uint16_t period_ms;
    const can_signal_t *signals;
    uint8_t  count;
} can_message_t;

uint64_t sig_extract(const uint8_t payload[8], const can_signal_t *s);
void     sig_insert(uint8_t payload[8], const can_signal_t *s, uint64_t raw);
float    sig_decode(const uint8_t payload[8], const can_signal_t *s);
bool     sig_encode(uint8_t payload[8], const can_signal_t *s, float value);

extern const can_message_t bms_messages[];
extern const uint8_t bms_message_count;

#endif
