#pragma once
// Layer 3 of the detection design: every signature compiled once into one RE2::Set, one pass
// over the body; the individual patterns run only for the few that matched, for the excerpt.
#include <re2/re2.h>
#include <re2/set.h>

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "checks/model/finding.h"
#include "checks/signatures/signature.h"

namespace sitewatch::checks {

struct SignatureMatch {
    std::string id;
    Condition condition = Condition::error;
    Severity severity = Severity::critical;
    SignatureStrength strength = SignatureStrength::strong;
    SignatureTier tier = SignatureTier::always;
    std::string summary;  // the signature's
    std::string matched;  // the matched text, one line, at most ~120 bytes
    std::string excerpt;  // ~120 bytes of the body around the match, one line
};

class SignatureMatcher {
public:
    // Only the first MiB is read: error pages and injected markers sit near the top (PHP
    // notices even precede <!DOCTYPE>), and it bounds the cost of a huge page.
    static constexpr std::size_t kMaxBodyBytes = std::size_t{1} << 20;

    // Compiles `library` (its views must outlive the matcher). Patterns that do not compile
    // are left out and listed in errors(); the built-in library has none (a test holds it).
    explicit SignatureMatcher(std::span<const Signature> library);
    SignatureMatcher(const SignatureMatcher&) = delete;
    SignatureMatcher& operator=(const SignatureMatcher&) = delete;

    // The built-in library, compiled on first use, once per process; immutable, so it is
    // safe to share between threads (RE2 is thread-safe for matching).
    static const SignatureMatcher& builtin();

    // Every signature that matches the first kMaxBodyBytes of `body`, in library order.
    std::vector<SignatureMatch> match(std::string_view body) const;

    const std::vector<std::string>& errors() const { return errors_; }
    std::size_t size() const { return compiled_.size(); }

private:
    struct Compiled {
        const Signature* signature;
        std::unique_ptr<RE2> re;  // for the excerpt of a signature the set reported
    };
    std::vector<Compiled> compiled_;  // index = the set's pattern index
    std::vector<std::string> errors_;
    RE2::Set set_;
    bool set_ok_ = false;  // false: the set failed to compile; match() falls back

    std::vector<int> set_matches(std::string_view text) const;
};

}  // namespace sitewatch::checks
