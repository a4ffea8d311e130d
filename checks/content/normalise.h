#pragma once
// Text normalisation: strip what differs from one load of a page to the next (times, dates,
// counters, tokens, nonces, cache busters, whitespace, the site's own `content.ignore`
// patterns) so that what remains changes only when the content does.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}

namespace sitewatch::checks {

// Built-in rules, one left-to-right pass (O(n)):
//   - whitespace runs collapse to one space; leading and trailing whitespace is dropped;
//   - digit runs ("2026", "15", "1,234" → "#,#") become "#", also inside words ("5min");
//     a run of only digits and -+=_ ("2026-11-24", "1700000000") is one "#";
//   - English month and weekday names next to a number ("Nov 24", "Mon, 3") become "@";
//   - long random-looking tokens (16+ characters of [A-Za-z0-9_+=-] mixing letters and digits:
//     hex ids, base64 tokens, session ids) become "~";
//   - the value after a name that marks a volatile value (csrf, xsrf, token, nonce,
//     __VIEWSTATE, __EVENTVALIDATION, sessid, ...) followed by '=' or ':' becomes "~",
//     quoted or not: `name="_wpnonce" value="a1b2"`, `nonce="x"`, `"csrfToken": "y"`;
//   - cache-busting query values (?v=, ?ver=, &cb=, &_=, &t=, &ts=, &rev=, ...) become "~".
std::string normalise_text(std::string_view text);

// The built-in rules plus a site's `content.ignore` entries, compiled once per site.
// Entries are as in CheckSpec::content_ignore: "re:" followed by an RE2 pattern, or plain text
// matched literally. Matches are removed before the built-in rules run, so patterns are
// written against the text as served. An entry that does not compile is skipped (the config
// loader has already rejected those).
class TextNormaliser {
public:
    TextNormaliser();
    explicit TextNormaliser(const std::vector<std::string>& ignore_entries);
    ~TextNormaliser();
    TextNormaliser(TextNormaliser&&) noexcept;
    TextNormaliser& operator=(TextNormaliser&&) noexcept;

    std::string normalise(std::string_view text) const;
    // How many ignore entries compiled and are applied.
    size_t ignore_count() const { return ignore_count_; }

private:
    std::unique_ptr<re2::RE2> ignore_;  // all entries as one alternation: one pass per text
    size_t ignore_count_ = 0;
};

}  // namespace sitewatch::checks
