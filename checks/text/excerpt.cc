#include "checks/text/excerpt.h"

#include <algorithm>

namespace sitewatch::checks {

namespace {

constexpr std::string_view kEllipsis = "…";
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Length of the valid UTF-8 sequence at s[i] (RFC 3629: no overlongs, no surrogates, at most
// U+10FFFF), or 0 when the bytes there are not one.
std::size_t utf8_length(std::string_view s, std::size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else {
        return 0;
    }
    if (i + len > s.size()) return 0;
    const auto second = static_cast<unsigned char>(s[i + 1]);
    if (second < lo || second > hi) return 0;
    for (std::size_t k = 2; k < len; ++k)
        if (!is_continuation(static_cast<unsigned char>(s[i + k]))) return 0;
    return len;
}

// Appends `text` with whitespace and control characters folded to single spaces and invalid
// bytes replaced, stopping before `max_bytes` of output. Returns false when it had to stop.
bool append_line(std::string& out, std::string_view text, std::size_t max_bytes) {
    bool pending_space = false;
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == 0x7F || c == ' ') {
            pending_space = !out.empty();
            ++i;
            continue;
        }
        const std::size_t len = utf8_length(text, i);
        const std::string_view piece = len ? text.substr(i, len) : kReplacement;
        if (out.size() + (pending_space ? 1 : 0) + piece.size() > max_bytes) return false;
        if (pending_space) out += ' ';
        pending_space = false;
        out += piece;
        i += len ? len : 1;
    }
    return true;
}

}  // namespace

std::string excerpt_around(std::string_view text, std::size_t pos, std::size_t len,
                           std::size_t width) {
    pos = std::min(pos, text.size());
    len = std::min(len, text.size() - pos);
    std::size_t begin = pos;
    std::size_t end = pos + std::min(len, width);
    if (len < width) {
        const std::size_t spare = width - len;
        begin = pos - std::min(pos, spare / 2);
        end = std::min(text.size(), begin + width);
        begin = end - std::min(end, width);  // use the room the end did not need
    }
    // Whole characters only: a cut never splits a UTF-8 sequence into replacement marks.
    for (int k = 0;
         k < 3 && begin < end && is_continuation(static_cast<unsigned char>(text[begin])); ++k)
        ++begin;
    for (int k = 0; k < 3 && end > begin && end < text.size() &&
                    is_continuation(static_cast<unsigned char>(text[end]));
         ++k)
        --end;

    std::string out;
    if (begin > 0) out += kEllipsis;
    append_line(out, text.substr(begin, end - begin), width + 2 * kEllipsis.size());
    // Leading/trailing folded whitespace: trim so the quote starts at text.
    if (out.size() > kEllipsis.size() && begin > 0 && out[kEllipsis.size()] == ' ')
        out.erase(kEllipsis.size(), 1);
    if (!out.empty() && out.back() == ' ') out.pop_back();
    if (end < text.size()) out += kEllipsis;
    return out;
}

std::string one_line(std::string_view text, std::size_t max_bytes) {
    std::string out;
    const bool complete = append_line(out, text, max_bytes);
    if (!out.empty() && out.back() == ' ') out.pop_back();
    if (!complete) out += kEllipsis;
    return out;
}

}  // namespace sitewatch::checks
