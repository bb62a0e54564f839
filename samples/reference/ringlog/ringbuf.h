/*
 * ringbuf.h - single-producer / single-consumer byte ring for the Tessel
 * data logger. The producer is an interrupt, the consumer the main loop;
 * no locks, only the two indices, each written by one side only.
 */
#ifndef TESSEL_RINGBUF_H
#define TESSEL_RINGBUF_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint8_t *store;
    size_t   mask;            /* capacity - 1, capacity a power of two */
    volatile size_t head;     /* written by the producer */
    volatile size_t tail;     /* written by the consumer */
    uint32_t dropped;         /* bytes refused because the ring was full */
} ring_t;

int    ring_init(ring_t *r, uint8_t *store, size_t capacity);
int    ring_put(ring_t *r, uint8_t byte);
int    ring_get(ring_t *r, uint8_t *byte);
size_t ring_used(const ring_t *r);
size_t ring_read(ring_t *r, uint8_t *dst, size_t max);

#endif
