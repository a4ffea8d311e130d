#pragma once
// The narrow storage interface. SQLite now (sqlite_store), PostgreSQL later behind the same
// interface. All methods are thread-safe. Times are stored as Unix milliseconds.
#include <cstddef>
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
};

// Opens (creating if needed) a SQLite store in WAL mode. Throws std::runtime_error with the
// path and SQLite's message on failure.
std::unique_ptr<Store> open_sqlite_store(const std::string& path);

}  // namespace sitewatch
