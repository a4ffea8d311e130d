#pragma once
// Flap detection for one site, exactly Nagios' algorithm (base/flapping.c; research/incidents.md
// section 1.6): the last 21 check states, each state change weighted from 0.75 (oldest) to
// 1.25 (newest), summed into a percentage of the 20 possible changes, and judged against a high
// and a low threshold with hysteresis between them. (0.75..1.25, not 0.8..1.2: the curve Nagios
// ships, which the verified worked numbers in the research need.) Pure: the caller feeds pass/fail
// per check.
#include <deque>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <vector>

namespace sitewatch {

struct FlapThresholds {
    // The project's defaults, not Nagios' (5/20 in its sample config): a site is confirmed
    // before it pages, so a few real outages in 21 checks (4 changes = 24 %) should still page;
    // only a site changing on about every other check (>= 50 %) is flapping.
    double low_percent = 25.0;   // at or below: not flapping
    double high_percent = 50.0;  // at or above: flapping; in between: unchanged
};

enum class FlapChange { none, started, stopped };
const char* to_string(FlapChange c);

// Nagios' weighted percent state change of `states` (oldest first, true = passing). Fewer than
// 21 states count as if the oldest known state had held before them (no changes), so a young
// history never looks more unstable than it is; only the newest 21 are used.
double percent_state_change(const std::vector<bool>& states);

class FlapDetector {
public:
    static constexpr std::size_t kHistory = 21;  // Nagios' MAX_STATE_HISTORY_ENTRIES

    FlapDetector() = default;
    // Thresholds <= 0 mean "use the default", as Nagios does for per-object thresholds; a low
    // threshold above the high one is lowered to it.
    explicit FlapDetector(FlapThresholds thresholds);

    // Records one check's state; says whether flapping started or stopped with it.
    FlapChange record(bool passed);

    bool flapping() const { return flapping_; }
    double percent() const { return percent_; }
    const std::deque<bool>& history() const { return history_; }
    const FlapThresholds& thresholds() const { return thresholds_; }

    // {"history": [true, false, ...] (oldest first), "flapping": bool}; the thresholds come
    // from the config the state is restored under.
    nlohmann::json to_json() const;
    static std::optional<FlapDetector> from_json(const nlohmann::json& j,
                                                 FlapThresholds thresholds = {});

private:
    FlapThresholds thresholds_;
    std::deque<bool> history_;
    bool flapping_ = false;
    double percent_ = 0.0;
};

}  // namespace sitewatch
