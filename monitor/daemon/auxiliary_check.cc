#include "monitor/daemon/auxiliary_check.h"

#include <algorithm>

namespace sitewatch {

std::chrono::milliseconds auxiliary_period(std::chrono::milliseconds page_interval) {
    using namespace std::chrono_literals;
    return std::clamp<std::chrono::milliseconds>(page_interval * 10, 30s, 1h);
}

void AuxiliaryCheck::finished(Findings findings, TimePoint now, std::chrono::milliseconds period,
                              std::chrono::milliseconds retry_after) {
    in_flight_ = false;
    if (findings.empty()) {
        failures_ = 0;
        findings_.clear();
        next_at_ = now + period;
        return;
    }
    ++failures_;
    findings_ = std::move(findings);
    // The confirming run comes quickly; after that, the normal period (recovery is seen at
    // the next run).
    next_at_ = now + (failures_ == 1 ? retry_after : period);
}

void AuxiliaryCheck::abandoned(TimePoint now, std::chrono::milliseconds retry_after) {
    in_flight_ = false;
    next_at_ = now + retry_after;
}

}  // namespace sitewatch
