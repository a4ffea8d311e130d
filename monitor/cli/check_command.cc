#include "monitor/cli/check_command.h"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <thread>

#include "checks/evaluate.h"
#include "checks/model/finding_json.h"
#include "monitor/cli/config_arg.h"
#include "monitor/daemon/site_probe.h"
#include "monitor/probe/probe_engine.h"

namespace sitewatch::cli {

namespace {

struct SiteOutcome {
    const config::SiteConfig* site = nullptr;
    Response response;
    Findings findings;
    bool rechecked = false;
};

bool has_critical(const Findings& fs) {
    return std::any_of(fs.begin(), fs.end(),
                       [](const Finding& f) { return f.severity == Severity::critical; });
}

void probe_and_evaluate(std::vector<SiteOutcome*>& outcomes) {
    std::vector<ProbeRequest> requests;
    for (std::size_t i = 0; i < outcomes.size(); ++i)
        requests.push_back(make_probe_request(*outcomes[i]->site, i));
    auto responses = probe_all(requests);
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
        outcomes[i]->response = std::move(responses[i]);
        outcomes[i]->findings =
            evaluate(outcomes[i]->response, outcomes[i]->site->checks, Clock::now());
    }
}

// One blip is not an emergency: a critical finding must show again on a re-check.
void confirm_critical(std::vector<SiteOutcome>& all) {
    std::vector<SiteOutcome*> again;
    std::chrono::milliseconds wait{0};
    for (auto& o : all) {
        if (has_critical(o.findings) && o.site->confirm_failures > 1) {
            again.push_back(&o);
            wait = std::max(wait, o.site->confirm_retry_after);
        }
    }
    if (again.empty()) return;
    std::vector<Findings> first;
    for (auto* o : again) first.push_back(o->findings);
    std::this_thread::sleep_for(wait);
    probe_and_evaluate(again);
    for (std::size_t i = 0; i < again.size(); ++i) {
        again[i]->rechecked = true;
        if (has_critical(again[i]->findings)) continue;
        for (const auto& f : first[i]) {
            if (f.severity != Severity::critical) continue;
            Finding transient = f;
            transient.severity = Severity::warning;
            transient.summary = "not confirmed on re-check: " + f.summary;
            again[i]->findings.push_back(std::move(transient));
        }
    }
}

std::string status_word(const SiteOutcome& o) {
    if (has_critical(o.findings)) return "CRITICAL";
    if (!o.findings.empty()) return "WARNING";
    return "OK";
}

void print_table(const std::vector<SiteOutcome>& all) {
    std::printf("%-16s %-24s %-9s %-10s %5s %9s  %s\n", "CLIENT", "SITE", "STATUS", "CONDITION",
                "HTTP", "TIME", "SUMMARY");
    for (const auto& o : all) {
        const Finding* worst = most_severe(o.findings);
        std::string time = o.response.transport_error == TransportError::none
                               ? std::to_string(static_cast<int>(o.response.total_seconds * 1000)) + "ms"
                               : "-";
        std::printf("%-16s %-24s %-9s %-10s %5s %9s  %s\n", o.site->client.c_str(),
                    o.site->name.c_str(), status_word(o).c_str(),
                    worst ? to_string(worst->condition) : "-",
                    o.response.http_status ? std::to_string(o.response.http_status).c_str() : "-",
                    time.c_str(), worst ? worst->summary.c_str() : "");
        // Further findings beyond the most severe one, indented under it.
        for (const auto& f : o.findings)
            if (&f != worst)
                std::printf("%-16s %-24s %-9s %-10s %5s %9s  %s\n", "", "",
                            f.severity == Severity::critical ? "CRITICAL" : "WARNING",
                            to_string(f.condition), "", "", f.summary.c_str());
    }
}

void print_json(const std::vector<SiteOutcome>& all) {
    auto arr = nlohmann::json::array();
    for (const auto& o : all) {
        const Finding* worst = most_severe(o.findings);
        nlohmann::json j = {
            {"client", o.site->client},
            {"site", o.site->name},
            {"url", o.site->url},
            {"status", status_word(o)},
            {"condition", worst ? nlohmann::json(to_string(worst->condition)) : nlohmann::json()},
            {"severity", worst ? nlohmann::json(to_string(worst->severity)) : nlohmann::json()},
            {"http_status", o.response.http_status},
            {"response_time_ms", o.response.total_seconds * 1000.0},
            {"rechecked", o.rechecked},
            {"findings", to_json(o.findings)},
        };
        arr.push_back(std::move(j));
    }
    std::cout << nlohmann::json{{"results", arr}}.dump(2) << "\n";
}

}  // namespace

int check_command(const Arguments& args) {
    auto cfg = load_config_arg(args, "check");
    if (!cfg) return 2;
    std::vector<SiteOutcome> all;
    auto only = args.value("site");
    for (const auto* s : cfg->sites())
        if (!only || s->name == *only) all.push_back(SiteOutcome{s, {}, {}, false});
    if (all.empty()) {
        std::cerr << "sitewatch check: no site named '" << only.value_or("") << "' in "
                  << cfg->path << "\n";
        return 2;
    }
    std::vector<SiteOutcome*> ptrs;
    for (auto& o : all) ptrs.push_back(&o);
    probe_and_evaluate(ptrs);
    confirm_critical(all);
    if (args.has("json"))
        print_json(all);
    else
        print_table(all);
    bool critical = std::any_of(all.begin(), all.end(),
                                [](const SiteOutcome& o) { return has_critical(o.findings); });
    return critical ? 1 : 0;
}

}  // namespace sitewatch::cli
