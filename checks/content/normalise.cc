#include "checks/content/normalise.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>

namespace sitewatch::checks {

namespace {

constexpr std::string_view kRegexPrefix = "re:";
// How far after a volatile name ("csrf_token") its value may start: `name="x" value="..."`.
constexpr size_t kArmedReach = 80;
// A random token is at least this long; shorter mixed words ("mp3", "x86_64") are words.
constexpr size_t kTokenMin = 16;
// Longer words are not looked up as names of volatile values.
constexpr size_t kMaxNameLength = 48;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_word_char(char c) { return is_digit(c) || is_alpha(c) || c == '_' || c == '-' || c == '+'; }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Bytes of whitespace at `i`: ASCII space characters, and the UTF-8 no-break, zero-width and
// ideographic spaces that entity decoding (&nbsp;) and CJK pages produce. 0 if none.
size_t space_at(std::string_view s, size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) return 2;
    if ((c == 0xE2 || c == 0xE3) && i + 2 < s.size()) {
        const auto b1 = static_cast<unsigned char>(s[i + 1]);
        const auto b2 = static_cast<unsigned char>(s[i + 2]);
        if (c == 0xE2 && b1 == 0x80 && (b2 <= 0x8B || b2 == 0xAF)) return 3;  // U+2000–200B, 202F
        if (c == 0xE3 && b1 == 0x80 && b2 == 0x80) return 3;                  // U+3000
    }
    return 0;
}

bool contains(std::string_view hay, std::string_view needle) {
    return hay.find(needle) != std::string_view::npos;
}

// A name whose value is different on every load.
bool is_volatile_name(std::string_view lowered) {
    static constexpr std::array<std::string_view, 10> kMarkers = {
        "csrf",          "xsrf",         "token",  "nonce",    "viewstate", "eventvalidation",
        "requestdigest", "authenticity", "sessid", "sessionid"};
    for (auto m : kMarkers)
        if (contains(lowered, m)) return true;
    return lowered == "session_id" || lowered == "sid";
}

// English month and weekday names, full or abbreviated.
bool is_calendar_word(std::string_view w) {
    static constexpr std::array<std::string_view, 40> kNames = {
        "january",   "february", "march",     "april",    "may",    "june",     "july",   "august",
        "september", "october",  "november",  "december", "jan",    "feb",      "mar",    "apr",
        "jun",       "jul",      "aug",       "sep",      "sept",   "oct",      "nov",    "dec",
        "monday",    "tuesday",  "wednesday", "thursday", "friday", "saturday", "sunday", "mon",
        "tue",       "tues",     "wed",       "thu",      "thur",   "fri",      "sat",    "sun"};
    if (w.size() < 3 || w.size() > 9) return false;
    std::array<char, 9> buf{};
    for (size_t k = 0; k < w.size(); ++k) buf[k] = lower(w[k]);
    const std::string_view lowered(buf.data(), w.size());
    return std::find(kNames.begin(), kNames.end(), lowered) != kNames.end();
}

// Query parameters that exist only to defeat caches.
bool is_cache_buster(std::string_view lowered) {
    static constexpr std::array<std::string_view, 13> kNames = {
        "v",         "ver", "version", "cb",      "_",           "t",   "ts",
        "timestamp", "rev", "hash",    "nocache", "cachebuster", "bust"};
    for (auto n : kNames)
        if (lowered == n) return true;
    return false;
}

bool ends_value(char c) {
    return c == '&' || c == ';' || c == '?' || c == '"' || c == '\'' || c == '<' || c == '>' ||
           c == '#' || c == ',' || c == '}' || c == ')' || c == ' ' || c == '\t' || c == '\n' ||
           c == '\r';
}

class Scanner {
public:
    explicit Scanner(std::string_view in) : in_(in) { out_.reserve(in.size()); }

    std::string run() {
        while (i_ < in_.size()) {
            if (const size_t n = space_at(in_, i_)) {
                pending_space_ = true;
                i_ += n;
                continue;
            }
            const char c = in_[i_];
            if (is_word_char(c)) {
                word();
            } else if ((c == '=' || c == ':') && i_ < armed_until_) {
                emit(c);
                ++i_;
                masked_value();
            } else if ((c == '?' || c == '&') && cache_buster()) {
                // handled
            } else {
                emit(c);
                ++i_;
            }
        }
        return std::move(out_);
    }

private:
    void emit(char c) {
        if (pending_space_ && !out_.empty()) out_.push_back(' ');
        pending_space_ = false;
        out_.push_back(c);
    }
    void emit(std::string_view s) {
        for (char c : s) emit(c);
    }

    size_t word_end(size_t from) const {
        size_t j = from;
        while (j < in_.size() && is_word_char(in_[j])) ++j;
        return j;
    }

    void word() {
        const size_t end = word_end(i_);
        const std::string_view w = in_.substr(i_, end - i_);
        size_t digits = 0, letters = 0;
        for (char c : w) {
            digits += is_digit(c);
            letters += is_alpha(c);
        }
        if (letters == 0 && digits > 0) {
            emit('#');  // a date, an epoch, a counter
        } else if (w.size() >= kTokenMin && digits > 0 && letters > 0) {
            emit('~');  // an id, a token, a hash
        } else if (digits == 0 && is_calendar_word(w) && next_to_number(end)) {
            emit('@');  // "November 24" and "Mon, 25 Nov" are dates like any other
        } else {
            for (size_t k = 0; k < w.size(); ++k) {
                if (!is_digit(w[k]))
                    emit(w[k]);
                else if (k == 0 || !is_digit(w[k - 1]))
                    emit('#');
            }
            if (letters >= 3 && w.size() <= kMaxNameLength) {
                std::array<char, kMaxNameLength> buf{};  // no allocation per word
                for (size_t k = 0; k < w.size(); ++k) buf[k] = lower(w[k]);
                if (is_volatile_name(std::string_view(buf.data(), w.size())))
                    armed_until_ = end + kArmedReach;
            }
        }
        i_ = end;
    }

    // Whether a number sits right before (as written out) or after this word: "24 Nov",
    // "Nov 24", "Monday, 3". Keeps "you may" and "March on" as words.
    bool next_to_number(size_t end) const {
        size_t j = end;
        while (j < in_.size() && (in_[j] == ' ' || in_[j] == ',' || in_[j] == '.')) ++j;
        if (j < in_.size() && is_digit(in_[j])) return true;
        size_t k = out_.size();
        while (k > 0 && (out_[k - 1] == ' ' || out_[k - 1] == ',' || out_[k - 1] == '.')) --k;
        return k > 0 && out_[k - 1] == '#';
    }

    // After `name=` or `"name":` of a volatile name: replace the value, quoted or bare.
    void masked_value() {
        armed_until_ = 0;
        size_t j = i_;
        while (j < in_.size() && (in_[j] == ' ' || in_[j] == '\t')) ++j;
        if (j > i_) pending_space_ = true;
        if (j < in_.size() && (in_[j] == '"' || in_[j] == '\'')) {
            const char quote = in_[j];
            const size_t close = in_.find(quote, j + 1);
            emit(quote);
            emit('~');
            emit(quote);
            i_ = close == std::string_view::npos ? in_.size() : close + 1;
            return;
        }
        size_t end = j;
        while (end < in_.size() && !ends_value(in_[end])) ++end;
        if (end > j) emit('~');
        i_ = end;
    }

    // At '?' or '&': `?ver=6.4.2` → `?ver=~`. False (nothing consumed) if not a cache buster.
    bool cache_buster() {
        size_t j = i_ + 1;
        if (in_[i_] == '&' && in_.substr(j, 4) == "amp;") j += 4;
        const size_t name_start = j;
        while (j < in_.size() && j - name_start < 16 && (is_alpha(in_[j]) || in_[j] == '_')) ++j;
        if (j == name_start || j >= in_.size() || in_[j] != '=') return false;
        std::string lowered;
        for (size_t k = name_start; k < j; ++k) lowered.push_back(lower(in_[k]));
        if (!is_cache_buster(lowered)) return false;
        emit(in_.substr(i_, j + 1 - i_));
        size_t end = j + 1;
        while (end < in_.size() && !ends_value(in_[end])) ++end;
        emit('~');
        i_ = end;
        return true;
    }

    std::string_view in_;
    std::string out_;
    size_t i_ = 0;
    size_t armed_until_ = 0;
    bool pending_space_ = false;
};

}  // namespace

std::string normalise_text(std::string_view text) { return Scanner(text).run(); }

TextNormaliser::TextNormaliser() = default;
TextNormaliser::~TextNormaliser() = default;
TextNormaliser::TextNormaliser(TextNormaliser&&) noexcept = default;
TextNormaliser& TextNormaliser::operator=(TextNormaliser&&) noexcept = default;

TextNormaliser::TextNormaliser(const std::vector<std::string>& ignore_entries) {
    RE2::Options options;
    options.set_log_errors(false);
    std::string combined;
    for (const auto& entry : ignore_entries) {
        std::string_view text = entry;
        std::string pattern;
        if (text.substr(0, kRegexPrefix.size()) == kRegexPrefix) {
            text.remove_prefix(kRegexPrefix.size());
            pattern.assign(text);
        } else {
            pattern = RE2::QuoteMeta(re2::StringPiece(text.data(), text.size()));
        }
        if (pattern.empty() || !RE2(pattern, options).ok()) continue;
        if (!combined.empty()) combined += '|';
        combined += "(?:" + pattern + ")";
        ++ignore_count_;
    }
    if (ignore_count_ == 0) return;
    ignore_ = std::make_unique<RE2>(combined, options);
    if (!ignore_->ok()) {  // e.g. the alternation exceeds RE2's memory budget
        ignore_.reset();
        ignore_count_ = 0;
    }
}

std::string TextNormaliser::normalise(std::string_view text) const {
    if (!ignore_) return normalise_text(text);
    std::string stripped(text);
    RE2::GlobalReplace(&stripped, *ignore_, "");
    return normalise_text(stripped);
}

}  // namespace sitewatch::checks
