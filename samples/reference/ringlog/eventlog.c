/*
 * eventlog.c - timestamped event records for the Tessel TL-8 logger
 *
 * Records are packed as: 0x7E, level, 4-byte little-endian uptime (ms),
 * length, text, additive checksum. They go into the UART ring and are
 * drained to the SD card writer by the main loop.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "ringbuf.h"

#define LOG_SYNC      0x7E
#define LOG_TEXT_MAX  80

typedef enum { EV_DEBUG, EV_INFO, EV_WARN, EV_ERROR } ev_level_t;

extern uint32_t uptime_ms(void);

static uint8_t    log_store[1024];
static ring_t     log_ring;
static ev_level_t log_threshold = EV_INFO;
static uint16_t   log_sequence;

void ev_start(ev_level_t threshold)
{
    (void)ring_init(&log_ring, log_store, sizeof log_store);
    log_threshold = threshold;
    log_sequence = 0;
}

static void put_u32(uint32_t v, uint8_t *sum)
{
    int shift;

    for (shift = 0; shift < 32; shift += 8) {
        uint8_t b = (uint8_t)(v >> shift);
        *sum += b;
        (void)ring_put(&log_ring, b);
    }
}

void ev_record(ev_level_t level, const char *fmt, ...)
{
    char text[LOG_TEXT_MAX];
    va_list args;
    uint8_t sum = 0;
    int len, i;

    if (level < log_threshold) {
        return;
    }
    va_start(args, fmt);
    len = vsnprintf(text, sizeof text, fmt, args);
    va_end(args);
    if (len < 0) {
        return;
    }
    if (len >= LOG_TEXT_MAX) {
        len = LOG_TEXT_MAX - 1;
    }
    /* a record that does not fit whole is not written at all */
    if (ring_used(&log_ring) + (size_t)len + 8U > log_ring.mask) {
        log_ring.dropped += (uint32_t)len + 8U;
        return;
    }
    (void)ring_put(&log_ring, LOG_SYNC);
    (void)ring_put(&log_ring, (uint8_t)level);
    sum += (uint8_t)level;
    put_u32(uptime_ms(), &sum);
    (void)ring_put(&log_ring, (uint8_t)len);
    sum += (uint8_t)len;
    for (i = 0; i < len; i++) {
        sum += (uint8_t)text[i];
        (void)ring_put(&log_ring, (uint8_t)text[i]);
    }
    (void)ring_put(&log_ring, (uint8_t)(0x100 - sum));
    log_sequence++;
}

size_t ev_drain(uint8_t *dst, size_t max)
{
    return ring_read(&log_ring, dst, max);
}

uint32_t ev_dropped(void)
{
    return log_ring.dropped;
}
