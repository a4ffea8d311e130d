#pragma once
// The demo's certificate authority, writing into a private TempDir that lives as long as it.
#include "monitor/demo/certificate_authority.h"
#include "tests/support/temp_dir.h"

namespace sitewatch::testing {

using demo::CertificateFiles;
using demo::LeafSpec;

namespace detail {
// Constructed before the authority that writes into it (base-from-member).
struct OwnsTempDir {
    TempDir temp_dir;
};
}  // namespace detail

class TestCertificates : private detail::OwnsTempDir, public demo::CertificateAuthority {
public:
    TestCertificates() : CertificateAuthority(temp_dir.path()) {}
    const std::filesystem::path& dir() const { return temp_dir.path(); }
};

}  // namespace sitewatch::testing
