#pragma once
// The narrow storage interface. SQLite now (sqlite_store), PostgreSQL later behind the same
// interface. All methods are thread-safe. Times are stored as Unix milliseconds.
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checks/model/time.h"

namespace sitewatch {

// One check of one site, as stored.
struct CheckRecord {
    std::string client;
    std::string site;
    TimePoint checked_at{};
    bool success = false;  // no finding at all
    bool confirm = false;  // this was a confirming re-check
    int http_status = 0;
    double response_time_ms = 0;
    std::optional<TimePoint> tls_expires_at;
    std::string condition;      // most severe finding's condition, empty when success
    std::string severity;       // its severity, empty when success
    std::string summary;        // its one-line summary
    std::string findings_json;  // every finding with evidence, JSON array
};

// One site's checks in one UTC hour. Kept long after raw results are pruned, so uptime and
// response-time history survive retention. Confirming re-checks are not counted: they are
// extra samples taken only after a failure and would bias uptime down.
struct HourlyRollup {
    TimePoint hour{};  // start of the hour
    int checks = 0;
    int failures = 0;
    double sum_response_time_ms = 0;
    double max_response_time_ms = 0;
};

// An incident as stored: the columns the API filters on, and JSON the daemon owns.
struct IncidentRecord {
    std::uint64_t id = 0;
    std::string client, site, condition, severity;
    std::string state;  // open | acknowledged | resolved
    TimePoint opened_at{};
    std::optional<TimePoint> resolved_at;
    std::string incident_json;    // the Incident (alerting/incidents/incident.h)
    std::string escalation_json;  // the Escalation; empty when the incident was never paged
    std::string extras_json;      // client update, debrief, links, follow-up (IncidentService)
};

// One notification, written before it is sent (the outbox). `key` is unique: inserting a key
// that exists already is a no-op, so a step handed out again after a crash is never sent twice.
struct OutboxRecord {
    std::string key;
    std::uint64_t incident_id = 0;
    std::string target;              // phone | sms | slack | email | webhook | pagerduty | asana
    std::string delivery_json;       // alerting/outbox/delivery.h
    std::string status = "pending";  // pending | sent | failed
    int attempts = 0;
    TimePoint created_at{};
    TimePoint next_attempt_at{};
    std::optional<TimePoint> finished_at;
    std::string last_error;
};

// Everything one incident-engine step changed, written in one transaction before anything is
// sent, so that a crash never loses an incident or a notification, and never doubles one.
struct AlertingWrite {
    std::vector<IncidentRecord> incidents;   // inserted, or replaced by id
    std::optional<std::string> engine_json;  // the engine's own bookkeeping, replaced when set
    std::vector<OutboxRecord> outbox;        // inserted unless the key exists
};

struct AlertingState {
    std::vector<IncidentRecord> incidents;  // by id
    std::optional<std::string> engine_json;
};

class Store {
public:
    virtual ~Store() = default;

    // One transaction for the whole batch.
    virtual void append_results(const std::vector<CheckRecord>& records) = 0;
    // Newest first.
    virtual std::vector<CheckRecord> recent_results(std::string_view site, std::size_t limit) = 0;
    // Deletes raw results older than `cutoff`; returns how many rows went.
    virtual std::size_t prune_results_before(TimePoint cutoff) = 0;

    // Oldest first: every hour that overlaps [from, to).
    virtual std::vector<HourlyRollup> hourly_rollups(std::string_view site, TimePoint from,
                                                     TimePoint to) = 0;
    // Deletes rollups of hours that end at or before `cutoff`; returns how many rows went.
    virtual std::size_t prune_rollups_before(TimePoint cutoff) = 0;

    // Opaque per-site state (JSON written by the daemon) that must survive a restart.
    virtual void put_site_states(const std::map<std::string, std::string>& state_by_site) = 0;
    virtual std::map<std::string, std::string> load_site_states() = 0;

    // Content baselines (the known-good page of each site), opaque JSON text written by the
    // daemon, up to a few hundred KB each. put_baselines inserts or replaces every entry in
    // one transaction; load_baselines returns them all by site name; delete_baseline forgets
    // one (nothing happens when there is none).
    virtual void put_baselines(const std::map<std::string, std::string>& json_by_site) = 0;
    virtual std::map<std::string, std::string> load_baselines() = 0;
    virtual void delete_baseline(std::string_view site) = 0;

    // Oldest first, confirming re-checks included: the check history an incident report
    // computes downtime from.
    virtual std::vector<CheckRecord> results_between(std::string_view site, TimePoint from,
                                                     TimePoint to) = 0;

    // Incidents, escalations and the outbox (alerting).
    virtual void write_alerting(const AlertingWrite& write) = 0;
    virtual AlertingState load_alerting() = 0;
    virtual std::optional<IncidentRecord> find_incident(std::uint64_t id) = 0;
    // Pending entries with next_attempt_at <= now, oldest next_attempt_at first.
    virtual std::vector<OutboxRecord> outbox_due(TimePoint now, std::size_t limit) = 0;
    // The earliest next_attempt_at of any pending entry.
    virtual std::optional<TimePoint> outbox_next_attempt() = 0;
    // Replaces status, attempts, next_attempt_at, finished_at and last_error of the entry with
    // r.key; false when there is none.
    virtual bool update_outbox(const OutboxRecord& r) = 0;
    virtual std::optional<OutboxRecord> find_outbox(std::string_view key) = 0;
    // Oldest created first.
    virtual std::vector<OutboxRecord> outbox_for_incident(std::uint64_t incident_id) = 0;
};

// Opens (creating if needed) a SQLite store in WAL mode. Throws std::runtime_error with the
// path and SQLite's message on failure.
std::unique_ptr<Store> open_sqlite_store(const std::string& path);

}  // namespace sitewatch
