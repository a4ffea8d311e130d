#include "monitor/daemon/heap_policy.h"

#include <cstdlib>
#include <thread>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace sitewatch {

void limit_heap_arenas() {
#if defined(__GLIBC__)
    if (std::getenv("MALLOC_ARENA_MAX") != nullptr) return;  // the operator's choice wins
    const unsigned cores = std::thread::hardware_concurrency();
    mallopt(M_ARENA_MAX, static_cast<int>(cores > 2 ? cores : 2));
#endif
}

void release_free_heap() {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

}  // namespace sitewatch
