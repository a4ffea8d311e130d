#include "monitor/config/detail/yaml_reader.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <utility>

#include "monitor/config/detail/value_checks.h"
#include "monitor/config/duration.h"

namespace sitewatch::config::detail {

namespace {

std::string normalise_key(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        out += c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

// Optimal string alignment distance: Levenshtein plus adjacent transpositions ("timeuot").
std::size_t edit_distance(std::string_view a, std::string_view b) {
    const std::size_t n = a.size(), m = b.size();
    std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
    for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
        for (std::size_t j = 1; j <= m; ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[n][m];
}

bool is_empty_value(const YAML::Node& n) { return !n.IsDefined() || n.IsNull(); }

std::string type_error(const Entry& e, std::string_view expected) {
    return "'" + e.path + "' must be " + std::string(expected) + ", got " + describe(e.value);
}

// The scalar text of an entry, or an error naming what was expected.
std::optional<std::string> scalar_of(const Entry& e, Diagnostics& d, std::string_view expected) {
    if (is_empty_value(e.value)) {
        d.error(e.value_pos(d), "'" + e.path + "' needs a value (" + std::string(expected) + ")");
        return std::nullopt;
    }
    if (!e.value.IsScalar()) {
        d.error(e.value_pos(d), type_error(e, expected));
        return std::nullopt;
    }
    return e.value.Scalar();
}

}  // namespace

std::string in_quotes(std::string_view text) {
    constexpr std::size_t kMaxShown = 60;  // keep messages one line, even for a pasted blob
    std::string out = "'";
    std::size_t shown = 0;
    for (char c : text) {
        if (shown++ == kMaxShown) {
            out += "...";
            break;
        }
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) {
            static constexpr char kHex[] = "0123456789abcdef";
            out += "\\x";
            out += kHex[u >> 4];
            out += kHex[u & 0xf];
        } else {
            out += c;
        }
    }
    return out + "'";
}

SourcePos Diagnostics::pos(const YAML::Mark& mark) const {
    if (mark.is_null() || mark.line < 0 || mark.column < 0) return {file_, 1, 1};
    return {file_, mark.line + 1, mark.column + 1};
}

void Diagnostics::error(SourcePos pos, std::string message) {
    pos.file = file_;
    if (++total_ > kMaxErrors) {
        if (total_ == kMaxErrors + 1) first_dropped_ = std::move(pos);
        return;
    }
    errors_.push_back({std::move(pos), std::move(message)});
}

std::vector<ConfigError> Diagnostics::sorted() const {
    auto out = errors_;
    std::stable_sort(out.begin(), out.end(), [](const ConfigError& a, const ConfigError& b) {
        return std::pair(a.pos.line, a.pos.column) < std::pair(b.pos.line, b.pos.column);
    });
    if (total_ > kMaxErrors) {
        out.push_back({first_dropped_, "too many errors: " + std::to_string(total_ - kMaxErrors) +
                                           " more not shown"});
    }
    return out;
}

SourcePos Entry::value_pos(const Diagnostics& d) const {
    return is_empty_value(value) ? d.pos(key_node) : d.pos(value);
}

std::string describe(const YAML::Node& node) {
    if (!node.IsDefined() || node.IsNull()) return "nothing";
    if (node.IsMap()) return "a mapping";
    if (node.IsSequence()) return "a list";
    return in_quotes(node.Scalar());
}

MapReader::MapReader(const YAML::Node& node, std::string path, std::string where, Diagnostics& diag)
    : node_(node), path_(std::move(path)), where_(std::move(where)), diag_(&diag) {
    if (!node.IsMap()) return;
    for (auto it = node.begin(); it != node.end(); ++it) {
        const YAML::Node key = it->first;
        if (!key.IsScalar()) {
            diag.error(key, "keys must be plain names, got " + describe(key));
            continue;
        }
        const auto [at, inserted] = index_.try_emplace(key.Scalar(), items_.size());
        if (!inserted) {
            diag.error(key, "duplicate key " + in_quotes(key.Scalar()) + " (first given at line " +
                                std::to_string(diag.pos(items_[at->second].key_node).line) + ")");
            continue;
        }
        items_.push_back({key.Scalar(), key, it->second, false});
    }
}

std::optional<Entry> MapReader::take(std::string_view key) {
    allowed_.emplace_back(key);
    const auto at = index_.find(std::string(key));
    if (at == index_.end()) return std::nullopt;
    Item& item = items_[at->second];
    item.taken = true;
    std::string path = path_.empty() ? item.key : path_ + "." + item.key;
    return Entry{item.key, std::move(path), item.key_node, item.value};
}

void MapReader::hint(std::string_view key, std::string message) {
    hints_.emplace_back(key, std::move(message));
}

void MapReader::finish() {
    for (auto& item : items_) {
        if (item.taken) continue;
        item.taken = true;  // report once even if finish() runs again
        std::string msg = "unknown key " + in_quotes(item.key) + " " + where_;
        const auto hinted = std::find_if(hints_.begin(), hints_.end(),
                                         [&](const auto& h) { return h.first == item.key; });
        const bool secret_inline =
            std::find(allowed_.begin(), allowed_.end(), item.key + "_file") != allowed_.end();
        if (hinted != hints_.end()) {
            msg += ": " + hinted->second;
        } else if (item.key == "<<") {
            msg +=
                ": YAML merge keys are not supported; put shared settings in 'defaults' or "
                "on the client";
        } else if (secret_inline) {
            msg += ": secrets are read from files, use '" + item.key +
                   "_file' with the path of a file holding it";
        } else if (auto near = closest_match(item.key, allowed_)) {
            msg += " (did you mean '" + *near + "'?)";
        }
        diag_->error(item.key_node, std::move(msg));
    }
}

std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates) {
    constexpr std::size_t kLongest = 64;  // longer is no typo, and distance is quadratic
    if (word.size() > kLongest) return std::nullopt;
    const std::string w = normalise_key(word);
    // Allow about one edit per three characters: "strategy" finds "strategist", "foo" nothing.
    const std::size_t limit = std::clamp<std::size_t>((w.size() + 1) / 3, 1, 3);
    std::optional<std::string> best;
    std::size_t best_distance = limit + 1;
    for (const auto& c : candidates) {
        const std::size_t dist = edit_distance(w, normalise_key(c));
        if (dist < best_distance) {
            best_distance = dist;
            best = c;
        }
    }
    return best;
}

std::optional<std::string> read_string(const Entry& e, Diagnostics& d) {
    return scalar_of(e, d, "a string");
}

std::optional<std::string> read_line(const Entry& e, Diagnostics& d) {
    auto v = read_string(e, d);
    if (v && has_control_char(*v)) {
        d.error(e.value_pos(d), "'" + e.path + "' must be one line without control characters");
        return std::nullopt;
    }
    return v;
}

std::optional<long long> read_int(const Entry& e, Diagnostics& d, long long min, long long max) {
    auto text = scalar_of(e, d, "a whole number");
    if (!text) return std::nullopt;
    long long value = 0;
    const char* end = text->data() + text->size();
    auto [ptr, ec] = std::from_chars(text->data(), end, value);
    if (ec == std::errc::result_out_of_range) {
        d.error(e.value_pos(d), "'" + e.path + "' is out of range: " + in_quotes(*text));
        return std::nullopt;
    }
    if (ec != std::errc() || ptr != end) {
        d.error(e.value_pos(d), "'" + e.path + "' must be a whole number, got " + in_quotes(*text));
        return std::nullopt;
    }
    if (value < min) {
        d.error(e.value_pos(d),
                "'" + e.path + "' must be at least " + std::to_string(min) + ", got " + *text);
        return std::nullopt;
    }
    if (value > max) {
        d.error(e.value_pos(d),
                "'" + e.path + "' must be at most " + std::to_string(max) + ", got " + *text);
        return std::nullopt;
    }
    return value;
}

std::optional<bool> read_bool(const Entry& e, Diagnostics& d) {
    auto text = scalar_of(e, d, "true or false");
    if (!text) return std::nullopt;
    const std::string t = normalise_key(*text);
    if (t == "true" || t == "yes" || t == "on") return true;
    if (t == "false" || t == "no" || t == "off") return false;
    d.error(e.value_pos(d), "'" + e.path + "' must be true or false, got " + in_quotes(*text));
    return std::nullopt;
}

std::optional<std::chrono::milliseconds> read_duration(const Entry& e, Diagnostics& d) {
    constexpr std::string_view kExpected = "a duration such as 250ms, 30s, 5m, 2h, 7d or 1h30m";
    auto text = scalar_of(e, d, kExpected);
    if (!text) return std::nullopt;
    if (auto ms = parse_duration(*text)) return ms;
    std::string msg =
        "'" + e.path + "' must be " + std::string(kExpected) + ", got " + in_quotes(*text);
    const bool all_digits = !text->empty() && std::all_of(text->begin(), text->end(), [](char c) {
        return c >= '0' && c <= '9';
    });
    if (all_digits) {
        msg += " (add a unit, e.g. " + *text + "s)";
    } else if (!text->empty() && text->front() == '-') {
        msg += " (durations cannot be negative)";
    }
    d.error(e.value_pos(d), std::move(msg));
    return std::nullopt;
}

std::optional<std::chrono::milliseconds> read_duration_min(const Entry& e, Diagnostics& d,
                                                           std::chrono::milliseconds min,
                                                           std::string_view bound) {
    auto v = read_duration(e, d);
    if (!v) return std::nullopt;
    if (*v < min) {
        d.error(e.value_pos(d), "'" + e.path + "' must be " + std::string(bound) + ", got " +
                                    in_quotes(e.value.Scalar()));
        return std::nullopt;
    }
    return v;
}

std::optional<std::size_t> read_size(const Entry& e, Diagnostics& d) {
    constexpr std::string_view kExpected = "a size such as 5MiB, 512KiB, 1MB or 1000 (bytes)";
    auto text = scalar_of(e, d, kExpected);
    if (!text) return std::nullopt;
    if (auto bytes = parse_size(*text)) return bytes;
    d.error(e.value_pos(d),
            "'" + e.path + "' must be " + std::string(kExpected) + ", got " + in_quotes(*text));
    return std::nullopt;
}

std::optional<std::string> read_choice(const Entry& e, Diagnostics& d,
                                       const std::vector<std::string>& allowed) {
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    auto text = scalar_of(e, d, "one of " + list);
    if (!text) return std::nullopt;
    if (std::find(allowed.begin(), allowed.end(), *text) != allowed.end()) return text;
    std::string msg = "'" + e.path + "' must be one of " + list + ", got " + in_quotes(*text);
    if (auto near = closest_match(*text, allowed)) msg += " (did you mean '" + *near + "'?)";
    d.error(e.value_pos(d), std::move(msg));
    return std::nullopt;
}

std::optional<std::vector<YAML::Node>> read_list(const Entry& e, Diagnostics& d) {
    if (is_empty_value(e.value)) return std::vector<YAML::Node>{};
    if (!e.value.IsSequence()) {
        d.error(e.value_pos(d), type_error(e, "a list"));
        return std::nullopt;
    }
    std::vector<YAML::Node> items;
    items.reserve(e.value.size());
    for (const auto& item : e.value) items.push_back(item);
    return items;
}

std::optional<std::vector<Scalar>> read_string_list(const Entry& e, Diagnostics& d) {
    auto items = read_list(e, d);
    if (!items) return std::nullopt;
    std::vector<Scalar> out;
    for (const auto& item : *items) {
        if (!item.IsScalar()) {
            d.error(is_empty_value(item) ? e.value_pos(d) : d.pos(item),
                    "each item of '" + e.path + "' must be a string, got " + describe(item));
            continue;
        }
        out.push_back({item.Scalar(), d.pos(item)});
    }
    return out;
}

std::optional<MapReader> read_map(const Entry& e, Diagnostics& d, std::string where) {
    if (!is_empty_value(e.value) && !e.value.IsMap()) {
        d.error(e.value_pos(d), type_error(e, "a mapping"));
        return std::nullopt;
    }
    if (where.empty()) where = "in '" + e.path + "'";
    return MapReader(e.value, e.path, std::move(where), d);
}

std::optional<MapReader> read_map_item(const YAML::Node& item, const Entry& list, Diagnostics& d,
                                       std::string where) {
    if (!item.IsMap()) {
        d.error(is_empty_value(item) ? list.value_pos(d) : d.pos(item),
                "each item of '" + list.path + "' must be a mapping, got " + describe(item));
        return std::nullopt;
    }
    return MapReader(item, "", std::move(where), d);
}

}  // namespace sitewatch::config::detail
