#include "CMallocTuning.h"

// Any C library header defines __GLIBC__ under glibc; without one, the test below would always fail.
#include <stdlib.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

int citynet_set_trim(int threshold, int top_pad) {
#if defined(__GLIBC__)
    return mallopt(M_TRIM_THRESHOLD, threshold) && mallopt(M_TOP_PAD, top_pad);
#else
    (void)threshold;
    (void)top_pad;
    return 0;
#endif
}
