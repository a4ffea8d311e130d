#pragma once
// One entry of the signature library (checks/signatures/signatures.def) and the library.
#include <span>
#include <string_view>

#include "checks/model/finding.h"

namespace sitewatch::checks {

// strong: specific enough to decide alone. weak: alone it is a warning that must persist; a
// second sensor group makes it critical (DESIGN.md, "Detection design").
enum class SignatureStrength { weak, strong };

// always: reported with or without a baseline. if_new: reported only when the site's
// baseline did not already contain it (a security blog that quotes "hacked by").
enum class SignatureTier { always, if_new };

const char* to_string(SignatureStrength s);
const char* to_string(SignatureTier t);

struct Signature {
    std::string_view id;
    Condition condition = Condition::error;
    Severity severity = Severity::critical;
    SignatureStrength strength = SignatureStrength::strong;
    SignatureTier tier = SignatureTier::always;
    std::string_view pattern;  // RE2, matched case-insensitively
    std::string_view summary;
    std::string_view source;  // where the signature comes from (research/defacement.md)
};

// The built-in library, in file order. Static storage: the views never dangle.
std::span<const Signature> builtin_signatures();

// The built-in signature with this id, or nullptr.
const Signature* find_signature(std::string_view id);

}  // namespace sitewatch::checks
