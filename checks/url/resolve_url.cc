#include "checks/url/resolve_url.h"

#include <algorithm>
#include <optional>

namespace sitewatch::checks {

namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowercase(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), lower);
    return out;
}

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// RFC 3986 appendix B: scheme ":" "//" authority path "?" query "#" fragment.
struct Parts {
    std::optional<std::string> scheme;  // lowercased
    std::optional<std::string> authority;
    std::string path;
    std::optional<std::string> query;
};

Parts split(std::string_view s) {
    Parts p;
    if (const auto hash = s.find('#'); hash != std::string_view::npos) s = s.substr(0, hash);
    // A scheme is ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) before the first ':' that
    // comes before any '/', '?' or '#'.
    const size_t colon = s.find(':');
    if (colon != std::string_view::npos && colon > 0 && colon < s.find_first_of("/?") &&
        is_alpha(s[0]) &&
        std::all_of(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(colon), [](char c) {
            return is_alpha(c) || is_digit(c) || c == '+' || c == '-' || c == '.';
        })) {
        p.scheme = lowercase(s.substr(0, colon));
        s.remove_prefix(colon + 1);
    }
    if (s.starts_with("//")) {
        s.remove_prefix(2);
        const size_t end = std::min(s.find_first_of("/?"), s.size());
        p.authority = std::string(s.substr(0, end));
        s.remove_prefix(end);
    }
    const size_t q = s.find('?');
    p.path = std::string(s.substr(0, q));
    if (q != std::string_view::npos) p.query = std::string(s.substr(q + 1));
    return p;
}

// RFC 3986 5.2.4.
std::string remove_dot_segments(std::string_view in) {
    std::string out;
    while (!in.empty()) {
        if (in.starts_with("../")) {
            in.remove_prefix(3);
        } else if (in.starts_with("./")) {
            in.remove_prefix(2);
        } else if (in.starts_with("/./")) {
            in.remove_prefix(2);
        } else if (in == "/.") {
            in = "/";
        } else if (in.starts_with("/../") || in == "/..") {
            in = in.size() == 3 ? std::string_view("/") : in.substr(3);
            const size_t slash = out.rfind('/');
            out.erase(slash == std::string::npos ? 0 : slash);
        } else if (in == "." || in == "..") {
            in = {};
        } else {
            const size_t next = in.find('/', 1);
            const size_t n = next == std::string_view::npos ? in.size() : next;
            out.append(in.substr(0, n));
            in.remove_prefix(n);
        }
    }
    return out;
}

// RFC 3986 5.2.3.
std::string merge(const Parts& base, std::string_view ref_path) {
    if (base.authority && base.path.empty()) return "/" + std::string(ref_path);
    const size_t slash = base.path.rfind('/');
    if (slash == std::string::npos) return std::string(ref_path);
    return base.path.substr(0, slash + 1) + std::string(ref_path);
}

// Browsers' reading of an attribute value: trimmed, tabs and line breaks removed, and for
// http(s) a backslash before the query is a slash.
std::string clean(std::string_view s) {
    auto space = [](char c) { return static_cast<unsigned char>(c) <= 0x20; };
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    std::string out;
    out.reserve(s.size());
    bool in_query = false;
    for (char c : s) {
        if (c == '\t' || c == '\n' || c == '\r') continue;
        if (c == '?' || c == '#') in_query = true;
        out.push_back(c == '\\' && !in_query ? '/' : c);
    }
    return out;
}

// Lowercases the host of an authority, leaving userinfo alone.
std::string normalise_authority(std::string_view authority) {
    const size_t at = authority.rfind('@');
    const size_t host_start = at == std::string_view::npos ? 0 : at + 1;
    return std::string(authority.substr(0, host_start)) + lowercase(authority.substr(host_start));
}

bool has_host(std::string_view authority) {
    const size_t at = authority.rfind('@');
    if (at != std::string_view::npos) authority.remove_prefix(at + 1);
    return !authority.empty() && authority.front() != ':';
}

}  // namespace

std::string resolve_url(std::string_view base_text, std::string_view ref_text) {
    const Parts base = split(clean(base_text));
    if (!base.scheme || (*base.scheme != "http" && *base.scheme != "https") || !base.authority)
        return {};
    Parts ref = split(clean(ref_text));
    // RFC 3986 5.2.2 allows ignoring a scheme equal to the base's, for backward
    // compatibility; browsers do so for http(s): "http:x" is relative.
    if (ref.scheme && *ref.scheme == *base.scheme && !ref.authority) ref.scheme.reset();

    Parts t;
    if (ref.scheme) {
        t.scheme = ref.scheme;
        t.authority = ref.authority;
        t.path = remove_dot_segments(ref.path);
        t.query = ref.query;
    } else {
        t.scheme = base.scheme;
        if (ref.authority) {
            t.authority = ref.authority;
            t.path = remove_dot_segments(ref.path);
            t.query = ref.query;
        } else {
            t.authority = base.authority;
            if (ref.path.empty()) {
                t.path = base.path;
                t.query = ref.query ? ref.query : base.query;
            } else {
                const std::string merged =
                    ref.path.front() == '/' ? ref.path : merge(base, ref.path);
                t.path = remove_dot_segments(merged);
                t.query = ref.query;
            }
        }
    }
    if ((*t.scheme != "http" && *t.scheme != "https") || !t.authority || !has_host(*t.authority))
        return {};

    std::string out = *t.scheme + "://" + normalise_authority(*t.authority);
    // An http(s) URL always has a path; "http://a" and "http://a/" are the same resource.
    out += t.path.empty() ? "/" : t.path;
    if (t.query) out += "?" + *t.query;
    return out;
}

}  // namespace sitewatch::checks
