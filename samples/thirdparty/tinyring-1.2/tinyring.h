/*
 * tinyring - single-producer / single-consumer byte ring buffer
 * Version 1.2
 *
 * Copyright (c) 2019 Tidewater Embedded Software Ltd.
 * SPDX-License-Identifier: MIT (see LICENSE)
 *
 * One interrupt handler may put while the main loop gets, without locks:
 * the producer writes only head, the consumer writes only tail.
 */
#ifndef TINYRING_H
#define TINYRING_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

typedef struct {
    uint8_t         *buf;
    size_t           mask;      /* capacity - 1; capacity is a power of two */
    volatile size_t  head;      /* next slot to write (producer only) */
    volatile size_t  tail;      /* next slot to read (consumer only) */
} tring_t;

bool   tring_init(tring_t *r, uint8_t *storage, size_t capacity);
void   tring_clear(tring_t *r);
size_t tring_used(const tring_t *r);
size_t tring_free(const tring_t *r);
bool   tring_put(tring_t *r, uint8_t byte);
bool   tring_get(tring_t *r, uint8_t *byte);
bool   tring_peek(const tring_t *r, size_t offset, uint8_t *byte);
size_t tring_write(tring_t *r, const uint8_t *src, size_t len);
size_t tring_read(tring_t *r, uint8_t *dst, size_t len);

#endif /* TINYRING_H */
