#pragma once
// A lower-rate check of a site that runs beside its page checks: its own stylesheets and
// scripts (assets.check), and its page as a search-engine crawler sees it (cloaking).
// Decides when the next run is due and which findings are confirmed enough to be attached
// to the site's page checks, where confirmation and incidents handle them like any other.
#include <chrono>

#include "checks/model/finding.h"
#include "checks/model/time.h"

namespace sitewatch {

// Ten page intervals, at least 30 s and at most an hour: often enough to catch a broken
// deploy or cloaked spam the same hour, rarely enough to add a tenth of the page checks'
// traffic at most.
std::chrono::milliseconds auxiliary_period(std::chrono::milliseconds page_interval);

class AuxiliaryCheck {
public:
    // Due at the first page check, then every period; never two runs at once.
    bool due(TimePoint now) const { return !in_flight_ && now >= next_at_; }
    void started() { in_flight_ = true; }

    // A finished run. A first failing run is re-run `retry_after` later, as a page check's
    // confirmation is; findings count only once two runs in a row agree, so one blip
    // (an asset that 503s once) never reaches anyone.
    void finished(Findings findings, TimePoint now, std::chrono::milliseconds period,
                  std::chrono::milliseconds retry_after);
    // The run could not happen (site removed, shutdown): due again after `retry_after`.
    void abandoned(TimePoint now, std::chrono::milliseconds retry_after);

    // Findings of the latest run when it and the one before both failed; else empty.
    const Findings& confirmed() const { return failures_ >= 2 ? findings_ : kNone; }
    int consecutive_failures() const { return failures_; }

private:
    static inline const Findings kNone{};
    TimePoint next_at_{};
    bool in_flight_ = false;
    int failures_ = 0;
    Findings findings_;
};

}  // namespace sitewatch
