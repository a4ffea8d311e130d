#include "monitor/probe/detail/multi_loop.h"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <stdexcept>

namespace sitewatch::probe_detail {
namespace {

using std::chrono::steady_clock;

constexpr int kMaxEvents = 256;
// Marks a socket curl told us about as registered in epoll (curl_multi_assign).
char registered_tag;

}  // namespace

MultiLoop::MultiLoop() {
    multi_ = curl_multi_init();
    epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);
    wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (!multi_ || epoll_fd_ < 0 || wake_fd_ < 0) {
        release();
        throw std::runtime_error("probe engine: cannot create curl multi handle, epoll or eventfd");
    }
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = wake_fd_;
    epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &ev);

    curl_multi_setopt(multi_, CURLMOPT_SOCKETFUNCTION, &MultiLoop::on_socket);
    curl_multi_setopt(multi_, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(multi_, CURLMOPT_TIMERFUNCTION, &MultiLoop::on_timer);
    curl_multi_setopt(multi_, CURLMOPT_TIMERDATA, this);
}

MultiLoop::~MultiLoop() { release(); }

void MultiLoop::release() {
    if (multi_) curl_multi_cleanup(multi_);
    if (epoll_fd_ >= 0) ::close(epoll_fd_);
    if (wake_fd_ >= 0) ::close(wake_fd_);
    multi_ = nullptr;
    epoll_fd_ = wake_fd_ = -1;
}

CURLMcode MultiLoop::add(CURL* easy) { return curl_multi_add_handle(multi_, easy); }

void MultiLoop::remove(CURL* easy) { curl_multi_remove_handle(multi_, easy); }

void MultiLoop::wake() {
    // Coalesce: one pending write is enough however many threads submit.
    if (wake_pending_.exchange(true, std::memory_order_acq_rel)) return;
    std::uint64_t one = 1;
    [[maybe_unused]] ssize_t n = ::write(wake_fd_, &one, sizeof one);
}

int MultiLoop::on_socket(CURL*, curl_socket_t s, int what, void* self_ptr, void* socketp) {
    auto* self = static_cast<MultiLoop*>(self_ptr);
    if (what == CURL_POLL_REMOVE) {
        epoll_ctl(self->epoll_fd_, EPOLL_CTL_DEL, s, nullptr);  // may already be closed
        return 0;
    }
    epoll_event ev{};
    ev.data.fd = s;
    if (what & CURL_POLL_IN) ev.events |= EPOLLIN;
    if (what & CURL_POLL_OUT) ev.events |= EPOLLOUT;
    if (socketp && epoll_ctl(self->epoll_fd_, EPOLL_CTL_MOD, s, &ev) == 0) return 0;
    if (epoll_ctl(self->epoll_fd_, EPOLL_CTL_ADD, s, &ev) != 0 && errno == EEXIST)
        epoll_ctl(self->epoll_fd_, EPOLL_CTL_MOD, s, &ev);
    curl_multi_assign(self->multi_, s, &registered_tag);
    return 0;
}

int MultiLoop::on_timer(CURLM*, long timeout_ms, void* self_ptr) {
    auto* self = static_cast<MultiLoop*>(self_ptr);
    if (timeout_ms < 0)
        self->timer_deadline_.reset();
    else
        self->timer_deadline_ = steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    return 0;
}

void MultiLoop::on_timeout_due() {
    timer_deadline_.reset();  // curl may set a new one from inside socket_action
    int running = 0;
    curl_multi_socket_action(multi_, CURL_SOCKET_TIMEOUT, 0, &running);
}

bool MultiLoop::run_once(std::chrono::milliseconds max_wait) {
    long long wait_ms = max_wait.count();
    if (timer_deadline_) {
        auto left = *timer_deadline_ - steady_clock::now();
        // Round up: waking a fraction of a millisecond early would spin.
        auto left_ms = std::chrono::ceil<std::chrono::milliseconds>(left).count();
        wait_ms = std::min(wait_ms, std::max<long long>(0, left_ms));
    }
    epoll_event events[kMaxEvents];
    int n = epoll_wait(epoll_fd_, events, kMaxEvents, static_cast<int>(wait_ms));
    bool woken = false;
    int running = 0;
    for (int i = 0; i < n; ++i) {
        const int fd = events[i].data.fd;
        if (fd == wake_fd_) {
            wake_pending_.store(false, std::memory_order_release);
            std::uint64_t count = 0;
            [[maybe_unused]] ssize_t r = ::read(wake_fd_, &count, sizeof count);
            woken = true;
            continue;
        }
        int mask = 0;
        if (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLRDHUP)) mask |= CURL_CSELECT_IN;
        if (events[i].events & EPOLLOUT) mask |= CURL_CSELECT_OUT;
        if (events[i].events & EPOLLERR) mask |= CURL_CSELECT_ERR;
        curl_multi_socket_action(multi_, fd, mask, &running);
    }
    if (timer_deadline_ && steady_clock::now() >= *timer_deadline_) on_timeout_due();
    return woken;
}

std::optional<MultiLoop::Done> MultiLoop::next_done() {
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi_, &left)) {
        if (msg->msg == CURLMSG_DONE) return Done{msg->easy_handle, msg->data.result};
    }
    return std::nullopt;
}

}  // namespace sitewatch::probe_detail
