#pragma once
// The internal debrief after an emergency (the seeds' "Internal Debrief"): the issue, our
// investigation, the resolution and how to avoid it, kept so that the same client, or one
// with the same setup, is helped quickly next time.
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "checks/model/time.h"

namespace sitewatch::reports {

struct Debrief {
    std::string issue;
    std::string investigation;
    std::string resolution;
    std::string prevention;
    std::string by;
    TimePoint at{};
    friend bool operator==(const Debrief&, const Debrief&) = default;
};

// {"issue", "investigation", "resolution", "prevention", "by", "at_unix_ms"}; times to the
// millisecond.
nlohmann::json to_json(const Debrief& d);
std::string to_json_string(const Debrief& d);

// Strict: every key present with its type (strings, an integer time), and at least one of
// issue/investigation/resolution/prevention not blank; unknown keys are ignored. Never
// throws: nullopt with the reason in *error.
std::optional<Debrief> debrief_from_json(const nlohmann::json& j, std::string* error = nullptr);
std::optional<Debrief> debrief_from_json_string(std::string_view text,
                                                std::string* error = nullptr);

}  // namespace sitewatch::reports
