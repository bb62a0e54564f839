#include "ringbuf.h"

int ring_init(ring_t *r, uint8_t *store, size_t capacity)
{
    if (capacity < 2 || (capacity & (capacity - 1)) != 0) {
        return -1;      /* not a power of two */
    }
    r->store = store;
    r->mask = capacity - 1;
    r->head = 0;
    r->tail = 0;
    r->dropped = 0;
    return 0;
}

size_t ring_used(const ring_t *r)
{
    return (r->head - r->tail) & r->mask;
}

int ring_put(ring_t *r, uint8_t byte)
{
    size_t next = (r->head + 1) & r->mask;

    if (next == r->tail) {
        r->dropped++;
        return -1;
    }
    r->store[r->head] = byte;
    r->head = next;
    return 0;
}

int ring_get(ring_t *r, uint8_t *byte)
{
    if (r->tail == r->head) {
        return -1;
    }
    *byte = r->store[r->tail];
    r->tail = (r->tail + 1) & r->mask;
    return 0;
}

size_t ring_read(ring_t *r, uint8_t *dst, size_t max)
{
    size_t n = 0;

    while (n < max && ring_get(r, &dst[n]) == 0) {
        n++;
    }
    return n;
}
