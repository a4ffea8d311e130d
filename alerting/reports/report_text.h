#pragma once
// Small text helpers shared by the reports: escaping for the two output formats, removing
// contact details from what a client reads, and times and durations in words.
#include <string>
#include <string_view>

#include "checks/model/time.h"

namespace sitewatch::reports {

// & < > " ' as entities; control characters other than tab and newline dropped.
std::string html_escape(std::string_view text);
// One line of user-supplied text made inert in Markdown: newlines become spaces and every
// character that could start emphasis, code, links, HTML, entities or tables, or a block at
// the start ("-", "+", "=", "1." when the text begins a line), is backslash-escaped.
std::string markdown_escape(std::string_view text, bool at_line_start = true);
// Email addresses and phone numbers replaced ("[email removed]", "[phone removed]"), for text
// people wrote that a client will read.
std::string redact_contacts(std::string_view text);
// "2026-11-24 12:03 UTC".
std::string format_time(TimePoint t);
// "1 hour 23 minutes", "45 minutes", "2 days 3 hours", "less than a minute".
std::string format_duration(Millis d);
// "2.5 hours", "1 hour", "0.25 hours".
std::string format_hours(double hours);

}  // namespace sitewatch::reports
