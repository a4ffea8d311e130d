#pragma once
// Turns an OpenSSL certificate into the plain CertificateInfo the checks read.
#include <openssl/x509.h>

#include "checks/model/response.h"

namespace sitewatch::probe_detail {

CertificateInfo read_certificate(X509* cert);

}  // namespace sitewatch::probe_detail
