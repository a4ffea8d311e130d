#pragma once
// Deciding what the content sensors' signals mean together (DESIGN.md, "Decisions come from
// sensor groups voting"):
//  - a strong signal is a finding with its own severity (critical for all but a few
//    signatures that are warnings by nature);
//  - two or more groups firing make one critical finding that names them all, its condition
//    taken from the most specific evidence (a signature's own condition; spam, foreign hosts,
//    redirects or a script change → defaced; a collapsed or cut-off page → malformed; a
//    replaced title or template → defaced);
//  - one weak group alone is a warning per signal: it must persist through confirmation
//    before it is even a ticket.
#include "checks/model/finding.h"
#include "checks/page/content_sensors.h"

namespace sitewatch::checks {

Findings vote(const SensorSignals& signals);

}  // namespace sitewatch::checks
