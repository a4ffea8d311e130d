#include "checks/keywords/keyword_check.h"

#include <algorithm>

#include "checks/text/excerpt.h"

namespace sitewatch::checks {

namespace {

constexpr std::string_view kRegexPrefix = "re:";

RE2::Options keyword_options() {
    RE2::Options o;
    o.set_log_errors(false);
    o.set_max_mem(32 << 20);
    return o;
}

// What the page shows instead of an expected keyword: its title, or failing that its start.
std::string what_the_page_shows(std::string_view body) {
    static const RE2 title("(?is)<title[^>]*>([^<]*)</title>");
    re2::StringPiece text;
    if (RE2::PartialMatch(body, title, &text)) {
        std::string t = one_line(std::string_view(text.data(), text.size()));
        if (!t.empty()) return "page title: " + t;
    }
    std::string start = one_line(body.substr(0, 240));
    return start.empty() ? "the page is empty" : "page starts: " + start;
}

}  // namespace

std::string keyword_pattern(std::string_view written) {
    if (written.starts_with(kRegexPrefix)) return std::string(written.substr(kRegexPrefix.size()));
    return RE2::QuoteMeta(written);
}

KeywordMatcher::KeywordMatcher(const CheckSpec& spec)
    : KeywordMatcher(spec.must_contain, spec.must_not_contain) {}

KeywordMatcher::KeywordMatcher(const std::vector<std::string>& must_contain,
                               const std::vector<std::string>& must_not_contain)
    : set_(keyword_options(), RE2::UNANCHORED) {
    for (const auto& k : must_contain) add(k, true);
    for (const auto& k : must_not_contain) add(k, false);
    set_ok_ = !keywords_.empty() && set_.Compile();
}

void KeywordMatcher::add(const std::string& written, bool must_contain) {
    const std::string pattern = keyword_pattern(written);
    auto re = std::make_unique<RE2>(pattern, keyword_options());
    std::string error;
    if (!re->ok() || set_.Add(pattern, &error) < 0) {
        invalid_.push_back(written);
        return;
    }
    keywords_.push_back({written, must_contain, std::move(re)});
}

Findings KeywordMatcher::check(std::string_view body) const {
    if (keywords_.empty()) return {};
    std::vector<int> hits;
    RE2::Set::ErrorInfo info{};
    if (!set_ok_ || (!set_.Match(body, &hits, &info) && info.kind != RE2::Set::kNoError)) {
        hits.clear();  // no set (or out of DFA memory): one keyword at a time, same answer
        for (std::size_t i = 0; i < keywords_.size(); ++i)
            if (RE2::PartialMatch(body, *keywords_[i].re)) hits.push_back(static_cast<int>(i));
    }
    std::vector<bool> present(keywords_.size(), false);
    for (int i : hits) present[static_cast<std::size_t>(i)] = true;

    Findings out;
    for (std::size_t i = 0; i < keywords_.size(); ++i) {
        const Keyword& k = keywords_[i];
        if (!k.must_contain || present[i]) continue;
        Finding f;
        f.condition = Condition::error;
        f.severity = Severity::critical;
        f.check = "keyword";
        f.summary = "expected text “" + one_line(k.written, 80) + "” is missing";
        f.evidence.rule = "keyword.must_contain";
        f.evidence.before = k.written;
        f.evidence.excerpt = what_the_page_shows(body);
        out.push_back(std::move(f));
    }
    for (std::size_t i = 0; i < keywords_.size(); ++i) {
        const Keyword& k = keywords_[i];
        if (k.must_contain || !present[i]) continue;
        re2::StringPiece found;
        if (!k.re->Match(body, 0, body.size(), RE2::UNANCHORED, &found, 1)) continue;
        const auto pos = static_cast<std::size_t>(found.data() - body.data());
        Finding f;
        f.condition = Condition::defaced;
        f.severity = Severity::critical;
        f.check = "keyword";
        f.summary = "forbidden text “" + one_line(k.written, 80) + "” is on the page";
        f.evidence.rule = "keyword.must_not_contain";
        f.evidence.after = one_line(std::string_view(found.data(), found.size()));
        f.evidence.excerpt = excerpt_around(body, pos, found.size());
        out.push_back(std::move(f));
    }
    return out;
}

}  // namespace sitewatch::checks
