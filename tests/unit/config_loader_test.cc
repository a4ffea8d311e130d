#include "monitor/config/config_loader.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <random>
#include <sstream>
#include <string>

#include "tests/support/temp_dir.h"

using namespace sitewatch::config;
using sitewatch::StatusRange;
using sitewatch::testing::TempDir;
using std::chrono::milliseconds;

namespace {

// Every error of a result, one per line, for failure messages.
std::string all_errors(const LoadResult& r) {
    std::string out;
    for (const auto& e : r.errors) out += e.to_string() + "\n";
    return out;
}

// Whether `r` has an error at line:column whose message contains `text`.
bool has_error(const LoadResult& r, int line, int column, const std::string& text) {
    for (const auto& e : r.errors) {
        if (e.pos.line == line && e.pos.column == column &&
            e.message.find(text) != std::string::npos) {
            return true;
        }
    }
    return false;
}

// Loads `yaml` as if it were `dir`/sitewatch.yml, so relative paths resolve into `dir`.
LoadResult load_in(const TempDir& dir, const std::string& yaml) {
    return load_config_string(yaml, (dir.path() / "sitewatch.yml").string());
}

// A valid file around `site_lines` (indented as site keys of the only site).
std::string with_site(const std::string& site_lines) {
    return "clients:\n"
           "  - name: acme\n"
           "    sites:\n"
           "      - name: acme-home\n"
           "        url: https://acme.example/\n" +
           site_lines;
}

std::string resolved(const TempDir& dir, const std::string& name) {
    return (dir.path() / name).lexically_normal().string();
}

constexpr const char* kMinimal = R"(server:
  listen: 127.0.0.1:9090
storage:
  sqlite: sitewatch.db
defaults:
  interval: 30s
  timeout: 10s
  tls:
    ca_file: /path/to/ca.pem        # optional extra trust anchor
clients:
  - name: acme
    sites:
      - name: acme-home
        url: https://acme.example/
)";

}  // namespace

// ---------------------------------------------------------------------------------------------
// Valid files

TEST_CASE("the contract's minimal example loads, given a ca_file that exists", "[config]") {
    TempDir dir;
    dir.write("ca.pem", "-----BEGIN CERTIFICATE-----\n");
    std::string yaml = kMinimal;
    yaml.replace(yaml.find("/path/to/ca.pem"), std::string("/path/to/ca.pem").size(), "ca.pem");

    const auto r = load_in(dir, yaml);
    INFO(all_errors(r));
    REQUIRE(r.ok());
    const Config& c = *r.config;
    CHECK(c.server.listen == "127.0.0.1:9090");
    CHECK(c.storage.sqlite == resolved(dir, "sitewatch.db"));
    REQUIRE(c.clients.size() == 1);
    REQUIRE(c.sites().size() == 1);
    const SiteConfig& site = *c.sites()[0];
    CHECK(site.client == "acme");
    CHECK(site.name == "acme-home");
    CHECK(site.url == "https://acme.example/");
    CHECK(site.interval == milliseconds{30'000});
    CHECK(site.timeout == milliseconds{10'000});
    CHECK(site.tls.ca_file == resolved(dir, "ca.pem"));
    CHECK(site.pos.line == 13);
    CHECK(site.pos.column == 9);
    CHECK(c.find_site("acme-home") == &site);
    CHECK(c.find_site("nope") == nullptr);
}

TEST_CASE("the contract's minimal example as written fails only on its placeholder ca_file",
          "[config]") {
    TempDir dir;
    const auto r = load_in(dir, kMinimal);
    REQUIRE(r.errors.size() == 1);
    CHECK(has_error(r, 9, 14, "'defaults.tls.ca_file': file '/path/to/ca.pem' does not exist"));
}

TEST_CASE("keys left out take the contract's defaults", "[config]") {
    TempDir dir;
    const auto r = load_in(dir, with_site(""));
    INFO(all_errors(r));
    REQUIRE(r.ok());
    const Config& c = *r.config;
    CHECK(c.server.listen == "127.0.0.1:9090");
    CHECK_FALSE(c.server.api_token_file);
    CHECK(c.storage.retention == milliseconds{30LL * 24 * 3600 * 1000});
    CHECK(c.escalation.order == std::vector<std::string>{"strategist", "pm", "lead_dev"});
    CHECK(c.escalation.channels == std::vector<std::string>{"phone", "sms", "slack", "email"});
    CHECK(c.escalation.ack_timeout == milliseconds{5 * 60 * 1000});
    CHECK_FALSE(c.notifiers.twilio);
    const SiteConfig& s = *c.sites()[0];
    CHECK(s.method == "GET");
    CHECK(s.interval == milliseconds{60'000});
    CHECK(s.timeout == milliseconds{10'000});
    CHECK(s.confirm_failures == 2);
    CHECK(s.confirm_retry_after == milliseconds{2'000});
    CHECK(s.recover_successes == 2);
    CHECK(s.tls.min_days_valid == 14);
    CHECK(s.max_body == 5u << 20);
    CHECK(s.max_redirects == 5);
    CHECK(s.checks.expect_status.size() == 1);
    CHECK(s.checks.expect_status[0].lo == 200);
    CHECK(s.checks.expect_status[0].hi == 399);
    CHECK(s.checks.defacement_enabled);
    CHECK(s.checks.defacement_learn_samples == 5);
    CHECK(s.checks.assets_check);
    CHECK_FALSE(s.resolve);
}

TEST_CASE("a full config with every key loads into the data model", "[config]") {
    TempDir dir;
    dir.write("ca.pem", "ca");
    dir.write("secrets/api-token", "t");
    dir.write("secrets/twilio", "t");
    dir.write("secrets/smtp", "t");
    dir.write("secrets/webhook", "t");
    dir.write("secrets/pagerduty", "t");
    dir.write("secrets/asana", "t");
    const auto r = load_in(dir, R"(server:
  listen: "[::1]:8080"
  api_token_file: secrets/api-token
  public_url: https://status.example.com
storage:
  sqlite: /var/lib/sitewatch/db.sqlite
  postgres: postgresql://sw@db/sw
  retention: 14d
defaults:
  method: HEAD
  interval: 2m
  timeout: 7s
  headers: {Accept: text/html}
  user_agent: probe/1
  max_body: 1MiB
  max_redirects: 3
  confirm: {failures: 3, retry_after: 500ms}
  recover: {successes: 4}
  expect: {status: 2xx, max_response_time: 3s}
  tls: {ca_file: ca.pem, min_days_valid: 21}
  keywords: {must_contain: [Welcome], must_not_contain: ["re:hacked\\s+by"]}
  content: {ignore: ["re:csrf=[a-f0-9]+"]}
  defacement: {enabled: false, learn_samples: 8}
  assets: {check: false}
  tags: [default-tag]
  resolve: 127.0.0.1
team:
  - {name: Dana, role: strategist, phone: "+15550100001", sms: "+15550100001", slack: "@dana", email: dana@a.example}
  - {name: Priya, role: pm, email: priya@a.example}
  - {name: Lee, role: lead_dev}
escalation:
  order: [pm, strategist]
  channels: [slack, email]
  ack_timeout: 10m
  followup_window: 3d
notifiers:
  twilio: {account_sid: AC1, auth_token_file: secrets/twilio, from: "+15550100000", api_base: "http://127.0.0.1:1"}
  slack: {webhook_url: "https://hooks.slack.com/services/x"}
  email: {smtp_url: "smtps://smtp.example.com:465", username: sw, password_file: secrets/smtp, from: sw@a.example}
  webhook: {url: "https://hooks.example/sw", secret_file: secrets/webhook}
  pagerduty: {routing_key_file: secrets/pagerduty, api_base: "http://127.0.0.1:2"}
  asana: {token_file: secrets/asana, project: "42", api_base: "http://127.0.0.1:3"}
clients:
  - name: acme
    plan: enhanced
    tags: [retail]
    contacts:
      - {name: Sam, phone: "+1 555 010 0100", sms: "+15550100100", slack: "#acme", email: sam@acme.example}
    team: {strategist: Dana, pm: Priya, lead_dev: Lee}
    sites:
      - name: acme-home
        url: https://acme.example/
        expect: {status: [200, "301-302", 4xx]}
)");
    INFO(all_errors(r));
    REQUIRE(r.ok());
    const Config& c = *r.config;
    CHECK(c.server.listen == "[::1]:8080");
    CHECK(c.server.api_token_file == resolved(dir, "secrets/api-token"));
    CHECK(c.server.public_url == "https://status.example.com");
    CHECK(c.storage.sqlite == "/var/lib/sitewatch/db.sqlite");
    CHECK(c.storage.postgres == "postgresql://sw@db/sw");
    CHECK(c.storage.retention == milliseconds{14LL * 24 * 3600 * 1000});

    REQUIRE(c.team.size() == 3);
    CHECK(c.team[0].name == "Dana");
    CHECK(c.team[0].role == Role::strategist);
    CHECK(c.team[0].phone == "+15550100001");
    CHECK(c.team[0].sms == "+15550100001");
    CHECK(c.team[0].slack == "@dana");
    CHECK(c.team[0].email == "dana@a.example");
    CHECK(c.team[1].role == Role::pm);
    CHECK(c.team[2].role == Role::lead_dev);
    CHECK(std::string(to_string(Role::lead_dev)) == "lead_dev");

    CHECK(c.escalation.order == std::vector<std::string>{"pm", "strategist"});
    CHECK(c.escalation.channels == std::vector<std::string>{"slack", "email"});
    CHECK(c.escalation.ack_timeout == milliseconds{600'000});
    CHECK(c.escalation.followup_window == milliseconds{3LL * 24 * 3600 * 1000});

    REQUIRE(c.notifiers.twilio);
    CHECK(c.notifiers.twilio->account_sid == "AC1");
    CHECK(c.notifiers.twilio->auth_token_file == resolved(dir, "secrets/twilio"));
    CHECK(c.notifiers.twilio->from == "+15550100000");
    CHECK(c.notifiers.twilio->api_base == "http://127.0.0.1:1");
    REQUIRE(c.notifiers.slack);
    CHECK(c.notifiers.slack->webhook_url == "https://hooks.slack.com/services/x");
    REQUIRE(c.notifiers.email);
    CHECK(c.notifiers.email->smtp_url == "smtps://smtp.example.com:465");
    CHECK(c.notifiers.email->username == "sw");
    CHECK(c.notifiers.email->password_file == resolved(dir, "secrets/smtp"));
    CHECK(c.notifiers.email->from == "sw@a.example");
    REQUIRE(c.notifiers.webhook);
    CHECK(c.notifiers.webhook->url == "https://hooks.example/sw");
    CHECK(c.notifiers.webhook->secret_file == resolved(dir, "secrets/webhook"));
    REQUIRE(c.notifiers.pagerduty);
    CHECK(c.notifiers.pagerduty->routing_key_file == resolved(dir, "secrets/pagerduty"));
    CHECK(c.notifiers.pagerduty->api_base == "http://127.0.0.1:2");
    REQUIRE(c.notifiers.asana);
    CHECK(c.notifiers.asana->token_file == resolved(dir, "secrets/asana"));
    CHECK(c.notifiers.asana->project == "42");
    CHECK(c.notifiers.asana->api_base == "http://127.0.0.1:3");

    const ClientConfig& acme = c.clients[0];
    CHECK(acme.plan == "enhanced");
    CHECK(acme.tags == std::vector<std::string>{"retail"});
    REQUIRE(acme.contacts.size() == 1);
    CHECK(acme.contacts[0].name == "Sam");
    CHECK(acme.contacts[0].phone == "+1 555 010 0100");
    CHECK(acme.contacts[0].slack == "#acme");
    CHECK(acme.contacts[0].email == "sam@acme.example");
    CHECK(acme.team.strategist == "Dana");
    CHECK(acme.team.pm == "Priya");
    CHECK(acme.team.lead_dev == "Lee");

    const SiteConfig& s = acme.sites[0];
    CHECK(s.method == "HEAD");
    CHECK(s.interval == milliseconds{120'000});
    CHECK(s.timeout == milliseconds{7'000});
    CHECK(s.checks.timeout == milliseconds{7'000});
    CHECK(s.headers == std::vector<std::pair<std::string, std::string>>{{"Accept", "text/html"}});
    CHECK(s.user_agent == "probe/1");
    CHECK(s.max_body == 1u << 20);
    CHECK(s.max_redirects == 3);
    CHECK(s.checks.max_redirects == 3);
    CHECK(s.confirm_failures == 3);
    CHECK(s.confirm_retry_after == milliseconds{500});
    CHECK(s.recover_successes == 4);
    REQUIRE(s.checks.expect_status.size() == 3);
    CHECK((s.checks.expect_status[0].lo == 200 && s.checks.expect_status[0].hi == 200));
    CHECK((s.checks.expect_status[1].lo == 301 && s.checks.expect_status[1].hi == 302));
    CHECK((s.checks.expect_status[2].lo == 400 && s.checks.expect_status[2].hi == 499));
    CHECK(s.checks.max_response_time == milliseconds{3'000});
    CHECK(s.tls.ca_file == resolved(dir, "ca.pem"));
    CHECK(s.tls.min_days_valid == 21);
    CHECK(s.checks.tls_min_days_valid == 21);
    CHECK(s.checks.must_contain == std::vector<std::string>{"Welcome"});
    CHECK(s.checks.must_not_contain == std::vector<std::string>{"re:hacked\\s+by"});
    CHECK(s.checks.content_ignore == std::vector<std::string>{"re:csrf=[a-f0-9]+"});
    CHECK_FALSE(s.checks.defacement_enabled);
    CHECK(s.checks.defacement_learn_samples == 8);
    CHECK_FALSE(s.checks.assets_check);
    CHECK(s.tags == std::vector<std::string>{"default-tag"});
    CHECK(s.resolve == "127.0.0.1");
}

TEST_CASE("the commented example configuration loads as it is", "[config]") {
    // The example lives in the source tree, two directories above this file.
    const auto example = std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() /
                         "examples" / "sitewatch.yml";
    const auto r = load_config_file(example.string());
    INFO(all_errors(r));
    REQUIRE(r.ok());
    CHECK(r.config->sites().size() == 4);
    CHECK(r.config->team.size() == 3);
    const SiteConfig* staging = r.config->find_site("acme-staging");
    REQUIRE(staging);
    CHECK(staging->resolve == "192.0.2.10");
    CHECK(staging->interval == milliseconds{300'000});
}

// ---------------------------------------------------------------------------------------------
// Inheritance

TEST_CASE("a site setting overrides its client's, which overrides the defaults", "[config]") {
    TempDir dir;
    const auto r = load_in(dir, R"(defaults:
  interval: 10m
  timeout: 20s
  max_redirects: 1
  tls: {min_days_valid: 30}
  headers: {X-A: defaults, X-B: defaults}
  keywords: {must_contain: [from-defaults]}
clients:
  - name: acme
    interval: 5m
    timeout: 15s
    headers: {x-b: client, X-C: client}
    tls: {min_days_valid: 20}
    sites:
      - name: one
        url: https://one.example/
        interval: 1m
        headers: {X-C: site}
      - name: two
        url: https://two.example/
        keywords: {must_contain: [own]}
  - name: globex
    sites:
      - name: three
        url: https://three.example/
)");
    INFO(all_errors(r));
    REQUIRE(r.ok());
    const Config& c = *r.config;
    const SiteConfig& one = *c.find_site("one");
    const SiteConfig& two = *c.find_site("two");
    const SiteConfig& three = *c.find_site("three");

    CHECK(one.interval == milliseconds{60'000});     // the site's own
    CHECK(two.interval == milliseconds{300'000});    // the client's
    CHECK(three.interval == milliseconds{600'000});  // the defaults'
    CHECK(one.timeout == milliseconds{15'000});
    CHECK(three.timeout == milliseconds{20'000});
    CHECK(one.max_redirects == 1);
    CHECK(one.tls.min_days_valid == 20);
    CHECK(three.tls.min_days_valid == 30);
    CHECK(two.checks.must_contain == std::vector<std::string>{"own"});
    CHECK(three.checks.must_contain == std::vector<std::string>{"from-defaults"});
    CHECK(one.client == "acme");
    CHECK(three.client == "globex");
}

TEST_CASE("headers merge across levels and a later level replaces a same-named header",
          "[config]") {
    TempDir dir;
    const auto r = load_in(dir, R"(defaults:
  headers: {X-A: defaults, X-B: defaults}
clients:
  - name: acme
    headers: {x-b: client, X-C: client}
    sites:
      - name: one
        url: https://one.example/
        headers: {X-C: site, X-D: site}
)");
    INFO(all_errors(r));
    REQUIRE(r.ok());
    using Headers = std::vector<std::pair<std::string, std::string>>;
    CHECK(r.config->find_site("one")->headers ==
          Headers{{"X-A", "defaults"}, {"x-b", "client"}, {"X-C", "site"}, {"X-D", "site"}});
}

TEST_CASE("a nested setting inherits key by key, not as a whole mapping", "[config]") {
    TempDir dir;
    dir.write("ca.pem", "ca");
    const auto r = load_in(dir, R"(defaults:
  tls: {ca_file: ca.pem}
  confirm: {failures: 4}
clients:
  - name: acme
    sites:
      - name: one
        url: https://one.example/
        tls: {min_days_valid: 7}
        confirm: {retry_after: 5s}
)");
    INFO(all_errors(r));
    REQUIRE(r.ok());
    const SiteConfig& one = *r.config->find_site("one");
    CHECK(one.tls.ca_file == resolved(dir, "ca.pem"));
    CHECK(one.tls.min_days_valid == 7);
    CHECK(one.confirm_failures == 4);
    CHECK(one.confirm_retry_after == milliseconds{5'000});
}

TEST_CASE("expect.status accepts a code, a range, a class or a list of those", "[config]") {
    TempDir dir;
    auto status_of = [&](const std::string& value) {
        const auto r = load_in(dir, with_site("        expect: {status: " + value + "}\n"));
        INFO(all_errors(r));
        REQUIRE(r.ok());
        return r.config->sites()[0]->checks.expect_status;
    };
    auto equal = [](const std::vector<StatusRange>& got, std::vector<std::pair<int, int>> want) {
        if (got.size() != want.size()) return false;
        for (std::size_t i = 0; i < got.size(); ++i) {
            if (got[i].lo != want[i].first || got[i].hi != want[i].second) return false;
        }
        return true;
    };
    CHECK(equal(status_of("200"), {{200, 200}}));
    CHECK(equal(status_of("\"200-399\""), {{200, 399}}));
    CHECK(equal(status_of("2xx"), {{200, 299}}));
    CHECK(equal(status_of("[204, 3XX, \"401-403\"]"), {{204, 204}, {300, 399}, {401, 403}}));
}

// ---------------------------------------------------------------------------------------------
// Validation errors, each with its position

TEST_CASE("an unknown key is reported with its line and column and the likely intended key",
          "[config][errors]") {
    TempDir dir;
    const auto r = load_in(dir, with_site("        intervall: 30s\n        tls:\n"
                                          "          ca_fle: x.pem\n        colour: blue\n"));
    INFO(all_errors(r));
    REQUIRE(r.errors.size() == 3);
    CHECK(has_error(r, 6, 9, "unknown key 'intervall' in a site (did you mean 'interval'?)"));
    CHECK(has_error(r, 8, 11, "unknown key 'ca_fle' in 'tls' (did you mean 'ca_file'?)"));
    CHECK(has_error(r, 9, 9, "unknown key 'colour' in a site"));
    CHECK(r.errors[2].message.find("did you mean") == std::string::npos);
}

TEST_CASE("an unknown top-level key names the top level and suggests a section",
          "[config][errors]") {
    TempDir dir;
    const auto r = load_in(dir, "sever:\n  listen: 1.2.3.4:80\n" + with_site(""));
    REQUIRE(r.errors.size() == 1);
    CHECK(has_error(r, 1, 1, "unknown key 'sever' at the top level (did you mean 'server'?)"));
}

TEST_CASE("a site key at the top level is pointed to defaults", "[config][errors]") {
    TempDir dir;
    const auto r = load_in(dir, "interval: 30s\n" + with_site(""));
    REQUIRE(r.errors.size() == 1);
    CHECK(has_error(r, 1, 1, "put it under 'defaults'"));
}

TEST_CASE("a nested key written one level too high names its section", "[config][errors]") {
    TempDir dir;
    const auto r = load_in(dir, with_site("        ca_file: ca.pem\n        failures: 3\n"));
    INFO(all_errors(r));
    REQUIRE(r.errors.size() == 2);
    CHECK(has_error(r, 6, 9, "unknown key 'ca_file' in a site: 'ca_file' goes under 'tls'"));
    CHECK(has_error(r, 7, 9, "unknown key 'failures' in a site: 'failures' goes under 'confirm'"));
}

TEST_CASE("past a thousand errors only a count of the rest is kept", "[config][errors]") {
    TempDir dir;
    std::string yaml = with_site("");
    for (int i = 0; i < 1'500; ++i) yaml += "        unknown" + std::to_string(i) + ": 1\n";
    const auto r = load_in(dir, yaml);
    REQUIRE(r.errors.size() == 1'001);
    CHECK(r.errors.back().message == "too many errors: 500 more not shown");
    CHECK(r.errors.back().pos.line == 1'006);
}

TEST_CASE("a url on a client is explained as belonging to a site", "[config][errors]") {
    TempDir dir;
    const auto r = load_in(dir, R"(clients:
  - name: acme
    url: https://acme.example/
    sites:
      - {name: a, url: "https://a.example/"}
)");
    REQUIRE(r.errors.size() == 1);
    CHECK(has_error(r, 3, 5, "unknown key 'url' in a client: 'url' belongs to a site"));
}

TEST_CASE("an inline secret is refused with a pointer to its *_file key", "[config][errors]") {
    TempDir dir;
    const auto r = load_in(dir, "notifiers:\n  pagerduty:\n    routing_key: abc\n" + with_site(""));
    INFO(all_errors(r));
    CHECK(has_error(r, 3, 5,
                    "unknown key 'routing_key' in 'notifiers.pagerduty': secrets are "
                    "read from files, use 'routing_key_file'"));
    CHECK(has_error(r, 2, 3, "'notifiers.pagerduty' needs 'routing_key_file'"));
}

TEST_CASE("a key given twice in one mapping is reported at the second", "[config][errors]") {
    TempDir dir;
    const auto r = load_in(dir, with_site("        interval: 30s\n        interval: 1m\n"));
    REQUIRE(r.errors.size() == 1);
    CHECK(has_error(r, 7, 9, "duplicate key 'interval' (first given at line 6)"));
}

TEST_CASE("a value of the wrong type names what was expected and what was found",
          "[config][errors]") {
    TempDir dir;
    const auto r = load_in(dir, "server:\n  - listen\nstorage: sqlite.db\n" +
                                    with_site("        max_redirects: many\n"
                                              "        tags: urgent\n"
                                              "        headers: [X-A]\n"
                                              "        assets: {check: maybe}\n"
                                              "        url2: x\n"));
    INFO(all_errors(r));
    CHECK(has_error(r, 2, 3, "'server' must be a mapping, got a list"));
    CHECK(has_error(r, 3, 10, "'storage' must be a mapping, got 'sqlite.db'"));
    CHECK(has_error(r, 9, 24, "'max_redirects' must be a whole number, got 'many'"));
    CHECK(has_error(r, 10, 15, "'tags' must be a list, got 'urgent'"));
    CHECK(has_error(r, 11, 18, "'headers' must be a mapping of header names to values"));
    CHECK(has_error(r, 12, 25, "'assets.check' must be true or false, got 'maybe'"));
    CHECK(has_error(r, 13, 9, "unknown key 'url2'"));
}

TEST_CASE("a missing value is reported at its key", "[config][errors]") {
    TempDir dir;
    const auto r = load_in(dir, with_site("        user_agent:\n\n\n        max_body: 1MiB\n"));
    REQUIRE(r.errors.size() == 1);
    CHECK(has_error(r, 6, 9, "'user_agent' needs a value"));
}

TEST_CASE("site URLs must be absolute http or https URLs with a host", "[config][errors]") {
    TempDir dir;
    const auto r = load_in(dir, R"(clients:
  - name: acme
    sites:
      - {name: a, url: "ftp://acme.example/"}
      - {name: b, url: "acme.example/"}
      - {name: c, url: "https://"}
      - {name: d, url: "http://exa mple.com/"}
      - {name: e, url: "https://acme.example:99999/"}
      - {name: f, url: "HTTPS://ACME.example/"}
)");
    INFO(all_errors(r));
    REQUIRE(r.errors.size() == 5);
    CHECK(has_error(r, 4, 24, "'url' must be an absolute http or https URL, not ftp"));
    CHECK(has_error(r, 5, 24, "starting with http://, got 'acme.example/'"));
    CHECK(has_error(r, 6, 24, "'url' must be an absolute http or https URL"));
    CHECK(has_error(r, 7, 24, "'url' must be an absolute http or https URL"));
    CHECK(has_error(r, 8, 24, "'url' must be an absolute http or https URL"));
}

TEST_CASE("bad durations and sizes are reported with what a valid one looks like",
          "[config][errors]") {
    TempDir dir;
    const auto r = load_in(dir, with_site("        interval: 30\n"
                                          "        timeout: -5s\n"
                                          "        confirm: {retry_after: soon}\n"
                                          "        max_body: 5 MB!\n"
                                          "        expect: {max_response_time: 1.5s}\n"));
    INFO(all_errors(r));
    REQUIRE(r.errors.size() == 5);
    CHECK(has_error(r, 6, 19,
                    "'interval' must be a duration such as 250ms, 30s, 5m, 2h, 7d or "
                    "1h30m, got '30' (add a unit, e.g. 30s)"));
    CHECK(has_error(r, 7, 18, "got '-5s' (durations cannot be negative)"));
    CHECK(has_error(r, 8, 32, "'confirm.retry_after' must be a duration"));
    CHECK(has_error(r, 9, 19, "'max_body' must be a size such as 5MiB"));
    CHECK(has_error(r, 10, 37, "'expect.max_response_time' must be a duration"));
}

TEST_CASE("an interval below 1s, a zero timeout and zero confirmations are refused",
          "[config][errors]") {
    TempDir dir;
    const auto r = load_in(dir,
                           "defaults:\n  interval: 500ms\n  timeout: 0s\n"
                           "  confirm:\n    failures: 0\n  recover: {successes: 0}\n"
                           "  max_body: 0\n" +
                               with_site(""));
    INFO(all_errors(r));
    REQUIRE(r.errors.size() == 5);
    CHECK(has_error(r, 2, 13, "'defaults.interval' must be at least 1s, got '500ms'"));
    CHECK(has_error(r, 3, 12, "'defaults.timeout' must be more than 0, got '0s'"));
    CHECK(has_error(r, 5, 15, "'defaults.confirm.failures' must be at least 1, got 0"));
    CHECK(has_error(r, 6, 24, "'defaults.recover.successes' must be at least 1"));
    CHECK(has_error(r, 7, 13, "'defaults.max_body' must be more than 0 bytes"));
}

TEST_CASE("a duplicate site name points at the second and names the first's line",
          "[config][errors]") {
    TempDir dir;
    const auto r = load_in(dir, R"(clients:
  - name: acme
    sites:
      - name: home
        url: https://acme.example/
  - name: globex
    sites:
      - name: home
        url: https://globex.example/
)");
    REQUIRE(r.errors.size() == 1);
    CHECK(has_error(r, 8, 15, "duplicate site name 'home' (first defined at line 4)"));
}

TEST_CASE("a duplicate client name points at the second and names the first's line",
          "[config][errors]") {
    TempDir dir;
    const auto r = load_in(dir, R"(clients:
  - name: acme
    sites: [{name: a, url: "https://a.example/"}]
  - name: acme
    sites: [{name: b, url: "https://b.example/"}]
)");
    REQUIRE(r.errors.size() == 1);
    CHECK(has_error(r, 4, 11, "duplicate client name 'acme' (first defined at line 2)"));
}

TEST_CASE("a site or client without its required name or url is reported at its start",
          "[config][errors]") {
    TempDir dir;
    const auto r = load_in(dir, R"(clients:
  - sites:
      - url: https://a.example/
      - name: b
      - name: ""
        url: https://c.example/
)");
    INFO(all_errors(r));
    REQUIRE(r.errors.size() == 4);
    CHECK(has_error(r, 2, 5, "client needs 'name'"));
    CHECK(has_error(r, 3, 9, "site needs 'name'"));
    CHECK(has_error(r, 4, 9, "site 'b' needs 'url'"));
    CHECK(has_error(r, 5, 15, "'name' must not be empty"));
}

TEST_CASE("plans, roles and client team members must be ones the contract allows",
          "[config][errors]") {
    TempDir dir;
    const auto r = load_in(dir, R"(team:
  - {name: Dana, role: strategy}
  - {name: Lee}
  - {name: Dana, role: pm}
clients:
  - name: acme
    plan: gold
    team: {strategist: Dana, pm: Prya, lead_dev: Lee, designer: Kim}
    sites: [{name: a, url: "https://a.example/"}]
)");
    INFO(all_errors(r));
    REQUIRE(r.errors.size() == 6);
    CHECK(has_error(r, 2, 24,
                    "'role' must be one of strategist, pm, lead_dev, got 'strategy' "
                    "(did you mean 'strategist'?)"));
    CHECK(has_error(r, 3, 5, "team member needs 'role'"));
    CHECK(has_error(r, 4, 12, "duplicate team member 'Dana' (first at line 2)"));
    CHECK(
        has_error(r, 7, 11, "'plan' must be one of micro, basic, standard, enhanced, got 'gold'"));
    CHECK(has_error(r, 8, 34, "'team.pm' names 'Prya', who is not in the top-level 'team'"));
    CHECK(has_error(r, 8, 55, "unknown key 'designer' in 'team'"));
}

TEST_CASE("client_updates is draft unless set to send, and nothing else is accepted",
          "[config][errors]") {
    TempDir dir;
    const auto ok = load_in(dir, R"(clients:
  - name: acme
    client_updates: send
    sites: [{name: a, url: "https://a.example/"}]
  - name: beta
    sites: [{name: b, url: "https://b.example/"}]
)");
    INFO(all_errors(ok));
    REQUIRE(ok.ok());
    CHECK(ok.config->clients[0].client_updates == "send");
    CHECK(ok.config->clients[1].client_updates == "draft");
    const auto bad = load_in(dir, R"(clients:
  - name: acme
    client_updates: always
    sites: [{name: a, url: "https://a.example/"}]
)");
    INFO(all_errors(bad));
    REQUIRE(bad.errors.size() == 1);
    CHECK(has_error(bad, 3, 21, "'client_updates' must be one of draft, send, got 'always'"));
}

TEST_CASE("escalation order and channels accept only the contract's values, once each",
          "[config][errors]") {
    TempDir dir;
    const auto r = load_in(dir,
                           "escalation:\n  order: [pm, ceo, pm]\n  channels: [pager]\n"
                           "  ack_timeout: 0s\n" +
                               with_site(""));
    INFO(all_errors(r));
    REQUIRE(r.errors.size() == 4);
    CHECK(has_error(r, 2, 15,
                    "'escalation.order' must be one of strategist, pm, lead_dev, "
                    "got 'ceo'"));
    CHECK(has_error(r, 2, 20, "'escalation.order' lists 'pm' twice (first at line 2)"));
    CHECK(has_error(r, 3, 14, "'escalation.channels' must be one of phone, sms, slack, email"));
    CHECK(has_error(r, 4, 16, "'escalation.ack_timeout' must be more than 0"));
}

TEST_CASE("referenced files that do not exist are reported where they are named",
          "[config][errors]") {
    TempDir dir;
    dir.write("secrets/ok", "x");
    std::filesystem::create_directories(dir.path() / "a-directory");
    const auto r = load_in(dir, R"(server:
  api_token_file: secrets/missing
notifiers:
  twilio:
    account_sid: AC1
    auth_token_file: a-directory
    from: "+15550100000"
  email: {smtp_url: "smtp://mail.example", from: a@b.example, password_file: /nonexistent/pw}
  asana: {token_file: secrets/ok, project: "1"}
clients:
  - name: acme
    tls: {ca_file: ../elsewhere/ca.pem}
    sites: [{name: a, url: "https://a.example/"}]
)");
    INFO(all_errors(r));
    REQUIRE(r.errors.size() == 4);
    CHECK(has_error(r, 2, 19,
                    "'server.api_token_file': file '" + resolved(dir, "secrets/missing") +
                        "' does not exist (relative paths are resolved against the config "
                        "file's directory)"));
    CHECK(has_error(r, 6, 22, "is a directory, not a file"));
    CHECK(has_error(r, 8, 78,
                    "'notifiers.email.password_file': file '/nonexistent/pw' does "
                    "not exist"));
    CHECK(has_error(
        r, 12, 20,
        "'tls.ca_file': file '" + (dir.path().parent_path() / "elsewhere/ca.pem").string() + "'"));
}

TEST_CASE("server.listen must be HOST:PORT", "[config][errors]") {
    TempDir dir;
    for (const char* ok : {"127.0.0.1:9090", "0.0.0.0:0", "localhost:80", "\"[::1]:9090\""}) {
        const auto r = load_in(dir, std::string("server: {listen: ") + ok + "}\n" + with_site(""));
        INFO(ok << "\n" << all_errors(r));
        CHECK(r.ok());
    }
    for (const char* bad : {"9090", "127.0.0.1", "127.0.0.1:http", "127.0.0.1:70000", "\":9090\"",
                            "::1:9090", "\"[::zz]:9090\"", "\"exa mple:80\""}) {
        const auto r = load_in(dir, std::string("server: {listen: ") + bad + "}\n" + with_site(""));
        INFO(bad << "\n" << all_errors(r));
        REQUIRE(r.errors.size() == 1);
        CHECK(has_error(r, 1, 18, "'server.listen' must be HOST:PORT"));
    }
}

TEST_CASE("resolve must be an IP address", "[config][errors]") {
    TempDir dir;
    auto r = load_in(dir, with_site("        resolve: \"[::1]\"\n"));
    INFO(all_errors(r));
    REQUIRE(r.ok());
    CHECK(r.config->sites()[0]->resolve == "::1");
    r = load_in(dir, with_site("        resolve: acme.internal\n"));
    REQUIRE(r.errors.size() == 1);
    CHECK(has_error(r, 6, 18, "'resolve' must be an IP address"));
}

TEST_CASE("an RE2 pattern that does not compile is reported at its item with RE2's reason",
          "[config][errors]") {
    TempDir dir;
    const auto r = load_in(dir, with_site("        keywords:\n"
                                          "          must_contain:\n"
                                          "            - fine\n"
                                          "            - \"re:(unclosed\"\n"
                                          "          must_not_contain: [\"re:a{2,1}\", \"re:\"]\n"
                                          "        content:\n"
                                          "          ignore: [\"re:[z-a]\"]\n"));
    INFO(all_errors(r));
    REQUIRE(r.errors.size() == 4);
    CHECK(has_error(r, 9, 15,
                    "'keywords.must_contain': invalid regular expression "
                    "'(unclosed': missing )"));
    CHECK(has_error(r, 10, 30, "'keywords.must_not_contain': invalid regular expression"));
    CHECK(has_error(r, 10, 43, "has an empty pattern after 're:'"));
    CHECK(has_error(r, 12, 20, "'content.ignore': invalid regular expression '[z-a]'"));
}

TEST_CASE("invalid headers and methods are refused", "[config][errors]") {
    TempDir dir;
    const auto r = load_in(dir, with_site("        method: get\n"
                                          "        headers:\n"
                                          "          Bad Name: x\n"
                                          "          X-Ok: \"a\\r\\nInjected: yes\"\n"
                                          "          x-ok: again\n"));
    INFO(all_errors(r));
    REQUIRE(r.errors.size() == 4);
    CHECK(has_error(r, 6, 17,
                    "'method' must be one of GET, HEAD, POST, PUT, DELETE, OPTIONS, "
                    "PATCH, got 'get' (did you mean 'GET'?)"));
    CHECK(has_error(r, 8, 11, "'Bad Name' is not a valid header name"));
    CHECK(has_error(r, 9, 17, "'headers.X-Ok' must be one line without control characters"));
    CHECK(has_error(r, 10, 11, "duplicate header 'x-ok' (first given at line 9)"));
}

TEST_CASE("a YAML syntax error is reported at yaml-cpp's position", "[config][errors]") {
    TempDir dir;
    const auto r = load_in(dir, "clients:\n  - name: acme\n    sites: [\n");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].pos.line == 4);
    CHECK(r.errors[0].pos.column == 1);
    CHECK(r.errors[0].message.find("YAML syntax error") == 0);
    const auto tabs = load_in(dir, "clients:\n\t- name: acme\n");
    REQUIRE(tabs.errors.size() == 1);
    CHECK(has_error(tabs, 2, 2, "YAML syntax error: illegal block entry"));
    // A lone ',' sends yaml-cpp 0.7's LoadAll into an endless loop; here it is an error.
    const auto comma = load_in(dir, ",\n");
    REQUIRE(comma.errors.size() == 1);
    CHECK(has_error(comma, 1, 1, "YAML syntax error: unexpected ','"));
}

TEST_CASE("an empty file, a comment-only file and a non-mapping top level are errors",
          "[config][errors]") {
    TempDir dir;
    for (const char* empty : {"", "\n\n", "# nothing yet\n", "---\n", "~\n"}) {
        const auto r = load_in(dir, empty);
        INFO("input: " << empty);
        REQUIRE(r.errors.size() == 1);
        CHECK(has_error(r, 1, 1, "the config file is empty"));
    }
    auto r = load_in(dir, "- server\n- clients\n");
    REQUIRE(r.errors.size() == 1);
    CHECK(has_error(r, 1, 1, "the top level must be a mapping"));
    r = load_in(dir, "\n  just text\n");
    REQUIRE(r.errors.size() == 1);
    CHECK(has_error(r, 2, 3, "the top level must be a mapping"));
    r = load_in(dir, with_site("") + "---\nclients: []\n");
    REQUIRE(r.errors.size() == 1);
    CHECK(has_error(r, 6, 1, "only one YAML document is allowed"));
}

TEST_CASE("a config without clients, or without any site, has nothing to monitor",
          "[config][errors]") {
    TempDir dir;
    auto r = load_in(dir, "server:\n  listen: 127.0.0.1:9090\n");
    REQUIRE(r.errors.size() == 1);
    CHECK(has_error(r, 1, 1, "no 'clients': nothing to monitor"));
    r = load_in(dir, "server: {}\nclients: []\n");
    REQUIRE(r.errors.size() == 1);
    CHECK(has_error(r, 2, 10, "'clients' is empty: nothing to monitor"));
    r = load_in(dir, "clients:\n");
    REQUIRE(r.errors.size() == 1);
    CHECK(has_error(r, 1, 1, "'clients' is empty: nothing to monitor"));
    r = load_in(dir, "clients:\n  - name: acme\n    sites: []\n");
    REQUIRE(r.errors.size() == 1);
    CHECK(has_error(r, 1, 1, "no client has any site: nothing to monitor"));
}

TEST_CASE("a missing config file is an error at FILE:1:1", "[config][errors]") {
    TempDir dir;
    const std::string path = (dir.path() / "absent.yml").string();
    auto r = load_config_file(path);
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].to_string() ==
          path + ":1:1: cannot read the config file: No such file or directory");
    r = load_config_file(dir.path().string());
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].to_string() ==
          dir.path().string() + ":1:1: cannot read the config file: not a regular file");
}

TEST_CASE("a config file on disk is read and its errors carry its path", "[config][errors]") {
    TempDir dir;
    const std::string path = dir.write("conf/sitewatch.yml", with_site("        interval: 0s\n"));
    const auto r = load_config_file(path);
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].to_string() == path + ":6:19: 'interval' must be at least 1s, got '0s'");
    const std::string good = dir.write("conf/good.yml", with_site(""));
    const auto ok = load_config_file(good);
    REQUIRE(ok.ok());
    CHECK(ok.config->path == good);
    CHECK(ok.config->storage.sqlite == (dir.path() / "conf/sitewatch.db").string());
}

TEST_CASE("every error is reported in file order, not just the first", "[config][errors]") {
    TempDir dir;
    const auto r = load_in(dir, R"(server:
  listen: nowhere
storage:
  retention: forever
defaults:
  interval: 100ms
clients:
  - name: acme
    plan: platinum
    sites:
      - name: a
        url: gopher://a.example/
      - name: a
        url: https://b.example/
        timeout: 0s
        confirm: {failures: 0}
        tls: {ca_file: nope.pem}
        bogus: 1
)");
    INFO(all_errors(r));
    REQUIRE(r.errors.size() == 10);
    const std::vector<std::pair<int, int>> expected{{2, 11},  {4, 14},  {6, 13},  {9, 11},
                                                    {12, 14}, {13, 15}, {15, 18}, {16, 29},
                                                    {17, 24}, {18, 9}};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO("error " << i);
        CHECK(r.errors[i].pos.line == expected[i].first);
        CHECK(r.errors[i].pos.column == expected[i].second);
    }
    CHECK_FALSE(r.config);
}

TEST_CASE("an error prints as FILE:LINE:COLUMN: message", "[config][errors]") {
    const ConfigError e{{"etc/sitewatch.yml", 12, 7}, "unknown key 'x'"};
    CHECK(e.to_string() == "etc/sitewatch.yml:12:7: unknown key 'x'");
}

// ---------------------------------------------------------------------------------------------
// Hostile input: never a crash, a hang or an exception

namespace {

// Every error must be printable and positioned; loading must not throw.
void require_sane(const std::string& input) {
    LoadResult r;
    REQUIRE_NOTHROW(r = load_config_string(input, "fuzz.yml"));
    REQUIRE(r.ok() == r.config.has_value());
    for (const auto& e : r.errors) {
        REQUIRE(e.pos.file == "fuzz.yml");
        REQUIRE(e.pos.line >= 1);
        REQUIRE(e.pos.column >= 1);
        REQUIRE_FALSE(e.message.empty());
    }
}

}  // namespace

TEST_CASE("random bytes are reported as errors without crashing", "[config][hostile]") {
    std::mt19937 rng(20240601);  // fixed seed: a failure reproduces
    std::uniform_int_distribution<int> byte(0, 255), length(0, 400);
    for (int i = 0; i < 300; ++i) {
        std::string input(static_cast<std::size_t>(length(rng)), '\0');
        for (auto& c : input) c = static_cast<char>(byte(rng));
        require_sane(input);
    }
    const auto r = load_config_string(std::string("\0\xff\xfe garbage \x01", 14), "fuzz.yml");
    CHECK_FALSE(r.ok());
}

TEST_CASE("mutations of a valid file never crash the loader", "[config][hostile]") {
    const std::string base = std::string(kMinimal) +
                             "        headers: {A: b}\n        expect: {status: [200, 2xx]}\n"
                             "        keywords: {must_contain: [\"re:a+\"]}\n";
    const std::string alphabet = ":-[]{}&*!|>'\"#%@`,? \n\t\x01\xc3\xa9";
    std::mt19937 rng(7);
    for (int i = 0; i < 500; ++i) {
        std::string input = base;
        for (int edits = 1 + static_cast<int>(rng() % 4); edits > 0; --edits) {
            const std::size_t at = rng() % input.size();
            switch (rng() % 3) {
                case 0:
                    input[at] = alphabet[rng() % alphabet.size()];
                    break;
                case 1:
                    input.insert(at, 1, alphabet[rng() % alphabet.size()]);
                    break;
                default:
                    input.erase(at, 1 + rng() % 8);
                    break;
            }
            if (input.empty()) input = "x";
        }
        require_sane(input);
    }
}

TEST_CASE("absurdly deep nesting is an error, not a stack overflow", "[config][hostile]") {
    require_sane(std::string(100'000, '[') + std::string(100'000, ']'));
    require_sane(std::string(100'000, '{'));
    std::string block;
    for (int depth = 0; depth < 5'000; ++depth) block += std::string(depth, ' ') + "a:\n";
    require_sane(block);
    std::string sequences;
    for (int depth = 0; depth < 5'000; ++depth) sequences += std::string(depth * 2, ' ') + "- \n";
    require_sane(sequences);
    const auto r = load_config_string(std::string(100'000, '['), "fuzz.yml");
    CHECK_FALSE(r.ok());
    // Deep but legal nesting under a known key is a type error like any other.
    const auto deep = load_config_string(
        with_site("        tags: " + std::string(300, '[') + std::string(300, ']') + "\n"),
        "fuzz.yml");
    REQUIRE(deep.errors.size() == 1);
    CHECK(has_error(deep, 6, 16, "each item of 'tags' must be a string, got a list"));
}

TEST_CASE("aliases, self-references and merge keys are handled without recursion",
          "[config][hostile]") {
    require_sane("clients: &a [*a]\n");
    require_sane("defaults: &d {tls: *d, headers: *d, expect: *d}\n" + with_site(""));
    // Billion laughs: aliases are shared, never expanded, so this stays small.
    std::string laughs = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    for (int i = 1; i < 10; ++i) {
        const std::string prev = "*a" + std::to_string(i - 1);
        laughs += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + prev + ", " + prev +
                  ", " + prev + ", " + prev + ", " + prev + "]\n";
    }
    require_sane(laughs + with_site("        tags: *a9\n"));

    TempDir dir;
    const auto merge =
        load_in(dir, "x: &common {interval: 5m}\n" + with_site("        <<: *common\n"));
    INFO(all_errors(merge));
    CHECK(has_error(merge, 1, 1, "unknown key 'x'"));
    CHECK(has_error(merge, 7, 9, "YAML merge keys are not supported"));
}

TEST_CASE("a huge scalar is shown cut short and escaped in messages", "[config][hostile]") {
    TempDir dir;
    const std::string huge(100'000, 'x');
    // A plain key is at most 1024 characters in YAML; a longer one is a syntax error.
    const auto r = load_in(dir, with_site("        interval: \"" + huge +
                                          "\\x01\"\n"
                                          "        " +
                                          huge.substr(0, 1000) + ": 1\n"));
    REQUIRE(r.errors.size() == 2);
    for (const auto& e : r.errors) CHECK(e.message.size() < 300);
    CHECK(r.errors[0].message.find("...") != std::string::npos);
}
