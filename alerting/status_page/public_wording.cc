#include "alerting/status_page/public_wording.h"

#include "alerting/notifiers/encoding.h"
#include "alerting/reports/client_update.h"
#include "alerting/reports/condition_guidance.h"
#include "alerting/reports/incident_facts.h"
#include "alerting/reports/report_text.h"

namespace sitewatch::status_page {

namespace {

const char* condition_title(Condition c) {
    switch (c) {
        case Condition::down:
            return "website not loading";
        case Condition::error:
            return "website showing errors";
        case Condition::malformed:
            return "pages not displaying correctly";
        case Condition::defaced:
            return "unexpected content on the website";
        case Condition::security:
            return "security issue";
    }
    return "website problem";
}

// The first line of the client update for `stage`: the gist, written to stand on its own. The
// incident is stripped to what the gist may use, so no note or person can reach it.
std::string client_update_gist(const Incident& incident, reports::UpdateStage stage) {
    reports::ClientUpdateInput in;
    in.incident.site = incident.site;
    in.incident.condition = incident.condition;
    in.incident.severity = incident.severity;
    in.incident.state = incident.state;
    in.incident.started_at = incident.started_at;
    in.incident.first_evidence.rule = reports::main_rule(incident);  // sharpens the wording only
    const std::string text = reports::render_client_update(in, stage).text;
    return text.substr(0, text.find('\n'));
}

}  // namespace

std::string incident_title(const Incident& incident) {
    return notifiers::one_line(reports::site_label(incident)) + ": " +
           condition_title(incident.condition);
}

std::string update_text(const Incident& incident, IncidentStatus status, TimePoint at,
                        bool reopened) {
    const auto g = reports::condition_guidance(incident.condition, reports::main_rule(incident));
    const std::string site = notifiers::one_line(reports::site_label(incident));
    switch (status) {
        case IncidentStatus::investigating:
            if (reopened)
                return "The problem came back: " + site + " " + g.issue_now +
                       ". We are investigating again.";
            return client_update_gist(incident, reports::UpdateStage::investigating);
        case IncidentStatus::identified:
            return "We have identified the problem and are working on a fix. What we believe "
                   "caused it: " +
                   g.cause_plain;
        case IncidentStatus::monitoring:
            static_assert(kMonitoringWindow == std::chrono::hours(1), "the words say an hour");
            return "A fix is in place: " + site + " has passed its checks again since " +
                   reports::format_time(at) + ". We are watching it closely for the next hour.";
        case IncidentStatus::resolved:
            return client_update_gist(incident, reports::UpdateStage::resolved) +
                   " It has passed all of its checks for the past hour.";
    }
    return {};
}

}  // namespace sitewatch::status_page
