#include <math.h>
#include "signals.h"

/* Motorola numbering: start_bit is the MSB, counting down within a byte and
 * then on to the next byte ("sawtooth"). */
static uint8_t motorola_next(uint8_t bit)
{
    return (bit % 8U == 0U) ? (uint8_t)(bit + 15U) : (uint8_t)(bit - 1U);
}

uint64_t sig_extract(const uint8_t payload[8], const can_signal_t *s)
{
    uint64_t raw = 0;
    uint8_t bit = s->start_bit;
    uint8_t i;

    for (i = 0; i < s->length; i++) {
        uint64_t b = (payload[bit / 8U] >> (bit % 8U)) & 1U;
        if (s->big_endian) {
            raw = (raw << 1) | b;
            bit = motorola_next(bit);
        } else {
            raw |= b << i;
            bit++;
        }
    }
    return raw;
}

void sig_insert(uint8_t payload[8], const can_signal_t *s, uint64_t raw)
{
    uint8_t bit = s->start_bit;
    uint8_t i;

    for (i = 0; i < s->length; i++) {
        uint8_t value = s->big_endian
            ? (uint8_t)((raw >> (s->length - 1U - i)) & 1U)
            : (uint8_t)((raw >> i) & 1U);
        uint8_t mask = (uint8_t)(1U << (bit % 8U));
        if (value) {
            payload[bit / 8U] |= mask;
        } else {
            payload[bit / 8U] &= (uint8_t)~mask;
        }
        bit = s->big_endian ? motorola_next(bit) : (uint8_t)(bit + 1U);
    }
}

float sig_decode(const uint8_t payload[8], const can_signal_t *s)
{
    uint64_t raw = sig_extract(payload, s);
    int64_t value = (int64_t)raw;

    if (s->is_signed && s->length < 64U && (raw >> (s->length - 1U)) & 1U) {
        value = (int64_t)(raw | (~0ULL << s->length));   /* sign-extend */
    }
    return (float)value * s->factor + s->offset;
}

bool sig_encode(uint8_t payload[8], const can_signal_t *s, float value)
{
    double raw;

    if (value < s->min || value > s->max) {
        return false;
    }
    raw = floor(((double)value - s->offset) / s->factor + 0.5);
    sig_insert(payload, s, (uint64_t)(int64_t)raw);
    return true;
}

static const can_signal_t pack_status[] = {
    { "PackVoltage",  0, 16, false, false, 0.01f,    0.0f, 0.0f,  655.0f },
    { "PackCurrent", 16, 16, false, true,  0.05f,    0.0f, -1600.0f, 1600.0f },
    { "StateOfCharge", 32, 8, false, false, 0.5f,    0.0f, 0.0f,  100.0f },
    { "ContactorClosed", 40, 1, false, false, 1.0f,  0.0f, 0.0f,  1.0f },
};

static const can_signal_t cell_extremes[] = {
    { "CellVoltageMax", 7, 13, true, false, 0.001f,  0.0f, 0.0f, 5.0f },
    { "CellVoltageMin", 23, 13, true, false, 0.001f, 0.0f, 0.0f, 5.0f },
    { "CellTempMax",   39, 8, true, true,  1.0f,   -40.0f, -40.0f, 125.0f },
    { "CellTempMin",   47, 8, true, true,  1.0f,   -40.0f, -40.0f, 125.0f },
};

const can_message_t bms_messages[] = {
    { 0x351, 6, 100, pack_status, 4 },
    { 0x352, 6, 500, cell_extremes, 4 },
};
const uint8_t bms_message_count = 2;
