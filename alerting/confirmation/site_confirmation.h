#pragma once
// Confirmation for one site: turns each check's findings into the site's health, so one blip
// never pages anyone and a real outage is confirmed fast (DESIGN.md, "Incidents"). Pure: the
// caller passes the time and the site's policy, and persists the state as JSON.
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "alerting/confirmation/site_health.h"
#include "checks/model/finding.h"
#include "checks/model/time.h"

namespace sitewatch {

enum class TransitionKind {
    became_up,        // from pending or degraded to up
    became_degraded,  // from pending or up to degraded
    became_down,      // a critical finding confirmed
    recovered,        // from down, after recover.successes passing checks
};
// Snake case, fit for a metric label: "became_down".
const char* to_string(TransitionKind k);

struct HealthTransition {
    TransitionKind kind = TransitionKind::became_up;
    SiteHealth from = SiteHealth::pending;
    SiteHealth to = SiteHealth::up;
    TimePoint at{};
    std::string reason;  // the most severe finding's summary, or why the site is healthy again

    // For logs: "became down: HTTP 503 Service Unavailable".
    std::string describe() const;
};

// What one recorded check means for the site.
struct ConfirmationUpdate {
    SiteHealth health = SiteHealth::pending;
    bool failed = false;           // the check had a critical finding
    bool confirm_recheck = false;  // failing but unconfirmed: re-check after confirm.retry_after
    std::optional<HealthTransition> transition;  // set when the health changed
};

struct ConfirmationRestore;

class SiteConfirmation {
  public:
    // `failures` and `recover_successes` are the site's `confirm.failures` and
    // `recover.successes` (defaults 2 and 2); values below 1 count as 1.
    SiteConfirmation() = default;
    SiteConfirmation(int failures, int recover_successes);

    // On a config reload: the counts so far are kept and judged by the new thresholds from
    // the next check on.
    void set_thresholds(int failures, int recover_successes);
    int failures_needed() const { return failures_needed_; }
    int successes_needed() const { return successes_needed_; }

    // A check fails when it has any critical finding. Warnings alone are not failures (they
    // neither confirm nor interrupt a recovery) but leave the site degraded.
    ConfirmationUpdate record(const Findings& findings, TimePoint now);

    SiteHealth health() const { return health_; }
    int consecutive_failures() const { return consecutive_failures_; }
    int consecutive_successes() const { return consecutive_successes_; }
    // The first failing check of the current trouble; kept while the site stays down, even
    // through passing checks too few to recover it. Empty when the site is healthy.
    std::optional<TimePoint> failing_since() const { return failing_since_; }
    std::optional<TimePoint> last_checked_at() const { return last_checked_at_; }
    // Failing, but not (yet) for long enough to be down.
    bool awaiting_confirmation() const {
        return consecutive_failures_ > 0 && health_ != SiteHealth::down;
    }

    // {"version": 1, "health", "consecutive_failures", "consecutive_successes",
    //  "failing_since_unix_ms", "last_checked_at_unix_ms"} (times may be null). The
    // thresholds are not saved: they come from the config the state is restored under.
    nlohmann::json to_json() const;
    std::string to_json_string() const;
    // Never throw: malformed or inconsistent state comes back as an error message.
    static ConfirmationRestore from_json(const nlohmann::json& j, int failures,
                                         int recover_successes);
    static ConfirmationRestore from_json_string(std::string_view text, int failures,
                                                int recover_successes);

    friend bool operator==(const SiteConfirmation&, const SiteConfirmation&) = default;

  private:
    int failures_needed_ = 2;
    int successes_needed_ = 2;
    SiteHealth health_ = SiteHealth::pending;
    int consecutive_failures_ = 0;
    int consecutive_successes_ = 0;
    std::optional<TimePoint> failing_since_;
    std::optional<TimePoint> last_checked_at_;
};

struct ConfirmationRestore {
    std::optional<SiteConfirmation> state;  // set on success
    std::string error;                      // why the state was refused, otherwise empty
    bool ok() const { return state.has_value(); }
    // Reads like an optional: `if (r) site = std::move(*r);`.
    explicit operator bool() const { return ok(); }
    SiteConfirmation& operator*() { return *state; }
    const SiteConfirmation& operator*() const { return *state; }
    SiteConfirmation* operator->() { return &*state; }
    const SiteConfirmation* operator->() const { return &*state; }
};

}  // namespace sitewatch
