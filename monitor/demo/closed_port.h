#pragma once
// A loopback port that refuses connections: bound (so nothing else takes it) but never
// listening. Holds the port of a demo site that is down; used by tests.

namespace sitewatch::demo {

class ClosedPort {
public:
    // Any free port, or `port` (with SO_REUSEADDR, to hold a port a server just closed).
    // Throws std::runtime_error when it cannot be bound.
    explicit ClosedPort(int port = 0);
    ~ClosedPort();
    ClosedPort(const ClosedPort&) = delete;
    ClosedPort& operator=(const ClosedPort&) = delete;
    int port() const { return port_; }

private:
    int fd_ = -1;
    int port_ = 0;
};

}  // namespace sitewatch::demo
