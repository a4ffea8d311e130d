#pragma once
// glibc's allocator gives every thread that allocates concurrently its own arena (up to 8 per
// core) and keeps freed memory in each. The HTTP workers build multi-megabyte answers
// (/metrics, /api/v1/sites at 10,000 sites), so each of them ended up holding its own copy:
// the API benchmark's daemon grew from 340 to 714 MiB after one round of requests, and to
// 370 MiB with two arenas, at the same latency.

namespace sitewatch {

// One arena per core (at least two), unless MALLOC_ARENA_MAX is set in the environment.
// Call before the daemon starts its threads.
void limit_heap_arenas();

// Hands freed heap pages back to the system (malloc_trim): about 12 ms on a fragmented
// 300 MiB heap, so the daemon runs it once a minute, off the probe and HTTP threads.
void release_free_heap();

}  // namespace sitewatch
