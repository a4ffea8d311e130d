#pragma once
// A report as plain structure (title, sections of paragraphs, bullet lists and facts), so
// that what is said is decided once and the Markdown and HTML renderers only format and
// escape. Every string here is plain, unescaped text.
#include <string>
#include <utility>
#include <vector>

namespace sitewatch::reports {

struct Block {
    enum class Kind { paragraph, bullets, facts };
    Kind kind = Kind::paragraph;
    std::string text;                                        // paragraph
    std::vector<std::string> items;                          // bullets
    std::vector<std::pair<std::string, std::string>> facts;  // label, value

    static Block paragraph(std::string text);
    static Block bullets(std::vector<std::string> items);
    static Block facts_of(std::vector<std::pair<std::string, std::string>> facts);
};

struct Section {
    std::string heading;
    std::vector<Block> blocks;
};

struct Document {
    std::string title;
    std::string subtitle;
    std::vector<Section> sections;
};

// "# title", "## heading", paragraphs, "- item" lists and "- **label:** value" facts; all
// text escaped with markdown_escape.
std::string render_markdown(const Document& doc);
// A complete standalone HTML5 document with a little inline CSS; all text HTML-escaped.
std::string render_html(const Document& doc);

}  // namespace sitewatch::reports
