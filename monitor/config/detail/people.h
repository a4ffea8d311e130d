#pragma once
// People: the agency's `team` (who gets paged, in which role), each client's emergency
// `contacts`, and each client's `team` assignment, which must name members of `team`.
#include <vector>

#include "monitor/config/config.h"
#include "monitor/config/detail/yaml_reader.h"

namespace sitewatch::config::detail {

void read_team(const Entry& e, Diagnostics& d, std::vector<TeamMember>& out);
void read_contacts(const Entry& e, Diagnostics& d, std::vector<Contact>& out);
void read_client_team(const Entry& e, Diagnostics& d, const std::vector<TeamMember>& team,
                      ClientTeam& out);

}  // namespace sitewatch::config::detail
