#include "monitor/config/detail/file_refs.h"

#include <cerrno>
#include <fstream>
#include <system_error>

#include "monitor/config/detail/value_checks.h"

namespace sitewatch::config::detail {

namespace fs = std::filesystem;

fs::path config_base_dir(const std::string& config_path) {
    std::error_code ec;
    fs::path absolute = fs::absolute(fs::path(config_path), ec);
    if (ec) return fs::path(config_path).parent_path();
    return absolute.parent_path();
}

std::optional<std::string> read_existing_file(const Entry& e, Diagnostics& d,
                                              const fs::path& base_dir) {
    auto text = read_string(e, d);
    if (!text) return std::nullopt;
    const SourcePos at = e.value_pos(d);
    if (text->empty() || has_control_char(*text)) {
        d.error(at, "'" + e.path + "' must be a file path, got " + in_quotes(*text));
        return std::nullopt;
    }
    const fs::path written(*text);
    const fs::path resolved =
        (written.is_relative() ? base_dir / written : written).lexically_normal();
    const std::string shown = in_quotes(resolved.string());
    // Say where a relative path was looked for: the usual surprise is the base directory.
    const std::string relative_note =
        written.is_relative() ? " (relative paths are resolved against the config file's "
                                "directory)"
                              : "";
    std::error_code ec;
    const auto status = fs::status(resolved, ec);
    if (ec || !fs::exists(status)) {
        d.error(at, "'" + e.path + "': file " + shown + " does not exist" + relative_note);
        return std::nullopt;
    }
    if (fs::is_directory(status)) {
        d.error(at, "'" + e.path + "': " + shown + " is a directory, not a file");
        return std::nullopt;
    }
    std::ifstream probe(resolved, std::ios::binary);
    if (!probe) {
        d.error(at, "'" + e.path + "': file " + shown + " cannot be read: " +
                        std::error_code(errno, std::generic_category()).message());
        return std::nullopt;
    }
    return resolved.string();
}

}  // namespace sitewatch::config::detail
