#pragma once
// What the HTTP API and the web UI may ask of the incident side of the running daemon: read
// incidents and act on them as a person would. Implemented by IncidentService; thread-safe.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alerting/escalation/escalation.h"
#include "alerting/incidents/incident.h"
#include "monitor/incidents/incident_extras.h"

namespace sitewatch {

struct IncidentFilter {
    std::optional<IncidentState> state;
    std::string client, site;  // empty: any
};

// One incident with everything known about it, copied out of the service.
struct IncidentSnapshot {
    Incident incident;
    std::optional<escalation::Escalation> escalation;  // none: it never paged anyone
    IncidentExtras extras;
};

enum class DeskOutcome { done, not_found, conflict, invalid, unavailable };

struct DeskAnswer {
    DeskOutcome outcome = DeskOutcome::done;
    std::string message;
    std::string body;          // report(): the rendered document
    std::string content_type;  // report(): text/markdown or text/html
};

// Who a signed acknowledgement link was for, to show before the person confirms.
struct AckLinkView {
    std::uint64_t incident_id = 0;
    std::string person, client, site, summary;
    IncidentState state = IncidentState::open;
};

class IncidentDesk {
public:
    virtual ~IncidentDesk() = default;
    // Newest first.
    virtual std::vector<IncidentSnapshot> incidents(const IncidentFilter& filter) const = 0;
    virtual std::optional<IncidentSnapshot> incident(std::uint64_t id) const = 0;

    // conflict when the incident is already in that state (or resolved, for acknowledge).
    virtual DeskAnswer acknowledge(std::uint64_t id, const std::string& by) = 0;
    virtual DeskAnswer resolve(std::uint64_t id, const std::string& by,
                               const std::string& note) = 0;
    // `hours`: time spent, added up for the report's "hours spent".
    virtual DeskAnswer add_note(std::uint64_t id, const std::string& by, const std::string& text,
                                std::optional<double> hours) = 0;
    // {"by", "issue", "investigation", "resolution", "prevention"}.
    virtual DeskAnswer add_debrief(std::uint64_t id, const nlohmann::json& debrief) = 0;
    // Sends the newest client update, while it is a draft, to the client's contacts (the
    // Strategist's "send" after reading it). conflict when there is no draft.
    virtual DeskAnswer send_client_update(std::uint64_t id, const std::string& by) = 0;
    // audience client|internal, format md|html.
    virtual DeskAnswer report(std::uint64_t id, std::string_view audience,
                              std::string_view format) const = 0;

    // The signed one-click links of escalation messages (ack_link.h): nullopt for a link that
    // is forged, damaged or expired.
    virtual std::optional<AckLinkView> check_ack_link(std::string_view token) const = 0;
    virtual DeskAnswer acknowledge_by_link(std::string_view token) = 0;
};

}  // namespace sitewatch
