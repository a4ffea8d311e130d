// How libcurl's result codes become the transport errors the checks classify.
#include "monitor/probe/detail/transport_classifier.h"

#include <catch2/catch.hpp>
#include <cerrno>

using sitewatch::TransportError;
using sitewatch::probe_detail::classify_transport;
using sitewatch::probe_detail::TransportContext;

namespace {

TransportError classify(CURLcode code, long os_errno = 0, bool resolved = true,
                        std::string_view message = {}, bool truncated = false) {
    TransportContext c;
    c.code = code;
    c.os_errno = os_errno;
    c.name_resolved = resolved;
    c.error_buffer = message;
    c.truncated_by_us = truncated;
    return classify_transport(c);
}

}  // namespace

TEST_CASE("a finished transfer has no transport error") {
    CHECK(classify(CURLE_OK) == TransportError::none);
}

TEST_CASE("stopping at max_body is a success, any other write error is not") {
    CHECK(classify(CURLE_WRITE_ERROR, 0, true, {}, true) == TransportError::none);
    CHECK(classify(CURLE_WRITE_ERROR) == TransportError::other);
}

TEST_CASE("a refused connect is told apart from other connect failures by errno") {
    CHECK(classify(CURLE_COULDNT_CONNECT, ECONNREFUSED) == TransportError::connect_refused);
    CHECK(classify(CURLE_COULDNT_CONNECT, EHOSTUNREACH) == TransportError::connect_failed);
    CHECK(classify(CURLE_COULDNT_CONNECT, ENETUNREACH) == TransportError::connect_failed);
}

TEST_CASE("a timeout while still resolving is a DNS failure") {
    CHECK(classify(CURLE_COULDNT_RESOLVE_HOST) == TransportError::dns);
    CHECK(classify(CURLE_OPERATION_TIMEDOUT, 0, false) == TransportError::dns);
    CHECK(classify(CURLE_OPERATION_TIMEDOUT, 0, true,
                   "Resolving timed out after 300 milliseconds") == TransportError::dns);
    CHECK(classify(CURLE_OPERATION_TIMEDOUT, 0, true,
                   "Operation timed out after 300 milliseconds with 0 bytes received") ==
          TransportError::timeout);
}

TEST_CASE("broken connections, TLS, redirect and protocol failures map to their kinds") {
    for (CURLcode c : {CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE})
        CHECK(classify(c) == TransportError::reset);
    CHECK(classify(CURLE_SSL_CONNECT_ERROR) == TransportError::tls_handshake);
    CHECK(classify(CURLE_TOO_MANY_REDIRECTS) == TransportError::too_many_redirects);
    CHECK(classify(CURLE_WEIRD_SERVER_REPLY) == TransportError::protocol);
    CHECK(classify(CURLE_HTTP2) == TransportError::protocol);
    CHECK(classify(CURLE_UNSUPPORTED_PROTOCOL) == TransportError::protocol);
    CHECK(classify(CURLE_OUT_OF_MEMORY) == TransportError::other);
}
