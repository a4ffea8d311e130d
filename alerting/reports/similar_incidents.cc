#include "alerting/reports/similar_incidents.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <set>
#include <tuple>

namespace sitewatch::reports {

namespace {

std::string tag_key(const std::string& tag) {
    std::string out;
    for (char c : tag)
        if (!std::isspace(static_cast<unsigned char>(c)))
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::set<std::string> tag_set(const std::vector<std::string>& tags) {
    std::set<std::string> out;
    for (const auto& t : tags)
        if (auto k = tag_key(t); !k.empty()) out.insert(std::move(k));
    return out;
}

}  // namespace

const char* to_string(Similarity s) {
    return s == Similarity::same_client ? "same_client" : "shared_stack";
}

std::vector<SimilarIncident> find_similar_incidents(const SimilarQuery& query,
                                                    const std::vector<PastIncident>& past,
                                                    std::size_t limit) {
    const auto wanted = tag_set(query.client_tags);
    std::vector<SimilarIncident> out;
    for (const auto& p : past) {
        if (p.id == query.incident_id || p.condition != query.condition) continue;
        if (p.client == query.client) {
            out.push_back({p, Similarity::same_client, {}});
            continue;
        }
        std::vector<std::string> shared;
        const auto theirs = tag_set(p.client_tags);
        std::set_intersection(wanted.begin(), wanted.end(), theirs.begin(), theirs.end(),
                              std::back_inserter(shared));
        if (!shared.empty()) out.push_back({p, Similarity::shared_stack, std::move(shared)});
    }
    std::sort(out.begin(), out.end(), [](const SimilarIncident& a, const SimilarIncident& b) {
        const auto rank = [](const SimilarIncident& s) {
            return std::tuple(s.why == Similarity::same_client, s.incident.debrief.has_value(),
                              s.incident.opened_at, s.incident.id);
        };
        return rank(a) > rank(b);
    });
    if (out.size() > limit) out.resize(limit);
    return out;
}

}  // namespace sitewatch::reports
