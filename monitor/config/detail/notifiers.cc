#include "monitor/config/detail/notifiers.h"

#include <string>
#include <vector>

#include "monitor/config/detail/file_refs.h"
#include "monitor/config/detail/value_checks.h"

namespace sitewatch::config::detail {

namespace {

const std::vector<std::string> kHttp{"http", "https"};

// Reads the keys of one notifier; `required` ones must be present.
class NotifierReader {
  public:
    NotifierReader(MapReader& map, const Entry& section, const std::filesystem::path& base_dir)
        : map_(map), section_(section), base_dir_(base_dir) {}

    // Overwrites `out` only when the key is present and valid.
    void line(std::string_view key, std::string& out, bool required) {
        if (auto e = take(key, required)) {
            if (auto v = read_line(*e, map_.diag())) out = *v;
        }
    }
    void url(std::string_view key, std::string& out, bool required,
             const std::vector<std::string>& schemes = kHttp) {
        auto e = take(key, required);
        if (!e) return;
        Diagnostics& d = map_.diag();
        auto v = read_string(*e, d);
        if (!v) return;
        if (auto problem = url_problem(*v, schemes)) {
            d.error(e->value_pos(d), "'" + e->path + "' " + *problem + ", got " + in_quotes(*v));
            return;
        }
        out = *v;
    }
    void file(std::string_view key, std::string& out, bool required) {
        if (auto e = take(key, required)) {
            if (auto v = read_existing_file(*e, map_.diag(), base_dir_)) out = *v;
        }
    }

  private:
    std::optional<Entry> take(std::string_view key, bool required) {
        auto e = map_.take(key);
        if (!e && required) {
            map_.diag().error(section_.key_node,
                              "'" + section_.path + "' needs '" + std::string(key) + "'");
        }
        return e;
    }

    MapReader& map_;
    const Entry& section_;
    const std::filesystem::path& base_dir_;
};

// Reads notifier `name` when configured: `fill` reads its keys into a fresh T.
template <class T, class Fill>
void read_one(MapReader& notifiers, std::string_view name, const std::filesystem::path& base_dir,
              std::optional<T>& out, Fill fill) {
    auto e = notifiers.take(name);
    if (!e) return;
    auto map = read_map(*e, notifiers.diag());
    if (!map) return;
    NotifierReader r(*map, *e, base_dir);
    T value;
    fill(r, value);
    map->finish();
    out = std::move(value);
}

}  // namespace

void read_notifiers(const Entry& e, Diagnostics& d, const std::filesystem::path& base_dir,
                    NotifiersConfig& out) {
    auto map = read_map(e, d);
    if (!map) return;
    read_one(*map, "twilio", base_dir, out.twilio, [](NotifierReader& r, TwilioConfig& c) {
        r.line("account_sid", c.account_sid, true);
        r.file("auth_token_file", c.auth_token_file, true);
        r.line("from", c.from, true);
        r.url("api_base", c.api_base, false);
    });
    read_one(*map, "slack", base_dir, out.slack,
             [](NotifierReader& r, SlackConfig& c) { r.url("webhook_url", c.webhook_url, true); });
    read_one(*map, "email", base_dir, out.email, [](NotifierReader& r, EmailConfig& c) {
        r.url("smtp_url", c.smtp_url, true, {"smtp", "smtps"});
        r.line("username", c.username, false);
        r.file("password_file", c.password_file, false);
        r.line("from", c.from, true);
    });
    read_one(*map, "webhook", base_dir, out.webhook, [](NotifierReader& r, WebhookConfig& c) {
        r.url("url", c.url, true);
        r.file("secret_file", c.secret_file, false);
    });
    read_one(*map, "pagerduty", base_dir, out.pagerduty, [](NotifierReader& r, PagerDutyConfig& c) {
        r.file("routing_key_file", c.routing_key_file, true);
        r.url("api_base", c.api_base, false);
    });
    read_one(*map, "asana", base_dir, out.asana, [](NotifierReader& r, AsanaConfig& c) {
        r.file("token_file", c.token_file, true);
        r.line("project", c.project, true);
        r.url("api_base", c.api_base, false);
    });
    map->finish();
}

}  // namespace sitewatch::config::detail
