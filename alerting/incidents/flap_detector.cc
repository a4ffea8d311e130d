#include "alerting/incidents/flap_detector.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace sitewatch {

namespace {

constexpr double kLowCurve = 0.75;
constexpr double kHighCurve = 1.25;

FlapThresholds sanitized(FlapThresholds t) {
    const FlapThresholds defaults;
    if (t.low_percent <= 0) t.low_percent = defaults.low_percent;
    if (t.high_percent <= 0) t.high_percent = defaults.high_percent;
    t.low_percent = std::min(t.low_percent, t.high_percent);
    return t;
}

}  // namespace

const char* to_string(FlapChange c) {
    switch (c) {
        case FlapChange::none:
            return "none";
        case FlapChange::started:
            return "started";
        case FlapChange::stopped:
            return "stopped";
    }
    return "none";
}

double percent_state_change(const std::vector<bool>& states) {
    constexpr std::size_t n = FlapDetector::kHistory;
    if (states.size() < 2) return 0.0;
    const std::size_t used = std::min(states.size(), n);
    // Position x of the newest `used` states within a full 21-entry history; the padded
    // older positions hold the oldest known state and so contribute no change.
    const std::size_t first_x = n - used;
    const auto begin = states.end() - static_cast<std::ptrdiff_t>(used);
    double curved_changes = 0.0;
    bool last = *begin;
    for (std::size_t i = 1; i < used; ++i) {
        const bool state = *(begin + static_cast<std::ptrdiff_t>(i));
        const std::size_t x = first_x + i;
        if (state != last)
            curved_changes += (static_cast<double>(x - 1) * (kHighCurve - kLowCurve)) /
                                  static_cast<double>(n - 2) +
                              kLowCurve;
        last = state;
    }
    return curved_changes * 100.0 / static_cast<double>(n - 1);
}

FlapDetector::FlapDetector(FlapThresholds thresholds) : thresholds_(sanitized(thresholds)) {}

FlapChange FlapDetector::record(bool passed) {
    history_.push_back(passed);
    while (history_.size() > kHistory) history_.pop_front();
    percent_ = percent_state_change(std::vector<bool>(history_.begin(), history_.end()));
    // Hysteresis: between the thresholds the state is kept, so it does not toggle.
    if (percent_ > thresholds_.low_percent && percent_ < thresholds_.high_percent)
        return FlapChange::none;
    const bool now = percent_ >= thresholds_.high_percent;
    if (now == flapping_) return FlapChange::none;
    flapping_ = now;
    return now ? FlapChange::started : FlapChange::stopped;
}

nlohmann::json FlapDetector::to_json() const {
    nlohmann::json history = nlohmann::json::array();
    for (bool b : history_) history.push_back(b);
    return nlohmann::json{{"history", std::move(history)}, {"flapping", flapping_}};
}

std::optional<FlapDetector> FlapDetector::from_json(const nlohmann::json& j,
                                                    FlapThresholds thresholds) {
    if (!j.is_object()) return std::nullopt;
    const auto history = j.find("history");
    const auto flapping = j.find("flapping");
    if (history == j.end() || !history->is_array() || history->size() > kHistory ||
        flapping == j.end() || !flapping->is_boolean())
        return std::nullopt;
    FlapDetector d(thresholds);
    for (const auto& s : *history) {
        if (!s.is_boolean()) return std::nullopt;
        d.history_.push_back(s.get<bool>());
    }
    d.flapping_ = flapping->get<bool>();
    d.percent_ = percent_state_change(std::vector<bool>(d.history_.begin(), d.history_.end()));
    return d;
}

}  // namespace sitewatch
