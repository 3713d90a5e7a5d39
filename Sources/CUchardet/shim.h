#ifndef CITYNET_CUCHARDET_SHIM_H
#define CITYNET_CUCHARDET_SHIM_H

/* uchardet, Mozilla's universal charset detector as a C library: its language models tell the single-byte code
   pages of non-Latin scripts (Cyrillic, Greek, Hebrew, Arabic) apart. */
#include <uchardet.h>

#endif
