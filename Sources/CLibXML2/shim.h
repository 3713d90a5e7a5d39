#ifndef CITYNET_CLIBXML2_SHIM_H
#define CITYNET_CLIBXML2_SHIM_H

/* libxml2's headers pull in the system ICU headers when libxml2 was built with ICU; Foundation ships its own
   copy of ICU's headers, and the two clash in any Swift module that sees both. citynet never touches the
   ICU-dependent members (it converts encodings through libxml2's own API), so the ICU part is left out. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlstring.h>

#endif
