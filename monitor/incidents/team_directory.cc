#include "monitor/incidents/team_directory.h"

namespace sitewatch {

namespace {

escalation::Role role_of(config::Role r) {
    switch (r) {
        case config::Role::strategist:
            return escalation::Role::strategist;
        case config::Role::pm:
            return escalation::Role::pm;
        case config::Role::lead_dev:
            return escalation::Role::lead_dev;
    }
    return escalation::Role::strategist;
}

}  // namespace

TeamDirectory::TeamDirectory(const config::Config& cfg) {
    // The loader has validated every name, so unknown ones cannot occur here; they are
    // skipped rather than trusted if they ever do.
    if (!cfg.escalation.order.empty()) {
        policy_.order.clear();
        for (const auto& name : cfg.escalation.order)
            if (auto r = escalation::parse_role(name)) policy_.order.push_back(*r);
    }
    if (!cfg.escalation.channels.empty()) {
        policy_.channels.clear();
        for (const auto& name : cfg.escalation.channels)
            if (auto c = escalation::parse_channel(name)) policy_.channels.push_back(*c);
    }
    policy_.ack_timeout = cfg.escalation.ack_timeout;
    // The final broadcast repeats at the acknowledgement pace: a chain that nobody answered
    // keeps asking as often as it escalated, three more times, then stops.
    policy_.final_round_interval = cfg.escalation.ack_timeout;

    std::map<std::string, const config::TeamMember*> members;
    for (const auto& m : cfg.team) members.emplace(m.name, &m);
    for (const auto& c : cfg.clients) {
        ClientDirectoryEntry e;
        e.name = c.name;
        e.plan = c.plan;
        e.tags = c.tags;
        e.send_client_updates = c.client_updates == "send";
        for (const auto* name : {&c.team.strategist, &c.team.pm, &c.team.lead_dev}) {
            if (name->empty()) continue;
            auto it = members.find(*name);
            if (it == members.end()) continue;
            const auto& m = *it->second;
            escalation::Person p{m.name, role_of(m.role), m.phone, m.sms, m.slack, m.email};
            // The role the client gives the person decides their level, whatever their usual
            // role in `team` is.
            if (name == &c.team.strategist) p.role = escalation::Role::strategist;
            if (name == &c.team.pm) p.role = escalation::Role::pm;
            if (name == &c.team.lead_dev) p.role = escalation::Role::lead_dev;
            e.team.push_back(std::move(p));
        }
        for (const auto& contact : c.contacts)
            e.contacts.push_back({contact.name, escalation::Role::strategist, contact.phone,
                                  contact.sms, contact.slack, contact.email});
        clients_.emplace(c.name, std::move(e));
    }
}

const ClientDirectoryEntry* TeamDirectory::client(const std::string& name) const {
    auto it = clients_.find(name);
    return it == clients_.end() ? nullptr : &it->second;
}

const escalation::Person* TeamDirectory::person(const std::string& client,
                                                escalation::Role role) const {
    const auto* c = this->client(client);
    if (!c) return nullptr;
    for (const auto& p : c->team)
        if (p.role == role) return &p;
    return nullptr;
}

}  // namespace sitewatch
