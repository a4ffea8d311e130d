#include "tests/support/raw_tcp_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <stdexcept>
#include <vector>

namespace sitewatch::testing {
namespace {

using std::chrono::steady_clock;

// How long a connection may take to send its request before we act anyway, and how long
// a closing connection is drained so the client reads our reply before the socket dies.
constexpr auto kRequestWait = std::chrono::seconds(2);
constexpr auto kDrainWait = std::chrono::seconds(1);

enum class Stage { awaiting_request, draining, held };

struct Conn {
    int fd;
    Stage stage;
    steady_clock::time_point deadline;
};

void drain(int fd) {
    char buf[4096];
    while (::recv(fd, buf, sizeof buf, MSG_DONTWAIT) > 0) {
    }
}

void reset_close(int fd) {
    linger l{1, 0};
    setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
    ::close(fd);
}

}  // namespace

RawTcpServer::RawTcpServer(Mode mode, std::string reply) : mode_(mode), reply_(std::move(reply)) {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (listen_fd_ < 0 || ::pipe2(wake_pipe_, O_CLOEXEC | O_NONBLOCK) != 0)
        throw std::runtime_error("RawTcpServer: socket/pipe failed");
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(listen_fd_, 1024) != 0 ||
        ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
        ::close(listen_fd_);
        ::close(wake_pipe_[0]);
        ::close(wake_pipe_[1]);
        throw std::runtime_error("RawTcpServer: cannot listen on 127.0.0.1");
    }
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { run(); });
}

RawTcpServer::~RawTcpServer() {
    char x = 1;
    [[maybe_unused]] ssize_t n = ::write(wake_pipe_[1], &x, 1);
    thread_.join();
    ::close(listen_fd_);
    ::close(wake_pipe_[0]);
    ::close(wake_pipe_[1]);
}

std::string RawTcpServer::url(const std::string& scheme, const std::string& path) const {
    return scheme + "://127.0.0.1:" + std::to_string(port_) + path;
}

void RawTcpServer::run() {
    std::vector<Conn> conns;
    std::vector<pollfd> fds;
    for (;;) {
        fds.clear();
        fds.push_back({wake_pipe_[0], POLLIN, 0});
        fds.push_back({listen_fd_, POLLIN, 0});
        for (const Conn& c : conns)
            fds.push_back({c.fd, c.stage == Stage::held ? short(0) : short(POLLIN), 0});
        ::poll(fds.data(), fds.size(), 50);
        if (fds[0].revents) break;

        const auto now = steady_clock::now();
        // Act on existing connections first; fds[i + 2] belongs to conns[i].
        std::vector<Conn> next;
        next.reserve(conns.size());
        for (std::size_t i = 0; i < conns.size(); ++i) {
            Conn c = conns[i];
            const bool ready = fds[i + 2].revents != 0;
            if (c.stage == Stage::held) {
                next.push_back(c);
            } else if (c.stage == Stage::awaiting_request && (ready || now >= c.deadline)) {
                drain(c.fd);
                if (mode_ == Mode::reset) {
                    reset_close(c.fd);
                } else {
                    [[maybe_unused]] ssize_t n =
                        ::send(c.fd, reply_.data(), reply_.size(), MSG_NOSIGNAL);
                    ::shutdown(c.fd, SHUT_WR);
                    next.push_back({c.fd, Stage::draining, now + kDrainWait});
                }
            } else if (c.stage == Stage::draining) {
                char buf[4096];
                ssize_t r = ready ? ::recv(c.fd, buf, sizeof buf, MSG_DONTWAIT) : 1;
                if (r == 0 || (r < 0 && errno != EAGAIN) || now >= c.deadline)
                    ::close(c.fd);
                else
                    next.push_back(c);
            } else {
                next.push_back(c);
            }
        }
        conns.swap(next);

        if (fds[1].revents & POLLIN) {
            for (;;) {
                int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
                if (fd < 0) break;
                ++connections_;
                const Stage stage = mode_ == Mode::hang ? Stage::held : Stage::awaiting_request;
                conns.push_back({fd, stage, now + kRequestWait});
            }
        }
    }
    for (const Conn& c : conns) ::close(c.fd);
}

}  // namespace sitewatch::testing
