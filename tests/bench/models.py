#!/usr/bin/env python3
"""Host models of the benchmarks: print the expected values their C sources check.

Each function mirrors one benchmark's input generation and result; run this after changing a
benchmark's size or seed and copy the printed constants into its EXPECTED_* defines."""
import zlib

M32 = 0xFFFFFFFF


def xorshift32(state):
    """Yields the sequence of bench_random() in bench.h."""
    while True:
        state ^= (state << 13) & M32
        state ^= state >> 17
        state ^= (state << 5) & M32
        yield state


def fnv1a_words(words):
    h = 2166136261
    for w in words:
        h = ((h ^ (w & M32)) * 16777619) & M32
    return h


def crc32(buffer_bytes=8192, table_passes=12):
    rng = xorshift32(0x2545F491)
    buf = bytes(next(rng) >> 24 for _ in range(buffer_bytes))
    return {"EXPECTED_BITWISE": zlib.crc32(buf), "EXPECTED_TABLE": zlib.crc32(buf * table_passes)}


def qsort(count=10000):
    rng = xorshift32(0x9E3779B9)
    values = []
    for _ in range(count):
        v = next(rng)
        v = v - (1 << 32) if v & 0x80000000 else v
        values.append(v >> 4)  # arithmetic shift, as (int32_t)x >> 4
    signature = sum((v * (i + 1)) for i, v in enumerate(sorted(values))) & M32
    return {"EXPECTED_SIGNATURE": signature}


def matmul(n=56):
    rng = xorshift32(0x1234567)
    a = [[0] * n for _ in range(n)]
    b = [[0] * n for _ in range(n)]
    for i in range(n):
        for j in range(n):
            a[i][j] = next(rng) % 2001 - 1000
            b[i][j] = next(rng) % 2001 - 1000
    c = [sum(a[i][k] * b[k][j] for k in range(n)) for i in range(n) for j in range(n)]
    return {"EXPECTED_SIGNATURE": fnv1a_words(c)}


def sieve(limit=100000):
    is_prime = bytearray([1]) * limit
    is_prime[0:2] = b"\0\0"
    for p in range(2, int(limit ** 0.5) + 1):
        if is_prime[p]:
            is_prime[p * p::p] = bytearray(len(is_prime[p * p::p]))
    primes = [i for i in range(limit) if is_prime[i]]
    return {"EXPECTED_COUNT": len(primes), "EXPECTED_SUM": sum(primes) & M32}


def hashtable(words=2000, slots=2048):
    rng = xorshift32(0xC0FFEE11)

    def make():
        out = []
        for _ in range(words):
            length = 2 + (next(rng) & 3)
            out.append("".join(chr(ord("a") + (next(rng) >> 16) % 7) for _ in range(length)))
        return out

    def fnv(s):
        h = 2166136261
        for ch in s.encode():
            h = ((h ^ ch) * 16777619) & M32
        return h

    inserted, looked_up = make(), make()
    keys, counts = [None] * slots, [0] * slots

    def find(key):
        i = fnv(key) & (slots - 1)
        while counts[i] and keys[i] != key:
            i = (i + 1) & (slots - 1)
        return i

    distinct = 0
    for w in inserted:
        i = find(w)
        if counts[i] == 0:
            keys[i] = w
            distinct += 1
        counts[i] += 1
    hits = sum(1 for w in looked_up if counts[find(w)])
    sig = []
    for i in range(slots):
        if counts[i]:
            sig += [i, counts[i]]
    return {"EXPECTED_DISTINCT": distinct, "EXPECTED_HITS": hits, "EXPECTED_SIGNATURE": fnv1a_words(sig)}


def interp(limit=120):
    total = 0
    for n in range(1, limit + 1):
        x = n
        while x != 1:
            x = 3 * x + 1 if x & 1 else x >> 1
            total += 1
    return {"LIMIT": limit, "EXPECTED_TOTAL": total}


if __name__ == "__main__":
    for model in (crc32, qsort, matmul, sieve, hashtable, interp):
        values = ", ".join(f"{k}={v} (0x{v:08x})" for k, v in model().items())
        print(f"{model.__name__}: {values}")
