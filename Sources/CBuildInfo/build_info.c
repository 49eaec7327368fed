#include "build_info.h"

#ifndef PERFSITE_COMMIT
#define PERFSITE_COMMIT ""
#endif

const char *perfsite_build_commit(void) { return PERFSITE_COMMIT; }
