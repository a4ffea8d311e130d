#include "alerting/reports/report_text.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <ctime>

#include "alerting/notifiers/encoding.h"

namespace sitewatch::reports {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool email_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' ||
           c == '+' || c == '%';
}

std::string plural(long long n, const char* unit) {
    return std::to_string(n) + " " + unit + (n == 1 ? "" : "s");
}

}  // namespace

std::string html_escape(std::string_view text) { return notifiers::xml_escape(text); }

std::string markdown_escape(std::string_view text, bool at_line_start) {
    const std::string line = notifiers::one_line(text);
    std::string out;
    out.reserve(line.size() + 8);
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        // Parentheses, "!" and braces only matter next to "[" or "]", which are escaped.
        switch (c) {
            case '\\':
            case '`':
            case '*':
            case '_':
            case '[':
            case ']':
            case '<':
            case '>':
            case '|':
            case '~':
            case '#':
            case '&':
                out += '\\';
                out += c;
                continue;
            default:
                break;
        }
        // Block markers only count at the start of a line and before a space: "- x", "+ x",
        // "1. x" would start a (nested) list, "=" a heading underline.
        const bool space_next = i + 1 == line.size() || line[i + 1] == ' ';
        if (at_line_start && i == 0 && (c == '=' || ((c == '-' || c == '+') && space_next))) {
            out += '\\';
            out += c;
            continue;
        }
        if (at_line_start && c == '.' && space_next && i > 0 &&
            line.find_first_not_of("0123456789") == i) {
            out += "\\.";
            continue;
        }
        out += c;
    }
    return out;
}

std::string redact_contacts(std::string_view text) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        // An email: a run of address characters around one "@" with a dot after it.
        if (c == '@') {
            std::size_t start = out.size();
            while (start > 0 && email_char(out[start - 1])) --start;
            std::size_t end = i + 1;
            while (end < text.size() && email_char(text[end])) ++end;
            const std::string_view domain = text.substr(i + 1, end - i - 1);
            if (start < out.size() && domain.find('.') != std::string_view::npos) {
                out.erase(start);
                out += "[email removed]";
                i = end;
                continue;
            }
        }
        // A phone number: from "+", "(" or a digit, digits with spaces, dashes, dots or
        // parentheses, at least 9 digits; not a time of day ("2026-11-24 12:00").
        if ((c == '+' || c == '(' || is_digit(c)) && (out.empty() || !is_digit(out.back()))) {
            std::size_t end = i;
            int digits = 0;
            std::size_t last_digit_end = i;
            while (end < text.size()) {
                const char d = text[end];
                if (is_digit(d)) {
                    ++digits;
                    last_digit_end = end + 1;
                } else if (!(d == ' ' || d == '-' || d == '.' || d == '(' || d == ')' ||
                             (d == '+' && end == i))) {
                    break;
                }
                ++end;
            }
            const bool time_follows = last_digit_end < text.size() && text[last_digit_end] == ':';
            if (digits >= 9 && !time_follows) {
                out += "[phone removed]";
                i = last_digit_end;
                continue;
            }
        }
        out += c;
        ++i;
    }
    return out;
}

std::string format_time(TimePoint t) {
    const std::time_t secs = Clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
    return buf;
}

std::string format_duration(Millis d) {
    long long minutes = std::chrono::duration_cast<std::chrono::minutes>(d).count();
    if (minutes < 0) minutes = -minutes;
    if (minutes == 0) return "less than a minute";
    const long long days = minutes / (24 * 60);
    const long long hours = minutes / 60 % 24;
    const long long mins = minutes % 60;
    // Two units at most: the reader wants the size, not the arithmetic.
    if (days > 0) return plural(days, "day") + (hours ? " " + plural(hours, "hour") : "");
    if (hours > 0) return plural(hours, "hour") + (mins ? " " + plural(mins, "minute") : "");
    return plural(mins, "minute");
}

std::string format_hours(double hours) {
    if (!std::isfinite(hours) || hours < 0) hours = 0;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", hours);
    std::string s = buf;
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s + (s == "1" ? " hour" : " hours");
}

}  // namespace sitewatch::reports
