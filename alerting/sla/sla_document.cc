#include "alerting/sla/sla_document.h"

#include <cstdio>
#include <vector>

#include "alerting/reports/report_text.h"

namespace sitewatch::sla {

namespace {

using reports::format_duration;
using reports::format_time;

std::string minutes_text(Millis m) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.1f min", std::chrono::duration<double>(m).count() / 60.0);
    return buf;
}

std::string span_text(const std::optional<double>& secs) {
    if (!secs) return "n/a";
    return format_duration(Millis(static_cast<long long>(*secs * 1000)));
}

std::string counts_text(const std::map<std::string, int>& counts) {
    std::string out;
    for (const auto& [k, n] : counts)
        out += (out.empty() ? "" : ", ") + k + " " + std::to_string(n);
    return out.empty() ? "none" : out;
}

// One table of text cells; rendered as a Markdown pipe table or an HTML table.
struct Table {
    std::vector<std::string> head;
    std::vector<std::vector<std::string>> rows;
};

struct Section {
    std::string title;
    std::vector<std::string> paragraphs;
    std::optional<Table> table;
};

// markdown_escape covers "|" too, so a cell cannot split the table.
std::string md_cell(const std::string& s) { return reports::markdown_escape(s, false); }

// The report's content once; the two renderers only lay it out.
std::vector<Section> sections(const ClientFigures& f, const SlaInput& in) {
    std::vector<Section> out;
    Section summary{"Summary", {}, Table{{"Measure", "Value"}, {}}};
    auto& rows = summary.table->rows;
    rows.push_back({"Period", format_time(f.from) + " to " + format_time(f.to)});
    rows.push_back({"Uptime", format_percent(f.uptime_percent)});
    rows.push_back({"Downtime", minutes_text(f.downtime)});
    rows.push_back({"Maintenance", minutes_text(f.maintenance)});
    rows.push_back({"Incidents", std::to_string(f.incidents.total)});
    rows.push_back({"By condition", counts_text(f.incidents.by_condition)});
    rows.push_back({"By severity", counts_text(f.incidents.by_severity)});
    rows.push_back(
        {"Time to acknowledge (mean / p90)",
         span_text(f.time_to_acknowledge.mean) + " / " + span_text(f.time_to_acknowledge.p90)});
    rows.push_back({"Time to resolve (mean / p90)",
                    span_text(f.time_to_resolve.mean) + " / " + span_text(f.time_to_resolve.p90)});
    rows.push_back({"Longest outage", minutes_text(f.longest_outage)});
    out.push_back(std::move(summary));

    Section sites{"Sites",
                  {},
                  Table{{"Site", "URL", "Uptime", "Downtime", "Maintenance", "Incidents",
                         "Longest outage", "Certificate days left"},
                        {}}};
    for (const auto& s : f.sites)
        sites.table->rows.push_back({s.site, s.url, format_percent(s.uptime_percent),
                                     minutes_text(s.downtime), minutes_text(s.maintenance),
                                     std::to_string(s.incidents.total),
                                     minutes_text(s.longest_outage),
                                     s.tls_days_left ? std::to_string(*s.tls_days_left) : "n/a"});
    out.push_back(std::move(sites));

    Section incidents{"Incidents", {}, std::nullopt};
    Table t{{"Incident", "Site", "Condition", "Severity", "Opened", "Resolved", "Downtime"}, {}};
    for (const auto& i : in.incidents) {
        if (i.opened_at < f.from || i.opened_at >= f.to) continue;
        const bool down =
            i.severity == "critical" && (i.condition == "down" || i.condition == "error");
        t.rows.push_back({"#" + std::to_string(i.id), i.site, i.condition, i.severity,
                          format_time(i.opened_at),
                          i.resolved_at ? format_time(*i.resolved_at) : "still open",
                          down ? "counts" : "not downtime"});
    }
    if (t.rows.empty())
        incidents.paragraphs.push_back("No incidents opened this month.");
    else
        incidents.table = std::move(t);
    out.push_back(std::move(incidents));

    out.push_back({"Definition", {kSlaDefinition}, std::nullopt});
    return out;
}

std::string title(const ClientFigures& f) {
    return "SLA report: " + f.client + ", " + f.month.text();
}

}  // namespace

std::string format_percent(const std::optional<double>& percent) {
    if (!percent) return "n/a";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.4f %%", *percent);
    return buf;
}

std::string render_sla_markdown(const ClientFigures& f, const SlaInput& in) {
    std::string out = "# " + reports::markdown_escape(title(f), false) + "\n";
    for (const auto& s : sections(f, in)) {
        out += "\n## " + s.title + "\n\n";
        for (const auto& p : s.paragraphs) out += reports::markdown_escape(p) + "\n\n";
        if (!s.table) continue;
        std::string head = "|", rule = "|";
        for (const auto& h : s.table->head) {
            head += " " + md_cell(h) + " |";
            rule += " --- |";
        }
        out += head + "\n" + rule + "\n";
        for (const auto& row : s.table->rows) {
            std::string line = "|";
            for (const auto& cell : row) line += " " + md_cell(cell) + " |";
            out += line + "\n";
        }
    }
    return out;
}

std::string render_sla_html(const ClientFigures& f, const SlaInput& in) {
    using reports::html_escape;
    std::string out =
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" +
        html_escape(title(f)) +
        "</title><style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto}"
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;"
        "text-align:left}</style></head><body>\n<h1>" +
        html_escape(title(f)) + "</h1>\n";
    for (const auto& s : sections(f, in)) {
        out += "<h2>" + html_escape(s.title) + "</h2>\n";
        for (const auto& p : s.paragraphs) out += "<p>" + html_escape(p) + "</p>\n";
        if (!s.table) continue;
        out += "<table><thead><tr>";
        for (const auto& h : s.table->head) out += "<th>" + html_escape(h) + "</th>";
        out += "</tr></thead><tbody>\n";
        for (const auto& row : s.table->rows) {
            out += "<tr>";
            for (const auto& cell : row) out += "<td>" + html_escape(cell) + "</td>";
            out += "</tr>\n";
        }
        out += "</tbody></table>\n";
    }
    return out + "</body></html>\n";
}

}  // namespace sitewatch::sla
