#include "checks/tls/verify_error.h"

#include <openssl/x509_vfy.h>

namespace sitewatch::checks {

VerifyProblem classify_verify_error(int x509_v_err) {
    switch (x509_v_err) {
        case X509_V_OK:
            return VerifyProblem::none;
        case X509_V_ERR_CERT_HAS_EXPIRED:
            return VerifyProblem::expired;
        case X509_V_ERR_CERT_NOT_YET_VALID:
            return VerifyProblem::not_yet_valid;
        case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
            return VerifyProblem::self_signed_leaf;
        case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
            return VerifyProblem::untrusted_root;
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
        case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
        case X509_V_ERR_CERT_UNTRUSTED:
            return VerifyProblem::untrusted_issuer;
        case X509_V_ERR_HOSTNAME_MISMATCH:
        case X509_V_ERR_IP_ADDRESS_MISMATCH:
            return VerifyProblem::hostname_mismatch;
        default:
            return VerifyProblem::other;
    }
}

}  // namespace sitewatch::checks
