#include "alerting/reports/report_document.h"

#include "alerting/reports/report_text.h"

namespace sitewatch::reports {

Block Block::paragraph(std::string text) {
    Block b;
    b.kind = Kind::paragraph;
    b.text = std::move(text);
    return b;
}

Block Block::bullets(std::vector<std::string> items) {
    Block b;
    b.kind = Kind::bullets;
    b.items = std::move(items);
    return b;
}

Block Block::facts_of(std::vector<std::pair<std::string, std::string>> facts) {
    Block b;
    b.kind = Kind::facts;
    b.facts = std::move(facts);
    return b;
}

std::string render_markdown(const Document& doc) {
    std::string out = "# " + markdown_escape(doc.title) + "\n\n";
    if (!doc.subtitle.empty()) out += "*" + markdown_escape(doc.subtitle) + "*\n\n";
    for (const auto& s : doc.sections) {
        out += "## " + markdown_escape(s.heading) + "\n\n";
        for (const auto& b : s.blocks) {
            switch (b.kind) {
                case Block::Kind::paragraph:
                    out += markdown_escape(b.text) + "\n\n";
                    break;
                case Block::Kind::bullets:
                    for (const auto& item : b.items) out += "- " + markdown_escape(item) + "\n";
                    out += "\n";
                    break;
                case Block::Kind::facts:
                    for (const auto& [label, value] : b.facts)
                        out += "- **" + markdown_escape(label) + ":** " +
                               markdown_escape(value, false) + "\n";
                    out += "\n";
                    break;
            }
        }
    }
    while (out.size() > 1 && out[out.size() - 2] == '\n') out.pop_back();
    return out;
}

std::string render_html(const Document& doc) {
    std::string out =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
        html_escape(doc.title) +
        "</title>\n<style>\n"
        "body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;max-width:46rem;"
        "margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1f2933}\n"
        "h1{font-size:1.5rem;margin-bottom:.25rem}h2{font-size:1.15rem;margin-top:1.75rem;"
        "border-bottom:1px solid #e4e7eb;padding-bottom:.25rem}\n"
        ".subtitle{color:#616e7c;margin-top:0}dl{display:grid;grid-template-columns:max-content "
        "1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}\n"
        "</style>\n</head>\n<body>\n<h1>" +
        html_escape(doc.title) + "</h1>\n";
    if (!doc.subtitle.empty())
        out += "<p class=\"subtitle\">" + html_escape(doc.subtitle) + "</p>\n";
    for (const auto& s : doc.sections) {
        out += "<section>\n<h2>" + html_escape(s.heading) + "</h2>\n";
        for (const auto& b : s.blocks) {
            switch (b.kind) {
                case Block::Kind::paragraph:
                    out += "<p>" + html_escape(b.text) + "</p>\n";
                    break;
                case Block::Kind::bullets:
                    out += "<ul>\n";
                    for (const auto& item : b.items) out += "<li>" + html_escape(item) + "</li>\n";
                    out += "</ul>\n";
                    break;
                case Block::Kind::facts:
                    out += "<dl>\n";
                    for (const auto& [label, value] : b.facts)
                        out += "<dt>" + html_escape(label) + "</dt><dd>" + html_escape(value) +
                               "</dd>\n";
                    out += "</dl>\n";
                    break;
            }
        }
        out += "</section>\n";
    }
    out += "</body>\n</html>\n";
    return out;
}

}  // namespace sitewatch::reports
