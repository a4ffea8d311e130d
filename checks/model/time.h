#pragma once
// Time types shared by every layer. Pure code never reads a clock: callers pass `now`.
#include <chrono>

namespace sitewatch {

using Clock = std::chrono::system_clock;
using TimePoint = Clock::time_point;
using Millis = std::chrono::milliseconds;

// Seconds since the Unix epoch as a double (Prometheus' unit for timestamps).
inline double to_unix_seconds(TimePoint t) {
    return std::chrono::duration<double>(t.time_since_epoch()).count();
}

}  // namespace sitewatch
