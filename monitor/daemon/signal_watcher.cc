#include "monitor/daemon/signal_watcher.h"

#include <csignal>
#include <ctime>

namespace sitewatch {

namespace {
sigset_t watched_signals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    return set;
}
}  // namespace

SignalWatcher::SignalWatcher(std::function<void()> on_stop, std::function<void()> on_reload)
    : on_stop_(std::move(on_stop)), on_reload_(std::move(on_reload)) {
    block_signals();
    thread_ = std::thread([this] { watch(); });
}

void SignalWatcher::block_signals() {
    sigset_t set = watched_signals();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

SignalWatcher::~SignalWatcher() {
    done_ = true;
    if (thread_.joinable()) thread_.join();
}

void SignalWatcher::watch() {
    sigset_t set = watched_signals();
    const timespec tick{0, 200'000'000};  // how soon the destructor is noticed
    while (!done_) {
        int sig = sigtimedwait(&set, nullptr, &tick);
        if (sig == SIGHUP)
            on_reload_();
        else if (sig == SIGINT || sig == SIGTERM)
            on_stop_();
    }
}

}  // namespace sitewatch
