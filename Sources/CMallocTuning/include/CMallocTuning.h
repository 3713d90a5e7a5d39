#ifndef CMALLOC_TUNING_H
#define CMALLOC_TUNING_H

/// Frees the top of a heap back to the system once `threshold` bytes are free there, and asks for no more than
/// a request needs when a heap grows (`top_pad` extra bytes). Returns 1 on success, 0 where the C library has no
/// such settings.
int citynet_set_trim(int threshold, int top_pad);

#endif
