#pragma once
// The public status page as one server-rendered HTML document: no script, one inline style
// sheet, a 60-second meta refresh, every text escaped. Pure.
#include <string>

#include "alerting/status_page/status_page.h"

namespace sitewatch::status_page {

std::string render_html(const StatusPage& page);
// The page for a client that is not configured (answered with 404).
std::string render_not_found_html();

}  // namespace sitewatch::status_page
