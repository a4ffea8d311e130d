#include "checks/signatures/signature_check.h"

#include "checks/text/excerpt.h"

namespace sitewatch::checks {

namespace {

// The matched text as a person reads it in a summary: tags dropped, one short line.
std::string readable(std::string_view matched) {
    std::string text;
    text.reserve(matched.size());
    bool in_tag = false;
    for (char c : matched) {
        if (c == '<') in_tag = true;
        if (!in_tag) text += c;
        if (c == '>') in_tag = false;
    }
    return one_line(text, 80);
}

}  // namespace

Findings check_signatures(const std::vector<SignatureMatch>& matches,
                          const SignatureIds& baseline_ids) {
    Findings out;
    for (const SignatureMatch& m : matches) {
        if (m.tier == SignatureTier::if_new && baseline_ids.contains(m.id)) continue;
        Finding f;
        f.condition = m.condition;
        f.severity = m.strength == SignatureStrength::weak ? Severity::warning : m.severity;
        f.check = "signature";
        f.summary = m.summary;
        if (const std::string quote = readable(m.matched); !quote.empty())
            f.summary += ": “" + quote + "”";
        f.evidence.rule = "signature." + m.id;
        f.evidence.excerpt = m.excerpt;
        f.evidence.after = m.matched;
        out.push_back(std::move(f));
    }
    return out;
}

Findings check_signatures(std::string_view body, const SignatureIds& baseline_ids) {
    return check_signatures(SignatureMatcher::builtin().match(body), baseline_ids);
}

SignatureIds baseline_signature_ids(const std::vector<SignatureMatch>& matches) {
    SignatureIds ids;
    for (const SignatureMatch& m : matches)
        if (m.tier == SignatureTier::if_new) ids.insert(m.id);
    return ids;
}

}  // namespace sitewatch::checks
