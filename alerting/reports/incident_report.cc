#include "alerting/reports/incident_report.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "alerting/notifiers/encoding.h"
#include "alerting/reports/condition_guidance.h"
#include "alerting/reports/incident_facts.h"
#include "alerting/reports/report_document.h"
#include "alerting/reports/report_text.h"

namespace sitewatch::reports {

namespace {

constexpr const char* kSummary = "Summary";
constexpr const char* kCause = "Likely cause";
constexpr const char* kWhatWeDid = "What we did";
constexpr const char* kTimeline = "Timeline";
constexpr const char* kTimeSpent = "Time spent";
constexpr const char* kImpact = "Impact";
constexpr const char* kExpect = "What to expect next";
constexpr const char* kClientActions = "What you may need to do";
constexpr const char* kEvidence = "Evidence";
constexpr const char* kEscalation = "Escalation detail";
constexpr const char* kDebrief = "Debrief";
constexpr const char* kSimilar = "Similar past incidents";

// Text people typed, as a client may read it.
std::string for_audience(std::string_view text, Audience a) {
    std::string line = notifiers::one_line(text);
    return a == Audience::client ? redact_contacts(line) : line;
}

std::string condition_title(Condition c) {
    switch (c) {
        case Condition::down:
            return "website not loading";
        case Condition::error:
            return "website showing an error";
        case Condition::malformed:
            return "website content broken";
        case Condition::defaced:
            return "website defaced";
        case Condition::security:
            return "urgent security issue";
    }
    return "website problem";
}

std::string role_words(escalation::Role r) { return escalation::describe(r); }

std::string channel_words(escalation::Channel c) {
    switch (c) {
        case escalation::Channel::phone:
            return "by phone";
        case escalation::Channel::sms:
            return "by text message";
        case escalation::Channel::slack:
            return "on Slack";
        case escalation::Channel::email:
            return "by email";
    }
    return "";
}

struct Builder {
    const ReportInput& in;
    Audience audience;
    const Incident& inc;
    Guidance g;
    std::string resolution;

    Builder(const ReportInput& input, Audience a)
        : in(input),
          audience(a),
          inc(input.incident),
          g(condition_guidance(input.incident.condition, main_rule(input.incident))),
          resolution(resolution_note(input.incident)) {}

    bool internal() const { return audience == Audience::internal; }
    bool resolved() const { return inc.resolved_at.has_value(); }
    std::string client() const { return in.client_name.empty() ? inc.client : in.client_name; }

    Document build() {
        Document d;
        d.title =
            "Incident report: " + site_label(inc) + " (" + condition_title(inc.condition) + ")";
        std::string sub = "Client: " + client();
        if (!in.client_plan.empty()) sub += " (" + in.client_plan + " plan)";
        sub += " | Incident #" + std::to_string(inc.id) + " | " +
               (resolved() ? std::string("Resolved") : std::string("Still open")) + " | Prepared " +
               format_time(in.now);
        d.subtitle = std::move(sub);
        d.sections.push_back(summary());
        d.sections.push_back(cause());
        d.sections.push_back(what_we_did());
        d.sections.push_back(timeline());
        d.sections.push_back(time_spent());
        d.sections.push_back(impact());
        d.sections.push_back(expect_next());
        d.sections.push_back(client_actions());
        if (internal()) {
            d.sections.push_back(evidence());
            d.sections.push_back(escalation_detail());
            d.sections.push_back(debrief());
            d.sections.push_back(similar());
        }
        return d;
    }

    Section summary() const {
        Section s{kSummary, {}};
        std::string what = g.what_plain + " It started at " + format_time(inc.started_at);
        if (resolved())
            what += " and was resolved at " + format_time(*inc.resolved_at) + ", " +
                    format_duration(*inc.time_to_resolve()) + " later.";
        else
            what += " and is still open as of " + format_time(in.now) +
                    ": we are working on it and will update you.";
        s.blocks.push_back(Block::paragraph(what));
        std::vector<std::pair<std::string, std::string>> facts{
            {"Website", site_label(inc)},
            {"Address", inc.url.empty() ? "not recorded" : inc.url},
            {"Status", state_words(inc)},
        };
        if (internal()) {
            facts.push_back({"Condition", to_string(inc.condition)});
            facts.push_back({"Severity", to_string(inc.severity)});
            facts.push_back({"Finding", inc.summary.empty() ? "not recorded" : inc.summary});
            if (inc.last_summary != inc.summary && !inc.last_summary.empty())
                facts.push_back({"Latest finding", inc.last_summary});
            facts.push_back({"Checks that showed it", std::to_string(inc.occurrences)});
            if (inc.reopen_count > 0)
                facts.push_back({"Reopened", std::to_string(inc.reopen_count) + " time(s)"});
            if (inc.previous_incident)
                facts.push_back({"Follows incident", "#" + std::to_string(*inc.previous_incident)});
        }
        s.blocks.push_back(Block::facts_of(std::move(facts)));
        return s;
    }

    Section cause() const {
        Section s{kCause, {}};
        if (internal() || in.technical) {
            s.blocks.push_back(Block::facts_of(
                {{"In plain words", g.cause_plain}, {"In technical terms", g.cause_technical}}));
        } else {
            s.blocks.push_back(Block::paragraph(g.cause_plain));
        }
        if (!resolved())
            s.blocks.push_back(
                Block::paragraph("This is our current understanding; we will confirm the cause "
                                 "once the problem is resolved."));
        return s;
    }

    Section what_we_did() const {
        Section s{kWhatWeDid, {}};
        std::vector<std::string> items;
        if (inc.acknowledged_at)
            items.push_back(format_time(*inc.acknowledged_at) + ": " +
                            (inc.acknowledged_by.empty()
                                 ? std::string("our team")
                                 : for_audience(inc.acknowledged_by, audience)) +
                            " took charge of the problem.");
        for (const auto& n : merged_notes(inc, in.notes)) {
            // The resolution note is the fix; it is said once, below.
            if (inc.resolved_at && n.at == *inc.resolved_at && n.text == resolution) continue;
            items.push_back(format_time(n.at) + ": " + for_audience(n.by, audience) + ": " +
                            for_audience(n.text, audience));
        }
        if (resolved()) {
            std::string fix;
            if (!resolution.empty())
                fix = "The fix: " + for_audience(resolution, audience);
            else if (inc.resolved_by == "auto")
                fix =
                    "The site passed its checks again, so monitoring closed the incident "
                    "automatically.";
            else
                fix = "Resolved by " + for_audience(inc.resolved_by, audience) +
                      "; no description of the fix was recorded.";
            if (!inc.resolved_by.empty() && inc.resolved_by != "auto" && !resolution.empty())
                fix += " (" + for_audience(inc.resolved_by, audience) + ")";
            items.push_back(format_time(*inc.resolved_at) + ": " + fix);
        }
        if (items.empty())
            s.blocks.push_back(Block::paragraph(
                "Nothing has been recorded yet: the problem is still open and our team is "
                "looking into it."));
        else
            s.blocks.push_back(Block::bullets(std::move(items)));
        if (!resolved()) {
            std::vector<std::string> steps{"Still open. The steps we usually take:"};
            s.blocks.push_back(Block::paragraph(steps.front()));
            s.blocks.push_back(Block::bullets(g.fixes));
        }
        return s;
    }

    // The first notification that reached someone, for the client's "we were alerted".
    const escalation::StepRecord* first_delivered() const {
        const escalation::StepRecord* best = nullptr;
        for (const auto& r : in.escalation_steps)
            if (r.status == escalation::StepStatus::delivered &&
                (!best || r.outcome_at.value_or(r.handed_out_at) <
                              best->outcome_at.value_or(best->handed_out_at)))
                best = &r;
        return best;
    }

    Section timeline() const {
        Section s{kTimeline, {}};
        std::vector<std::tuple<TimePoint, int, std::string>> rows;  // time, order, text
        int order = 0;
        const auto add = [&](TimePoint at, std::string text) {
            rows.emplace_back(at, order++, std::move(text));
        };
        if (!internal()) {
            add(inc.started_at, "The problem started (first failed check).");
            add(inc.detected_at, "Our monitoring confirmed the problem.");
            if (const auto* r = first_delivered())
                add(r->outcome_at.value_or(r->handed_out_at),
                    "Our " + role_words(r->step.person.role) + " (" +
                        for_audience(r->step.person.name, audience) + ") was alerted " +
                        channel_words(r->step.channel) + ".");
            if (inc.acknowledged_at) add(*inc.acknowledged_at, "Our team started working on it.");
            if (inc.resolved_at)
                add(*inc.resolved_at, "Resolved: the website was working normally again.");
        } else {
            add(inc.started_at, "started: first failing check");
            add(inc.detected_at, "detected: incident opened (confirmed)");
            for (const auto& e : inc.timeline)
                add(e.at, e.kind + ": " + notifiers::one_line(e.text));
            for (const auto& r : in.escalation_steps) {
                std::string t = "notified " + r.step.person.name + " (" +
                                role_words(r.step.person.role) + ") " +
                                channel_words(r.step.channel) + ": " + to_string(r.status);
                if (!r.why.empty()) t += " (" + notifiers::one_line(r.why) + ")";
                add(r.outcome_at.value_or(r.handed_out_at), std::move(t));
            }
        }
        std::stable_sort(rows.begin(), rows.end());
        std::vector<std::string> items;
        for (const auto& [at, o, text] : rows) items.push_back(format_time(at) + ": " + text);
        if (!resolved())
            items.push_back(format_time(in.now) + ": still open at the time of this report.");
        s.blocks.push_back(Block::bullets(std::move(items)));
        if (internal() && inc.timeline_dropped > 0)
            s.blocks.push_back(Block::paragraph(std::to_string(inc.timeline_dropped) +
                                                " repeated entries in the middle were left out "
                                                "of the stored timeline."));
        return s;
    }

    Section time_spent() const {
        Section s{kTimeSpent, {}};
        std::vector<std::pair<std::string, std::string>> facts;
        facts.push_back({"Hours spent by our team", in.hours_logged
                                                        ? format_hours(*in.hours_logged)
                                                        : std::string("not logged yet")});
        facts.push_back({"Time to detect", format_duration(inc.time_to_detect())});
        if (const auto a = inc.time_to_acknowledge())
            facts.push_back({"Time until our team took charge", format_duration(*a)});
        else
            facts.push_back({"Time until our team took charge", "not acknowledged yet"});
        if (const auto r = inc.time_to_resolve())
            facts.push_back({"Time to resolve", format_duration(*r)});
        else
            facts.push_back({"Time to resolve", "still open"});
        s.blocks.push_back(Block::facts_of(std::move(facts)));
        return s;
    }

    Section impact() const {
        Section s{kImpact, {}};
        const Downtime& d = in.downtime;
        // "Outage" fits a site that was down or erroring; a defaced or insecure site stayed up.
        const bool outage = inc.condition == Condition::down || inc.condition == Condition::error;
        std::string total = format_duration(d.total);
        const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(d.total).count();
        total += " (" + std::to_string(minutes) + " min)";
        if (d.ongoing) total += ", still counting";
        std::vector<std::pair<std::string, std::string>> facts{
            {outage ? "Downtime" : "Time affected", total},
            {outage ? "Separate outages" : "Separate episodes", std::to_string(d.outages)},
            {outage ? "Longest outage" : "Longest episode", format_duration(d.longest)},
        };
        if (internal())
            facts.push_back({"Checks in the window", std::to_string(d.checks_seen) + " seen, " +
                                                         std::to_string(d.checks_failed) +
                                                         " failed"});
        s.blocks.push_back(Block::facts_of(std::move(facts)));
        if (d.estimated_from_incident)
            s.blocks.push_back(Block::paragraph(
                "No check history was available for this period, so these figures are "
                "estimated from when the incident started and ended."));
        s.blocks.push_back(
            Block::paragraph(g.possible_data_loss.empty()
                                 ? "We do not expect any loss of data from this kind of problem."
                                 : "Possible loss of data: " + g.possible_data_loss));
        return s;
    }

    Section expect_next() const {
        Section s{kExpect, {}};
        s.blocks.push_back(Block::paragraph(
            resolved() ? "In the next few days you may notice the following. They are normal "
                         "after this kind of problem and should pass on their own; tell us if "
                         "they do not."
                       : "The problem is still open. Once it is resolved you may notice:"));
        s.blocks.push_back(Block::bullets(g.side_effects));
        return s;
    }

    Section client_actions() const {
        Section s{kClientActions, {}};
        s.blocks.push_back(
            Block::paragraph("Nothing here is urgent unless we say so, but these steps may help:"));
        s.blocks.push_back(Block::bullets(g.client_actions));
        return s;
    }

    Section evidence() const {
        Section s{kEvidence, {}};
        std::vector<std::tuple<std::string, std::string, std::string, std::string>> seen;
        const auto add = [&](const std::string& label, const std::string& rule,
                             const std::string& excerpt, const std::string& before,
                             const std::string& after) {
            if (rule.empty() && excerpt.empty() && before.empty() && after.empty()) return;
            const auto key = std::tuple(rule, excerpt, before, after);
            if (std::find(seen.begin(), seen.end(), key) != seen.end()) return;
            seen.push_back(key);
            std::vector<std::pair<std::string, std::string>> facts{
                {"Seen", label}, {"Rule", rule.empty() ? "not recorded" : rule}};
            if (!excerpt.empty())
                facts.push_back({"Excerpt", notifiers::truncate_utf8(excerpt, 500)});
            if (!before.empty()) facts.push_back({"Before", notifiers::truncate_utf8(before, 300)});
            if (!after.empty()) facts.push_back({"After", notifiers::truncate_utf8(after, 300)});
            s.blocks.push_back(Block::facts_of(std::move(facts)));
        };
        const auto& fe = inc.first_evidence;
        add("first finding: " + inc.summary, fe.rule, fe.excerpt, fe.before, fe.after);
        for (const auto& e : inc.timeline) {
            if (!e.detail.is_object()) continue;
            const auto str = [&](const char* k) {
                const auto it = e.detail.find(k);
                return it != e.detail.end() && it->is_string() ? it->get<std::string>()
                                                               : std::string();
            };
            add(format_time(e.at) + " " + e.kind + ": " + notifiers::one_line(e.text), str("rule"),
                str("excerpt"), str("before"), str("after"));
        }
        if (seen.empty()) s.blocks.push_back(Block::paragraph("No evidence was recorded."));
        return s;
    }

    Section escalation_detail() const {
        Section s{kEscalation, {}};
        if (in.escalation_steps.empty()) {
            s.blocks.push_back(Block::paragraph(
                inc.paged ? "No escalation steps were recorded for this incident."
                          : "Nobody was paged for this incident (no escalation steps)."));
            return s;
        }
        std::vector<std::string> items;
        for (const auto& r : in.escalation_steps) {
            std::string t = r.step.step_id + " | level " + std::to_string(r.step.level);
            if (r.step.round > 0) t += " round " + std::to_string(r.step.round);
            t += " | " + r.step.person.name + " (" + role_words(r.step.person.role) + ") via " +
                 to_string(r.step.channel) + " to " + r.step.address + " | handed out " +
                 format_time(r.handed_out_at) + " | " + to_string(r.status);
            if (r.outcome_at) t += " at " + format_time(*r.outcome_at);
            if (!r.why.empty()) t += " (" + notifiers::one_line(r.why) + ")";
            items.push_back(std::move(t));
        }
        s.blocks.push_back(Block::bullets(std::move(items)));
        return s;
    }

    static std::vector<std::pair<std::string, std::string>> debrief_facts(const Debrief& d) {
        const auto or_blank = [](const std::string& v) {
            return v.empty() ? std::string("not written") : v;
        };
        return {{"Issue", or_blank(d.issue)},
                {"Investigation", or_blank(d.investigation)},
                {"Resolution", or_blank(d.resolution)},
                {"Prevention", or_blank(d.prevention)},
                {"By", d.by.empty() ? "not recorded" : d.by + ", " + format_time(d.at)}};
    }

    Section debrief() const {
        Section s{kDebrief, {}};
        if (in.debrief) {
            s.blocks.push_back(Block::facts_of(debrief_facts(*in.debrief)));
        } else {
            s.blocks.push_back(Block::paragraph(
                "No debrief yet. After any emergency, go through the issue, our investigation, "
                "the resolution and how we can avoid it in the future, and record it here so "
                "the next incident like it, for this client or one with a similar setup, is "
                "resolved quickly."));
        }
        return s;
    }

    Section similar() const {
        Section s{kSimilar, {}};
        if (in.similar.empty()) {
            s.blocks.push_back(Block::paragraph("No similar past incidents were found."));
            return s;
        }
        for (const auto& sim : in.similar) {
            const auto& p = sim.incident;
            std::string why = sim.why == Similarity::same_client ? "same client" : "same stack (";
            if (sim.why == Similarity::shared_stack) {
                for (std::size_t i = 0; i < sim.shared_tags.size(); ++i)
                    why += (i ? ", " : "") + sim.shared_tags[i];
                why += ")";
            }
            std::vector<std::pair<std::string, std::string>> facts{
                {"Incident", "#" + std::to_string(p.id) + " " + p.client + " / " + p.site},
                {"Why it is similar", why},
                {"Opened", format_time(p.opened_at)},
                {"Resolved", p.resolved_at ? format_time(*p.resolved_at) : "still open"},
                {"Summary", p.summary.empty() ? "not recorded" : p.summary},
            };
            if (p.debrief) {
                for (auto& f : debrief_facts(*p.debrief))
                    facts.push_back({"Debrief: " + f.first, std::move(f.second)});
            } else {
                facts.push_back({"Debrief", "none recorded"});
            }
            s.blocks.push_back(Block::facts_of(std::move(facts)));
        }
        return s;
    }
};

}  // namespace

const char* to_string(Audience a) { return a == Audience::client ? "client" : "internal"; }
const char* to_string(Format f) { return f == Format::markdown ? "md" : "html"; }

std::optional<Audience> parse_audience(std::string_view s) {
    if (s == "client") return Audience::client;
    if (s == "internal") return Audience::internal;
    return std::nullopt;
}

std::optional<Format> parse_format(std::string_view s) {
    if (s == "md" || s == "markdown") return Format::markdown;
    if (s == "html") return Format::html;
    return std::nullopt;
}

std::vector<std::string> report_headings(Audience audience) {
    std::vector<std::string> h{kSummary,   kCause,  kWhatWeDid, kTimeline,
                               kTimeSpent, kImpact, kExpect,    kClientActions};
    if (audience == Audience::internal) {
        h.push_back(kEvidence);
        h.push_back(kEscalation);
        h.push_back(kDebrief);
        h.push_back(kSimilar);
    }
    return h;
}

std::string render_incident_report(const ReportInput& input, Audience audience, Format format) {
    const Document doc = Builder(input, audience).build();
    return format == Format::html ? render_html(doc) : render_markdown(doc);
}

}  // namespace sitewatch::reports
