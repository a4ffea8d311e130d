#include "alerting/reports/client_update.h"

#include "alerting/notifiers/encoding.h"
#include "alerting/reports/condition_guidance.h"
#include "alerting/reports/incident_facts.h"
#include "alerting/reports/report_text.h"

namespace sitewatch::reports {

namespace {

std::string lower_first(std::string s) {
    if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
    return s;
}

std::string bullets(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) out += "- " + i + "\n";
    return out;
}

}  // namespace

const char* to_string(UpdateStage s) {
    return s == UpdateStage::resolved ? "resolved" : "investigating";
}

UpdateStage stage_of(const Incident& incident) {
    return incident.state == IncidentState::resolved ? UpdateStage::resolved
                                                     : UpdateStage::investigating;
}

ClientUpdate render_client_update(const ClientUpdateInput& input, UpdateStage stage) {
    const Incident& inc = input.incident;
    const Guidance g = condition_guidance(inc.condition, main_rule(inc));
    const std::string site = notifiers::one_line(site_label(inc));
    const std::string greeting = input.client_name.empty()
                                     ? "Hello,"
                                     : "Hello " + notifiers::one_line(input.client_name) + ",";
    const std::string signature = input.signed_by.empty() ? "The team" : input.signed_by;
    std::string cause = g.cause_plain;
    if (input.technical) cause += " (Technical detail: " + g.cause_technical + ")";

    ClientUpdate u;
    std::string t;
    if (stage == UpdateStage::investigating) {
        u.subject = "We are working on a problem with " + site;
        t = "We are working on it: " + site + " " + g.issue_now + ".\n\n";
        t += greeting + "\n\n";
        t += "What happened: " + g.what_plain + " It started at " + format_time(inc.started_at) +
             ".\n";
        t += "What we believe caused it: " + cause + "\n";
        t += "What we are doing:\n" + bullets(g.fixes);
        if (inc.acknowledged_at)
            t += "Our team started on it at " + format_time(*inc.acknowledged_at) + ".\n";
        if (input.next_update_in)
            t += "Next update: within " + format_duration(*input.next_update_in) +
                 ", or sooner if it is fixed.\n";
        else
            t += "Next update: as soon as we know more, and when it is fixed.\n";
        t += "You do not need to do anything right now; we will tell you if that changes.\n";
    } else {
        u.subject = "Resolved: " + site + " is working normally again";
        std::string gist = "Resolved: " + site + " is working normally again";
        if (input.downtime && input.downtime->total.count() > 0)
            gist += " after " + format_duration(input.downtime->total) +
                    (inc.condition == Condition::down ? " of downtime" : "");
        t = gist + ".\n\n" + greeting + "\n\n";
        t += "What happened: " + g.what_plain + "\n";
        t += "What caused it: " + cause + "\n";
        const std::string note = redact_contacts(notifiers::one_line(resolution_note(inc)));
        if (!note.empty())
            t += "What we did: " + note + "\n";
        else if (inc.resolved_by == "auto")
            t += "What we did: we checked the site and it has passed all of its checks again "
                 "since " +
                 (inc.resolved_at ? format_time(*inc.resolved_at) : std::string("then")) + ".\n";
        else
            t += "What we did: " + lower_first(g.fixes.empty() ? "fixed it." : g.fixes.front()) +
                 "\n";
        t += input.hours_spent ? "Time spent: " + format_hours(*input.hours_spent) + ".\n"
                               : "Time spent: we will confirm the hours in the incident report.\n";
        if (!g.possible_data_loss.empty()) t += "Possible effects: " + g.possible_data_loss + "\n";
        if (!g.side_effects.empty())
            t += "In the next few days you may notice:\n" + bullets(g.side_effects);
        if (!g.client_actions.empty())
            t += "What you may want to do:\n" + bullets(g.client_actions);
        t += "Please take a look and tell us if anything still seems wrong.\n";
    }
    t += "\n" + signature + "\n";
    u.text = std::move(t);
    return u;
}

}  // namespace sitewatch::reports
