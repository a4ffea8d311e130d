#pragma once
// The incident engine: turns each check's findings, and what SiteConfirmation concluded about
// them, into incidents and the events the escalation and notifier layers act on (DESIGN.md,
// "Incidents"). Pure: no I/O, no clock; the caller passes times and persists the JSON form.
#include <chrono>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "alerting/confirmation/site_confirmation.h"
#include "alerting/incidents/flap_detector.h"
#include "alerting/incidents/incident.h"

namespace sitewatch {

struct IncidentPolicy {
    int failures = 2;           // confirm.failures (warnings need this many checks in a row)
    int recover_successes = 2;  // recover.successes
    std::chrono::seconds followup_window =
        std::chrono::hours(24 * 7);  // escalation.followup_window
    FlapThresholds flap;
};

// One check of one site, with the site's confirmation verdict.
struct CheckOutcome {
    std::string client, site, url;
    TimePoint at{};
    Findings findings;
    // SiteConfirmation says the site is down: its failure is confirmed.
    bool confirmed_failure = false;
    // SiteConfirmation::failing_since(): the first failing check of the trouble.
    std::optional<TimePoint> failing_since;

    // From the update SiteConfirmation::record returned for these findings.
    static CheckOutcome from(std::string client, std::string site, std::string url,
                             Findings findings, const ConfirmationUpdate& update,
                             const SiteConfirmation& confirmation, TimePoint at);
};

enum class IncidentEventKind {
    opened,
    reopened,
    evidence_added,   // the finding changed (a mere repeat only counts an occurrence)
    severity_raised,  // a warning incident's condition turned critical and was confirmed
    resolved,
    acknowledged,
    flapping_started,
    flapping_stopped,
    // A critical incident opened while its site flapped, still open and unacknowledged when
    // the flapping stopped: it was never paged, so it pages now.
    page_due,
};
const char* to_string(IncidentEventKind k);

struct IncidentEvent {
    IncidentEventKind kind = IncidentEventKind::opened;
    std::uint64_t incident_id = 0;  // 0: none (flapping of a site without open incidents)
    std::string client, site;
    std::optional<Condition> condition;
    Severity severity = Severity::warning;
    // Only critical incidents (re)opening, raised to critical or due, on a site not flapping.
    bool page = false;
    TimePoint at{};
};

class IncidentEngine {
public:
    explicit IncidentEngine(IncidentPolicy policy = {});
    // On a config reload; state is kept.
    void set_policy(IncidentPolicy policy);
    const IncidentPolicy& policy() const { return policy_; }

    // Feeds one check. Per (site, condition) with a finding:
    // - critical: opens (or reopens within the follow-up window) when the site's failure is
    //   confirmed, so exactly when SiteConfirmation turns it down; a one-off never opens;
    // - warning: opens after `failures` checks in a row showed the condition;
    // - an open incident of the key only counts the repeat (and records changed evidence).
    // A key's incident auto-resolves after `recover_successes` checks in a row without its
    // condition: per condition rather than per site, so a site still failing on something
    // else does not hold a fixed problem open, and a softened one (critical to warning) stays.
    std::vector<IncidentEvent> record(const CheckOutcome& check);

    // Manual actions; empty when the incident is unknown or already in that state.
    // A hand-resolved problem that is still there reopens on its next confirmed check (within
    // the follow-up window), and pages again: resolving by hand never hides a live outage.
    // A reopened incident needs a new acknowledgement.
    std::optional<IncidentEvent> acknowledge(std::uint64_t id, const std::string& who,
                                             TimePoint at);
    std::optional<IncidentEvent> resolve(std::uint64_t id, const std::string& who, TimePoint at,
                                         const std::string& note = {});
    bool add_note(std::uint64_t id, const std::string& who, const std::string& text, TimePoint at);

    std::vector<const Incident*> open() const;  // by id
    const Incident* find(std::uint64_t id) const;
    const std::map<std::uint64_t, Incident>& all() const { return incidents_; }
    bool flapping(const std::string& site) const;
    std::uint64_t next_id() const { return next_id_; }

    // `with_incidents` false leaves "incidents" empty: a caller that stores each incident on its
    // own (one row per incident) saves only the bookkeeping, and puts the incidents back into
    // the JSON before from_json.
    nlohmann::json to_json(bool with_incidents = true) const;
    // All or nothing: a state that is not fully readable is refused (empty), never half used.
    static std::optional<IncidentEngine> from_json(const nlohmann::json& j,
                                                   IncidentPolicy policy = {});

private:
    struct KeyState {
        std::optional<std::uint64_t> latest;  // the key's newest incident
        int present = 0;                      // consecutive checks showing the condition
        int absent = 0;                       // consecutive checks without it
        std::optional<TimePoint> since;       // first check of the current presence
    };
    using Key = std::pair<std::string, Condition>;

    Incident& open_incident(const CheckOutcome& check, const Finding& f, KeyState& key,
                            std::vector<IncidentEvent>& events);
    IncidentEvent event_for(IncidentEventKind kind, const Incident& i, TimePoint at,
                            bool page) const;

    IncidentPolicy policy_;
    std::uint64_t next_id_ = 1;
    std::map<std::uint64_t, Incident> incidents_;
    std::map<Key, KeyState> keys_;
    std::map<std::string, FlapDetector> flaps_;
};

}  // namespace sitewatch
