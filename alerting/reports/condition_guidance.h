#pragma once
// What to tell people about a kind of incident: the likely cause (in plain and in technical
// words), the usual fixes, the side effects to expect next and what the client may need to do
// (the seeds' "Upon Resolution": fixes, ramifications, side effects, empowering the client).
// Calm wording on purpose: the seeds ask not to confuse, concern or panic clients.
#include <string>
#include <string_view>
#include <vector>

#include "checks/model/finding.h"

namespace sitewatch::reports {

struct Guidance {
    std::string what_plain;   // "Your website was not loading for visitors."
    std::string issue_now;    // present tense, after the site name: "is not loading for visitors"
    std::string cause_plain;  // the likely cause, for anyone
    std::string cause_technical;              // the same for technical readers
    std::vector<std::string> fixes;           // what is usually done to fix it
    std::vector<std::string> side_effects;    // what may be noticed in the days after
    std::vector<std::string> client_actions;  // what the client may need to do
    std::string possible_data_loss;           // plain words; empty when none is expected
};

// By condition, made sharper by the finding's rule id when it is known ("tls.expired",
// "http.status", "transport.timeout", "signature.<id>", "http.foreign_redirect",
// "content.new_script_host", …). An unknown rule keeps the condition's guidance.
// The words never quote the rule id itself: clients read them.
Guidance condition_guidance(Condition condition, std::string_view rule = {});

}  // namespace sitewatch::reports
