#include "monitor/cli/report_command.h"

#include <filesystem>
#include <iostream>
#include <string>

#include "monitor/cli/config_arg.h"
#include "monitor/incidents/report_builder.h"
#include "monitor/incidents/stored_incident.h"
#include "monitor/incidents/team_directory.h"
#include "monitor/store/store.h"

namespace sitewatch::cli {

int report_command(const Arguments& args) {
    if (args.positionals.size() != 1) {
        std::cerr << "sitewatch report: the incident ID is required: sitewatch report --config "
                     "FILE ID [--audience client|internal] [--format md|html]\n";
        return 2;
    }
    const std::string& id_text = args.positionals.front();
    std::uint64_t id = 0;
    if (id_text.empty() || id_text.size() > 18 ||
        id_text.find_first_not_of("0123456789") != std::string::npos) {
        std::cerr << "sitewatch report: " << id_text << " is not an incident id (a number)\n";
        return 2;
    }
    id = std::stoull(id_text);
    const std::string audience = args.value("audience").value_or("internal");
    const std::string format = args.value("format").value_or("md");
    if (audience != "client" && audience != "internal") {
        std::cerr << "sitewatch report: --audience must be client or internal\n";
        return 2;
    }
    if (format != "md" && format != "markdown" && format != "html") {
        std::cerr << "sitewatch report: --format must be md or html\n";
        return 2;
    }
    auto cfg = load_config_arg(args, "report");
    if (!cfg) return 2;
    // Opening would create an empty database; a report of a store that does not exist is an
    // error in the config path, not an empty answer.
    if (!std::filesystem::exists(cfg->storage.sqlite)) {
        std::cerr << "sitewatch report: no database at " << cfg->storage.sqlite
                  << " (storage.sqlite of " << cfg->path << ")\n";
        return 2;
    }
    try {
        auto store = open_sqlite_store(cfg->storage.sqlite);
        auto record = store->find_incident(id);
        if (!record) {
            std::cerr << "sitewatch report: no incident " << id << " in " << cfg->storage.sqlite
                      << "\n";
            return 1;
        }
        auto snapshot = snapshot_from_record(*record);
        if (!snapshot) {
            std::cerr << "sitewatch report: incident " << id << " is unreadable in the store\n";
            return 1;
        }
        std::vector<IncidentSnapshot> linked;
        for (auto l : snapshot->extras.linked)
            if (auto r = store->find_incident(l))
                if (auto s = snapshot_from_record(*r)) linked.push_back(std::move(*s));
        const TeamDirectory directory(*cfg);
        const auto answer =
            render_report(*snapshot, linked, directory.client(snapshot->incident.client), *store,
                          audience, format, Clock::now());
        if (answer.outcome != DeskOutcome::done) {
            std::cerr << "sitewatch report: " << answer.message << "\n";
            return 1;
        }
        std::cout << answer.body;
        if (!answer.body.empty() && answer.body.back() != '\n') std::cout << "\n";
        return 0;
    } catch (const std::runtime_error& e) {
        std::cerr << "sitewatch report: " << e.what() << "\n";
        return 2;
    }
}

}  // namespace sitewatch::cli
