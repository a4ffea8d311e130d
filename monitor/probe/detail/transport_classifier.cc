#include "monitor/probe/detail/transport_classifier.h"

#include <cerrno>

namespace sitewatch::probe_detail {

TransportError classify_transport(const TransportContext& c) {
    switch (c.code) {
        case CURLE_OK:
            return TransportError::none;
        case CURLE_WRITE_ERROR:
            // Our write callback refuses bytes past max_body: that is a success.
            return c.truncated_by_us ? TransportError::none : TransportError::other;
        case CURLE_COULDNT_RESOLVE_HOST:
            return TransportError::dns;
        case CURLE_COULDNT_CONNECT:
            return c.os_errno == ECONNREFUSED ? TransportError::connect_refused
                                              : TransportError::connect_failed;
        case CURLE_OPERATION_TIMEDOUT:
            // A deadline hit while still resolving is a DNS problem, not a slow server.
            if (!c.name_resolved || c.error_buffer.starts_with("Resolving timed out"))
                return TransportError::dns;
            return TransportError::timeout;
        case CURLE_RECV_ERROR:
        case CURLE_SEND_ERROR:
        case CURLE_GOT_NOTHING:
        case CURLE_PARTIAL_FILE:
            return TransportError::reset;
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_SSL_CIPHER:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CERTPROBLEM:
            return TransportError::tls_handshake;
        case CURLE_TOO_MANY_REDIRECTS:
            return TransportError::too_many_redirects;
        case CURLE_WEIRD_SERVER_REPLY:
        case CURLE_HTTP2:
        case CURLE_HTTP2_STREAM:
        case CURLE_BAD_CONTENT_ENCODING:
        case CURLE_UNSUPPORTED_PROTOCOL:
            return TransportError::protocol;
        default:
            return TransportError::other;
    }
}

}  // namespace sitewatch::probe_detail
