#pragma once
// A small typed reader over yaml-cpp nodes. Every problem becomes a positioned ConfigError
// collected in Diagnostics; nothing here throws on bad input, so one pass reports everything.
#include <yaml-cpp/yaml.h>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "monitor/config/config_loader.h"

namespace sitewatch::config::detail {

class Diagnostics {
  public:
    // A hostile file can hold millions of mistakes; past this many only a count is kept.
    static constexpr std::size_t kMaxErrors = 1000;

    explicit Diagnostics(std::string file) : file_(std::move(file)) {}

    const std::string& file() const { return file_; }
    // 1-based position of a node; 1:1 when yaml-cpp has none.
    SourcePos pos(const YAML::Mark& mark) const;
    SourcePos pos(const YAML::Node& node) const { return pos(node.Mark()); }

    void error(SourcePos pos, std::string message);
    void error(const YAML::Node& at, std::string message) { error(pos(at), std::move(message)); }

    std::size_t count() const { return total_; }
    // The errors in file order (line, then column; ties keep the order found), plus a last
    // one saying how many more there were beyond kMaxErrors.
    std::vector<ConfigError> sorted() const;

  private:
    std::string file_;
    std::vector<ConfigError> errors_;
    std::size_t total_ = 0;
    SourcePos first_dropped_;
};

// Remembers where each name was first seen, to report duplicates with the first's line.
class FirstSeen {
  public:
    // nullopt when `name` is new (and now remembered), else where it was first seen.
    std::optional<SourcePos> add(const std::string& name, const SourcePos& pos) {
        auto [it, inserted] = seen_.try_emplace(name, pos);
        if (inserted) return std::nullopt;
        return it->second;
    }

  private:
    std::unordered_map<std::string, SourcePos> seen_;
};

// One key and its value inside a mapping.
struct Entry {
    std::string key;
    std::string path;  // dotted path for messages, e.g. "defaults.tls.ca_file"
    YAML::Node key_node;
    YAML::Node value;
    // Where to point at the value. yaml-cpp marks an empty value at the *next* token, which
    // may be lines away, so an empty value is reported at its key instead.
    SourcePos value_pos(const Diagnostics& d) const;
};

// A scalar with its position, e.g. one item of a list of strings.
struct Scalar {
    std::string text;
    SourcePos pos;
};

// Reads one mapping. Each key the caller asks for with take() becomes allowed; finish()
// reports every other key as unknown, naming the closest allowed key when there is one.
// So the set of allowed keys is exactly the set the loader reads, with no second list.
class MapReader {
  public:
    // `node` must be a mapping or null (an empty section). `path` prefixes keys in messages;
    // `where` names the mapping in unknown-key messages ("in 'tls'", "in a site").
    MapReader(const YAML::Node& node, std::string path, std::string where, Diagnostics& diag);

    std::optional<Entry> take(std::string_view key);
    // Explains a key that is known to belong elsewhere when it shows up here.
    void hint(std::string_view key, std::string message);
    void finish();

    const YAML::Node& node() const { return node_; }
    const std::string& path() const { return path_; }
    Diagnostics& diag() const { return *diag_; }

  private:
    struct Item {
        std::string key;
        YAML::Node key_node;
        YAML::Node value;
        bool taken = false;
    };
    YAML::Node node_;
    std::string path_;
    std::string where_;
    Diagnostics* diag_;
    std::vector<Item> items_;
    std::unordered_map<std::string, std::size_t> index_;  // key → position in items_
    std::vector<std::string> allowed_;
    std::vector<std::pair<std::string, std::string>> hints_;
};

// The closest of `candidates` to `word` when it is close enough to be a likely typo.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

// Typed readers: on a wrong type or value they record an error and return nullopt.
std::optional<std::string> read_string(const Entry& e, Diagnostics& d);
// A string of one line without control characters (names, headers, addresses).
std::optional<std::string> read_line(const Entry& e, Diagnostics& d);
std::optional<long long> read_int(const Entry& e, Diagnostics& d, long long min, long long max);
std::optional<bool> read_bool(const Entry& e, Diagnostics& d);
std::optional<std::chrono::milliseconds> read_duration(const Entry& e, Diagnostics& d);
// A duration of at least `min`; `bound` words the limit for the message ("at least 1s").
std::optional<std::chrono::milliseconds> read_duration_min(const Entry& e, Diagnostics& d,
                                                           std::chrono::milliseconds min,
                                                           std::string_view bound);
std::optional<std::size_t> read_size(const Entry& e, Diagnostics& d);
// One of `allowed`, suggesting the closest on a typo.
std::optional<std::string> read_choice(const Entry& e, Diagnostics& d,
                                       const std::vector<std::string>& allowed);
// A list of scalars; a bad item is reported and skipped.
std::optional<std::vector<Scalar>> read_string_list(const Entry& e, Diagnostics& d);
// The items of a list (null is an empty list).
std::optional<std::vector<YAML::Node>> read_list(const Entry& e, Diagnostics& d);
// A nested mapping (null is an empty one).
std::optional<MapReader> read_map(const Entry& e, Diagnostics& d, std::string where = {});
// One item of the list `list` that must be a mapping (each client, site, team member...).
std::optional<MapReader> read_map_item(const YAML::Node& item, const Entry& list, Diagnostics& d,
                                       std::string where);

// "a mapping", "a list", "'text'", "nothing": for "must be X, got Y" messages.
std::string describe(const YAML::Node& node);
// 'text' in single quotes, control bytes escaped and long text cut, safe to print.
std::string in_quotes(std::string_view text);

}  // namespace sitewatch::config::detail
