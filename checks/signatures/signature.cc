#include "checks/signatures/signature.h"

#include <algorithm>

namespace sitewatch::checks {

namespace {

// The rows of signatures.def as constant data; the macro spells each column's enum.
constexpr Signature kSignatures[] = {
#define SIGNATURE(id, condition, severity, strength, tier, pattern, summary, source) \
    Signature{#id,                                                                   \
              Condition::condition,                                                  \
              Severity::severity,                                                    \
              SignatureStrength::strength,                                           \
              SignatureTier::tier,                                                   \
              pattern,                                                               \
              summary,                                                               \
              source},
#include "checks/signatures/signatures.def"
#undef SIGNATURE
};

}  // namespace

const char* to_string(SignatureStrength s) {
    return s == SignatureStrength::strong ? "strong" : "weak";
}

const char* to_string(SignatureTier t) { return t == SignatureTier::always ? "always" : "if_new"; }

std::span<const Signature> builtin_signatures() { return kSignatures; }

const Signature* find_signature(std::string_view id) {
    const auto it = std::find_if(std::begin(kSignatures), std::end(kSignatures),
                                 [id](const Signature& s) { return s.id == id; });
    return it == std::end(kSignatures) ? nullptr : &*it;
}

}  // namespace sitewatch::checks
