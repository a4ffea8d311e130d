#include "alerting/reports/debrief.h"

#include <cstdint>
#include <nlohmann/json.hpp>

namespace sitewatch::reports {

namespace {

std::optional<Debrief> refuse(std::string* error, std::string why) {
    if (error) *error = std::move(why);
    return std::nullopt;
}

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

}  // namespace

nlohmann::json to_json(const Debrief& d) {
    return {{"issue", d.issue},
            {"investigation", d.investigation},
            {"resolution", d.resolution},
            {"prevention", d.prevention},
            {"by", d.by},
            {"at_unix_ms", std::chrono::duration_cast<Millis>(d.at.time_since_epoch()).count()}};
}

std::string to_json_string(const Debrief& d) { return to_json(d).dump(); }

std::optional<Debrief> debrief_from_json(const nlohmann::json& j, std::string* error) {
    if (!j.is_object()) return refuse(error, "a debrief must be a JSON object");
    Debrief d;
    const std::pair<const char*, std::string*> texts[] = {{"issue", &d.issue},
                                                          {"investigation", &d.investigation},
                                                          {"resolution", &d.resolution},
                                                          {"prevention", &d.prevention},
                                                          {"by", &d.by}};
    for (const auto& [key, field] : texts) {
        const auto it = j.find(key);
        if (it == j.end()) return refuse(error, std::string("missing \"") + key + "\"");
        if (!it->is_string()) return refuse(error, std::string("\"") + key + "\" must be a string");
        *field = it->get<std::string>();
    }
    const auto at = j.find("at_unix_ms");
    if (at == j.end()) return refuse(error, "missing \"at_unix_ms\"");
    if (!at->is_number_integer()) return refuse(error, "\"at_unix_ms\" must be an integer");
    // Within the clock's nanosecond range (about 1685..2255): a wilder value would overflow
    // the conversion rather than name a date.
    constexpr std::int64_t kMaxMs = 9'000'000'000'000;
    if (at->is_number_unsigned() && at->get<std::uint64_t>() > std::uint64_t(kMaxMs))
        return refuse(error, "\"at_unix_ms\" is out of range");
    const std::int64_t at_ms = at->get<std::int64_t>();
    if (at_ms < -kMaxMs || at_ms > kMaxMs) return refuse(error, "\"at_unix_ms\" is out of range");
    d.at = TimePoint(std::chrono::duration_cast<TimePoint::duration>(Millis(at_ms)));
    if (blank(d.issue) && blank(d.investigation) && blank(d.resolution) && blank(d.prevention))
        return refuse(error, "an empty debrief says nothing");
    return d;
}

std::optional<Debrief> debrief_from_json_string(std::string_view text, std::string* error) {
    const auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return refuse(error, "not valid JSON");
    return debrief_from_json(j, error);
}

}  // namespace sitewatch::reports
