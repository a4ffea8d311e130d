#pragma once
// The escalation policy of one paged incident (the seeds' emergency process; research
// incidents.md §1.4, Grafana OnCall's escalation chain with personal notification rules):
//
//  * Level by level through the client's team in `order` (Strategist, then PM, then lead
//    developer). At a level, each person is tried on their channels in `channels` order
//    (phone, SMS, Slack, email) until one is delivered: a failure makes the next channel due
//    at once; a channel the person has no address for is skipped.
//  * From the level's first delivery, `ack_timeout` for an acknowledgement; then the next
//    level. A level where nobody could be reached on any channel ends at once (waiting for an
//    acknowledgement nobody was asked for only delays the next person).
//  * A step handed out but never reported (a stuck outbox) counts as failed `ack_timeout`
//    after it was handed out, so one lost report cannot stall the chain.
//  * When the chain is exhausted: everyone in it on every channel they have, `final_rounds`
//    times, `final_round_interval` apart (each round timed from the one before, so a daemon
//    that slept through several rounds sends one, not a burst); then nothing.
//  * An acknowledgement (API, UI or a signed link, ack_link.h) or cancel() (the incident
//    resolved) stops everything: no step is ever due again.
//
// Pure: no I/O, no clock (every call takes the time). The outbox elsewhere sends the steps and
// reports back with delivered()/failed(); it deduplicates by step_id, which is stable: a step
// handed out before a crash and restored from to_json() is handed out again with the same id.
// Times are kept to the millisecond (what to_json stores), so a restore resumes exactly.
#include <chrono>
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checks/model/time.h"

namespace sitewatch::escalation {

// Same names as config::Role and the config's `escalation.order`, but independent of the
// config model so that this stays a leaf.
enum class Role { strategist, pm, lead_dev };
const char* to_string(Role r);  // "strategist", "pm", "lead_dev"
std::optional<Role> parse_role(std::string_view s);
// For timelines: "Strategist", "PM", "lead developer".
const char* describe(Role r);

enum class Channel { phone, sms, slack, email };
const char* to_string(Channel c);  // "phone", "sms", "slack", "email": the config's names
std::optional<Channel> parse_channel(std::string_view s);

struct Person {
    std::string name;
    Role role = Role::strategist;
    std::string phone, sms, slack, email;

    // The person's address on a channel; empty when they have none (that channel is skipped).
    const std::string& address(Channel c) const;
    friend bool operator==(const Person&, const Person&) = default;
};

struct EscalationPolicy {
    std::vector<Role> order{Role::strategist, Role::pm, Role::lead_dev};
    std::vector<Channel> channels{Channel::phone, Channel::sms, Channel::slack, Channel::email};
    std::chrono::milliseconds ack_timeout{5 * 60 * 1000};
    int final_rounds = 3;  // below 0 counts as 0
    std::chrono::milliseconds final_round_interval{5 * 60 * 1000};
    friend bool operator==(const EscalationPolicy&, const EscalationPolicy&) = default;
};

struct NotificationStep {
    // "<incident>:<level>:<round>:<person>:<channel>": unique within the incident (levels and
    // rounds are numbers, the channel is last) and the same across restarts.
    std::string step_id;
    Person person;
    Channel channel = Channel::phone;
    std::string address;
    int level = 1;  // 1.. for the chain's levels; levels()+1 for the final broadcast
    int round = 0;  // 0 in the chain; 1..final_rounds in the final broadcast
    friend bool operator==(const NotificationStep&, const NotificationStep&) = default;
};

enum class StepStatus { outstanding, delivered, failed, timed_out };
const char* to_string(StepStatus s);

// Every step handed out so far, with what became of it (for the timeline, the UI, tests).
struct StepRecord {
    NotificationStep step;
    TimePoint handed_out_at{};
    StepStatus status = StepStatus::outstanding;
    std::optional<TimePoint> outcome_at;
    std::string why;  // the failure reason
    friend bool operator==(const StepRecord&, const StepRecord&) = default;
};

struct TimelineEntry {
    TimePoint at{};
    std::string text;  // "no PM for this client: skipped", "Dana (Strategist) acknowledged"
    friend bool operator==(const TimelineEntry&, const TimelineEntry&) = default;
};

class Escalation {
public:
    // `people`: the client's team (clients[].team resolved against `team`), in any order; they
    // are arranged by `policy.order`, several people with one role share a level. A role of
    // the order nobody holds is skipped, and so is a person whose role is not in the order;
    // both are said in the timeline. Nothing is due before the first due() call.
    Escalation(std::uint64_t incident_id, std::vector<Person> people, EscalationPolicy policy,
               TimePoint started);

    // The steps to send now, each once per process: a step restored from to_json() that was
    // still outstanding is handed out again (same id). Nothing after acknowledge()/cancel().
    std::vector<NotificationStep> due(TimePoint now);

    // Outcome reports from the outbox. False (and ignored) for an unknown step id or a step
    // that already has an outcome; a late report for a step that timed out is recorded.
    bool delivered(std::string_view step_id, TimePoint at);
    bool failed(std::string_view step_id, TimePoint at, std::string why);

    // Stops the escalation for good. False if it was already stopped.
    bool acknowledge(std::string_view who, TimePoint at);
    // The incident resolved (or was closed) before anyone acknowledged: stops it too.
    bool cancel(TimePoint at, std::string_view why);

    // When due() next has something to do; a time at or before now means "call due() now".
    // Nullopt when nothing more will ever be due (stopped, or the last round handed out).
    std::optional<TimePoint> next_wakeup() const;

    std::uint64_t incident_id() const { return incident_id_; }
    const EscalationPolicy& policy() const { return policy_; }
    const std::vector<Person>& people() const { return people_; }
    TimePoint started() const { return started_; }
    // Number of chain levels (roles with at least one person), and the current one (1-based;
    // levels()+1 once the chain is exhausted).
    int levels() const { return int(levels_.size()); }
    int level() const { return level_ + 1; }
    // Every level tried without an acknowledgement: the final broadcast has begun (or is over).
    bool exhausted() const { return level_ >= levels(); }
    int final_rounds_sent() const { return final_rounds_sent_; }
    bool acknowledged() const { return acknowledged_by_.has_value(); }
    const std::optional<std::string>& acknowledged_by() const { return acknowledged_by_; }
    std::optional<TimePoint> acknowledged_at() const { return acknowledged_at_; }
    bool stopped() const { return stopped_at_.has_value(); }
    // Stopped, or exhausted with every final round handed out.
    bool finished() const;
    const std::vector<StepRecord>& steps() const { return steps_; }
    const std::vector<TimelineEntry>& timeline() const { return timeline_; }

    // Everything, times as Unix milliseconds: {"version": 1, "incident_id", "policy", "people",
    // "started_at_unix_ms", "level", "level_started_at_unix_ms", "first_delivery_at_unix_ms",
    // "final_rounds_sent", "next_final_round_at_unix_ms", "acknowledged_by",
    // "acknowledged_at_unix_ms", "stopped_at_unix_ms", "last_change_at_unix_ms", "steps",
    // "timeline"}.
    nlohmann::json to_json() const;
    std::string to_json_string() const;
    // Strict: a missing or mistyped key, an unknown enum name, a step whose id does not match
    // its fields or an inconsistent state is refused (nullopt, the reason in *error); never
    // throws.
    static std::optional<Escalation> from_json(const nlohmann::json& j,
                                               std::string* error = nullptr);
    static std::optional<Escalation> from_json_string(std::string_view text,
                                                      std::string* error = nullptr);

    // Same state (the per-process "handed out already" marks aside).
    friend bool operator==(const Escalation& a, const Escalation& b);

private:
    struct Level {
        Role role = Role::strategist;
        std::vector<int> people;  // indexes into people_
    };
    Escalation() = default;
    void arrange(bool with_notes);
    void advance_into_level();
    void note(TimePoint at, std::string text);
    NotificationStep make_step(int person, Channel channel, int level, int round) const;
    StepRecord* find(std::string_view step_id);
    void time_out(TimePoint now);
    void advance(TimePoint at, std::string why);
    std::vector<Channel> reachable_channels(int person) const;
    std::optional<Channel> next_channel(int person, int level) const;
    bool has_outstanding(int person, int level) const;
    bool reached(int person, int level) const;
    std::string who(int person) const;

    std::uint64_t incident_id_ = 0;
    EscalationPolicy policy_;
    std::vector<Person> people_;
    std::vector<Level> levels_;  // derived from people_ and policy_.order
    TimePoint started_{};
    int level_ = 0;  // index into levels_; levels_.size() once exhausted
    TimePoint level_started_at_{};
    std::optional<TimePoint> first_delivery_at_;  // at the current level
    int final_rounds_sent_ = 0;
    std::optional<TimePoint> next_final_round_at_;
    std::optional<std::string> acknowledged_by_;
    std::optional<TimePoint> acknowledged_at_;
    std::optional<TimePoint> stopped_at_;
    TimePoint last_change_at_{};  // of the last report or transition (next_wakeup's "now")
    std::vector<StepRecord> steps_;
    std::vector<bool> handed_out_;  // per step, this process: not persisted
    std::vector<TimelineEntry> timeline_;
};

}  // namespace sitewatch::escalation
