#include "monitor/config/detail/people.h"

#include <algorithm>
#include <string>

namespace sitewatch::config::detail {

namespace {

bool looks_like_phone(std::string_view s) {
    std::size_t digits = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c >= '0' && c <= '9') {
            ++digits;
        } else if (!(c == '+' && i == 0) && c != ' ' && c != '-' && c != '(' && c != ')' &&
                   c != '.') {
            return false;
        }
    }
    return digits >= 3;  // short codes exist; the notifier's provider decides the rest
}

bool looks_like_email(std::string_view s) {
    const auto at = s.find('@');
    return at != std::string_view::npos && at > 0 && at + 1 < s.size() &&
           s.find('@', at + 1) == std::string_view::npos && s.find(' ') == std::string_view::npos;
}

// name (required), phone, sms, slack, email: shared by team members and client contacts.
struct Reach {
    std::string name, phone, sms, slack, email;
    SourcePos name_pos;
};

Reach read_reach(MapReader& map, const YAML::Node& item) {
    Diagnostics& d = map.diag();
    Reach r;
    if (auto e = map.take("name")) {
        if (auto v = read_line(*e, d)) {
            if (v->empty()) {
                d.error(e->value_pos(d), "'name' must not be empty");
            } else {
                r.name = *v;
                r.name_pos = e->value_pos(d);
            }
        }
    } else {
        d.error(item, "missing required key 'name'");
    }
    for (auto [key, field] : {std::pair{"phone", &r.phone}, std::pair{"sms", &r.sms}}) {
        auto e = map.take(key);
        if (!e) continue;
        auto v = read_line(*e, d);
        if (!v) continue;
        if (!looks_like_phone(*v)) {
            d.error(e->value_pos(d), "'" + e->path +
                                         "' must be a phone number such as "
                                         "+15551234567, got " +
                                         in_quotes(*v));
            continue;
        }
        *field = *v;
    }
    if (auto e = map.take("slack")) {
        if (auto v = read_line(*e, d)) r.slack = *v;
    }
    if (auto e = map.take("email")) {
        if (auto v = read_line(*e, d)) {
            if (looks_like_email(*v)) {
                r.email = *v;
            } else {
                d.error(e->value_pos(d),
                        "'" + e->path + "' must be an email address, got " + in_quotes(*v));
            }
        }
    }
    return r;
}

std::optional<Role> role_from(std::string_view s) {
    for (Role r : {Role::strategist, Role::pm, Role::lead_dev}) {
        if (s == to_string(r)) return r;
    }
    return std::nullopt;
}

}  // namespace

void read_team(const Entry& e, Diagnostics& d, std::vector<TeamMember>& out) {
    auto items = read_list(e, d);
    if (!items) return;
    FirstSeen names;
    for (const auto& item : *items) {
        auto map = read_map_item(item, e, d, "in a team member");
        if (!map) continue;
        Reach r = read_reach(*map, item);
        TeamMember m{r.name, Role::strategist, r.phone, r.sms, r.slack, r.email};
        const SourcePos name_pos = r.name_pos;
        if (auto role = map->take("role")) {
            if (auto v = read_choice(*role, d, {"strategist", "pm", "lead_dev"})) {
                m.role = *role_from(*v);
            }
        } else {
            d.error(item, "team member needs 'role' (strategist, pm or lead_dev)");
        }
        map->finish();
        if (m.name.empty()) continue;
        if (auto first = names.add(m.name, name_pos)) {
            d.error(name_pos, "duplicate team member " + in_quotes(m.name) + " (first at line " +
                                  std::to_string(first->line) + ")");
            continue;
        }
        out.push_back(std::move(m));
    }
}

void read_contacts(const Entry& e, Diagnostics& d, std::vector<Contact>& out) {
    auto items = read_list(e, d);
    if (!items) return;
    for (const auto& item : *items) {
        auto map = read_map_item(item, e, d, "in a contact");
        if (!map) continue;
        Reach r = read_reach(*map, item);
        map->finish();
        out.push_back({r.name, r.phone, r.sms, r.slack, r.email});
    }
}

void read_client_team(const Entry& e, Diagnostics& d, const std::vector<TeamMember>& team,
                      ClientTeam& out) {
    auto map = read_map(e, d);
    if (!map) return;
    for (auto [key, field] : {std::pair{"strategist", &out.strategist}, std::pair{"pm", &out.pm},
                              std::pair{"lead_dev", &out.lead_dev}}) {
        auto entry = map->take(key);
        if (!entry) continue;
        auto name = read_line(*entry, d);
        if (!name) continue;
        const bool known = std::any_of(team.begin(), team.end(),
                                       [&](const TeamMember& m) { return m.name == *name; });
        if (!known) {
            std::vector<std::string> names;
            for (const auto& m : team) names.push_back(m.name);
            std::string msg = "'" + entry->path + "' names " + in_quotes(*name) +
                              ", who is not in the top-level 'team'";
            if (auto near = closest_match(*name, names)) msg += " (did you mean '" + *near + "'?)";
            d.error(entry->value_pos(d), std::move(msg));
            continue;
        }
        *field = *name;
    }
    map->finish();
}

}  // namespace sitewatch::config::detail
