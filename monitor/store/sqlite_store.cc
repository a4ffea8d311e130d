#include "monitor/store/sqlite_store.h"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "monitor/store/detail/sqlite_error.h"
#include "monitor/store/detail/sqlite_schema.h"
#include "monitor/store/detail/sqlite_statement.h"
#include "monitor/store/detail/sqlite_transaction.h"

namespace sitewatch {

using store::detail::Statement;
using store::detail::throw_sqlite_error;
using store::detail::throw_store_error;
using store::detail::Transaction;

namespace {

constexpr std::int64_t kMillisPerHour = 3'600'000;
constexpr std::size_t kMaxSitesPerPruneChunk = 500;

std::int64_t to_unix_ms(TimePoint t) {
    return std::chrono::floor<Millis>(t.time_since_epoch()).count();
}

TimePoint from_unix_ms(std::int64_t ms) { return TimePoint(Millis(ms)); }

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

std::int64_t to_micros(double ms) {
    if (!std::isfinite(ms) || ms <= 0) return 0;
    constexpr double kMax = static_cast<double>(std::numeric_limits<std::int64_t>::max() / 1000);
    return std::llround(std::min(ms, kMax) * 1000.0);
}

double to_ms(std::int64_t micros) { return static_cast<double>(micros) / 1000.0; }

std::int64_t clamp_limit(std::size_t limit) {
    constexpr auto kMax = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
    return static_cast<std::int64_t>(std::min(limit, kMax));
}

std::string site_key(const std::string& client, const std::string& site) {
    std::string key;
    key.reserve(client.size() + site.size() + 1);
    key += client;
    key += '\0';  // cannot appear in either name
    key += site;
    return key;
}

// Incident ids are unsigned in C++ and signed in SQLite; the cast round-trips every value.
std::int64_t to_sql_id(std::uint64_t id) { return static_cast<std::int64_t>(id); }
std::uint64_t from_sql_id(std::int64_t id) { return static_cast<std::uint64_t>(id); }

// The columns of results, in the order every results query selects them.
#define SITEWATCH_RESULT_COLUMNS                                                         \
    "checked_at, success, confirm, http_status, response_us, tls_expires_at, condition," \
    " severity, summary, findings_json"

CheckRecord read_check(const Statement& q, const std::string& client, std::string_view site) {
    CheckRecord r;
    r.client = client;
    r.site = std::string(site);
    r.checked_at = from_unix_ms(q.column_int64(0));
    r.success = q.column_int64(1) != 0;
    r.confirm = q.column_int64(2) != 0;
    r.http_status = static_cast<int>(q.column_int64(3));
    r.response_time_ms = to_ms(q.column_int64(4));
    if (auto s = q.column_optional_int64(5)) {
        r.tls_expires_at = TimePoint(std::chrono::seconds(*s));
    }
    r.condition = q.column_text(6);
    r.severity = q.column_text(7);
    r.summary = q.column_text(8);
    r.findings_json = q.column_text(9);
    if (r.findings_json.empty()) r.findings_json = "[]";
    return r;
}

#define SITEWATCH_INCIDENT_COLUMNS                                                \
    "id, client, site, condition, severity, state, opened_at_ms, resolved_at_ms," \
    " incident_json, escalation_json, extras_json"

IncidentRecord read_incident(const Statement& q) {
    IncidentRecord r;
    r.id = from_sql_id(q.column_int64(0));
    r.client = q.column_text(1);
    r.site = q.column_text(2);
    r.condition = q.column_text(3);
    r.severity = q.column_text(4);
    r.state = q.column_text(5);
    r.opened_at = from_unix_ms(q.column_int64(6));
    if (auto ms = q.column_optional_int64(7)) r.resolved_at = from_unix_ms(*ms);
    r.incident_json = q.column_text(8);
    r.escalation_json = q.column_text(9);
    r.extras_json = q.column_text(10);
    return r;
}

#define SITEWATCH_OUTBOX_COLUMNS                                                \
    "key, incident_id, target, delivery_json, status, attempts, created_at_ms," \
    " next_attempt_ms, finished_at_ms, last_error"

OutboxRecord read_outbox(const Statement& q) {
    OutboxRecord r;
    r.key = q.column_text(0);
    r.incident_id = from_sql_id(q.column_int64(1));
    r.target = q.column_text(2);
    r.delivery_json = q.column_text(3);
    r.status = q.column_text(4);
    r.attempts = static_cast<int>(q.column_int64(5));
    r.created_at = from_unix_ms(q.column_int64(6));
    r.next_attempt_at = from_unix_ms(q.column_int64(7));
    if (auto ms = q.column_optional_int64(8)) r.finished_at = from_unix_ms(*ms);
    r.last_error = q.column_text(9);
    return r;
}

struct SqliteCloser {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};

// Runs a PRAGMA and returns its first column, for the ones whose answer must be checked.
std::string pragma(sqlite3* db, const std::string& sql) {
    Statement stmt(db, sql);
    std::string value = stmt.step() ? stmt.column_text(0) : std::string();
    stmt.reset();
    return value;
}

}  // namespace

struct SqliteStore::Connection {
    // First member, so it closes after every statement below has been finalised.
    std::unique_ptr<sqlite3, SqliteCloser> handle;
    sqlite3* db;

    Statement find_site;
    Statement insert_site;
    Statement sites_named;
    Statement all_site_ids;
    Statement insert_result;
    Statement add_to_rollup;
    Statement recent_results;
    Statement rollups_between;
    Statement prune_results;
    Statement prune_rollups;
    Statement upsert_state;
    Statement all_states;
    Statement upsert_baseline;
    Statement all_baselines;
    Statement delete_baseline;
    Statement results_between;
    Statement upsert_incident;
    Statement upsert_engine;
    Statement insert_outbox;
    Statement all_incidents;
    Statement engine_json;
    Statement find_incident;
    Statement outbox_due;
    Statement outbox_next_attempt;
    Statement update_outbox;
    Statement find_outbox;
    Statement outbox_for_incident;

    explicit Connection(sqlite3* opened)
        : handle(opened),
          db(opened),
          find_site(db, "SELECT id FROM sites WHERE client = ?1 AND name = ?2"),
          insert_site(db, "INSERT INTO sites (client, name) VALUES (?1, ?2)"),
          sites_named(db, "SELECT id, client FROM sites WHERE name = ?1"),
          all_site_ids(db, "SELECT id FROM sites ORDER BY id"),
          insert_result(db,
                        "INSERT INTO results (site_id, checked_at, success, confirm, http_status,"
                        " response_us, tls_expires_at, condition, severity, summary,"
                        " findings_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
                        " ON CONFLICT (site_id, checked_at) DO NOTHING"),
          add_to_rollup(db,
                        "INSERT INTO rollups_hourly (site_id, hour, checks, failures,"
                        " sum_response_us, max_response_us) VALUES (?1, ?2, 1, ?3, ?4, ?4)"
                        " ON CONFLICT (site_id, hour) DO UPDATE SET checks = checks + 1,"
                        " failures = failures + excluded.failures,"
                        " sum_response_us = sum_response_us + excluded.sum_response_us,"
                        " max_response_us = max(max_response_us, excluded.max_response_us)"),
          recent_results(db, "SELECT " SITEWATCH_RESULT_COLUMNS
                             " FROM results WHERE site_id = ?1 ORDER BY checked_at DESC LIMIT ?2"),
          rollups_between(db,
                          "SELECT hour, checks, failures, sum_response_us, max_response_us"
                          " FROM rollups_hourly WHERE site_id = ?1 AND hour >= ?2 AND hour < ?3"
                          " ORDER BY hour"),
          // The subquery walks the primary key, so each chunk touches only the rows it deletes.
          prune_results(db,
                        "DELETE FROM results WHERE site_id = ?1 AND checked_at IN (SELECT"
                        " checked_at FROM results WHERE site_id = ?1 AND checked_at < ?2"
                        " ORDER BY checked_at LIMIT ?3)"),
          prune_rollups(db,
                        "DELETE FROM rollups_hourly WHERE site_id = ?1 AND hour IN (SELECT hour"
                        " FROM rollups_hourly WHERE site_id = ?1 AND hour < ?2"
                        " ORDER BY hour LIMIT ?3)"),
          upsert_state(db,
                       "INSERT INTO site_states (site, state) VALUES (?1, ?2)"
                       " ON CONFLICT (site) DO UPDATE SET state = excluded.state"),
          all_states(db, "SELECT site, state FROM site_states"),
          upsert_baseline(db,
                          "INSERT INTO baselines (site, json, updated_at) VALUES (?1, ?2, ?3)"
                          " ON CONFLICT (site) DO UPDATE SET json = excluded.json,"
                          " updated_at = excluded.updated_at"),
          all_baselines(db, "SELECT site, json FROM baselines"),
          delete_baseline(db, "DELETE FROM baselines WHERE site = ?1"),
          results_between(db, "SELECT " SITEWATCH_RESULT_COLUMNS
                              " FROM results WHERE site_id = ?1 AND checked_at >= ?2"
                              " AND checked_at <= ?3 ORDER BY checked_at"),
          upsert_incident(
              db,
              "INSERT INTO incidents (" SITEWATCH_INCIDENT_COLUMNS
              ", updated_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
              " ON CONFLICT (id) DO UPDATE SET client = excluded.client, site = excluded.site,"
              " condition = excluded.condition, severity = excluded.severity,"
              " state = excluded.state, opened_at_ms = excluded.opened_at_ms,"
              " resolved_at_ms = excluded.resolved_at_ms, incident_json = excluded.incident_json,"
              " escalation_json = excluded.escalation_json, extras_json = excluded.extras_json,"
              " updated_at_ms = excluded.updated_at_ms"),
          upsert_engine(db,
                        "INSERT INTO alerting_state (id, engine_json, updated_at_ms)"
                        " VALUES (1, ?1, ?2) ON CONFLICT (id) DO UPDATE SET"
                        " engine_json = excluded.engine_json,"
                        " updated_at_ms = excluded.updated_at_ms"),
          // DO NOTHING on the key only: an existing entry is never reset to pending, so it is
          // never sent twice. (Unlike OR IGNORE, any other constraint failure still throws.)
          insert_outbox(db, "INSERT INTO outbox (" SITEWATCH_OUTBOX_COLUMNS
                            ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
                            " ON CONFLICT (key) DO NOTHING"),
          all_incidents(db, "SELECT " SITEWATCH_INCIDENT_COLUMNS " FROM incidents ORDER BY id"),
          engine_json(db, "SELECT engine_json FROM alerting_state WHERE id = 1"),
          find_incident(db, "SELECT " SITEWATCH_INCIDENT_COLUMNS " FROM incidents WHERE id = ?1"),
          // Filter and order both come off the outbox_due index: no sort step.
          outbox_due(db, "SELECT " SITEWATCH_OUTBOX_COLUMNS
                         " FROM outbox WHERE status = 'pending' AND next_attempt_ms <= ?1"
                         " ORDER BY next_attempt_ms, created_at_ms LIMIT ?2"),
          outbox_next_attempt(db,
                              "SELECT min(next_attempt_ms) FROM outbox WHERE status = 'pending'"),
          update_outbox(db,
                        "UPDATE outbox SET status = ?2, attempts = ?3, next_attempt_ms = ?4,"
                        " finished_at_ms = ?5, last_error = ?6 WHERE key = ?1"),
          find_outbox(db, "SELECT " SITEWATCH_OUTBOX_COLUMNS " FROM outbox WHERE key = ?1"),
          outbox_for_incident(db, "SELECT " SITEWATCH_OUTBOX_COLUMNS
                                  " FROM outbox WHERE incident_id = ?1 ORDER BY created_at_ms") {}
};

SqliteStore::SqliteStore(const std::string& path, SqliteStoreOptions options) : options_(options) {
    sqlite3* raw = nullptr;
    // NOMUTEX: every call is already serialised by mu_.
    int rc =
        sqlite3_open_v2(path.c_str(), &raw,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    std::unique_ptr<sqlite3, SqliteCloser> handle(raw);
    if (rc != SQLITE_OK) {
        throw std::runtime_error("sqlite store " + path +
                                 ": open: " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
    }
    sqlite3* db = handle.get();
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(
        db, static_cast<int>(std::clamp<std::int64_t>(options_.busy_timeout.count(), 0,
                                                      std::numeric_limits<int>::max())));

    // The first read of the file happens here, so a file that is not a database fails here
    // with SQLITE_NOTADB.
    std::string mode = pragma(db, "PRAGMA journal_mode = WAL");
    if (mode != "wal") {
        throw_store_error(db, "cannot switch to WAL journal mode (got \"" + mode +
                                  "\"; WAL needs a local file system)");
    }
    // NORMAL in WAL mode: a power loss may lose the last commits, never consistency.
    // journal_size_limit: truncate the WAL after checkpoints instead of keeping its peak size.
    // secure_delete FAST: Debian builds with it ON, which also writes out every page a prune
    // frees; check results are not secrets worth that I/O.
    const char* tuning =
        "PRAGMA synchronous = NORMAL;"
        "PRAGMA journal_size_limit = 67108864;"
        "PRAGMA secure_delete = FAST;";
    if (sqlite3_exec(db, tuning, nullptr, nullptr, nullptr) != SQLITE_OK) {
        throw_sqlite_error(db, "configure connection");
    }
    store::detail::migrate(db);
    conn_ = std::make_unique<Connection>(handle.release());
}

SqliteStore::~SqliteStore() = default;

std::int64_t SqliteStore::site_id_locked(const std::string& client, const std::string& site,
                                         std::unordered_map<std::string, std::int64_t>& created) {
    std::string key = site_key(client, site);
    if (auto it = site_ids_.find(key); it != site_ids_.end()) return it->second;
    if (auto it = created.find(key); it != created.end()) return it->second;

    Statement& find = conn_->find_site;
    find.reset().bind(1, client).bind(2, site);
    if (find.step()) {
        std::int64_t id = find.column_int64(0);
        find.reset();
        site_ids_.emplace(std::move(key), id);  // committed before this transaction began
        return id;
    }
    conn_->insert_site.reset().bind(1, client).bind(2, site).run();
    std::int64_t id = sqlite3_last_insert_rowid(conn_->db);
    // Cached only once the transaction commits: a rollback would make the id dangle.
    created.emplace(std::move(key), id);
    return id;
}

void SqliteStore::append_results(const std::vector<CheckRecord>& records) {
    if (records.empty()) return;
    std::lock_guard lock(mu_);
    std::unordered_map<std::string, std::int64_t> created;
    Transaction tx(conn_->db);
    for (const CheckRecord& r : records) {
        std::int64_t site_id = site_id_locked(r.client, r.site, created);
        std::int64_t checked_at = to_unix_ms(r.checked_at);
        std::int64_t response_us = to_micros(r.response_time_ms);

        Statement& insert = conn_->insert_result;
        insert.reset()
            .bind(1, site_id)
            .bind(2, checked_at)
            .bind(3, std::int64_t{r.success})
            .bind(4, std::int64_t{r.confirm})
            .bind(5, std::int64_t{r.http_status})
            .bind(6, response_us);
        if (r.tls_expires_at) {
            insert.bind(
                7, std::chrono::floor<std::chrono::seconds>(r.tls_expires_at->time_since_epoch())
                       .count());
        }
        insert.bind_text_or_null(8, r.condition)
            .bind_text_or_null(9, r.severity)
            .bind_text_or_null(10, r.summary)
            .bind_text_or_null(11, r.findings_json == "[]" ? std::string_view() : r.findings_json)
            .run();
        if (sqlite3_changes(conn_->db) == 0) continue;  // already stored: keep rollups exact
        if (r.confirm) continue;

        conn_->add_to_rollup.reset()
            .bind(1, site_id)
            .bind(2, floor_div(checked_at, kMillisPerHour))
            .bind(3, std::int64_t{!r.success})
            .bind(4, response_us)
            .run();
    }
    tx.commit();
    site_ids_.merge(created);
}

std::vector<SqliteStore::SiteRef> SqliteStore::sites_named_locked(std::string_view site) {
    std::vector<SiteRef> refs;
    Statement& q = conn_->sites_named;
    q.reset().bind(1, site);
    while (q.step()) refs.push_back({q.column_int64(0), q.column_text(1)});
    return refs;
}

std::vector<CheckRecord> SqliteStore::recent_results(std::string_view site, std::size_t limit) {
    std::vector<CheckRecord> out;
    if (limit == 0) return out;
    std::lock_guard lock(mu_);
    for (const SiteRef& ref : sites_named_locked(site)) {
        Statement& q = conn_->recent_results;
        q.reset().bind(1, ref.id).bind(2, clamp_limit(limit));
        while (q.step()) out.push_back(read_check(q, ref.client, site));
    }
    // Only when a name spans several clients do the per-client lists need merging.
    std::stable_sort(out.begin(), out.end(), [](const CheckRecord& a, const CheckRecord& b) {
        return a.checked_at > b.checked_at;
    });
    if (out.size() > limit) out.resize(limit);
    return out;
}

std::vector<HourlyRollup> SqliteStore::hourly_rollups(std::string_view site, TimePoint from,
                                                      TimePoint to) {
    std::int64_t first_hour = floor_div(to_unix_ms(from), kMillisPerHour);
    // The last hour that overlaps is the one holding the millisecond just before `to`.
    std::int64_t end_hour = floor_div(to_unix_ms(to) - 1, kMillisPerHour) + 1;
    std::map<std::int64_t, HourlyRollup> by_hour;
    if (end_hour <= first_hour) return {};

    std::lock_guard lock(mu_);
    for (const SiteRef& ref : sites_named_locked(site)) {
        Statement& q = conn_->rollups_between;
        q.reset().bind(1, ref.id).bind(2, first_hour).bind(3, end_hour);
        while (q.step()) {
            std::int64_t hour = q.column_int64(0);
            HourlyRollup& r = by_hour[hour];
            r.hour = from_unix_ms(hour * kMillisPerHour);
            r.checks += static_cast<int>(q.column_int64(1));
            r.failures += static_cast<int>(q.column_int64(2));
            r.sum_response_time_ms += to_ms(q.column_int64(3));
            r.max_response_time_ms = std::max(r.max_response_time_ms, to_ms(q.column_int64(4)));
        }
    }
    std::vector<HourlyRollup> out;
    out.reserve(by_hour.size());
    for (auto& [hour, r] : by_hour) out.push_back(r);
    return out;
}

std::size_t SqliteStore::prune_chunked(Statement& delete_chunk, std::int64_t cutoff) {
    std::vector<std::int64_t> site_ids;
    {
        std::lock_guard lock(mu_);
        Statement& q = conn_->all_site_ids;
        q.reset();
        while (q.step()) site_ids.push_back(q.column_int64(0));
    }
    const std::size_t chunk = std::max<std::size_t>(options_.prune_chunk_rows, 1);
    std::size_t total = 0;
    std::size_t next_site = 0;
    while (next_site < site_ids.size()) {
        // One chunk per transaction; the writer gets the lock between chunks.
        std::lock_guard lock(mu_);
        Transaction tx(conn_->db);
        std::size_t budget = chunk;
        // Sites with nothing to prune cost a seek each; cap those too, so ten thousand of them
        // do not add up to one long hold of the lock.
        std::size_t visits = 0;
        while (next_site < site_ids.size() && budget > 0 && visits++ < kMaxSitesPerPruneChunk) {
            delete_chunk.reset()
                .bind(1, site_ids[next_site])
                .bind(2, cutoff)
                .bind(3, clamp_limit(budget))
                .run();
            auto deleted = static_cast<std::size_t>(sqlite3_changes(conn_->db));
            total += deleted;
            if (deleted < budget) ++next_site;  // this site has nothing older left
            budget -= std::min(deleted, budget);
        }
        tx.commit();
    }
    return total;
}

std::size_t SqliteStore::prune_results_before(TimePoint cutoff) {
    return prune_chunked(conn_->prune_results, to_unix_ms(cutoff));
}

std::size_t SqliteStore::prune_rollups_before(TimePoint cutoff) {
    // Only hours wholly before the cutoff: the hour holding it still has newer checks.
    return prune_chunked(conn_->prune_rollups, floor_div(to_unix_ms(cutoff), kMillisPerHour));
}

void SqliteStore::put_site_states(const std::map<std::string, std::string>& state_by_site) {
    if (state_by_site.empty()) return;
    std::lock_guard lock(mu_);
    Transaction tx(conn_->db);
    for (const auto& [site, state] : state_by_site) {
        conn_->upsert_state.reset().bind(1, site).bind(2, state).run();
    }
    tx.commit();
}

std::map<std::string, std::string> SqliteStore::load_site_states() {
    std::map<std::string, std::string> out;
    std::lock_guard lock(mu_);
    Statement& q = conn_->all_states;
    q.reset();
    while (q.step()) out.emplace(q.column_text(0), q.column_text(1));
    return out;
}

void SqliteStore::put_baselines(const std::map<std::string, std::string>& json_by_site) {
    if (json_by_site.empty()) return;
    const std::int64_t now = to_unix_ms(Clock::now());
    std::lock_guard lock(mu_);
    Transaction tx(conn_->db);
    for (const auto& [site, json] : json_by_site) {
        conn_->upsert_baseline.reset().bind(1, site).bind(2, json).bind(3, now).run();
    }
    tx.commit();
}

std::map<std::string, std::string> SqliteStore::load_baselines() {
    std::map<std::string, std::string> out;
    std::lock_guard lock(mu_);
    Statement& q = conn_->all_baselines;
    q.reset();
    while (q.step()) out.emplace(q.column_text(0), q.column_text(1));
    return out;
}

void SqliteStore::delete_baseline(std::string_view site) {
    std::lock_guard lock(mu_);
    conn_->delete_baseline.reset().bind(1, site).run();
}

std::vector<CheckRecord> SqliteStore::results_between(std::string_view site, TimePoint from,
                                                      TimePoint to) {
    // Stored times are whole ms: round the bounds inwards so both stay inclusive and exact.
    const std::int64_t from_ms = std::chrono::ceil<Millis>(from.time_since_epoch()).count();
    const std::int64_t to_ms_incl = to_unix_ms(to);
    std::vector<CheckRecord> out;
    if (to_ms_incl < from_ms) return out;
    std::lock_guard lock(mu_);
    for (const SiteRef& ref : sites_named_locked(site)) {
        Statement& q = conn_->results_between;
        q.reset().bind(1, ref.id).bind(2, from_ms).bind(3, to_ms_incl);
        while (q.step()) out.push_back(read_check(q, ref.client, site));
    }
    std::stable_sort(out.begin(), out.end(), [](const CheckRecord& a, const CheckRecord& b) {
        return a.checked_at < b.checked_at;
    });
    return out;
}

void SqliteStore::write_alerting(const AlertingWrite& write) {
    if (write.incidents.empty() && !write.engine_json && write.outbox.empty()) return;
    const std::int64_t now = to_unix_ms(Clock::now());
    std::lock_guard lock(mu_);
    Transaction tx(conn_->db);
    for (const IncidentRecord& r : write.incidents) {
        Statement& upsert = conn_->upsert_incident;
        upsert.reset()
            .bind(1, to_sql_id(r.id))
            .bind(2, r.client)
            .bind(3, r.site)
            .bind(4, r.condition)
            .bind(5, r.severity)
            .bind(6, r.state)
            .bind(7, to_unix_ms(r.opened_at));
        if (r.resolved_at) upsert.bind(8, to_unix_ms(*r.resolved_at));
        upsert.bind(9, r.incident_json)
            .bind_text_or_null(10, r.escalation_json)
            .bind_text_or_null(11, r.extras_json)
            .bind(12, now)
            .run();
    }
    if (write.engine_json) {
        conn_->upsert_engine.reset().bind(1, *write.engine_json).bind(2, now).run();
    }
    for (const OutboxRecord& r : write.outbox) {
        Statement& insert = conn_->insert_outbox;
        insert.reset()
            .bind(1, r.key)
            .bind(2, to_sql_id(r.incident_id))
            .bind(3, r.target)
            .bind(4, r.delivery_json)
            .bind(5, r.status)
            .bind(6, std::int64_t{r.attempts})
            .bind(7, to_unix_ms(r.created_at))
            .bind(8, to_unix_ms(r.next_attempt_at));
        if (r.finished_at) insert.bind(9, to_unix_ms(*r.finished_at));
        insert.bind_text_or_null(10, r.last_error).run();
    }
    tx.commit();
}

AlertingState SqliteStore::load_alerting() {
    AlertingState out;
    std::lock_guard lock(mu_);
    // One transaction, so incidents and engine_json come from the same commit (another
    // process may write between two statements). Run once at start-up, so IMMEDIATE is cheap.
    Transaction tx(conn_->db);
    Statement& q = conn_->all_incidents;
    q.reset();
    while (q.step()) out.incidents.push_back(read_incident(q));
    Statement& e = conn_->engine_json;
    e.reset();
    if (e.step()) {
        out.engine_json = e.column_text(0);
        e.reset();
    }
    tx.commit();
    return out;
}

std::optional<IncidentRecord> SqliteStore::find_incident(std::uint64_t id) {
    std::lock_guard lock(mu_);
    Statement& q = conn_->find_incident;
    q.reset().bind(1, to_sql_id(id));
    if (!q.step()) return std::nullopt;
    IncidentRecord r = read_incident(q);
    q.reset();  // ends the read, so the snapshot does not hold up checkpoints
    return r;
}

std::vector<OutboxRecord> SqliteStore::outbox_due(TimePoint now, std::size_t limit) {
    std::vector<OutboxRecord> out;
    if (limit == 0) return out;
    std::lock_guard lock(mu_);
    Statement& q = conn_->outbox_due;
    q.reset().bind(1, to_unix_ms(now)).bind(2, clamp_limit(limit));
    while (q.step()) out.push_back(read_outbox(q));
    return out;
}

std::optional<TimePoint> SqliteStore::outbox_next_attempt() {
    std::lock_guard lock(mu_);
    Statement& q = conn_->outbox_next_attempt;
    q.reset();
    std::optional<TimePoint> next;
    if (q.step()) {
        if (auto ms = q.column_optional_int64(0)) next = from_unix_ms(*ms);  // NULL: none
        q.reset();
    }
    return next;
}

bool SqliteStore::update_outbox(const OutboxRecord& r) {
    std::lock_guard lock(mu_);
    Statement& update = conn_->update_outbox;
    update.reset()
        .bind(1, r.key)
        .bind(2, r.status)
        .bind(3, std::int64_t{r.attempts})
        .bind(4, to_unix_ms(r.next_attempt_at));
    if (r.finished_at) update.bind(5, to_unix_ms(*r.finished_at));
    update.bind_text_or_null(6, r.last_error).run();
    return sqlite3_changes(conn_->db) > 0;
}

std::optional<OutboxRecord> SqliteStore::find_outbox(std::string_view key) {
    std::lock_guard lock(mu_);
    Statement& q = conn_->find_outbox;
    q.reset().bind(1, key);
    if (!q.step()) return std::nullopt;
    OutboxRecord r = read_outbox(q);
    q.reset();
    return r;
}

std::vector<OutboxRecord> SqliteStore::outbox_for_incident(std::uint64_t incident_id) {
    std::vector<OutboxRecord> out;
    std::lock_guard lock(mu_);
    Statement& q = conn_->outbox_for_incident;
    q.reset().bind(1, to_sql_id(incident_id));
    while (q.step()) out.push_back(read_outbox(q));
    return out;
}

std::unique_ptr<Store> open_sqlite_store(const std::string& path) {
    return std::make_unique<SqliteStore>(path);
}

}  // namespace sitewatch
