#pragma once
// What an OpenSSL X509_V_ERR_* code means for the TLS check.
#include <string_view>

namespace sitewatch::checks {

enum class VerifyProblem {
    none,               // X509_V_OK
    expired,            // a certificate's notAfter is in the past
    not_yet_valid,      // a certificate's notBefore is in the future
    self_signed_leaf,   // the server's own certificate signs itself
    untrusted_root,     // the chain ends in a self-signed root that is not trusted
    untrusted_issuer,   // an issuer is unknown (private CA or incomplete chain)
    hostname_mismatch,  // the leaf does not cover the host (or IP) asked for
    other,              // revoked, bad signature, invalid CA, key too small, ...
};

VerifyProblem classify_verify_error(int x509_v_err);

}  // namespace sitewatch::checks
