#include "checks/content/nesting_bound.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

namespace sitewatch::checks {

namespace {

// An end tag is matched against at most this many open elements, so a flood of stray end
// tags stays linear.
constexpr size_t kEndTagSearch = 64;
// Each misnested formatting end tag (<font><center>x</font>) makes the parser's adoption agency
// clone and re-parent elements; thousands of them are the other quadratic case.
constexpr size_t kMaxMisnested = 1000;

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_name_char(char c) {
    return is_alpha(c) || (c >= '0' && c <= '9') || c == '-' || c == ':' || c == '_';
}
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

template <size_t N>
bool one_of(std::string_view name, const std::array<std::string_view, N>& names) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

// Elements that never hold children, or whose end tag the parser supplies itself.
bool does_not_nest(std::string_view name) {
    static constexpr std::array<std::string_view, 38> kNames = {
        "area",     "base",    "br",    "col",    "embed", "hr",    "img",    "input",
        "link",     "meta",    "param", "source", "track", "wbr",   "keygen", "frame",
        "basefont", "bgsound", "image", "p",      "li",    "dt",    "dd",     "option",
        "optgroup", "tr",      "td",    "th",     "tbody", "thead", "tfoot",  "colgroup",
        "caption",  "rb",      "rt",    "rp",     "html",  "head"};
    return one_of(name, kNames) || name == "body" || name == "rtc";
}

// Formatting elements: a misnested end tag for one of them leaves the elements opened inside
// it open (the adoption agency algorithm), so only the formatting element itself closes.
bool is_formatting(std::string_view name) {
    static constexpr std::array<std::string_view, 14> kNames = {
        "a",    "b", "big",   "code",   "em",     "font", "i",
        "nobr", "s", "small", "strike", "strong", "tt",   "u"};
    return one_of(name, kNames);
}

// Elements whose content is not markup: skip to their end tag.
bool is_raw_text(std::string_view name) {
    static constexpr std::array<std::string_view, 9> kNames = {
        "script", "style", "textarea", "title", "xmp", "noscript", "noembed", "noframes", "iframe"};
    return one_of(name, kNames);
}

size_t read_name(std::string_view s, size_t i, std::string& name) {
    name.clear();
    while (i < s.size() && is_name_char(s[i])) {
        if (name.size() < 32) name.push_back(lower(s[i]));
        ++i;
    }
    return i;
}

// Index of the '>' closing the tag that began before `i`, honouring quoted attribute values;
// npos when the document ends first.
size_t tag_end(std::string_view s, size_t i) {
    char quote = 0;
    for (; i < s.size(); ++i) {
        const char c = s[i];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '>') {
            return i;
        }
    }
    return std::string_view::npos;
}

// Index just past "</name", case-insensitive, from `i`; npos when absent.
size_t after_end_tag(std::string_view s, size_t i, std::string_view name) {
    for (size_t at = s.find("</", i); at != std::string_view::npos; at = s.find("</", at + 2)) {
        size_t k = 0;
        while (k < name.size() && at + 2 + k < s.size() && lower(s[at + 2 + k]) == name[k]) ++k;
        if (k == name.size()) return at + 2 + k;
    }
    return std::string_view::npos;
}

}  // namespace

size_t nesting_bounded_length(std::string_view html, size_t max_depth) {
    std::vector<std::string> open;
    std::string name;
    size_t misnested = 0;
    size_t i = 0;
    while (true) {
        const size_t lt = html.find('<', i);
        if (lt == std::string_view::npos || lt + 1 >= html.size()) return html.size();
        if (html.substr(lt, 4) == "<!--") {
            const size_t close = html.find("-->", lt + 4);
            if (close == std::string_view::npos) return html.size();
            i = close + 3;
            continue;
        }
        if (html[lt + 1] == '/') {
            const size_t after = read_name(html, lt + 2, name);
            const size_t stop = open.size() > kEndTagSearch ? open.size() - kEndTagSearch : 0;
            for (size_t k = open.size(); k > stop; --k) {
                if (open[k - 1] != name) continue;
                if (k == open.size()) {
                    open.pop_back();
                } else if (is_formatting(name)) {
                    if (++misnested > kMaxMisnested) return lt;
                    open.erase(open.begin() + static_cast<std::ptrdiff_t>(k - 1));
                } else {
                    open.resize(k - 1);  // the parser closes what was opened inside
                }
                break;
            }
            i = after;
            continue;
        }
        if (!is_alpha(html[lt + 1])) {
            i = lt + 1;
            continue;
        }
        const size_t after_name = read_name(html, lt + 1, name);
        const size_t end = tag_end(html, after_name);
        if (end == std::string_view::npos) return html.size();
        i = end + 1;
        if (is_raw_text(name)) {
            const size_t close = after_end_tag(html, i, name);
            if (close == std::string_view::npos) return html.size();
            i = close;
            continue;
        }
        if (does_not_nest(name) || html[end - 1] == '/') continue;
        if (open.size() >= max_depth) return lt;
        open.push_back(name);
    }
}

}  // namespace sitewatch::checks
