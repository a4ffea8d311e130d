#pragma once
// The incident side of the daemon (DESIGN.md, "Incidents"): feeds every check into the
// IncidentEngine, runs one Escalation per paged incident, turns what they decide into outbox
// entries (person channels, webhook, PagerDuty, Asana, client updates, follow-ups) and
// answers the API. The state machines are pure (alerting/); this class is their I/O edge.
//
// Write before act: every change is written to the store in one transaction (the incidents
// touched, the escalation, the outbox rows) before the outbox is poked, so a crash at any
// point loses nothing and, because outbox keys are stable and inserted only once, sends
// nothing twice. The engine's per-key counters and flap history are saved with the events and
// every minute; a crash loses at most that minute of counting, never an incident.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "alerting/escalation/escalation.h"
#include "alerting/incidents/incident_engine.h"
#include "alerting/maintenance/maintenance_window.h"
#include "alerting/outbox/delivery.h"
#include "monitor/config/config.h"
#include "monitor/incidents/incident_desk.h"
#include "monitor/incidents/incident_extras.h"
#include "monitor/incidents/team_directory.h"
#include "monitor/store/store.h"

namespace sitewatch {

class Metrics;

class IncidentService final : public IncidentDesk {
public:
    using Now = std::function<TimePoint()>;

    // Restores incidents, escalations and bookkeeping from the store. An incident row that
    // cannot be read is reported and left in the store untouched (never overwritten).
    IncidentService(
        Store& store, Metrics* metrics, const config::Config& cfg,
        Now now = [] { return Clock::now(); });
    ~IncidentService() override;

    void apply_config(const config::Config& cfg);
    // Called after each commit that queued outbox rows (the dispatcher wakes up).
    void set_outbox_poke(std::function<void()> poke);

    // One check of one site, after its confirmation step.
    void record_check(const CheckOutcome& check);
    // Escalation timers, follow-ups, and the retry of a write that failed. Call about once a
    // second.
    void tick();
    // The outbox's final word on one entry (sent or failed).
    void delivery_finished(const OutboxRecord& record);
    // An attempt that failed and will be retried (record.status still "pending"): a timeline
    // entry, so every notification attempt is on the incident.
    void delivery_retrying(const OutboxRecord& record);
    // The engine's counters and flap history; called periodically and at shutdown.
    void save_bookkeeping();

    // IncidentDesk
    std::vector<IncidentSnapshot> incidents(const IncidentFilter& filter) const override;
    std::optional<IncidentSnapshot> incident(std::uint64_t id) const override;
    DeskAnswer acknowledge(std::uint64_t id, const std::string& by) override;
    DeskAnswer resolve(std::uint64_t id, const std::string& by, const std::string& note) override;
    DeskAnswer add_note(std::uint64_t id, const std::string& by, const std::string& text,
                        std::optional<double> hours) override;
    DeskAnswer add_debrief(std::uint64_t id, const nlohmann::json& debrief) override;
    DeskAnswer send_client_update(std::uint64_t id, const std::string& by) override;
    DeskAnswer report(std::uint64_t id, std::string_view audience,
                      std::string_view format) const override;
    std::optional<AckLinkView> check_ack_link(std::string_view token) const override;
    DeskAnswer acknowledge_by_link(std::string_view token) override;

    // The configured maintenance windows (extension), as of the last apply_config.
    std::vector<maintenance::MaintenanceWindow> maintenance_windows() const;

    // For tests and the report command: the secret that signs acknowledgement links.
    std::string ack_secret() const;

private:
    // What one step changed, committed together.
    struct Changes {
        std::set<std::uint64_t> incidents;
        std::vector<OutboxRecord> outbox;
        bool bookkeeping = false;
        bool force_bookkeeping = false;  // past the rate limit (periodic save, shutdown)
        bool metrics = false;
    };

    void restore();
    void handle_events(const std::vector<IncidentEvent>& events, TimePoint now, Changes& ch);
    // `covered_by`: another incident of the site paged by the same check covers this one.
    void on_opened(const Incident& i, const IncidentEvent& e, TimePoint now, Changes& ch,
                   std::optional<std::uint64_t> covered_by);
    void on_acknowledged(std::uint64_t id, const std::string& by, TimePoint now, Changes& ch);
    void on_resolved(const Incident& i, TimePoint now, Changes& ch);
    void start_escalation(const Incident& i, TimePoint now, Changes& ch);
    // The maintenance window the incident's site is in at `now`, if any.
    const maintenance::MaintenanceWindow* maintenance_for(const Incident& i, TimePoint now) const;
    // Held incidents whose site left maintenance while still unacknowledged start escalating.
    void end_maintenance_holds(TimePoint now, Changes& ch);
    // Every configured client's incident series and every configured channel's notification
    // series at 0, so that the first incident or notification shows in increase().
    void declare_metric_series(const config::Config& cfg);
    // sitewatch_maintenance_active for every configured site.
    void publish_maintenance(TimePoint now);
    void pump_escalation(std::uint64_t id, TimePoint now, Changes& ch);
    void queue(outbox::Delivery d, std::uint64_t incident_id, TimePoint now, Changes& ch);
    void broadcast(const Incident& i, const std::string& event, TimePoint now, Changes& ch,
                   bool pagerduty, bool asana);
    void queue_client_update(const Incident& i, const std::string& stage, TimePoint now,
                             Changes& ch);
    // Queues client update `index` of the incident to the client's contacts; how many.
    int send_to_contacts(const Incident& i, std::size_t index, TimePoint now, Changes& ch);
    void queue_followup(const Incident& i, TimePoint now, Changes& ch);
    notifiers::NotificationMessage message_for(const Incident& i, const std::string& event,
                                               TimePoint now) const;
    std::string ack_link_for(std::uint64_t id, const std::string& person, TimePoint now) const;
    DeskAnswer acknowledge_locked(std::uint64_t id, const std::string& by, TimePoint now);
    void link_similar(const Incident& i, TimePoint now);
    void commit(Changes& ch);
    IncidentRecord record_of(std::uint64_t id) const;
    void update_metrics();
    IncidentSnapshot snapshot(const Incident& i) const;

    Store& store_;
    Metrics* metrics_;
    Now now_;

    mutable std::mutex mu_;
    IncidentEngine engine_;
    TeamDirectory directory_;
    std::string public_url_;
    std::string ack_secret_;
    bool has_webhook_ = false, has_pagerduty_ = false, has_asana_ = false;
    std::map<std::uint64_t, escalation::Escalation> escalations_;
    std::set<std::uint64_t> active_escalations_;
    // Resolved incidents whose follow-up reminder is still to come: tick() looks at these
    // rather than at every incident ever held.
    std::set<std::uint64_t> pending_followups_;
    std::map<std::uint64_t, IncidentExtras> extras_;
    std::set<std::uint64_t> unreadable_;  // rows kept in the store, never overwritten
    // Maintenance windows, and the sites of the config with the windows that apply to each
    // (pointers into windows_, rebuilt by apply_config).
    std::vector<maintenance::MaintenanceWindow> windows_;
    struct SiteWindows {
        std::string client, site;
        std::vector<const maintenance::MaintenanceWindow*> windows;
    };
    std::vector<SiteWindows> site_windows_;
    std::map<std::string, std::size_t> site_windows_index_;  // site name -> site_windows_
    // Paging incidents opened during maintenance: nobody was paged; escalation starts when
    // the window ends with the incident still open. Rebuilt on restore (paged, no escalation,
    // not paged together with another incident).
    std::set<std::uint64_t> held_for_maintenance_;
    // A commit that failed: retried at the next tick, merged with whatever came since.
    Changes unsaved_;
    TimePoint bookkeeping_saved_at_{};
    std::function<void()> poke_;
};

}  // namespace sitewatch
