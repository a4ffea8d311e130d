// Incidents, the engine's bookkeeping and the notification outbox in the SQLite store: written
// in one transaction, kept across restarts, outbox keys never overwritten (never sent twice),
// and the check history an incident report reads (results_between).
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "monitor/store/detail/sqlite_schema.h"
#include "monitor/store/sqlite_store.h"
#include "tests/support/raw_db.h"
#include "tests/support/temp_dir.h"

using namespace sitewatch;
using sitewatch::testing::RawDb;
using sitewatch::testing::TempDir;

namespace {

// 2026-01-01T00:00:00Z.
constexpr std::int64_t kBaseMs = 1'767'225'600'000;

TimePoint at_ms(std::int64_t ms) { return TimePoint(Millis(ms)); }

IncidentRecord incident(std::uint64_t id, std::string site = "acme-home") {
    IncidentRecord r;
    r.id = id;
    r.client = "acme";
    r.site = std::move(site);
    r.condition = "down";
    r.severity = "critical";
    r.state = "open";
    r.opened_at = at_ms(kBaseMs + static_cast<std::int64_t>(id) * 1000);
    r.incident_json = R"({"id":)" + std::to_string(id) + "}";
    return r;
}

OutboxRecord outbox(std::string key, std::uint64_t incident_id, std::int64_t next_ms,
                    std::int64_t created_ms = kBaseMs) {
    OutboxRecord r;
    r.key = std::move(key);
    r.incident_id = incident_id;
    r.target = "sms";
    r.delivery_json = R"({"to":"+15550100","text":"acme-home is down"})";
    r.created_at = at_ms(created_ms);
    r.next_attempt_at = at_ms(next_ms);
    return r;
}

std::vector<std::string> keys(const std::vector<OutboxRecord>& rows) {
    std::vector<std::string> out;
    for (const auto& r : rows) out.push_back(r.key);
    return out;
}

CheckRecord check(std::string client, std::string site, std::int64_t ms, bool confirm = false) {
    CheckRecord r;
    r.client = std::move(client);
    r.site = std::move(site);
    r.checked_at = at_ms(ms);
    r.success = !confirm;
    r.confirm = confirm;
    r.http_status = confirm ? 503 : 200;
    r.response_time_ms = 42.5;
    if (confirm) {
        r.condition = "error";
        r.severity = "critical";
        r.summary = "HTTP 503";
        r.findings_json = R"([{"condition":"error"}])";
    }
    return r;
}

std::vector<std::int64_t> times_ms(const std::vector<CheckRecord>& rows) {
    std::vector<std::int64_t> out;
    for (const auto& r : rows) out.push_back(r.checked_at.time_since_epoch() / Millis(1));
    return out;
}

}  // namespace

TEST_CASE("incidents, engine state and outbox entries survive closing and reopening the database",
          "[store][alerting]") {
    TempDir dir;
    const std::string path = (dir.path() / "sitewatch.db").string();

    IncidentRecord resolved = incident(7);
    resolved.state = "resolved";
    resolved.resolved_at = at_ms(kBaseMs + 600'000);
    resolved.escalation_json = R"({"round":2})";
    resolved.extras_json = R"({"debrief":"cache \u2014 \"flushed\""})";
    IncidentRecord open = incident(3, "globex-shop");
    open.client = "globex";

    OutboxRecord sent = outbox("7:slack:1", 7, kBaseMs + 1000);
    sent.status = "sent";
    sent.attempts = 1;
    sent.finished_at = at_ms(kBaseMs + 2000);
    sent.last_error = "first try timed out";
    {
        SqliteStore store(path);
        store.write_alerting({{resolved, open}, R"({"next_id":8})", {sent}});
    }

    SqliteStore store(path);
    const AlertingState loaded = store.load_alerting();
    REQUIRE(loaded.incidents.size() == 2);
    CHECK(loaded.incidents[0].id == 3);  // by id, not by write order
    CHECK(loaded.incidents[0].client == "globex");
    CHECK(loaded.incidents[0].site == "globex-shop");
    CHECK_FALSE(loaded.incidents[0].resolved_at);
    CHECK(loaded.incidents[0].escalation_json.empty());
    CHECK(loaded.incidents[0].extras_json.empty());

    const IncidentRecord& r = loaded.incidents[1];
    CHECK(r.id == 7);
    CHECK(r.client == "acme");
    CHECK(r.site == "acme-home");
    CHECK(r.condition == "down");
    CHECK(r.severity == "critical");
    CHECK(r.state == "resolved");
    CHECK(r.opened_at == resolved.opened_at);
    CHECK(r.resolved_at == resolved.resolved_at);
    CHECK(r.incident_json == resolved.incident_json);
    CHECK(r.escalation_json == resolved.escalation_json);
    CHECK(r.extras_json == resolved.extras_json);
    CHECK(loaded.engine_json == R"({"next_id":8})");

    const auto got = store.find_outbox("7:slack:1");
    REQUIRE(got);
    CHECK(got->incident_id == 7);
    CHECK(got->target == "sms");
    CHECK(got->delivery_json == sent.delivery_json);
    CHECK(got->status == "sent");
    CHECK(got->attempts == 1);
    CHECK(got->created_at == sent.created_at);
    CHECK(got->next_attempt_at == sent.next_attempt_at);
    CHECK(got->finished_at == sent.finished_at);
    CHECK(got->last_error == "first try timed out");
}

TEST_CASE("a new database has no incidents, no engine state and nothing due", "[store][alerting]") {
    TempDir dir;
    SqliteStore store((dir.path() / "sitewatch.db").string());
    const AlertingState loaded = store.load_alerting();
    CHECK(loaded.incidents.empty());
    CHECK_FALSE(loaded.engine_json);
    CHECK(store.outbox_due(at_ms(kBaseMs), 10).empty());
    CHECK_FALSE(store.outbox_next_attempt());
    store.write_alerting({});  // nothing to write is not an error
    CHECK(store.load_alerting().incidents.empty());
}

TEST_CASE("writing an incident again replaces every column of it", "[store][alerting]") {
    TempDir dir;
    SqliteStore store((dir.path() / "sitewatch.db").string());
    IncidentRecord first = incident(1);
    first.escalation_json = R"({"round":1})";
    first.extras_json = R"({"links":[]})";
    store.write_alerting({{first, incident(2)}, std::nullopt, {}});

    IncidentRecord second = first;
    second.state = "acknowledged";
    second.severity = "warning";
    second.resolved_at = at_ms(kBaseMs + 5000);
    second.incident_json = R"({"id":1,"acked":true})";
    second.escalation_json.clear();  // cleared fields are cleared in the store too
    second.extras_json.clear();
    store.write_alerting({{second}, std::nullopt, {}});

    const auto got = store.find_incident(1);
    REQUIRE(got);
    CHECK(got->state == "acknowledged");
    CHECK(got->severity == "warning");
    CHECK(got->resolved_at == second.resolved_at);
    CHECK(got->incident_json == second.incident_json);
    CHECK(got->escalation_json.empty());
    CHECK(got->extras_json.empty());
    CHECK(store.load_alerting().incidents.size() == 2);
    CHECK(store.find_incident(2)->state == "open");
}

TEST_CASE("engine state is replaced when given and kept when not", "[store][alerting]") {
    TempDir dir;
    SqliteStore store((dir.path() / "sitewatch.db").string());
    store.write_alerting({{}, R"({"v":1})", {}});
    store.write_alerting({{}, R"({"v":2})", {}});
    CHECK(store.load_alerting().engine_json == R"({"v":2})");
    store.write_alerting({{incident(1)}, std::nullopt, {}});
    CHECK(store.load_alerting().engine_json == R"({"v":2})");
    RawDb raw((dir.path() / "sitewatch.db").string());
    CHECK(raw.integer("SELECT count(*) FROM alerting_state") == 1);
}

TEST_CASE("an unknown incident id is not found", "[store][alerting]") {
    TempDir dir;
    SqliteStore store((dir.path() / "sitewatch.db").string());
    store.write_alerting({{incident(1)}, std::nullopt, {}});
    CHECK_FALSE(store.find_incident(2));
    CHECK_FALSE(store.find_incident(0));
    CHECK(store.find_incident(1));
}

TEST_CASE("an incident id above the signed 64-bit range reads back unchanged",
          "[store][alerting]") {
    TempDir dir;
    SqliteStore store((dir.path() / "sitewatch.db").string());
    const std::uint64_t big = 0xFFFF'FFFF'FFFF'FFF0ULL;
    store.write_alerting({{incident(big)}, std::nullopt, {outbox("big", big, kBaseMs)}});
    REQUIRE(store.find_incident(big));
    CHECK(store.find_incident(big)->id == big);
    CHECK(store.outbox_for_incident(big).size() == 1);
    CHECK(store.find_outbox("big")->incident_id == big);
}

TEST_CASE("an outbox key written twice keeps its first entry and status", "[store][alerting]") {
    TempDir dir;
    SqliteStore store((dir.path() / "sitewatch.db").string());
    store.write_alerting({{incident(1)}, std::nullopt, {outbox("1:sms:1", 1, kBaseMs)}});

    OutboxRecord done = *store.find_outbox("1:sms:1");
    done.status = "sent";
    done.attempts = 1;
    done.finished_at = at_ms(kBaseMs + 1500);
    REQUIRE(store.update_outbox(done));

    // The engine hands the same step out again after a crash: a fresh pending row.
    OutboxRecord again = outbox("1:sms:1", 1, kBaseMs + 9000, kBaseMs + 9000);
    again.delivery_json = R"({"to":"+15550199"})";
    store.write_alerting({{}, std::nullopt, {again, outbox("1:sms:2", 1, kBaseMs)}});

    const auto got = store.find_outbox("1:sms:1");
    REQUIRE(got);
    CHECK(got->status == "sent");
    CHECK(got->attempts == 1);
    CHECK(got->finished_at == at_ms(kBaseMs + 1500));
    CHECK(got->delivery_json == outbox("x", 1, 0).delivery_json);
    CHECK(got->created_at == at_ms(kBaseMs));
    // The new key in the same batch still went in, and the sent one is not due again.
    CHECK(keys(store.outbox_due(at_ms(kBaseMs + 60'000), 10)) ==
          std::vector<std::string>{"1:sms:2"});
}

TEST_CASE(
    "due outbox entries are the pending ones whose time has come, earliest first, up to "
    "the limit",
    "[store][alerting]") {
    TempDir dir;
    SqliteStore store((dir.path() / "sitewatch.db").string());
    OutboxRecord failed = outbox("failed", 1, kBaseMs);
    failed.status = "failed";
    OutboxRecord sent = outbox("sent", 1, kBaseMs);
    sent.status = "sent";
    store.write_alerting(
        {{},
         std::nullopt,
         {outbox("later", 1, kBaseMs + 3000), outbox("future", 1, kBaseMs + 10'000),
          outbox("tie-newer", 1, kBaseMs + 1000, kBaseMs + 500),
          outbox("tie-older", 1, kBaseMs + 1000, kBaseMs + 100), outbox("first", 1, kBaseMs),
          failed, sent}});

    const TimePoint now = at_ms(kBaseMs + 3000);  // inclusive: "later" is due exactly now
    CHECK(keys(store.outbox_due(now, 10)) ==
          std::vector<std::string>{"first", "tie-older", "tie-newer", "later"});
    CHECK(keys(store.outbox_due(now, 2)) == std::vector<std::string>{"first", "tie-older"});
    CHECK(store.outbox_due(now, 0).empty());
    CHECK(keys(store.outbox_due(at_ms(kBaseMs - 1), 10)).empty());
    CHECK(store.outbox_due(at_ms(kBaseMs + 10'000), 100).size() == 5);
}

TEST_CASE("the next outbox attempt is the earliest of the pending entries", "[store][alerting]") {
    TempDir dir;
    SqliteStore store((dir.path() / "sitewatch.db").string());
    CHECK_FALSE(store.outbox_next_attempt());

    OutboxRecord sent = outbox("sent", 1, kBaseMs - 5000);
    sent.status = "sent";
    store.write_alerting(
        {{}, std::nullopt, {sent, outbox("a", 1, kBaseMs + 7000), outbox("b", 1, kBaseMs + 2000)}});
    CHECK(store.outbox_next_attempt() == at_ms(kBaseMs + 2000));

    OutboxRecord b = *store.find_outbox("b");
    b.status = "sent";
    REQUIRE(store.update_outbox(b));
    CHECK(store.outbox_next_attempt() == at_ms(kBaseMs + 7000));

    OutboxRecord a = *store.find_outbox("a");
    a.status = "failed";
    REQUIRE(store.update_outbox(a));
    CHECK_FALSE(store.outbox_next_attempt());
}

TEST_CASE("updating an outbox entry changes its delivery state and nothing else",
          "[store][alerting]") {
    TempDir dir;
    SqliteStore store((dir.path() / "sitewatch.db").string());
    store.write_alerting({{}, std::nullopt, {outbox("k", 4, kBaseMs)}});

    OutboxRecord retry = outbox("k", 99, kBaseMs + 30'000, kBaseMs + 99);
    retry.target = "email";
    retry.delivery_json = "{}";
    retry.attempts = 2;
    retry.last_error = "503 from the SMS gateway";
    REQUIRE(store.update_outbox(retry));

    auto got = store.find_outbox("k");
    REQUIRE(got);
    CHECK(got->status == "pending");
    CHECK(got->attempts == 2);
    CHECK(got->next_attempt_at == at_ms(kBaseMs + 30'000));
    CHECK_FALSE(got->finished_at);
    CHECK(got->last_error == "503 from the SMS gateway");
    // Identity and content are not the update's to change.
    CHECK(got->incident_id == 4);
    CHECK(got->target == "sms");
    CHECK(got->delivery_json == outbox("x", 1, 0).delivery_json);
    CHECK(got->created_at == at_ms(kBaseMs));

    retry.status = "sent";
    retry.finished_at = at_ms(kBaseMs + 31'000);
    retry.last_error.clear();
    REQUIRE(store.update_outbox(retry));
    got = store.find_outbox("k");
    CHECK(got->status == "sent");
    CHECK(got->finished_at == at_ms(kBaseMs + 31'000));
    CHECK(got->last_error.empty());
}

TEST_CASE("updating an outbox key that does not exist reports false and adds nothing",
          "[store][alerting]") {
    TempDir dir;
    SqliteStore store((dir.path() / "sitewatch.db").string());
    store.write_alerting({{}, std::nullopt, {outbox("known", 1, kBaseMs)}});
    CHECK_FALSE(store.update_outbox(outbox("unknown", 1, kBaseMs)));
    CHECK_FALSE(store.find_outbox("unknown"));
    CHECK(store.outbox_for_incident(1).size() == 1);
}

TEST_CASE("an incident's outbox entries come oldest created first and only its own",
          "[store][alerting]") {
    TempDir dir;
    SqliteStore store((dir.path() / "sitewatch.db").string());
    store.write_alerting(
        {{},
         std::nullopt,
         {outbox("1:c", 1, kBaseMs, kBaseMs + 300), outbox("2:a", 2, kBaseMs),
          outbox("1:a", 1, kBaseMs, kBaseMs + 100), outbox("1:b", 1, kBaseMs, kBaseMs + 200)}});
    CHECK(keys(store.outbox_for_incident(1)) == std::vector<std::string>{"1:a", "1:b", "1:c"});
    CHECK(keys(store.outbox_for_incident(2)) == std::vector<std::string>{"2:a"});
    CHECK(store.outbox_for_incident(3).empty());
}

TEST_CASE("results between two times include both ends and confirming re-checks, oldest first",
          "[store][alerting]") {
    TempDir dir;
    SqliteStore store((dir.path() / "sitewatch.db").string());
    store.append_results({
        check("acme", "acme-home", kBaseMs + 3000),
        check("acme", "acme-home", kBaseMs - 1),
        check("acme", "acme-home", kBaseMs),
        check("acme", "acme-home", kBaseMs + 1000, /*confirm=*/true),
        check("acme", "acme-home", kBaseMs + 5000),
        check("acme", "acme-home", kBaseMs + 5001),
        check("acme", "acme-blog", kBaseMs + 2000),
    });

    const auto got = store.results_between("acme-home", at_ms(kBaseMs), at_ms(kBaseMs + 5000));
    CHECK(times_ms(got) ==
          std::vector<std::int64_t>{kBaseMs, kBaseMs + 1000, kBaseMs + 3000, kBaseMs + 5000});
    REQUIRE(got.size() == 4);
    CHECK(got[1].confirm);
    CHECK_FALSE(got[1].success);
    CHECK(got[1].http_status == 503);
    CHECK(got[1].condition == "error");
    CHECK(got[1].severity == "critical");
    CHECK(got[1].summary == "HTTP 503");
    CHECK(got[1].findings_json == R"([{"condition":"error"}])");
    CHECK(got[1].response_time_ms == Approx(42.5));
    CHECK(got[0].client == "acme");
    CHECK(got[0].site == "acme-home");
    CHECK(got[0].findings_json == "[]");

    CHECK(store.results_between("acme-home", at_ms(kBaseMs + 5000), at_ms(kBaseMs)).empty());
    CHECK(store.results_between("nowhere", at_ms(kBaseMs), at_ms(kBaseMs + 5000)).empty());
    CHECK(times_ms(
              store.results_between("acme-home", at_ms(kBaseMs + 3000), at_ms(kBaseMs + 3000))) ==
          std::vector<std::int64_t>{kBaseMs + 3000});
}

TEST_CASE("results between two times merge a site name that moved between clients in time order",
          "[store][alerting]") {
    TempDir dir;
    SqliteStore store((dir.path() / "sitewatch.db").string());
    store.append_results({check("acme", "shop", kBaseMs), check("acme", "shop", kBaseMs + 2000),
                          check("globex", "shop", kBaseMs + 1000)});
    const auto got = store.results_between("shop", at_ms(kBaseMs), at_ms(kBaseMs + 2000));
    CHECK(times_ms(got) == std::vector<std::int64_t>{kBaseMs, kBaseMs + 1000, kBaseMs + 2000});
    REQUIRE(got.size() == 3);
    CHECK(got[1].client == "globex");
}

TEST_CASE("NULL columns written by hand read back as empty text and absent times",
          "[store][alerting]") {
    TempDir dir;
    const std::string path = (dir.path() / "sitewatch.db").string();
    { SqliteStore store(path); }
    {
        RawDb raw(path);
        raw.exec(
            "INSERT INTO incidents (id, client, site, condition, severity, state, opened_at_ms,"
            " incident_json, updated_at_ms) VALUES (5, '', '', '', '', 'open', 0, '{}', 0);"
            "INSERT INTO outbox (key, incident_id, target, delivery_json, status, attempts,"
            " created_at_ms, next_attempt_ms) VALUES ('k', 5, 'sms', '{}', 'pending', 0, 0, 0);");
    }
    SqliteStore store(path);
    const auto r = store.find_incident(5);
    REQUIRE(r);
    CHECK_FALSE(r->resolved_at);
    CHECK(r->escalation_json.empty());
    CHECK(r->extras_json.empty());
    const auto o = store.find_outbox("k");
    REQUIRE(o);
    CHECK_FALSE(o->finished_at);
    CHECK(o->last_error.empty());
}

TEST_CASE("a database of the previous schema version gains the alerting tables and keeps its data",
          "[store][alerting]") {
    TempDir dir;
    const std::string path = (dir.path() / "sitewatch.db").string();
    // The version before alerting: this test drops exactly the tables version 3 added.
    constexpr int kBeforeAlerting = 2;
    {
        // Written by the sitewatch before alerting: the same file without its tables.
        SqliteStore store(path);
        store.append_results({check("acme", "acme-home", kBaseMs)});
        store.put_site_states({{"acme-home", R"({"failures":0})"}});
        store.put_baselines({{"acme-home", R"({"v":1})"}});
    }
    {
        RawDb raw(path);
        raw.exec(
            "DROP TABLE incidents; DROP TABLE alerting_state; DROP TABLE outbox;"
            " PRAGMA user_version = " +
            std::to_string(kBeforeAlerting));
        CHECK(raw.integer("SELECT count(*) FROM sqlite_master WHERE name IN"
                          " ('incidents', 'alerting_state', 'outbox')") == 0);
    }

    SqliteStore migrated(path);
    CHECK(migrated.recent_results("acme-home", 10).size() == 1);
    CHECK(migrated.load_site_states().size() == 1);
    CHECK(migrated.load_baselines().size() == 1);
    CHECK(migrated.load_alerting().incidents.empty());
    migrated.write_alerting({{incident(1)}, R"({})", {outbox("k", 1, kBaseMs)}});
    CHECK(migrated.find_incident(1));
    CHECK(migrated.find_outbox("k"));

    RawDb raw(path);
    CHECK(raw.integer("PRAGMA user_version") == store::detail::latest_schema_version());
}
