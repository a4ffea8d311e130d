#include "monitor/config/detail/yaml_document.h"

#include <yaml-cpp/eventhandler.h>

#include <sstream>
#include <vector>

namespace sitewatch::config::detail {

namespace {

// Notes where each document starts and ignores the rest: only the count matters here.
class DocumentStarts : public YAML::EventHandler {
  public:
    void OnDocumentStart(const YAML::Mark& mark) override { starts.push_back(mark); }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
    void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  const std::string&) override {}
    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                         YAML::EmitterStyle::value) override {}
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                    YAML::EmitterStyle::value) override {}
    void OnMapEnd() override {}

    std::vector<YAML::Mark> starts;
};

}  // namespace

YAML::Node parse_single_document(const std::string& text, Diagnostics& d) {
    try {
        // First pass: at most two documents, each handled once, so nothing can loop.
        std::istringstream stream(text);
        YAML::Parser parser(stream);
        DocumentStarts scan;
        if (!parser.HandleNextDocument(scan)) return YAML::Node();  // no document at all
        if (parser.HandleNextDocument(scan) && scan.starts.size() == 2) {
            const YAML::Mark second = scan.starts[1];
            if (second.pos == scan.starts[0].pos) {
                // The parser did not move: a token no document can start with.
                const auto at = static_cast<std::size_t>(second.pos);
                const std::string token = at < text.size() ? text.substr(at, 1) : "";
                d.error(d.pos(second), "YAML syntax error: unexpected " + in_quotes(token));
            } else {
                d.error(d.pos(second), "only one YAML document is allowed in a config file");
            }
            return YAML::Node();
        }
        // Second pass: the tree of the one document, with positions.
        return YAML::Load(text);
    } catch (const YAML::Exception& e) {
        // ParserException, and DeepRecursion for absurd nesting, carry a mark.
        d.error(d.pos(e.mark), "YAML syntax error: " + e.msg);
        return YAML::Node();
    }
}

}  // namespace sitewatch::config::detail
