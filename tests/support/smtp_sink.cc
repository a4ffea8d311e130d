#include "tests/support/smtp_sink.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "alerting/notifiers/encoding.h"

namespace sitewatch::testing {

using namespace std::chrono_literals;

namespace {

bool port_accepts(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return false;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
}

int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

}  // namespace

SmtpSink::SmtpSink(Tls tls, const CertificateFiles* cert) : port_(free_port()) {
    std::vector<std::string> argv = {"/usr/bin/python3",
                                     "-m",
                                     "aiosmtpd",
                                     "-n",
                                     "-l",
                                     "127.0.0.1:" + std::to_string(port_),
                                     "-c",
                                     "aiosmtpd.handlers.Mailbox"};
    if (tls == Tls::starttls)
        argv.insert(argv.end(), {"--tlscert", cert->cert_file, "--tlskey", cert->key_file});
    if (tls == Tls::implicit)
        argv.insert(argv.end(), {"--smtpscert", cert->cert_file, "--smtpskey", cert->key_file});
    argv.push_back((maildir_.path() / "mail").string());
    process_ = std::make_unique<ChildProcess>(argv);
    const auto deadline = std::chrono::steady_clock::now() + 15s;
    while (!port_accepts(port_) && std::chrono::steady_clock::now() < deadline) {
        if (process_->wait_for(0ms)) break;
        std::this_thread::sleep_for(50ms);
    }
    if (!port_accepts(port_))
        throw std::runtime_error("aiosmtpd did not start: " + process_->stderr_text());
}

std::vector<std::string> SmtpSink::messages() const {
    std::vector<std::string> out;
    const auto dir = maildir_.path() / "mail" / "new";
    if (!std::filesystem::exists(dir)) return out;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        std::ifstream in(entry.path(), std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        out.push_back(ss.str());
    }
    return out;
}

std::string mail_header(const std::string& stored, const std::string& name) {
    const std::string message = "\n" + stored;
    const std::size_t at = message.find("\n" + name + ": ");
    if (at == std::string::npos) return {};
    const std::size_t start = at + name.size() + 3;
    const std::size_t end = message.find('\n', start);
    std::string value = message.substr(start, end - start);
    if (!value.empty() && value.back() == '\r') value.pop_back();
    return value;
}

// The Subject header with its folds unfolded and RFC 2047 "B" words decoded.
std::string mail_subject(const std::string& stored) {
    const std::string message = "\n" + stored;
    std::size_t at = message.find("\nSubject: ");
    if (at == std::string::npos) return {};
    at += 10;
    std::string raw;
    while (at < message.size()) {
        std::size_t end = message.find('\n', at);
        if (end == std::string::npos) end = message.size();
        std::string line = message.substr(at, end - at);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        raw += line;
        at = end + 1;
        if (at >= message.size() || (message[at] != ' ' && message[at] != '\t')) break;
    }
    std::string out;
    std::size_t i = 0;
    bool last_was_word = false;
    while (i < raw.size()) {
        if (raw.compare(i, 10, "=?UTF-8?B?") == 0) {
            const std::size_t end = raw.find("?=", i + 10);
            if (end == std::string::npos) break;
            const auto bytes = notifiers::base64_decode(raw.substr(i + 10, end - i - 10));
            if (!bytes) return "undecodable: " + raw;
            // Whitespace between two encoded words is not part of the text.
            while (last_was_word && !out.empty() && out.back() == ' ') out.pop_back();
            out += *bytes;
            i = end + 2;
            last_was_word = true;
        } else {
            if (raw[i] != ' ') last_was_word = false;
            out += raw[i++];
        }
    }
    return out;
}

}  // namespace sitewatch::testing
