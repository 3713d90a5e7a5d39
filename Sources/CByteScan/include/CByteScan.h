#ifndef CBYTE_SCAN_H
#define CBYTE_SCAN_H

#include <stdint.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// Looks at the 32 bytes at `bytes` for `wanted`, LF and CR. Returns a mask with bit `i` set when byte `i` is one of
/// them in its low 32 bits, and with bit `32 + i` set when byte `i` is beyond ASCII (its high bit is set) in its
/// high 32 bits. All 32 bytes must be readable.
///
/// Inline, so that Swift code calling it gets the vector instructions in place (SSE2, which every x86-64 processor
/// has); elsewhere a loop over the bytes gives the same masks.
static inline uint64_t citynet_scan32(const uint8_t *bytes, uint8_t wanted) {
#if defined(__SSE2__)
    const __m128i low = _mm_loadu_si128((const __m128i *)bytes);
    const __m128i high = _mm_loadu_si128((const __m128i *)(bytes + 16));
    const __m128i byte = _mm_set1_epi8((char)wanted);
    const __m128i newline = _mm_set1_epi8('\n');
    const __m128i carriageReturn = _mm_set1_epi8('\r');
    const __m128i markedLow = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(low, byte), _mm_cmpeq_epi8(low, newline)), _mm_cmpeq_epi8(low, carriageReturn));
    const __m128i markedHigh = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(high, byte), _mm_cmpeq_epi8(high, newline)),
        _mm_cmpeq_epi8(high, carriageReturn));
    const uint64_t marks =
        (uint64_t)(uint32_t)_mm_movemask_epi8(markedLow) | ((uint64_t)(uint32_t)_mm_movemask_epi8(markedHigh) << 16);
    const uint64_t beyondASCII =
        (uint64_t)(uint32_t)_mm_movemask_epi8(low) | ((uint64_t)(uint32_t)_mm_movemask_epi8(high) << 16);
    return marks | (beyondASCII << 32);
#else
    uint64_t masks = 0;
    for (int index = 0; index < 32; index++) {
        const uint8_t value = bytes[index];
        if (value == wanted || value == '\n' || value == '\r') masks |= (uint64_t)1 << index;
        if (value & 0x80) masks |= (uint64_t)1 << (32 + index);
    }
    return masks;
#endif
}

#endif
