#pragma once
// The informal alert the Strategist sends the client (the seeds' emergency process): while
// investigating, the specific issue, what we believe caused it, the steps to resolve and our
// timeline; once resolved, the fixes, the hours spent, the ramifications, side effects and
// what the client may need to do. Plain text whose first line is the gist, so an SMS cut
// after it still says what matters. Pure.
#include <optional>
#include <string>

#include "alerting/incidents/incident.h"
#include "alerting/reports/downtime.h"
#include "checks/model/time.h"

namespace sitewatch::reports {

enum class UpdateStage { investigating, resolved };
const char* to_string(UpdateStage s);  // "investigating", "resolved"
// resolved for a resolved incident, investigating for an open or acknowledged one.
UpdateStage stage_of(const Incident& incident);

struct ClientUpdateInput {
    Incident incident;
    std::string client_name;               // for the greeting; may be empty
    std::optional<double> hours_spent;     // logged hours; unknown when empty
    std::optional<Downtime> downtime;      // when known, the resolved update gives the minutes
    std::optional<Millis> next_update_in;  // "we will update you within …"
    std::string signed_by;                 // "Dana, Strategist"; empty: "The team"
    bool technical = false;                // add the technical words to the plain ones
};

struct ClientUpdate {
    std::string subject;  // one line, for an email subject or a chat title
    std::string text;     // plain text, LF line endings; first line is the gist
};

ClientUpdate render_client_update(const ClientUpdateInput& input, UpdateStage stage);

}  // namespace sitewatch::reports
