#include "alerting/status_page/status_page_html.h"

#include "alerting/reports/report_text.h"
#include "checks/text/humanize.h"

namespace sitewatch::status_page {

namespace {

using reports::html_escape;

// Colours by Statuspage's conventions; the class names are the status names.
constexpr const char* kStyle =
    "body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 "
    "1rem;color:#222}h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem}"
    ".banner{padding:1rem;border-radius:.4rem;color:#fff;font-weight:600;background:#2fcc66}"
    ".banner.minor{background:#f1c40f;color:#222}.banner.major{background:#e67e22}"
    ".banner.critical{background:#e74c3c}"
    "ul.components{list-style:none;padding:0;border:1px solid #ddd;border-radius:.4rem}"
    "ul.components li{display:flex;justify-content:space-between;padding:.7rem "
    "1rem;border-top:1px solid #ddd}ul.components li:first-child{border-top:0}"
    ".operational{color:#2fcc66}.degraded_performance{color:#b7950b}.partial_outage{color:#e67e22}"
    ".major_outage{color:#e74c3c}.under_maintenance{color:#3498db}"
    ".incident{border:1px solid #ddd;border-radius:.4rem;padding:.2rem 1rem;margin:1rem 0}"
    ".incident h3{font-size:1.05rem}.impact-critical h3{color:#e74c3c}.impact-major "
    "h3{color:#e67e22}.impact-minor h3{color:#b7950b}.update{margin:.6rem 0}"
    ".update time,footer{color:#777;font-size:.85rem}";

std::string head(const std::string& title) {
    return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
           "<meta name=\"viewport\" content=\"width=device-width\">"
           "<meta http-equiv=\"refresh\" content=\"60\"><meta name=\"robots\" content=\"noindex\">"
           "<title>" +
           html_escape(title) + "</title><style>" + kStyle + "</style></head>\n<body>\n";
}

std::string time_element(TimePoint t) {
    return "<time datetime=\"" + checks::format_rfc3339(t) + "\">" + reports::format_time(t) +
           "</time>";
}

std::string incident_html(const PublicIncident& i) {
    std::string out = "<article class=\"incident impact-" + std::string(to_string(i.impact)) +
                      "\" id=\"incident-" + html_escape(i.id) + "\"><h3>" + html_escape(i.name) +
                      "</h3>\n";
    for (const auto& u : i.updates)
        out += "<div class=\"update " + std::string(to_string(u.status)) + "\"><strong>" +
               label(u.status) + "</strong> &ndash; " + html_escape(u.body) + "<br>" +
               time_element(u.at) + "</div>\n";
    return out + "</article>\n";
}

}  // namespace

std::string render_html(const StatusPage& page) {
    std::string out = head(page.name + " status");
    out += "<header><h1>" + html_escape(page.name) + " status</h1></header>\n<main>\n";
    out += "<p class=\"banner " + std::string(to_string(page.indicator)) + "\">" +
           html_escape(page.description) + "</p>\n";

    out += "<h2>Components</h2>\n<ul class=\"components\">\n";
    for (const auto& c : page.components)
        out += "<li><span>" + html_escape(c.name) + "</span><span class=\"" + to_string(c.status) +
               "\">" + label(c.status) + "</span></li>\n";
    out += "</ul>\n";

    std::string active, past;
    for (const auto& i : page.incidents)
        (i.status == IncidentStatus::resolved ? past : active) += incident_html(i);
    out += "<h2>Active incidents</h2>\n";
    out += active.empty() ? "<p>No active incidents.</p>\n" : active;
    out += "<h2>Past incidents (last 7 days)</h2>\n";
    out += past.empty() ? "<p>No incidents reported.</p>\n" : past;

    out += "</main>\n<footer><p>Last updated " + time_element(page.updated_at) +
           ". This page refreshes every minute.</p></footer>\n</body></html>\n";
    return out;
}

std::string render_not_found_html() {
    return head("Status page not found") +
           "<main><h1>Status page not found</h1><p>There is no status page at this "
           "address. Please check the link you were given.</p></main>\n</body></html>\n";
}

}  // namespace sitewatch::status_page
