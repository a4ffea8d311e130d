#pragma once
// Facts read off an Incident that several reports need, each worked out once.
#include <optional>
#include <string>
#include <vector>

#include "alerting/incidents/incident.h"

namespace sitewatch::reports {

// The note given when resolving by hand (the "resolved" timeline entry's, else the note logged
// at the resolution time by the resolver); empty when there is none.
std::string resolution_note(const Incident& incident);
// The incident's notes and `extra` (e.g. from the store), oldest first, each once.
std::vector<Note> merged_notes(const Incident& incident, const std::vector<Note>& extra);
// The rule id that best describes the incident: the first evidence's, else the first one in
// the timeline; empty when none was recorded.
std::string main_rule(const Incident& incident);
// The site's name as people know it: the site, else the URL, else "the website".
std::string site_label(const Incident& incident);
// "Resolved", "Acknowledged, being worked on", "Open, being investigated".
std::string state_words(const Incident& incident);

}  // namespace sitewatch::reports
