#include "monitor/http/json_encoding.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <ctime>

#include "monitor/metrics/probe_outcome.h"

namespace sitewatch::http {

namespace {

nlohmann::json string_or_null(const std::string& s) {
    return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
}

// Microsecond resolution is plenty and keeps "12.345" from printing as 12.345000000000001.
double round_ms(double ms) { return std::round(ms * 1000.0) / 1000.0; }

// Length of the valid UTF-8 sequence starting at s[i] (RFC 3629: no overlongs, no
// surrogates, nothing above U+10FFFF), or 0 if it is not one.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char b0 = byte(i);
    std::size_t len;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        len = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        len = 3;
        if (b0 == 0xE0) lo = 0xA0;
        if (b0 == 0xED) hi = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        len = 4;
        if (b0 == 0xF0) lo = 0x90;
        if (b0 == 0xF4) hi = 0x8F;
    } else {
        return 0;
    }
    if (i + len > s.size()) return 0;
    if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
    for (std::size_t k = 2; k < len; ++k)
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
    return len;
}

void append_double(std::string& out, double v) {
    char buf[32];
    if (!std::isfinite(v)) {
        out += "null";  // JSON has no NaN or infinity
        return;
    }
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);  // shortest round-trip form
    out.append(buf, ec == std::errc{} ? end : buf);
}

void append_key(std::string& out, const char* key) {
    out += '"';
    out += key;
    out += "\":";
}

void append_string_or_null(std::string& out, std::string_view s) {
    if (s.empty())
        out += "null";
    else
        append_json_string(out, s);
}

void append_time_or_null(std::string& out, const std::optional<TimePoint>& t) {
    if (t)
        append_json_string(out, format_rfc3339(*t));
    else
        out += "null";
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    out += '"';
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c >= 0x80) {
            const std::size_t len = utf8_sequence_length(s, i);
            if (len == 0) {
                out += "\xEF\xBF\xBD";  // U+FFFD for the offending byte
                ++i;
            } else {
                out.append(s.substr(i, len));
                i += len;
            }
            continue;
        }
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            default:
                if (c < 0x20) {
                    out += "\\u00";
                    out += kHex[c >> 4];
                    out += kHex[c & 0xF];
                } else {
                    out += static_cast<char>(c);
                }
        }
        ++i;
    }
    out += '"';
}

std::string format_rfc3339(TimePoint t) {
    const std::time_t secs = Clock::to_time_t(std::chrono::floor<std::chrono::seconds>(t));
    std::tm tm{};
    char buf[32];
    if (!gmtime_r(&secs, &tm) || std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        return "1970-01-01T00:00:00Z";  // only for years beyond what struct tm can hold
    return buf;
}

nlohmann::json time_or_null(const std::optional<TimePoint>& t) {
    return t ? nlohmann::json(format_rfc3339(*t)) : nlohmann::json(nullptr);
}

void append_site_json(std::string& out, const SiteStatus& s) {
    out += '{';
    append_key(out, "client");
    append_json_string(out, s.client);
    out += ',';
    append_key(out, "name");
    append_json_string(out, s.name);
    out += ',';
    append_key(out, "url");
    append_json_string(out, s.url);
    out += ',';
    append_key(out, "status");
    append_json_string(out, to_string(s.health));
    out += ',';
    append_key(out, "condition");
    append_string_or_null(out, s.condition ? to_string(*s.condition) : "");
    out += ',';
    append_key(out, "severity");
    append_string_or_null(out, s.severity ? to_string(*s.severity) : "");
    out += ',';
    append_key(out, "summary");
    append_string_or_null(out, s.summary);
    out += ',';
    append_key(out, "last_checked_at");
    append_time_or_null(out, s.last_checked_at);
    out += ',';
    append_key(out, "response_time_ms");
    if (s.has_response)
        append_double(out, round_ms(s.last_response.total_seconds * 1000.0));
    else
        out += "null";
    out += ',';
    append_key(out, "http_status");
    if (s.has_response && s.last_response.http_status > 0)
        out += std::to_string(s.last_response.http_status);
    else
        out += "null";
    out += ',';
    append_key(out, "tls_expires_at");
    append_time_or_null(out, earliest_cert_expiry(s));
    out += ',';
    append_key(out, "recent_response_ms");  // extension: oldest first, null where no response
    out += '[';
    for (std::size_t i = 0; i < s.recent_response_ms.size(); ++i) {
        if (i > 0) out += ',';
        append_double(out, round_ms(s.recent_response_ms.at(i)));
    }
    out += "]}";
}

nlohmann::json site_to_json(const SiteStatus& s) {
    std::string text;
    append_site_json(text, s);
    return nlohmann::json::parse(text);
}

nlohmann::json check_record_to_json(const CheckRecord& r) {
    // findings_json is written by the daemon; a damaged row must not break the whole answer.
    auto findings = nlohmann::json::parse(r.findings_json, nullptr, false);
    if (findings.is_discarded() || !findings.is_array()) findings = nlohmann::json::array();
    return nlohmann::json{
        {"checked_at", format_rfc3339(r.checked_at)},
        {"success", r.success},
        {"confirm", r.confirm},
        {"http_status", r.http_status > 0 ? nlohmann::json(r.http_status) : nullptr},
        {"response_time_ms", round_ms(r.response_time_ms)},
        {"tls_expires_at", time_or_null(r.tls_expires_at)},
        {"condition", string_or_null(r.condition)},
        {"severity", string_or_null(r.severity)},
        {"summary", string_or_null(r.summary)},
        {"findings", std::move(findings)},
    };
}

}  // namespace sitewatch::http
