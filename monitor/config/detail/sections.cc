#include "monitor/config/detail/sections.h"

#include <algorithm>
#include <string>
#include <vector>

#include "monitor/config/detail/file_refs.h"
#include "monitor/config/detail/value_checks.h"

namespace sitewatch::config::detail {

namespace {

using std::chrono::milliseconds;

// A non-empty list of distinct values, each one of `allowed`.
std::optional<std::vector<std::string>> read_choice_list(const Entry& e, Diagnostics& d,
                                                         const std::vector<std::string>& allowed) {
    auto items = read_list(e, d);
    if (!items) return std::nullopt;
    if (items->empty()) {
        d.error(e.value_pos(d), "'" + e.path + "' must list at least one value");
        return std::nullopt;
    }
    std::vector<std::string> out;
    std::vector<SourcePos> seen_at;
    bool ok = true;
    for (const auto& item : *items) {
        const Entry one{e.key, e.path, e.key_node, item};
        auto value = read_choice(one, d, allowed);
        if (!value) {
            ok = false;
            continue;
        }
        const auto dup = std::find(out.begin(), out.end(), *value);
        if (dup != out.end()) {
            d.error(one.value_pos(d), "'" + e.path + "' lists " + in_quotes(*value) +
                                          " twice (first at line " +
                                          std::to_string(seen_at[dup - out.begin()].line) + ")");
            ok = false;
            continue;
        }
        out.push_back(*value);
        seen_at.push_back(one.value_pos(d));
    }
    if (!ok) return std::nullopt;
    return out;
}

}  // namespace

std::string resolve_sqlite_path(const std::string& written, const std::filesystem::path& base_dir) {
    // SQLite's own special names and URIs pass through as they are.
    if (written == ":memory:" || written.starts_with("file:")) return written;
    const std::filesystem::path p(written);
    if (p.is_absolute()) return written;
    // Like every other path in the file: relative to the config, not to the cwd.
    return (base_dir / p).lexically_normal().string();
}

void read_server(const Entry& e, Diagnostics& d, const std::filesystem::path& base_dir,
                 ServerConfig& out) {
    auto map = read_map(e, d);
    if (!map) return;
    if (auto listen = map->take("listen")) {
        if (auto text = read_line(*listen, d)) {
            if (auto problem = listen_problem(*text)) {
                d.error(listen->value_pos(d),
                        "'" + listen->path + "' " + *problem + ", got " + in_quotes(*text));
            } else {
                out.listen = *text;
            }
        }
    }
    if (auto token = map->take("api_token_file")) {
        if (auto path = read_existing_file(*token, d, base_dir)) out.api_token_file = *path;
    }
    if (auto url = map->take("public_url")) {
        if (auto text = read_string(*url, d)) {
            if (auto problem = url_problem(*text, {"http", "https"})) {
                d.error(url->value_pos(d),
                        "'" + url->path + "' " + *problem + ", got " + in_quotes(*text));
            } else {
                out.public_url = *text;
            }
        }
    }
    map->finish();
}

void read_storage(const Entry& e, Diagnostics& d, const std::filesystem::path& base_dir,
                  StorageConfig& out) {
    auto map = read_map(e, d);
    if (!map) return;
    if (auto sqlite = map->take("sqlite")) {
        if (auto text = read_line(*sqlite, d)) {
            if (text->empty()) {
                d.error(sqlite->value_pos(d), "'" + sqlite->path + "' must be a file path");
            } else {
                out.sqlite = resolve_sqlite_path(*text, base_dir);
            }
        }
    }
    if (auto pg = map->take("postgres")) {
        if (auto text = read_line(*pg, d)) {
            const bool uri = text->find("://") != std::string::npos;
            if (text->empty() ||
                (uri && !text->starts_with("postgresql://") && !text->starts_with("postgres://"))) {
                d.error(pg->value_pos(d), "'" + pg->path +
                                              "' must be a libpq connection URI such as "
                                              "postgresql://user@host/db, got " +
                                              in_quotes(*text));
            } else {
                out.postgres = *text;
            }
        }
    }
    if (auto retention = map->take("retention")) {
        if (auto v = read_duration_min(*retention, d, milliseconds{1}, "more than 0")) {
            out.retention = *v;
        }
    }
    map->finish();
}

void read_escalation(const Entry& e, Diagnostics& d, EscalationConfig& out) {
    auto map = read_map(e, d);
    if (!map) return;
    if (auto order = map->take("order")) {
        if (auto v = read_choice_list(*order, d, {"strategist", "pm", "lead_dev"})) out.order = *v;
    }
    if (auto channels = map->take("channels")) {
        if (auto v = read_choice_list(*channels, d, {"phone", "sms", "slack", "email"})) {
            out.channels = *v;
        }
    }
    if (auto ack = map->take("ack_timeout")) {
        if (auto v = read_duration_min(*ack, d, milliseconds{1}, "more than 0"))
            out.ack_timeout = *v;
    }
    if (auto window = map->take("followup_window")) {
        if (auto v = read_duration_min(*window, d, milliseconds{0}, "0 or more")) {
            out.followup_window = *v;
        }
    }
    map->finish();
}

}  // namespace sitewatch::config::detail
