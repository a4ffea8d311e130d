#pragma once
// The monthly SLA report of one client as a document, Markdown or HTML (issue 5 item 5).
// Pure: figures in, text out; everything from configuration or people is escaped.
#include <string>

#include "alerting/sla/sla_report.h"

namespace sitewatch::sla {

// "99.9306 %" (four decimals), "n/a" when there is nothing to measure.
std::string format_percent(const std::optional<double>& percent);

// `input` lists the incidents behind the figures (the report names each one opened in the
// month, with whether it counted as downtime).
std::string render_sla_markdown(const ClientFigures& figures, const SlaInput& input);
std::string render_sla_html(const ClientFigures& figures, const SlaInput& input);

}  // namespace sitewatch::sla
