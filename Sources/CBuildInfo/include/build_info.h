#ifndef PERFSITE_BUILD_INFO_H
#define PERFSITE_BUILD_INFO_H

/// The commit perfsite was built from, when the build named it (`make dist` passes -DPERFSITE_COMMIT="..."); "" when
/// it did not.
const char *perfsite_build_commit(void);

#endif
