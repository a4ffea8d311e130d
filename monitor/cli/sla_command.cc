#include "monitor/cli/sla_command.h"

#include <filesystem>
#include <iostream>
#include <string>

#include "alerting/sla/sla_document.h"
#include "monitor/cli/config_arg.h"
#include "monitor/incidents/sla_gathering.h"
#include "monitor/incidents/stored_incident.h"
#include "monitor/store/store.h"

namespace sitewatch::cli {

int sla_command(const Arguments& args) {
    const auto client = args.value("client");
    if (!client || client->empty()) {
        std::cerr << "sitewatch sla: --client is required: sitewatch sla --config FILE --client "
                     "NAME [--month YYYY-MM] [--format md|html]\n";
        return 2;
    }
    const TimePoint now = Clock::now();
    sla::Month month = sla::month_of(now);
    if (auto text = args.value("month")) {
        auto m = sla::parse_month(*text);
        if (!m) {
            std::cerr << "sitewatch sla: --month must be YYYY-MM, got " << *text << "\n";
            return 2;
        }
        month = *m;
    }
    const std::string format = args.value("format").value_or("md");
    if (format != "md" && format != "html") {
        std::cerr << "sitewatch sla: --format must be md or html\n";
        return 2;
    }
    auto cfg = load_config_arg(args, "sla");
    if (!cfg) return 2;
    if (!std::filesystem::exists(cfg->storage.sqlite)) {
        std::cerr << "sitewatch sla: no database at " << cfg->storage.sqlite
                  << " (storage.sqlite of " << cfg->path << ")\n";
        return 2;
    }
    try {
        auto store = open_sqlite_store(cfg->storage.sqlite);
        // The client's sites, each with the certificate expiry of its latest stored check.
        std::vector<SiteStatus> sites;
        for (const auto* s : cfg->sites()) {
            if (s->client != *client) continue;
            SiteStatus status;
            status.client = s->client;
            status.name = s->name;
            status.url = s->url;
            if (auto latest = store->recent_results(s->name, 1); !latest.empty())
                status.tls_expires_at = latest.front().tls_expires_at;
            sites.push_back(std::move(status));
        }
        if (sites.empty()) {
            std::cerr << "sitewatch sla: no client " << *client << " with sites in " << cfg->path
                      << "\n";
            return 1;
        }
        std::vector<IncidentSnapshot> incidents;
        for (const auto& row : store->load_alerting().incidents)
            if (row.client == *client)
                if (auto s = snapshot_from_record(row)) incidents.push_back(std::move(*s));
        FirstCheckCache first_checks(*store);
        const auto inputs = gather_sla_inputs(
            incidents, sites, cfg->maintenance_windows(),
            [&](const std::string& site, const sla::Month& m) {
                return first_checks.first_check(site, m);
            },
            month, now, *client);
        const auto figures = sla::compute_sla(inputs.front());
        std::cout << (format == "html" ? sla::render_sla_html(figures, inputs.front())
                                       : sla::render_sla_markdown(figures, inputs.front()));
        return 0;
    } catch (const std::runtime_error& e) {
        std::cerr << "sitewatch sla: " << e.what() << "\n";
        return 2;
    }
}

}  // namespace sitewatch::cli
