#pragma once
// Who is called for a client, from the config: `clients[].team` names resolved against `team`,
// and the escalation policy from `escalation`. Built once per config (re)load.
#include <map>
#include <string>
#include <vector>

#include "alerting/escalation/escalation.h"
#include "monitor/config/config.h"

namespace sitewatch {

struct ClientDirectoryEntry {
    std::string name, plan;
    std::vector<std::string> tags;
    std::vector<escalation::Person> team;      // the client's Strategist, PM and lead developer
    std::vector<escalation::Person> contacts;  // the client's own emergency contacts
    bool send_client_updates = false;          // clients[].client_updates: send
};

class TeamDirectory {
public:
    TeamDirectory() = default;
    explicit TeamDirectory(const config::Config& cfg);

    // Nullptr for a client that is not configured (any more).
    const ClientDirectoryEntry* client(const std::string& name) const;
    const escalation::EscalationPolicy& policy() const { return policy_; }
    // The client's first person with `role`, or nullptr.
    const escalation::Person* person(const std::string& client, escalation::Role role) const;

private:
    std::map<std::string, ClientDirectoryEntry> clients_;
    escalation::EscalationPolicy policy_;
};

}  // namespace sitewatch
