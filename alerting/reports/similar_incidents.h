#pragma once
// Past incidents worth reading when a new one opens (the seeds' debrief: "if the client, or a
// client with the same or similar setup, runs into this issue again, we have a quick way to
// resolve it"). Pure: the caller loads the summaries.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "alerting/reports/debrief.h"
#include "checks/model/finding.h"
#include "checks/model/time.h"

namespace sitewatch::reports {

struct PastIncident {
    std::uint64_t id = 0;
    std::string client;
    std::vector<std::string> client_tags;  // the client's stack: "wordpress", "woocommerce", …
    Condition condition = Condition::down;
    std::string site;
    TimePoint opened_at{};
    std::optional<TimePoint> resolved_at;
    std::string summary;
    std::optional<Debrief> debrief;
};

// What the new incident is matched on.
struct SimilarQuery {
    std::uint64_t incident_id = 0;  // never matched against itself
    std::string client;
    Condition condition = Condition::down;
    std::vector<std::string> client_tags;
};

enum class Similarity { same_client, shared_stack };
const char* to_string(Similarity s);  // "same_client", "shared_stack"

struct SimilarIncident {
    PastIncident incident;
    Similarity why = Similarity::same_client;
    std::vector<std::string> shared_tags;  // for shared_stack: the tags in common, sorted
};

inline constexpr std::size_t kSimilarIncidentsLimit = 5;

// The same condition on the same client, or on a client sharing at least one tag (tags
// compared case-insensitively, blank tags ignored). Ranked: same client first, then those
// with a debrief, then newest first (ties by higher id); at most `limit`.
std::vector<SimilarIncident> find_similar_incidents(const SimilarQuery& query,
                                                    const std::vector<PastIncident>& past,
                                                    std::size_t limit = kSimilarIncidentsLimit);

}  // namespace sitewatch::reports
