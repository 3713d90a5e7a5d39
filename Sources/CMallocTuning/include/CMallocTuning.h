#ifndef CMALLOC_TUNING_H
#define CMALLOC_TUNING_H

/// Sets glibc's mmap threshold: allocations of at least `bytes` get their own mapping and go back to the
/// system when freed. Returns 1 on success, 0 where the C library has no such setting.
int citynet_set_mmap_threshold(int bytes);

#endif
