#include "alerting/escalation/escalation.h"

#include <algorithm>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <utility>

namespace sitewatch::escalation {

using nlohmann::json;
using std::chrono::milliseconds;

namespace {

constexpr int kStateVersion = 1;

// Every time is kept to the millisecond, what to_json stores, so a restored escalation is
// exactly the one that was saved.
TimePoint ms(TimePoint t) { return std::chrono::floor<milliseconds>(t); }
std::int64_t to_unix_ms(TimePoint t) {
    return std::chrono::duration_cast<milliseconds>(t.time_since_epoch()).count();
}
TimePoint from_unix_ms(std::int64_t v) { return TimePoint(milliseconds(v)); }
json opt_time(const std::optional<TimePoint>& t) {
    return t ? json(to_unix_ms(*t)) : json(nullptr);
}

std::string describe_duration(milliseconds d) {
    const auto n = d.count();
    if (n != 0 && n % 3'600'000 == 0) return std::to_string(n / 3'600'000) + "h";
    if (n != 0 && n % 60'000 == 0) return std::to_string(n / 60'000) + "m";
    if (n != 0 && n % 1000 == 0) return std::to_string(n / 1000) + "s";
    return std::to_string(n) + "ms";
}

const char* describe(Channel c) {
    switch (c) {
        case Channel::phone:
            return "phone call";
        case Channel::sms:
            return "SMS";
        case Channel::slack:
            return "Slack message";
        case Channel::email:
            return "email";
    }
    return "message";
}

// --- strict JSON reading: every helper throws Refused with the reason ---------------------

struct Refused : std::runtime_error {
    using std::runtime_error::runtime_error;
};

void expect_keys(const json& o, const char* what, std::initializer_list<const char*> keys) {
    if (!o.is_object()) throw Refused(std::string(what) + ": expected an object");
    for (const char* k : keys)
        if (!o.contains(k)) throw Refused(std::string(what) + ": missing \"" + k + "\"");
    for (const auto& [k, v] : o.items()) {
        (void)v;
        if (std::none_of(keys.begin(), keys.end(), [&](const char* x) { return k == x; }))
            throw Refused(std::string(what) + ": unknown key \"" + k + "\"");
    }
}
std::int64_t integer(const json& o, const char* key) {
    const auto& v = o.at(key);
    if (!v.is_number_integer()) throw Refused(std::string("\"") + key + "\" must be an integer");
    return v.get<std::int64_t>();
}
int small_int(const json& o, const char* key, std::int64_t lo, std::int64_t hi) {
    const auto v = integer(o, key);
    if (v < lo || v > hi)
        throw Refused(std::string("\"") + key + "\" out of range: " + std::to_string(v));
    return int(v);
}
std::string string(const json& o, const char* key) {
    const auto& v = o.at(key);
    if (!v.is_string()) throw Refused(std::string("\"") + key + "\" must be a string");
    return v.get<std::string>();
}
std::optional<std::string> opt_string(const json& o, const char* key) {
    if (o.at(key).is_null()) return std::nullopt;
    return string(o, key);
}
TimePoint time(const json& o, const char* key) { return from_unix_ms(integer(o, key)); }
std::optional<TimePoint> opt_time(const json& o, const char* key) {
    if (o.at(key).is_null()) return std::nullopt;
    return time(o, key);
}
template <typename T, typename Parse>
T enum_value(const json& v, const char* what, Parse parse) {
    const auto parsed = v.is_string() ? parse(v.get<std::string>()) : std::nullopt;
    if (!parsed) throw Refused(std::string("unknown ") + what + " " + v.dump());
    return *parsed;
}

std::optional<StepStatus> parse_status(std::string_view s) {
    for (const auto st : {StepStatus::outstanding, StepStatus::delivered, StepStatus::failed,
                          StepStatus::timed_out})
        if (s == to_string(st)) return st;
    return std::nullopt;
}

}  // namespace

// --- names -------------------------------------------------------------------------------------

const char* to_string(Role r) {
    switch (r) {
        case Role::strategist:
            return "strategist";
        case Role::pm:
            return "pm";
        case Role::lead_dev:
            return "lead_dev";
    }
    return "strategist";
}
std::optional<Role> parse_role(std::string_view s) {
    for (const auto r : {Role::strategist, Role::pm, Role::lead_dev})
        if (s == to_string(r)) return r;
    return std::nullopt;
}
const char* describe(Role r) {
    switch (r) {
        case Role::strategist:
            return "Strategist";
        case Role::pm:
            return "PM";
        case Role::lead_dev:
            return "lead developer";
    }
    return "Strategist";
}

const char* to_string(Channel c) {
    switch (c) {
        case Channel::phone:
            return "phone";
        case Channel::sms:
            return "sms";
        case Channel::slack:
            return "slack";
        case Channel::email:
            return "email";
    }
    return "phone";
}
std::optional<Channel> parse_channel(std::string_view s) {
    for (const auto c : {Channel::phone, Channel::sms, Channel::slack, Channel::email})
        if (s == to_string(c)) return c;
    return std::nullopt;
}

const char* to_string(StepStatus s) {
    switch (s) {
        case StepStatus::outstanding:
            return "outstanding";
        case StepStatus::delivered:
            return "delivered";
        case StepStatus::failed:
            return "failed";
        case StepStatus::timed_out:
            return "timed_out";
    }
    return "outstanding";
}

const std::string& Person::address(Channel c) const {
    switch (c) {
        case Channel::phone:
            return phone;
        case Channel::sms:
            return sms;
        case Channel::slack:
            return slack;
        case Channel::email:
            return email;
    }
    return email;
}

// --- the escalation --------------------------------------------------------------------------

Escalation::Escalation(std::uint64_t incident_id, std::vector<Person> people,
                       EscalationPolicy policy, TimePoint started)
    : incident_id_(incident_id), policy_(std::move(policy)), people_(std::move(people)) {
    policy_.ack_timeout = std::max(policy_.ack_timeout, milliseconds(0));
    policy_.final_round_interval = std::max(policy_.final_round_interval, milliseconds(0));
    policy_.final_rounds = std::max(policy_.final_rounds, 0);
    started_ = level_started_at_ = last_change_at_ = ms(started);
    note(started_, "escalation started");
    arrange(true);
    if (levels_.empty()) {
        note(started_, "nobody in the escalation chain: nobody is notified");
        level_ = 0;
    } else {
        advance_into_level();
    }
}

// Levels from people_ by policy_.order. A repeated role in the order counts once, a person
// listed twice at a level once (by name).
void Escalation::arrange(bool with_notes) {
    levels_.clear();
    std::vector<Role> seen;
    for (const Role role : policy_.order) {
        if (std::find(seen.begin(), seen.end(), role) != seen.end()) continue;
        seen.push_back(role);
        Level level{role, {}};
        for (int p = 0; p < int(people_.size()); ++p) {
            if (people_[p].role != role) continue;
            const bool dup = std::any_of(level.people.begin(), level.people.end(),
                                         [&](int q) { return people_[q].name == people_[p].name; });
            if (!dup) level.people.push_back(p);
        }
        if (level.people.empty()) {
            if (with_notes)
                note(started_, std::string("no ") + describe(role) + " for this client: skipped");
            continue;
        }
        levels_.push_back(std::move(level));
    }
    if (with_notes)
        for (const auto& person : people_)
            if (std::find(seen.begin(), seen.end(), person.role) == seen.end())
                note(started_, person.name + " (" + describe(person.role) +
                                   ") is not in the escalation order: not notified");
}

void Escalation::advance_into_level() {
    const auto& level = levels_[level_];
    std::string names;
    for (const int p : level.people) names += (names.empty() ? "" : ", ") + people_[p].name;
    note(level_started_at_,
         "level " + std::to_string(level_ + 1) + ": " + describe(level.role) + " (" + names + ")");
}

void Escalation::note(TimePoint at, std::string text) {
    timeline_.push_back({at, std::move(text)});
}

std::string Escalation::who(int person) const {
    return people_[person].name + " (" + describe(people_[person].role) + ")";
}

NotificationStep Escalation::make_step(int person, Channel channel, int level, int round) const {
    const auto& p = people_[person];
    NotificationStep s;
    s.step_id = std::to_string(incident_id_) + ":" + std::to_string(level) + ":" +
                std::to_string(round) + ":" + p.name + ":" + to_string(channel);
    s.person = p;
    s.channel = channel;
    s.address = p.address(channel);
    s.level = level;
    s.round = round;
    return s;
}

StepRecord* Escalation::find(std::string_view step_id) {
    for (auto& r : steps_)
        if (r.step.step_id == step_id) return &r;
    return nullptr;
}

std::vector<Channel> Escalation::reachable_channels(int person) const {
    std::vector<Channel> out;
    for (const Channel c : policy_.channels)
        if (!people_[person].address(c).empty() &&
            std::find(out.begin(), out.end(), c) == out.end())
            out.push_back(c);
    return out;
}

// Steps of `person` at chain level index `level`, in the order they were handed out.
std::optional<Channel> Escalation::next_channel(int person, int level) const {
    std::size_t tried = 0;
    for (const auto& r : steps_)
        if (r.step.level == level + 1 && r.step.round == 0 &&
            r.step.person.name == people_[person].name)
            ++tried;
    const auto channels = reachable_channels(person);
    if (tried >= channels.size()) return std::nullopt;
    return channels[tried];
}

bool Escalation::has_outstanding(int person, int level) const {
    return std::any_of(steps_.begin(), steps_.end(), [&](const StepRecord& r) {
        return r.step.level == level + 1 && r.step.round == 0 &&
               r.step.person.name == people_[person].name && r.status == StepStatus::outstanding;
    });
}

bool Escalation::reached(int person, int level) const {
    return std::any_of(steps_.begin(), steps_.end(), [&](const StepRecord& r) {
        return r.step.level == level + 1 && r.step.round == 0 &&
               r.step.person.name == people_[person].name && r.status == StepStatus::delivered;
    });
}

// A chain step without a report `ack_timeout` after it was handed out counts as failed.
void Escalation::time_out(TimePoint now) {
    if (exhausted()) return;
    for (auto& r : steps_) {
        if (r.status != StepStatus::outstanding || r.step.level != level_ + 1 || r.step.round != 0)
            continue;
        const auto deadline = r.handed_out_at + policy_.ack_timeout;
        if (now < deadline) continue;
        r.status = StepStatus::timed_out;
        r.outcome_at = deadline;
        r.why = "no delivery report within " + describe_duration(policy_.ack_timeout);
        note(deadline,
             std::string(describe(r.step.channel)) + " to " + r.step.person.name + ": " + r.why);
        last_change_at_ = std::max(last_change_at_, deadline);
    }
}

void Escalation::advance(TimePoint at, std::string why) {
    note(at, std::move(why));
    ++level_;
    level_started_at_ = at;
    first_delivery_at_.reset();
    last_change_at_ = std::max(last_change_at_, at);
    if (!exhausted()) {
        advance_into_level();
        return;
    }
    if (policy_.final_rounds > 0) {
        next_final_round_at_ = at;
        note(at, "chain exhausted without acknowledgement: everyone on every channel, " +
                     std::to_string(policy_.final_rounds) + " round" +
                     (policy_.final_rounds == 1 ? "" : "s") + " " +
                     describe_duration(policy_.final_round_interval) + " apart");
    } else {
        note(at, "chain exhausted without acknowledgement");
    }
}

std::vector<NotificationStep> Escalation::due(TimePoint now) {
    now = ms(now);
    std::vector<NotificationStep> out;
    if (stopped()) return out;
    handed_out_.resize(steps_.size(), false);
    time_out(now);

    // Restored steps the outbox may never have seen: again, same id.
    for (std::size_t i = 0; i < steps_.size(); ++i)
        if (!handed_out_[i] && steps_[i].status == StepStatus::outstanding) {
            handed_out_[i] = true;
            out.push_back(steps_[i].step);
        }

    const auto hand_out = [&](NotificationStep step) {
        steps_.push_back({step, now, StepStatus::outstanding, std::nullopt, {}});
        handed_out_.push_back(true);
        out.push_back(std::move(step));
    };

    while (!exhausted()) {
        if (first_delivery_at_ && now >= *first_delivery_at_ + policy_.ack_timeout) {
            advance(*first_delivery_at_ + policy_.ack_timeout,
                    "no acknowledgement within " + describe_duration(policy_.ack_timeout) +
                        " of the first delivery at level " + std::to_string(level_ + 1));
            time_out(now);
            continue;
        }
        bool pending = false;  // a step out, or one handed out now
        for (const int p : levels_[level_].people) {
            if (reached(p, level_)) continue;
            if (has_outstanding(p, level_)) {
                pending = true;
                continue;
            }
            if (const auto channel = next_channel(p, level_)) {
                hand_out(make_step(p, *channel, level_ + 1, 0));
                pending = true;
            }
        }
        if (!first_delivery_at_ && !pending) {
            advance(now, "nobody at level " + std::to_string(level_ + 1) +
                             " could be reached on any channel");
            continue;
        }
        break;
    }

    if (exhausted() && next_final_round_at_ && now >= *next_final_round_at_) {
        const int round = ++final_rounds_sent_;
        std::vector<std::string> names;
        for (const auto& level : levels_)
            for (const int p : level.people) {
                if (std::find(names.begin(), names.end(), people_[p].name) != names.end()) continue;
                names.push_back(people_[p].name);
                for (const Channel c : reachable_channels(p))
                    hand_out(make_step(p, c, levels() + 1, round));
            }
        note(now, "final round " + std::to_string(round) + " of " +
                      std::to_string(policy_.final_rounds) + ": everyone on every channel");
        last_change_at_ = std::max(last_change_at_, now);
        if (final_rounds_sent_ < policy_.final_rounds)
            next_final_round_at_ = now + policy_.final_round_interval;
        else
            next_final_round_at_.reset();
    }
    return out;
}

bool Escalation::delivered(std::string_view step_id, TimePoint at) {
    at = ms(at);
    auto* r = find(step_id);
    if (!r || r->status == StepStatus::delivered || r->status == StepStatus::failed) return false;
    const bool late = r->status == StepStatus::timed_out;
    r->status = StepStatus::delivered;
    r->outcome_at = at;
    r->why.clear();
    note(at, std::string(describe(r->step.channel)) + " to " + r->step.person.name + " delivered" +
                 (late ? " (reported late)" : ""));
    if (!exhausted() && r->step.level == level_ + 1 && r->step.round == 0 && !first_delivery_at_)
        first_delivery_at_ = std::max(at, level_started_at_);
    last_change_at_ = std::max(last_change_at_, at);
    return true;
}

bool Escalation::failed(std::string_view step_id, TimePoint at, std::string why) {
    at = ms(at);
    auto* r = find(step_id);
    if (!r || r->status == StepStatus::delivered || r->status == StepStatus::failed) return false;
    r->status = StepStatus::failed;
    r->outcome_at = at;
    r->why = std::move(why);
    note(at, std::string(describe(r->step.channel)) + " to " + r->step.person.name +
                 " failed: " + r->why);
    last_change_at_ = std::max(last_change_at_, at);
    return true;
}

bool Escalation::acknowledge(std::string_view who, TimePoint at) {
    if (stopped()) return false;
    at = ms(at);
    acknowledged_by_ = std::string(who);
    acknowledged_at_ = stopped_at_ = at;
    last_change_at_ = std::max(last_change_at_, at);
    note(at, std::string(who) + " acknowledged: escalation stopped");
    return true;
}

bool Escalation::cancel(TimePoint at, std::string_view why) {
    if (stopped()) return false;
    at = ms(at);
    stopped_at_ = at;
    last_change_at_ = std::max(last_change_at_, at);
    note(at, "escalation stopped: " + std::string(why));
    return true;
}

bool Escalation::finished() const { return stopped() || (exhausted() && !next_final_round_at_); }

std::optional<TimePoint> Escalation::next_wakeup() const {
    if (finished()) return std::nullopt;
    std::optional<TimePoint> at;
    const auto consider = [&](TimePoint t) {
        if (!at || t < *at) at = t;
    };
    for (std::size_t i = 0; i < steps_.size(); ++i)
        if (steps_[i].status == StepStatus::outstanding &&
            (i >= handed_out_.size() || !handed_out_[i]))
            consider(last_change_at_);
    if (!exhausted()) {
        bool pending = false;
        for (const int p : levels_[level_].people) {
            if (reached(p, level_)) continue;
            if (has_outstanding(p, level_) || next_channel(p, level_)) pending = true;
            if (!has_outstanding(p, level_) && next_channel(p, level_)) consider(last_change_at_);
        }
        for (const auto& r : steps_)
            if (r.status == StepStatus::outstanding && r.step.level == level_ + 1 &&
                r.step.round == 0)
                consider(r.handed_out_at + policy_.ack_timeout);
        if (first_delivery_at_)
            consider(*first_delivery_at_ + policy_.ack_timeout);
        else if (!pending)
            consider(last_change_at_);
    } else if (next_final_round_at_) {
        consider(*next_final_round_at_);
    }
    return at;
}

bool operator==(const Escalation& a, const Escalation& b) {
    return a.incident_id_ == b.incident_id_ && a.policy_ == b.policy_ && a.people_ == b.people_ &&
           a.started_ == b.started_ && a.level_ == b.level_ &&
           a.level_started_at_ == b.level_started_at_ &&
           a.first_delivery_at_ == b.first_delivery_at_ &&
           a.final_rounds_sent_ == b.final_rounds_sent_ &&
           a.next_final_round_at_ == b.next_final_round_at_ &&
           a.acknowledged_by_ == b.acknowledged_by_ && a.acknowledged_at_ == b.acknowledged_at_ &&
           a.stopped_at_ == b.stopped_at_ && a.last_change_at_ == b.last_change_at_ &&
           a.steps_ == b.steps_ && a.timeline_ == b.timeline_;
}

// --- persistence -------------------------------------------------------------------------------

json Escalation::to_json() const {
    json order = json::array(), channels = json::array(), people = json::array(),
         steps = json::array(), timeline = json::array();
    for (const Role r : policy_.order) order.push_back(to_string(r));
    for (const Channel c : policy_.channels) channels.push_back(to_string(c));
    for (const auto& p : people_)
        people.push_back({{"name", p.name},
                          {"role", to_string(p.role)},
                          {"phone", p.phone},
                          {"sms", p.sms},
                          {"slack", p.slack},
                          {"email", p.email}});
    for (const auto& r : steps_) {
        const auto person = std::find(people_.begin(), people_.end(), r.step.person);
        steps.push_back({{"id", r.step.step_id},
                         {"person", person - people_.begin()},
                         {"channel", to_string(r.step.channel)},
                         {"level", r.step.level},
                         {"round", r.step.round},
                         {"handed_out_at_unix_ms", to_unix_ms(r.handed_out_at)},
                         {"status", to_string(r.status)},
                         {"outcome_at_unix_ms", opt_time(r.outcome_at)},
                         {"why", r.why}});
    }
    for (const auto& e : timeline_)
        timeline.push_back({{"at_unix_ms", to_unix_ms(e.at)}, {"text", e.text}});
    return json{{"version", kStateVersion},
                {"incident_id", incident_id_},
                {"policy",
                 {{"order", order},
                  {"channels", channels},
                  {"ack_timeout_ms", policy_.ack_timeout.count()},
                  {"final_rounds", policy_.final_rounds},
                  {"final_round_interval_ms", policy_.final_round_interval.count()}}},
                {"people", people},
                {"started_at_unix_ms", to_unix_ms(started_)},
                {"level", level_ + 1},
                {"level_started_at_unix_ms", to_unix_ms(level_started_at_)},
                {"first_delivery_at_unix_ms", opt_time(first_delivery_at_)},
                {"final_rounds_sent", final_rounds_sent_},
                {"next_final_round_at_unix_ms", opt_time(next_final_round_at_)},
                {"acknowledged_by", acknowledged_by_ ? json(*acknowledged_by_) : json(nullptr)},
                {"acknowledged_at_unix_ms", opt_time(acknowledged_at_)},
                {"stopped_at_unix_ms", opt_time(stopped_at_)},
                {"last_change_at_unix_ms", to_unix_ms(last_change_at_)},
                {"steps", steps},
                {"timeline", timeline}};
}

std::string Escalation::to_json_string() const { return to_json().dump(); }

std::optional<Escalation> Escalation::from_json(const json& j, std::string* error) {
    try {
        expect_keys(j, "escalation",
                    {"version", "incident_id", "policy", "people", "started_at_unix_ms", "level",
                     "level_started_at_unix_ms", "first_delivery_at_unix_ms", "final_rounds_sent",
                     "next_final_round_at_unix_ms", "acknowledged_by", "acknowledged_at_unix_ms",
                     "stopped_at_unix_ms", "last_change_at_unix_ms", "steps", "timeline"});
        if (integer(j, "version") != kStateVersion)
            throw Refused("unsupported version " + j.at("version").dump());
        Escalation e;
        const auto& id = j.at("incident_id");
        if (!id.is_number_unsigned() && !(id.is_number_integer() && id.get<std::int64_t>() >= 0))
            throw Refused("\"incident_id\" must be a non-negative integer");
        e.incident_id_ = id.get<std::uint64_t>();

        const auto& policy = j.at("policy");
        expect_keys(
            policy, "policy",
            {"order", "channels", "ack_timeout_ms", "final_rounds", "final_round_interval_ms"});
        if (!policy.at("order").is_array() || !policy.at("channels").is_array())
            throw Refused("policy: \"order\" and \"channels\" must be arrays");
        e.policy_.order.clear();
        for (const auto& r : policy.at("order"))
            e.policy_.order.push_back(enum_value<Role>(r, "role", parse_role));
        e.policy_.channels.clear();
        for (const auto& c : policy.at("channels"))
            e.policy_.channels.push_back(enum_value<Channel>(c, "channel", parse_channel));
        const auto ack = integer(policy, "ack_timeout_ms");
        const auto interval = integer(policy, "final_round_interval_ms");
        if (ack < 0 || interval < 0) throw Refused("policy: negative duration");
        e.policy_.ack_timeout = milliseconds(ack);
        e.policy_.final_round_interval = milliseconds(interval);
        e.policy_.final_rounds = small_int(policy, "final_rounds", 0, 1000);

        if (!j.at("people").is_array()) throw Refused("\"people\" must be an array");
        for (const auto& p : j.at("people")) {
            expect_keys(p, "person", {"name", "role", "phone", "sms", "slack", "email"});
            e.people_.push_back(
                {string(p, "name"), enum_value<Role>(p.at("role"), "role", parse_role),
                 string(p, "phone"), string(p, "sms"), string(p, "slack"), string(p, "email")});
        }
        e.arrange(false);

        e.started_ = time(j, "started_at_unix_ms");
        e.level_ = small_int(j, "level", 1, e.levels() + 1) - 1;
        e.level_started_at_ = time(j, "level_started_at_unix_ms");
        e.first_delivery_at_ = opt_time(j, "first_delivery_at_unix_ms");
        e.final_rounds_sent_ = small_int(j, "final_rounds_sent", 0, e.policy_.final_rounds);
        e.next_final_round_at_ = opt_time(j, "next_final_round_at_unix_ms");
        e.acknowledged_by_ = opt_string(j, "acknowledged_by");
        e.acknowledged_at_ = opt_time(j, "acknowledged_at_unix_ms");
        e.stopped_at_ = opt_time(j, "stopped_at_unix_ms");
        e.last_change_at_ = time(j, "last_change_at_unix_ms");
        if (e.exhausted() && e.first_delivery_at_)
            throw Refused("an exhausted chain has no current level to have delivered at");
        if (!e.exhausted() && (e.final_rounds_sent_ > 0 || e.next_final_round_at_))
            throw Refused("final rounds before the chain is exhausted");
        if (e.next_final_round_at_ && e.final_rounds_sent_ >= e.policy_.final_rounds)
            throw Refused("a final round is scheduled beyond final_rounds");
        if (e.acknowledged_by_.has_value() != e.acknowledged_at_.has_value() ||
            (e.acknowledged_at_ && e.stopped_at_ != e.acknowledged_at_))
            throw Refused("inconsistent acknowledgement");

        if (!j.at("steps").is_array()) throw Refused("\"steps\" must be an array");
        std::set<std::string> ids;
        for (const auto& s : j.at("steps")) {
            expect_keys(s, "step",
                        {"id", "person", "channel", "level", "round", "handed_out_at_unix_ms",
                         "status", "outcome_at_unix_ms", "why"});
            const int person = small_int(s, "person", 0, std::int64_t(e.people_.size()) - 1);
            const auto channel = enum_value<Channel>(s.at("channel"), "channel", parse_channel);
            const int level = small_int(s, "level", 1, e.levels() + 1);
            const int round = small_int(s, "round", level <= e.levels() ? 0 : 1,
                                        level <= e.levels() ? 0 : e.final_rounds_sent_);
            if (e.people_[person].address(channel).empty())
                throw Refused("a step on a channel the person has no address for");
            StepRecord r{e.make_step(person, channel, level, round),
                         time(s, "handed_out_at_unix_ms"),
                         enum_value<StepStatus>(s.at("status"), "status", parse_status),
                         opt_time(s, "outcome_at_unix_ms"), string(s, "why")};
            if (string(s, "id") != r.step.step_id)
                throw Refused("step id " + s.at("id").dump() + " does not match its fields (" +
                              r.step.step_id + ")");
            if (!ids.insert(r.step.step_id).second)
                throw Refused("duplicate step " + r.step.step_id);
            if ((r.status == StepStatus::outstanding) == r.outcome_at.has_value())
                throw Refused("step " + r.step.step_id + ": outcome time and status disagree");
            e.steps_.push_back(std::move(r));
        }

        if (!j.at("timeline").is_array()) throw Refused("\"timeline\" must be an array");
        for (const auto& t : j.at("timeline")) {
            expect_keys(t, "timeline entry", {"at_unix_ms", "text"});
            e.timeline_.push_back({time(t, "at_unix_ms"), string(t, "text")});
        }
        e.handed_out_.assign(e.steps_.size(), false);
        return e;
    } catch (const std::exception& ex) {
        if (error) *error = ex.what();
        return std::nullopt;
    }
}

std::optional<Escalation> Escalation::from_json_string(std::string_view text, std::string* error) {
    try {
        return from_json(json::parse(text), error);
    } catch (const std::exception& ex) {
        if (error) *error = std::string("not valid JSON: ") + ex.what();
        return std::nullopt;
    }
}

}  // namespace sitewatch::escalation
