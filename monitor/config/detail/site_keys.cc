#include "monitor/config/detail/site_keys.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <string_view>

#include "monitor/config/detail/file_refs.h"
#include "monitor/config/detail/value_checks.h"

namespace sitewatch::config::detail {

namespace {

constexpr milliseconds kMinInterval{1000};  // CONTRACT.md: minimum interval 1s
constexpr std::string_view kRegexPrefix = "re:";

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

template <class T>
void set_if(std::optional<T>& dst, std::optional<T> value) {
    if (value) dst = std::move(value);
}

std::optional<int> read_small_int(MapReader& map, std::string_view key, int min, int max) {
    auto e = map.take(key);
    if (!e) return std::nullopt;
    auto v = read_int(*e, map.diag(), min, max);
    if (!v) return std::nullopt;
    return static_cast<int>(*v);
}

std::optional<milliseconds> read_duration_at_least(MapReader& map, std::string_view key,
                                                   milliseconds min, std::string_view bound) {
    auto e = map.take(key);
    if (!e) return std::nullopt;
    return read_duration_min(*e, map.diag(), min, bound);
}

std::optional<std::string> read_line_at(MapReader& map, std::string_view key) {
    auto e = map.take(key);
    if (!e) return std::nullopt;
    return read_line(*e, map.diag());
}

void read_headers(const Entry& e, Diagnostics& d, SiteLayer& out) {
    if (!e.value.IsDefined() || e.value.IsNull()) return;
    if (!e.value.IsMap()) {
        d.error(e.value_pos(d), "'" + e.path +
                                    "' must be a mapping of header names to values, got " +
                                    describe(e.value));
        return;
    }
    FirstSeen seen;  // by lower-cased name: header names are case-insensitive
    for (auto it = e.value.begin(); it != e.value.end(); ++it) {
        const YAML::Node name = it->first;
        const YAML::Node value = it->second;
        if (!name.IsScalar() || !is_header_name(name.Scalar())) {
            d.error(name, "'" + e.path + "': " + describe(name) + " is not a valid header name");
            continue;
        }
        std::string lower = name.Scalar();
        for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if (auto first = seen.add(lower, d.pos(name))) {
            d.error(name, "'" + e.path + "': duplicate header " + in_quotes(name.Scalar()) +
                              " (first given at line " + std::to_string(first->line) + ")");
            continue;
        }
        const Entry header{name.Scalar(), e.path + "." + name.Scalar(), name, value};
        auto text = read_line(header, d);
        if (!text) continue;
        out.headers.emplace_back(name.Scalar(), *text);
    }
}

// 200, "200-399", "2xx", or a list of those.
std::optional<std::vector<StatusRange>> read_status(const Entry& e, Diagnostics& d) {
    const std::string usage =
        "a status such as 200, a range such as 200-399, a class such as 2xx, or a list of those";
    std::vector<YAML::Node> items;
    if (e.value.IsSequence()) {
        for (const auto& item : e.value) items.push_back(item);
        if (items.empty()) {
            d.error(e.value_pos(d), "'" + e.path + "' must list at least one status");
            return std::nullopt;
        }
    } else if (e.value.IsScalar()) {
        items.push_back(e.value);
    } else {
        d.error(e.value_pos(d), "'" + e.path + "' must be " + usage + ", got " + describe(e.value));
        return std::nullopt;
    }
    std::vector<StatusRange> ranges;
    bool ok = true;
    for (const auto& item : items) {
        std::optional<StatusRange> range;
        if (item.IsScalar()) range = parse_status_spec(item.Scalar());
        if (!range) {
            d.error(
                item.IsScalar() ? d.pos(item) : e.value_pos(d),
                "'" + e.path + "' must be " + usage + " (codes 100-599), got " + describe(item));
            ok = false;
            continue;
        }
        ranges.push_back(*range);
    }
    if (!ok) return std::nullopt;
    return ranges;
}

// Keywords and content.ignore entries: plain text, or "re:" and an RE2 pattern that compiles.
std::optional<std::vector<std::string>> read_patterns(MapReader& map, std::string_view key) {
    auto e = map.take(key);
    if (!e) return std::nullopt;
    Diagnostics& d = map.diag();
    auto items = read_string_list(*e, d);
    if (!items) return std::nullopt;
    std::vector<std::string> out;
    for (const auto& item : *items) {
        std::string_view text = item.text;
        const bool is_regex = text.substr(0, kRegexPrefix.size()) == kRegexPrefix;
        if (is_regex) text.remove_prefix(kRegexPrefix.size());
        if (text.empty()) {
            d.error(item.pos, "'" + e->path + "' has an empty " +
                                  (is_regex ? "pattern after 're:'" : "entry"));
            continue;
        }
        if (is_regex) {
            RE2::Options options;
            options.set_log_errors(false);  // the error is reported here, with its position
            const RE2 re(re2::StringPiece(text.data(), text.size()), options);
            if (!re.ok()) {
                d.error(item.pos, "'" + e->path + "': invalid regular expression " +
                                      in_quotes(text) + ": " + re.error());
                continue;
            }
        }
        out.push_back(item.text);
    }
    return out;
}

void read_expect(MapReader& site, SiteLayer& out) {
    auto e = site.take("expect");
    if (!e) return;
    auto map = read_map(*e, site.diag());
    if (!map) return;
    if (auto status = map->take("status"))
        set_if(out.expect_status, read_status(*status, map->diag()));
    set_if(out.max_response_time,
           read_duration_at_least(*map, "max_response_time", milliseconds{1}, "more than 0"));
    map->finish();
}

void read_keywords(MapReader& site, SiteLayer& out) {
    auto e = site.take("keywords");
    if (!e) return;
    auto map = read_map(*e, site.diag());
    if (!map) return;
    set_if(out.must_contain, read_patterns(*map, "must_contain"));
    set_if(out.must_not_contain, read_patterns(*map, "must_not_contain"));
    map->finish();
}

void read_content(MapReader& site, SiteLayer& out) {
    auto e = site.take("content");
    if (!e) return;
    auto map = read_map(*e, site.diag());
    if (!map) return;
    set_if(out.content_ignore, read_patterns(*map, "ignore"));
    map->finish();
}

void read_defacement(MapReader& site, SiteLayer& out) {
    auto e = site.take("defacement");
    if (!e) return;
    auto map = read_map(*e, site.diag());
    if (!map) return;
    if (auto enabled = map->take("enabled"))
        set_if(out.defacement_enabled, read_bool(*enabled, map->diag()));
    set_if(out.defacement_learn_samples, read_small_int(*map, "learn_samples", 1, 1000));
    map->finish();
}

void read_assets(MapReader& site, SiteLayer& out) {
    auto e = site.take("assets");
    if (!e) return;
    auto map = read_map(*e, site.diag());
    if (!map) return;
    if (auto check = map->take("check")) set_if(out.assets_check, read_bool(*check, map->diag()));
    map->finish();
}

void read_tls(MapReader& site, SiteLayer& out, const std::filesystem::path& base_dir) {
    auto e = site.take("tls");
    if (!e) return;
    auto map = read_map(*e, site.diag());
    if (!map) return;
    if (auto ca = map->take("ca_file")) {
        set_if(out.tls_ca_file, read_existing_file(*ca, map->diag(), base_dir));
    }
    set_if(out.tls_min_days_valid, read_small_int(*map, "min_days_valid", 0, 3650));
    map->finish();
}

void read_confirm(MapReader& site, SiteLayer& out) {
    auto e = site.take("confirm");
    if (!e) return;
    auto map = read_map(*e, site.diag());
    if (!map) return;
    set_if(out.confirm_failures, read_small_int(*map, "failures", 1, 100));
    set_if(out.confirm_retry_after,
           read_duration_at_least(*map, "retry_after", milliseconds{0}, "0 or more"));
    map->finish();
}

void read_recover(MapReader& site, SiteLayer& out) {
    auto e = site.take("recover");
    if (!e) return;
    auto map = read_map(*e, site.diag());
    if (!map) return;
    set_if(out.recover_successes, read_small_int(*map, "successes", 1, 100));
    map->finish();
}

}  // namespace

SiteLayer read_site_keys(MapReader& map, SiteLevel level, const std::filesystem::path& base_dir) {
    Diagnostics& d = map.diag();
    SiteLayer out;

    if (auto e = map.take("method")) {
        set_if(out.method,
               read_choice(*e, d, {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"}));
    }
    if (auto e = map.take("headers")) read_headers(*e, d, out);
    set_if(out.interval, read_duration_at_least(map, "interval", kMinInterval, "at least 1s"));
    set_if(out.timeout, read_duration_at_least(map, "timeout", milliseconds{1}, "more than 0"));
    read_expect(map, out);
    read_keywords(map, out);
    read_content(map, out);
    read_defacement(map, out);
    read_assets(map, out);
    read_tls(map, out, base_dir);
    if (level != SiteLevel::client) {
        if (auto e = map.take("tags")) {
            if (auto items = read_string_list(*e, d)) {
                out.tags.emplace();
                for (const auto& item : *items) out.tags->push_back(item.text);
            }
        }
    }
    read_confirm(map, out);
    read_recover(map, out);
    if (auto e = map.take("max_body")) {
        if (auto bytes = read_size(*e, d)) {
            if (*bytes == 0) {
                d.error(e->value_pos(d), "'" + e->path + "' must be more than 0 bytes");
            } else {
                out.max_body = bytes;
            }
        }
    }
    set_if(out.max_redirects, read_small_int(map, "max_redirects", 0, 50));
    set_if(out.user_agent, read_line_at(map, "user_agent"));
    if (auto e = map.take("resolve")) {
        if (auto text = read_string(*e, d)) {
            if (auto ip = parse_ip(*text)) {
                out.resolve = ip;
            } else {
                d.error(e->value_pos(d), "'" + e->path +
                                             "' must be an IP address to connect to "
                                             "(like curl --resolve), got " +
                                             in_quotes(*text));
            }
        }
    }

    // A nested section's key written one level too high: a common indentation slip.
    static constexpr std::pair<std::string_view, std::string_view> kNested[] = {
        {"status", "expect"},
        {"max_response_time", "expect"},
        {"must_contain", "keywords"},
        {"must_not_contain", "keywords"},
        {"ignore", "content"},
        {"enabled", "defacement"},
        {"learn_samples", "defacement"},
        {"check", "assets"},
        {"ca_file", "tls"},
        {"min_days_valid", "tls"},
        {"failures", "confirm"},
        {"retry_after", "confirm"},
        {"successes", "recover"},
    };
    for (const auto& [key, section] : kNested) {
        map.hint(key, "'" + std::string(key) + "' goes under '" + std::string(section) + "'");
    }
    const std::string on_site = " belongs to a site: list sites under 'clients[].sites'";
    if (level == SiteLevel::defaults) {
        map.hint("name", "a site's 'name'" + on_site);
        map.hint("url", "'url'" + on_site);
        map.hint("sites", "sites belong to a client: list them under 'clients[].sites'");
    } else if (level == SiteLevel::client) {
        map.hint("url", "'url'" + on_site);
    }
    return out;
}

void apply_layer(const SiteLayer& layer, SiteConfig& site) {
    if (layer.method) site.method = *layer.method;
    if (layer.user_agent) site.user_agent = *layer.user_agent;
    if (layer.resolve) site.resolve = *layer.resolve;
    for (const auto& [name, value] : layer.headers) {
        auto same = std::find_if(site.headers.begin(), site.headers.end(),
                                 [&](const auto& h) { return iequals(h.first, name); });
        if (same != site.headers.end()) {
            *same = {name, value};
        } else {
            site.headers.emplace_back(name, value);
        }
    }
    if (layer.interval) site.interval = *layer.interval;
    if (layer.timeout) site.timeout = site.checks.timeout = *layer.timeout;
    if (layer.confirm_failures) site.confirm_failures = *layer.confirm_failures;
    if (layer.confirm_retry_after) site.confirm_retry_after = *layer.confirm_retry_after;
    if (layer.recover_successes) site.recover_successes = *layer.recover_successes;
    if (layer.tls_ca_file) site.tls.ca_file = *layer.tls_ca_file;
    if (layer.tls_min_days_valid) {
        site.tls.min_days_valid = site.checks.tls_min_days_valid = *layer.tls_min_days_valid;
    }
    if (layer.max_body) site.max_body = *layer.max_body;
    if (layer.max_redirects) site.max_redirects = site.checks.max_redirects = *layer.max_redirects;
    if (layer.tags) site.tags = *layer.tags;
    if (layer.expect_status) site.checks.expect_status = *layer.expect_status;
    if (layer.max_response_time) site.checks.max_response_time = *layer.max_response_time;
    if (layer.must_contain) site.checks.must_contain = *layer.must_contain;
    if (layer.must_not_contain) site.checks.must_not_contain = *layer.must_not_contain;
    if (layer.content_ignore) site.checks.content_ignore = *layer.content_ignore;
    if (layer.defacement_enabled) site.checks.defacement_enabled = *layer.defacement_enabled;
    if (layer.defacement_learn_samples) {
        site.checks.defacement_learn_samples = *layer.defacement_learn_samples;
    }
    if (layer.assets_check) site.checks.assets_check = *layer.assets_check;
}

}  // namespace sitewatch::config::detail
