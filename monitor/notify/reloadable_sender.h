#pragma once
// A NotificationSender whose underlying sender can be swapped while the outbox dispatcher
// runs (a config reload with new notifier settings or rotated secrets). A send in flight
// finishes with the sender it started with.
#include <memory>
#include <mutex>

#include "monitor/notify/channel_sender.h"

namespace sitewatch::notify {

class ReloadableSender final : public NotificationSender {
public:
    explicit ReloadableSender(std::shared_ptr<NotificationSender> sender)
        : sender_(std::move(sender)) {}

    void replace(std::shared_ptr<NotificationSender> sender) {
        std::lock_guard lock(mu_);
        sender_ = std::move(sender);
    }

    outbox::AttemptOutcome send(const outbox::Delivery& delivery, TimePoint now) override {
        std::shared_ptr<NotificationSender> current;
        {
            std::lock_guard lock(mu_);
            current = sender_;
        }
        return current->send(delivery, now);
    }

private:
    std::mutex mu_;
    std::shared_ptr<NotificationSender> sender_;
};

}  // namespace sitewatch::notify
