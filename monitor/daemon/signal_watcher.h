#pragma once
// SIGINT/SIGTERM/SIGHUP handled on one thread with sigtimedwait, so handlers may take locks
// and call anything (no async-signal-safety limits). Construct it before any other thread
// starts: it blocks the signals in the calling thread, and threads inherit the mask.
#include <atomic>
#include <functional>
#include <thread>

namespace sitewatch {

class SignalWatcher {
public:
    SignalWatcher(std::function<void()> on_stop, std::function<void()> on_reload);
    ~SignalWatcher();
    SignalWatcher(const SignalWatcher&) = delete;
    // Blocks the watched signals in the calling thread (and so in threads it starts later).
    // For callers that must start threads before the watcher exists.
    static void block_signals();
    SignalWatcher& operator=(const SignalWatcher&) = delete;

private:
    void watch();

    std::function<void()> on_stop_;
    std::function<void()> on_reload_;
    std::atomic<bool> done_{false};
    std::thread thread_;
};

}  // namespace sitewatch
