#pragma once
// The site's explicit keyword checks: keywords.must_contain and keywords.must_not_contain.
// They are the operator's own words about the page, so they always win: no baseline, vote
// or learning ever suppresses them, and every finding they produce is critical.
#include <re2/re2.h>
#include <re2/set.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "checks/model/check_spec.h"
#include "checks/model/finding.h"

namespace sitewatch::checks {

// Both lists of one site compiled once into a single RE2::Set, so a check is one pass over
// the decoded body however many keywords there are. A keyword is plain text, matched exactly
// as written (case-sensitive: "re:(?i)..." for any case), or "re:" followed by RE2 syntax.
// It matches against the decoded body (HTML as served).
class KeywordMatcher {
public:
    explicit KeywordMatcher(const CheckSpec& spec);
    KeywordMatcher(const std::vector<std::string>& must_contain,
                   const std::vector<std::string>& must_not_contain);
    KeywordMatcher(const KeywordMatcher&) = delete;
    KeywordMatcher& operator=(const KeywordMatcher&) = delete;

    // Findings for `body`, must_contain first, each list in configured order:
    //  - a must_contain keyword that is absent: `error`/critical ("showing an error instead
    //    of content"), rule "keyword.must_contain", before = the keyword, excerpt = the
    //    page's <title> (or its first text) so the finding shows what came instead;
    //  - a must_not_contain keyword that is present: `defaced`/critical, rule
    //    "keyword.must_not_contain", after = the matched text, excerpt = the text around it.
    Findings check(std::string_view body) const;

    bool empty() const { return keywords_.empty(); }
    // Keywords that did not compile (the config loader rejects them first, so normally
    // none); they are left out rather than failing every check of the site.
    const std::vector<std::string>& invalid() const { return invalid_; }

private:
    struct Keyword {
        std::string written;  // as configured, for the finding
        bool must_contain;
        std::unique_ptr<RE2> re;  // for the position of a forbidden match
    };
    void add(const std::string& written, bool must_contain);

    std::vector<Keyword> keywords_;  // index = the set's pattern index
    std::vector<std::string> invalid_;
    RE2::Set set_;
    bool set_ok_ = false;
};

// The pattern a keyword means: "re:<p>" → p; plain text → the text quoted as a literal.
std::string keyword_pattern(std::string_view written);

}  // namespace sitewatch::checks
