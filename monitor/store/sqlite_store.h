#pragma once
// The embedded store: one SQLite file in WAL mode, one connection serialised by a mutex.
// Raw results are pruned by retention; hourly rollups, written in the same transaction as the
// raw rows, keep uptime and response-time history for much longer at a fraction of the size.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "monitor/store/store.h"

struct sqlite3;

namespace sitewatch {
namespace store::detail {
class Statement;
}

struct SqliteStoreOptions {
    // Rows deleted per transaction when pruning. The lock is released between chunks, so a
    // prune of millions of rows never holds up the result writer for long.
    std::size_t prune_chunk_rows = 5000;
    // How long a call waits for another process holding the database lock.
    std::chrono::milliseconds busy_timeout{5000};
};

// Storage details callers may notice:
// - times are kept in Unix milliseconds, tls_expires_at in whole seconds (X.509 times are);
// - response times to the microsecond;
// - findings_json reads back as "[]" when the check had no findings;
// - a record for a (client, site, checked_at) already stored is ignored, so writing the same
//   batch twice neither duplicates rows nor double-counts rollups;
// - sites are matched by name for reads, as names are unique in a config; if a name has moved
//   between clients, reads merge both.
class SqliteStore final : public Store {
public:
    // Opens or creates `path`, switches it to WAL (synchronous=NORMAL) and migrates the schema.
    // Throws std::runtime_error naming the file and the cause: not a database, corrupt, written
    // by a newer sitewatch, not writable.
    explicit SqliteStore(const std::string& path, SqliteStoreOptions options = {});
    ~SqliteStore() override;
    SqliteStore(const SqliteStore&) = delete;
    SqliteStore& operator=(const SqliteStore&) = delete;

    void append_results(const std::vector<CheckRecord>& records) override;
    std::vector<CheckRecord> recent_results(std::string_view site, std::size_t limit) override;
    // Deletes in chunks of `prune_chunk_rows`, each its own transaction.
    std::size_t prune_results_before(TimePoint cutoff) override;

    std::vector<HourlyRollup> hourly_rollups(std::string_view site, TimePoint from,
                                             TimePoint to) override;
    std::size_t prune_rollups_before(TimePoint cutoff) override;

    void put_site_states(const std::map<std::string, std::string>& state_by_site) override;
    std::map<std::string, std::string> load_site_states() override;

    // updated_at of each row is the time of the put, in Unix ms (for people reading the file).
    void put_baselines(const std::map<std::string, std::string>& json_by_site) override;
    std::map<std::string, std::string> load_baselines() override;
    void delete_baseline(std::string_view site) override;

    // [from, to], both ends included.
    std::vector<CheckRecord> results_between(std::string_view site, TimePoint from,
                                             TimePoint to) override;

    // Incidents are replaced whole by id; an outbox key that exists already is left exactly
    // as it is (status, attempts and all), whatever the new row says.
    void write_alerting(const AlertingWrite& write) override;
    AlertingState load_alerting() override;
    std::optional<IncidentRecord> find_incident(std::uint64_t id) override;
    // Ties on next_attempt_at go oldest created first.
    std::vector<OutboxRecord> outbox_due(TimePoint now, std::size_t limit) override;
    std::optional<TimePoint> outbox_next_attempt() override;
    bool update_outbox(const OutboxRecord& r) override;
    std::optional<OutboxRecord> find_outbox(std::string_view key) override;
    std::vector<OutboxRecord> outbox_for_incident(std::uint64_t incident_id) override;

private:
    struct Connection;  // the sqlite3 handle and its cached statements
    struct SiteRef {
        std::int64_t id;
        std::string client;
    };

    std::int64_t site_id_locked(const std::string& client, const std::string& site,
                                std::unordered_map<std::string, std::int64_t>& created);
    std::vector<SiteRef> sites_named_locked(std::string_view site);
    std::size_t prune_chunked(store::detail::Statement& delete_chunk, std::int64_t cutoff);

    SqliteStoreOptions options_;
    std::mutex mu_;
    std::unique_ptr<Connection> conn_;
    // (client, site) -> sites.id; only ids whose insert has committed.
    std::unordered_map<std::string, std::int64_t> site_ids_;
};

}  // namespace sitewatch
