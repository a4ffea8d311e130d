#include "checks/signatures/signature_matcher.h"

#include <algorithm>

#include "checks/text/excerpt.h"

namespace sitewatch::checks {

namespace {

RE2::Options signature_options() {
    RE2::Options o;
    o.set_case_sensitive(false);
    o.set_log_errors(false);
    // The combined DFA of ~70 patterns needs more than the 8 MiB default to stay cached on
    // megabyte bodies; when it still runs out, match() falls back to one pattern at a time.
    o.set_max_mem(64 << 20);
    return o;
}

}  // namespace

SignatureMatcher::SignatureMatcher(std::span<const Signature> library)
    : set_(signature_options(), RE2::UNANCHORED) {
    for (const Signature& s : library) {
        auto re = std::make_unique<RE2>(s.pattern, signature_options());
        std::string error;
        if (!re->ok() || set_.Add(s.pattern, &error) < 0) {
            errors_.push_back(std::string(s.id) + ": " + (re->ok() ? error : re->error()));
            continue;
        }
        compiled_.push_back({&s, std::move(re)});
    }
    set_ok_ = !compiled_.empty() && set_.Compile();
}

const SignatureMatcher& SignatureMatcher::builtin() {
    static const SignatureMatcher matcher(builtin_signatures());
    return matcher;
}

std::vector<int> SignatureMatcher::set_matches(std::string_view text) const {
    std::vector<int> hits;
    if (set_ok_) {
        RE2::Set::ErrorInfo info{};
        if (set_.Match(text, &hits, &info) || info.kind == RE2::Set::kNoError) return hits;
        hits.clear();  // out of DFA memory: correct but slower, one pattern at a time
    }
    for (std::size_t i = 0; i < compiled_.size(); ++i)
        if (RE2::PartialMatch(text, *compiled_[i].re)) hits.push_back(static_cast<int>(i));
    return hits;
}

std::vector<SignatureMatch> SignatureMatcher::match(std::string_view body) const {
    const std::string_view text = body.substr(0, std::min(body.size(), kMaxBodyBytes));
    std::vector<int> hits = set_matches(text);
    std::sort(hits.begin(), hits.end());

    std::vector<SignatureMatch> out;
    out.reserve(hits.size());
    for (int index : hits) {
        const Compiled& c = compiled_[static_cast<std::size_t>(index)];
        re2::StringPiece found;
        if (!c.re->Match(text, 0, text.size(), RE2::UNANCHORED, &found, 1)) continue;
        const auto pos = static_cast<std::size_t>(found.data() - text.data());
        SignatureMatch m;
        m.id = std::string(c.signature->id);
        m.condition = c.signature->condition;
        m.severity = c.signature->severity;
        m.strength = c.signature->strength;
        m.tier = c.signature->tier;
        m.summary = std::string(c.signature->summary);
        m.matched = one_line(std::string_view(found.data(), found.size()));
        m.excerpt = excerpt_around(text, pos, found.size());
        out.push_back(std::move(m));
    }
    return out;
}

}  // namespace sitewatch::checks
