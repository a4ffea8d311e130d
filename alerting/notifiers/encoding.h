#pragma once
// Byte-level encodings shared by the notifier request builders.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sitewatch::notifiers {

// RFC 4648 base64 with padding.
std::string base64_encode(std::string_view bytes);
// Strict RFC 4648 base64 (padding optional); nullopt on any other character.
std::optional<std::string> base64_decode(std::string_view text);
// Raw 32-byte HMAC-SHA256 (OpenSSL).
std::string hmac_sha256(std::string_view key, std::string_view data);
// Lowercase hex of raw bytes.
std::string hex_encode(std::string_view bytes);
// Equal contents, compared in time independent of where they differ.
bool constant_time_equal(std::string_view a, std::string_view b);

// application/x-www-form-urlencoded (WHATWG URL Standard): ASCII alphanumerics and "*-._" kept,
// space as "+", every other byte as %XX (uppercase hex).
std::string form_encode_component(std::string_view text);
// "k1=v1&k2=v2", each side form-encoded, in the given order.
std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields);
// RFC 3986 percent-encoding for one path segment: unreserved characters kept.
std::string path_segment_encode(std::string_view text);

// & < > " ' as XML entities; control characters other than tab and newline dropped (XML 1.0
// forbids them).
std::string xml_escape(std::string_view text);

// At most `max_bytes` bytes, cut on a UTF-8 character boundary; when cut, `ellipsis` is appended
// within the limit.
std::string truncate_utf8(std::string_view text, std::size_t max_bytes,
                          std::string_view ellipsis = "\u2026");
// CR, LF and tabs as single spaces, runs of spaces collapsed, trimmed: one line of text.
std::string one_line(std::string_view text);
// "https://api.example/" → "https://api.example".
std::string without_trailing_slash(std::string_view base);

}  // namespace sitewatch::notifiers
