#pragma once
// The parsed, validated configuration (CONTRACT.md "Configuration"). Every site carries
// its fully resolved settings: defaults → client → site inheritance is applied by the loader.
#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "alerting/maintenance/maintenance_window.h"
#include "checks/model/check_spec.h"

namespace sitewatch::config {

using std::chrono::milliseconds;

// Where a value came from, for error messages and for pointing at a site's definition.
struct SourcePos {
    std::string file;
    int line = 0;    // 1-based
    int column = 0;  // 1-based
};

struct TlsSettings {
    std::optional<std::string> ca_file;  // extra trust anchor, added to the system store
    int min_days_valid = 14;
};

struct SiteConfig {
    std::string client;  // owning client's name
    std::string name;    // unique across the whole config
    std::string url;
    std::string method = "GET";
    std::vector<std::pair<std::string, std::string>> headers;
    std::string user_agent;  // empty: "sitewatch/<version>"
    milliseconds interval{60'000};
    milliseconds timeout{10'000};
    int confirm_failures = 2;
    milliseconds confirm_retry_after{2'000};
    int recover_successes = 2;
    TlsSettings tls;
    std::size_t max_body = 5u << 20;
    int max_redirects = 5;
    CheckSpec checks;  // expect.status, expect.max_response_time, tls.min_days_valid
    std::vector<std::string> tags;
    // Extension: connect to this address instead of resolving the URL's host (like
    // curl --resolve). Keeps Host/SNI/certificate checks intact; used by tests and the demo.
    std::optional<std::string> resolve;
    // Extension: maintenance windows of this site alone (the client's apply too).
    std::vector<maintenance::MaintenanceWindow> maintenance;
    SourcePos pos;
};

struct Contact {
    std::string name, phone, sms, slack, email;
};

enum class Role { strategist, pm, lead_dev };
const char* to_string(Role r);

struct TeamMember {
    std::string name;
    Role role = Role::strategist;
    std::string phone, sms, slack, email;
};

struct ClientTeam {
    std::string strategist, pm, lead_dev;  // names from Config::team
};

struct ClientConfig {
    std::string name;
    std::string plan;  // micro|basic|standard|enhanced, may be empty
    std::vector<std::string> tags;
    std::vector<Contact> contacts;
    // Extension (not in the contract): "draft" keeps the client update on the incident for the
    // Strategist to send; "send" sends it to `contacts` in the escalation channel order.
    std::string client_updates = "draft";
    ClientTeam team;
    std::vector<SiteConfig> sites;
    // Extension: maintenance windows covering every site of the client.
    std::vector<maintenance::MaintenanceWindow> maintenance;
    SourcePos pos;
};

struct ServerConfig {
    std::string listen = "127.0.0.1:9090";
    std::optional<std::string> api_token_file;
    std::string public_url;
};

struct StorageConfig {
    std::string sqlite = "sitewatch.db";
    std::optional<std::string> postgres;
    milliseconds retention{30LL * 24 * 3600 * 1000};
};

struct EscalationConfig {
    std::vector<std::string> order{"strategist", "pm", "lead_dev"};
    std::vector<std::string> channels{"phone", "sms", "slack", "email"};
    milliseconds ack_timeout{5 * 60 * 1000};
    milliseconds followup_window{7LL * 24 * 3600 * 1000};
};

struct TwilioConfig {
    std::string account_sid, auth_token_file, from, api_base = "https://api.twilio.com";
};
struct SlackConfig {
    std::string webhook_url;
};
struct EmailConfig {
    std::string smtp_url, username, password_file, from;
};
struct WebhookConfig {
    std::string url, secret_file;
};
struct PagerDutyConfig {
    std::string routing_key_file, api_base = "https://events.pagerduty.com";
};
struct AsanaConfig {
    std::string token_file, project, api_base = "https://app.asana.com/api/1.0";
};

struct NotifiersConfig {
    std::optional<TwilioConfig> twilio;
    std::optional<SlackConfig> slack;
    std::optional<EmailConfig> email;
    std::optional<WebhookConfig> webhook;
    std::optional<PagerDutyConfig> pagerduty;
    std::optional<AsanaConfig> asana;
};

struct Config {
    std::string path;  // the file it was loaded from
    ServerConfig server;
    StorageConfig storage;
    std::vector<TeamMember> team;
    EscalationConfig escalation;
    NotifiersConfig notifiers;
    std::vector<ClientConfig> clients;

    // Every site of every client, in file order.
    std::vector<const SiteConfig*> sites() const;
    const SiteConfig* find_site(std::string_view name) const;
    // Every maintenance window, clients' and sites', in file order.
    std::vector<maintenance::MaintenanceWindow> maintenance_windows() const;
};

}  // namespace sitewatch::config
