#include "alerting/confirmation/site_confirmation.h"

#include <algorithm>
#include <chrono>
#include <limits>
#include <nlohmann/json.hpp>

namespace sitewatch {

namespace {

constexpr int kStateVersion = 1;
constexpr const char* kErrorPrefix = "site confirmation state: ";

void saturating_increment(int& n) {
    if (n < std::numeric_limits<int>::max()) ++n;
}

TransitionKind kind_of(SiteHealth from, SiteHealth to) {
    if (to == SiteHealth::down) return TransitionKind::became_down;
    if (from == SiteHealth::down) return TransitionKind::recovered;
    if (to == SiteHealth::up) return TransitionKind::became_up;
    return TransitionKind::became_degraded;
}

std::string reason_for(const Findings& findings, SiteHealth from, SiteHealth to, int successes) {
    const Finding* worst = most_severe(findings);
    if (from == SiteHealth::down && to != SiteHealth::down) {
        std::string why = std::to_string(successes) + " consecutive checks passed";
        if (worst) why += " (still warning: " + worst->summary + ")";
        return why;
    }
    return worst ? worst->summary : std::string("check passed");
}

nlohmann::json time_to_json(const std::optional<TimePoint>& t) {
    if (!t) return nullptr;
    return std::chrono::duration_cast<std::chrono::milliseconds>(t->time_since_epoch()).count();
}

ConfirmationRestore refuse(std::string why) {
    return ConfirmationRestore{std::nullopt, kErrorPrefix + std::move(why)};
}

// Reads a non-negative int field; returns an error message or empty.
std::string read_count(const nlohmann::json& j, const char* key, int& out) {
    const auto it = j.find(key);
    if (it == j.end()) return std::string("missing \"") + key + "\"";
    if (!it->is_number_integer() || *it < 0 || *it > std::numeric_limits<int>::max())
        return std::string("\"") + key + "\" must be a non-negative integer, got " + it->dump();
    out = it->get<int>();
    return {};
}

// Reads an optional time field (Unix milliseconds or null); returns an error message or empty.
std::string read_time(const nlohmann::json& j, const char* key, std::optional<TimePoint>& out) {
    const auto it = j.find(key);
    if (it == j.end() || it->is_null()) {
        out.reset();
        return {};
    }
    if (!it->is_number_integer())
        return std::string("\"") + key + "\" must be Unix milliseconds or null, got " + it->dump();
    const std::chrono::milliseconds ms{it->get<std::int64_t>()};
    out = TimePoint{std::chrono::duration_cast<Clock::duration>(ms)};
    return {};
}

}  // namespace

const char* to_string(TransitionKind k) {
    switch (k) {
        case TransitionKind::became_up:
            return "became_up";
        case TransitionKind::became_degraded:
            return "became_degraded";
        case TransitionKind::became_down:
            return "became_down";
        case TransitionKind::recovered:
            return "recovered";
    }
    return "became_up";
}

std::string HealthTransition::describe() const {
    std::string words = to_string(kind);
    std::replace(words.begin(), words.end(), '_', ' ');
    return reason.empty() ? words : words + ": " + reason;
}

SiteConfirmation::SiteConfirmation(int failures, int recover_successes) {
    set_thresholds(failures, recover_successes);
}

void SiteConfirmation::set_thresholds(int failures, int recover_successes) {
    failures_needed_ = std::max(1, failures);
    successes_needed_ = std::max(1, recover_successes);
}

ConfirmationUpdate SiteConfirmation::record(const Findings& findings, TimePoint now) {
    const bool failed = std::any_of(findings.begin(), findings.end(), [](const Finding& f) {
        return f.severity == Severity::critical;
    });
    const bool warned = !findings.empty();
    const SiteHealth before = health_;
    last_checked_at_ = now;

    if (failed) {
        saturating_increment(consecutive_failures_);
        consecutive_successes_ = 0;
        if (!failing_since_) failing_since_ = now;
        // Once down, a failure keeps it down even if a pass came between (flapping).
        health_ = before == SiteHealth::down || consecutive_failures_ >= failures_needed_
                      ? SiteHealth::down
                      : SiteHealth::degraded;
    } else {
        saturating_increment(consecutive_successes_);
        consecutive_failures_ = 0;
        if (before != SiteHealth::down || consecutive_successes_ >= successes_needed_) {
            health_ = warned ? SiteHealth::degraded : SiteHealth::up;
            failing_since_.reset();
        }
    }

    ConfirmationUpdate update;
    update.health = health_;
    update.failed = failed;
    update.confirm_recheck = failed && health_ != SiteHealth::down;
    if (health_ != before)
        update.transition =
            HealthTransition{kind_of(before, health_), before, health_, now,
                             reason_for(findings, before, health_, consecutive_successes_)};
    return update;
}

nlohmann::json SiteConfirmation::to_json() const {
    return nlohmann::json{{"version", kStateVersion},
                          {"health", to_string(health_)},
                          {"consecutive_failures", consecutive_failures_},
                          {"consecutive_successes", consecutive_successes_},
                          {"failing_since_unix_ms", time_to_json(failing_since_)},
                          {"last_checked_at_unix_ms", time_to_json(last_checked_at_)}};
}

std::string SiteConfirmation::to_json_string() const { return to_json().dump(); }

ConfirmationRestore SiteConfirmation::from_json(const nlohmann::json& j, int failures,
                                                int recover_successes) {
    if (!j.is_object()) return refuse("expected a JSON object, got " + std::string(j.type_name()));
    const auto version = j.find("version");
    if (version == j.end()) return refuse("missing \"version\"");
    if (*version != kStateVersion)
        return refuse("unsupported version " + version->dump() + " (this build reads " +
                      std::to_string(kStateVersion) + ")");

    SiteConfirmation s(failures, recover_successes);
    const auto health = j.find("health");
    if (health == j.end()) return refuse("missing \"health\"");
    const auto parsed =
        health->is_string() ? parse_site_health(health->get<std::string>()) : std::nullopt;
    if (!parsed)
        return refuse("\"health\" must be one of pending, up, degraded, down, got " +
                      health->dump());
    s.health_ = *parsed;

    for (const auto& error : {read_count(j, "consecutive_failures", s.consecutive_failures_),
                              read_count(j, "consecutive_successes", s.consecutive_successes_),
                              read_time(j, "failing_since_unix_ms", s.failing_since_),
                              read_time(j, "last_checked_at_unix_ms", s.last_checked_at_)})
        if (!error.empty()) return refuse(error);

    if (s.consecutive_failures_ > 0 && s.consecutive_successes_ > 0)
        return refuse("consecutive failures and successes cannot both be above zero");
    if (s.health_ == SiteHealth::pending &&
        (s.consecutive_failures_ > 0 || s.consecutive_successes_ > 0 || s.last_checked_at_))
        return refuse("a pending site has never been checked, yet checks are recorded");
    return ConfirmationRestore{std::move(s), {}};
}

ConfirmationRestore SiteConfirmation::from_json_string(std::string_view text, int failures,
                                                       int recover_successes) {
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        return refuse(std::string("not valid JSON: ") + e.what());
    }
    return from_json(j, failures, recover_successes);
}

}  // namespace sitewatch
