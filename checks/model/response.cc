#include "checks/model/response.h"

namespace sitewatch {

const char* to_string(TransportError e) {
    switch (e) {
        case TransportError::none: return "none";
        case TransportError::dns: return "dns";
        case TransportError::connect_refused: return "connect_refused";
        case TransportError::connect_failed: return "connect_failed";
        case TransportError::timeout: return "timeout";
        case TransportError::reset: return "reset";
        case TransportError::tls_handshake: return "tls_handshake";
        case TransportError::too_many_redirects: return "too_many_redirects";
        case TransportError::protocol: return "protocol";
        case TransportError::other: return "other";
    }
    return "other";
}

}  // namespace sitewatch
