/*
 * tinyring - single-producer / single-consumer byte ring buffer
 * Version 1.2
 *
 * Copyright (c) 2019 Tidewater Embedded Software Ltd.
 * SPDX-License-Identifier: MIT (see LICENSE)
 */
#include "tinyring.h"

/* head and tail run freely and wrap at SIZE_MAX; only (index & mask) is
 * used to address the buffer, so used = head - tail holds across the wrap. */

bool tring_init(tring_t *r, uint8_t *storage, size_t capacity)
{
    if (r == NULL || storage == NULL || capacity < 2u) {
        return false;
    }
    if ((capacity & (capacity - 1u)) != 0u) {
        return false;           /* not a power of two */
    }
    r->buf = storage;
    r->mask = capacity - 1u;
    r->head = 0;
    r->tail = 0;
    return true;
}

void tring_clear(tring_t *r)
{
    r->tail = r->head;
}

size_t tring_used(const tring_t *r)
{
    return (size_t)(r->head - r->tail);
}

size_t tring_free(const tring_t *r)
{
    return (r->mask + 1u) - tring_used(r);
}

bool tring_put(tring_t *r, uint8_t byte)
{
    size_t head = r->head;

    if ((size_t)(head - r->tail) > r->mask) {
        return false;           /* full */
    }
    r->buf[head & r->mask] = byte;
    r->head = head + 1u;
    return true;
}

bool tring_get(tring_t *r, uint8_t *byte)
{
    size_t tail = r->tail;

    if (tail == r->head) {
        return false;           /* empty */
    }
    *byte = r->buf[tail & r->mask];
    r->tail = tail + 1u;
    return true;
}

bool tring_peek(const tring_t *r, size_t offset, uint8_t *byte)
{
    if (offset >= tring_used(r)) {
        return false;
    }
    *byte = r->buf[(r->tail + offset) & r->mask];
    return true;
}

size_t tring_write(tring_t *r, const uint8_t *src, size_t len)
{
    size_t n = 0;

    while (n < len && tring_put(r, src[n])) {
        n++;
    }
    return n;
}

size_t tring_read(tring_t *r, uint8_t *dst, size_t len)
{
    size_t n = 0;

    while (n < len && tring_get(r, &dst[n])) {
        n++;
    }
    return n;
}
