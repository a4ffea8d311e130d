#pragma once
// The incident report (the seeds' "Upon Resolution" and report template; CONTRACT.md's
// `GET /api/v1/incidents/{id}/report?audience=client|internal&format=md|html` and
// `sitewatch report`). Pure: every fact comes in ReportInput, including the report time.
//
// Sections, always present and in this order, each saying plainly what is not known yet:
// Summary, Likely cause, What we did, Timeline, Time spent, Impact, What to expect next,
// What you may need to do; for the internal audience also Evidence, Escalation detail,
// Debrief and Similar past incidents. The client audience never shows evidence (rule ids,
// excerpts, before/after, the finding's summary), step ids or contact addresses; contact
// details people typed into notes are removed for it.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alerting/escalation/escalation.h"
#include "alerting/incidents/incident.h"
#include "alerting/reports/debrief.h"
#include "alerting/reports/downtime.h"
#include "alerting/reports/similar_incidents.h"
#include "checks/model/time.h"

namespace sitewatch::reports {

enum class Audience { client, internal };
enum class Format { markdown, html };
const char* to_string(Audience a);                           // "client", "internal"
const char* to_string(Format f);                             // "md", "html"
std::optional<Audience> parse_audience(std::string_view s);  // "client", "internal"
std::optional<Format> parse_format(std::string_view s);      // "md", "markdown", "html"

struct ReportInput {
    Incident incident;
    std::string client_name;  // empty: incident.client
    std::string client_plan;  // "Standard", "Enhanced", …; empty when unknown
    std::vector<escalation::StepRecord> escalation_steps;  // who was notified; may be empty
    std::vector<Note> notes;  // beyond incident.notes (merged, each once)
    std::optional<Debrief> debrief;
    std::optional<double> hours_logged;    // from notes logged with hours; empty: not logged
    Downtime downtime;                     // compute_downtime(history, incident, now)
    std::vector<SimilarIncident> similar;  // find_similar_incidents(...)
    TimePoint now{};                       // the report's time (an open incident's "so far")
    bool technical = false;                // the client report also gives the technical words
};

// The section headings, in order, for an audience (tests and UIs use them).
std::vector<std::string> report_headings(Audience audience);

std::string render_incident_report(const ReportInput& input, Audience audience, Format format);

}  // namespace sitewatch::reports
