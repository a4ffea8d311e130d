#include "monitor/store/detail/sqlite_schema.h"

#include <array>
#include <string>

#include "monitor/store/detail/sqlite_error.h"
#include "monitor/store/detail/sqlite_transaction.h"

namespace sitewatch::store::detail {
namespace {

// Index i holds the step from version i to i + 1. Append only.
//
// Sizing notes for version 1: results is the big table (one row per check), so it is a
// WITHOUT ROWID table keyed by (site_id, checked_at), which keeps a site's rows together and
// needs no second index. A healthy row stores only integers; the text columns are NULL (one
// header byte each) unless the check found something. 0/1 integers cost no payload bytes.
constexpr std::array kMigrations = {
    R"sql(
CREATE TABLE sites (
    id INTEGER PRIMARY KEY,
    client TEXT NOT NULL,
    name TEXT NOT NULL,
    UNIQUE (client, name)
);
CREATE INDEX sites_by_name ON sites (name);

CREATE TABLE results (
    site_id INTEGER NOT NULL,
    checked_at INTEGER NOT NULL,      -- Unix ms
    success INTEGER NOT NULL,
    confirm INTEGER NOT NULL,
    http_status INTEGER NOT NULL,
    response_us INTEGER NOT NULL,     -- microseconds: 3 bytes where a REAL takes 8
    tls_expires_at INTEGER,           -- Unix s: certificate times are whole seconds
    condition TEXT,
    severity TEXT,
    summary TEXT,
    findings_json TEXT,               -- NULL when there were no findings
    PRIMARY KEY (site_id, checked_at)
) WITHOUT ROWID;

CREATE TABLE rollups_hourly (
    site_id INTEGER NOT NULL,
    hour INTEGER NOT NULL,            -- hours since the Unix epoch
    checks INTEGER NOT NULL,
    failures INTEGER NOT NULL,
    sum_response_us INTEGER NOT NULL,
    max_response_us INTEGER NOT NULL,
    PRIMARY KEY (site_id, hour)
) WITHOUT ROWID;

CREATE TABLE site_states (
    site TEXT PRIMARY KEY,
    state TEXT NOT NULL
);
)sql",
    // Version 2: content baselines, one JSON document per site (tens to hundreds of KB, so
    // they live apart from the small site_states rows).
    R"sql(
CREATE TABLE baselines (
    site TEXT PRIMARY KEY,
    json TEXT NOT NULL,
    updated_at INTEGER NOT NULL       -- Unix ms of the last put
);
)sql",
    // Version 3: alerting. A few rows per incident, so plain rowid tables: the JSON columns
    // make rows too large for WITHOUT ROWID to pay, and outbox's secondary indexes would carry
    // its text key instead of an integer rowid. Optional text is NULL when empty.
    R"sql(
CREATE TABLE incidents (
    id INTEGER PRIMARY KEY,           -- the engine's incident id
    client TEXT NOT NULL,
    site TEXT NOT NULL,
    condition TEXT NOT NULL,
    severity TEXT NOT NULL,
    state TEXT NOT NULL,              -- open | acknowledged | resolved
    opened_at_ms INTEGER NOT NULL,
    resolved_at_ms INTEGER,
    incident_json TEXT NOT NULL,
    escalation_json TEXT,             -- NULL when never paged
    extras_json TEXT,
    updated_at_ms INTEGER NOT NULL    -- Unix ms of the last write
);
-- Listing: open incidents, a client's, a site's, newest first.
CREATE INDEX incidents_by_state ON incidents (state, opened_at_ms);
CREATE INDEX incidents_by_client ON incidents (client, opened_at_ms);
CREATE INDEX incidents_by_site ON incidents (site, opened_at_ms);

-- The incident engine's own bookkeeping: exactly one row.
CREATE TABLE alerting_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    engine_json TEXT NOT NULL,
    updated_at_ms INTEGER NOT NULL
);

CREATE TABLE outbox (
    key TEXT PRIMARY KEY,             -- unique per notification: never sent twice
    incident_id INTEGER NOT NULL,
    target TEXT NOT NULL,
    delivery_json TEXT NOT NULL,
    status TEXT NOT NULL,             -- pending | sent | failed
    attempts INTEGER NOT NULL,
    created_at_ms INTEGER NOT NULL,
    next_attempt_ms INTEGER NOT NULL,
    finished_at_ms INTEGER,
    last_error TEXT
);
-- Both orderings the reads ask for come straight off these, with no sort step.
CREATE INDEX outbox_due ON outbox (status, next_attempt_ms, created_at_ms);
CREATE INDEX outbox_by_incident ON outbox (incident_id, created_at_ms);
)sql",
};

int user_version(sqlite3* db) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr) != SQLITE_OK) {
        sqlite3_finalize(stmt);
        throw_sqlite_error(db, "read schema version");
    }
    int rc = sqlite3_step(stmt);
    int version = rc == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : -1;
    sqlite3_finalize(stmt);
    if (rc != SQLITE_ROW) throw_sqlite_error(db, "read schema version");
    return version;
}

}  // namespace

int latest_schema_version() { return static_cast<int>(kMigrations.size()); }

void migrate(sqlite3* db) {
    int version = user_version(db);
    if (version > latest_schema_version()) {
        throw_store_error(db, "schema version " + std::to_string(version) +
                                  " is newer than this sitewatch supports (" +
                                  std::to_string(latest_schema_version()) + ")");
    }
    for (int next = version; next < latest_schema_version(); ++next) {
        Transaction tx(db);
        // user_version lives in the file header, so it commits atomically with the tables.
        std::string sql = kMigrations[static_cast<std::size_t>(next)];
        sql += "\nPRAGMA user_version = " + std::to_string(next + 1) + ";";
        if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
            throw_sqlite_error(db, "migrate schema to version " + std::to_string(next + 1));
        }
        tx.commit();
    }
}

}  // namespace sitewatch::store::detail
