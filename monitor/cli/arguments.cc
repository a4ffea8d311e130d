#include "monitor/cli/arguments.h"

namespace sitewatch::cli {

std::optional<std::string> Arguments::value(const std::string& name) const {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
}

ParseOutcome parse_arguments(int argc, char** argv, int first, const ArgumentSpec& spec) {
    ParseOutcome out;
    for (int i = first; i < argc; ++i) {
        std::string a = argv[i];
        if (a.rfind("--", 0) == 0 && a.size() > 2) {
            std::string name = a.substr(2);
            std::optional<std::string> inline_value;
            if (auto eq = name.find('='); eq != std::string::npos) {
                inline_value = name.substr(eq + 1);
                name = name.substr(0, eq);
            }
            if (spec.valued.count(name)) {
                if (inline_value) {
                    out.args.values[name] = *inline_value;
                } else if (i + 1 < argc) {
                    out.args.values[name] = argv[++i];
                } else {
                    out.error = "--" + name + " needs a value";
                    return out;
                }
            } else if (spec.switches.count(name) && !inline_value) {
                out.args.switches.insert(name);
            } else {
                out.error = "unknown option --" + name;
                return out;
            }
        } else {
            if (out.args.positionals.size() >= spec.max_positionals) {
                out.error = "unexpected argument '" + a + "'";
                return out;
            }
            out.args.positionals.push_back(a);
        }
    }
    return out;
}

}  // namespace sitewatch::cli
