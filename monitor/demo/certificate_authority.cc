#include "monitor/demo/certificate_authority.h"

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <fstream>
#include <stdexcept>

namespace sitewatch::demo {
namespace {

using PKeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using X509Ptr = std::unique_ptr<X509, decltype(&X509_free)>;

void check(bool ok, const char* what) {
    if (!ok) throw std::runtime_error(std::string("certificate authority: ") + what);
}

PKeyPtr new_key() {
    PKeyPtr key(EVP_EC_gen("P-256"), &EVP_PKEY_free);
    check(key != nullptr, "EC key generation failed");
    return key;
}

void add_ext(X509* cert, X509* issuer, int nid, const std::string& value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
    check(ext != nullptr, "bad extension");
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
}

X509Ptr new_cert(const std::string& common_name, EVP_PKEY* key, std::chrono::seconds from,
                 std::chrono::seconds until) {
    X509Ptr cert(X509_new(), &X509_free);
    check(cert != nullptr, "X509_new failed");
    X509_set_version(cert.get(), X509_VERSION_3);
    unsigned char serial[16];
    RAND_bytes(serial, sizeof serial);
    serial[0] &= 0x7f;  // positive
    BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
    BN_free(bn);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), static_cast<long>(from.count()));
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), static_cast<long>(until.count()));
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("sitewatch"), -1, -1,
                               0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1,
                               0);
    X509_set_pubkey(cert.get(), key);
    return cert;
}

std::string to_pem(X509* cert) {
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(bio, cert);
    char* data = nullptr;
    long len = BIO_get_mem_data(bio, &data);
    std::string out(data, static_cast<std::size_t>(len));
    BIO_free(bio);
    return out;
}

std::string to_pem(EVP_PKEY* key) {
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
    char* data = nullptr;
    long len = BIO_get_mem_data(bio, &data);
    std::string out(data, static_cast<std::size_t>(len));
    BIO_free(bio);
    return out;
}

constexpr std::chrono::seconds kDay{24 * 3600};

std::string write_file(const std::filesystem::path& p, const std::string& content) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << content;
    check(static_cast<bool>(out), "cannot write a PEM file");
    return p.string();
}

}  // namespace

struct CertificateAuthority::Keys {
    PKeyPtr ca_key{nullptr, &EVP_PKEY_free};
    X509Ptr ca_cert{nullptr, &X509_free};
};

CertificateAuthority::CertificateAuthority(std::filesystem::path dir)
    : dir_(std::move(dir)), keys_(std::make_unique<Keys>()) {
    std::filesystem::create_directories(dir_);
    keys_->ca_key = new_key();
    keys_->ca_cert = new_cert("sitewatch demo CA", keys_->ca_key.get(), -kDay, 3650 * kDay);
    X509* ca = keys_->ca_cert.get();
    X509_set_issuer_name(ca, X509_get_subject_name(ca));
    add_ext(ca, ca, NID_basic_constraints, "critical,CA:TRUE");
    add_ext(ca, ca, NID_key_usage, "critical,keyCertSign,cRLSign");
    add_ext(ca, ca, NID_subject_key_identifier, "hash");
    check(X509_sign(ca, keys_->ca_key.get(), EVP_sha256()) > 0, "signing the CA failed");
    ca_file_ = write_file(dir_ / "ca.pem", to_pem(ca));
}

CertificateAuthority::~CertificateAuthority() = default;

CertificateFiles CertificateAuthority::issue(const LeafSpec& spec) {
    PKeyPtr key = new_key();
    std::string cn = !spec.dns_names.empty()      ? spec.dns_names.front()
                     : !spec.ip_addresses.empty() ? spec.ip_addresses.front()
                                                  : std::string("leaf");
    X509Ptr cert = new_cert(cn, key.get(), spec.valid_from, spec.valid_until);
    X509* leaf = cert.get();
    X509* issuer = spec.self_signed ? leaf : keys_->ca_cert.get();
    X509_set_issuer_name(leaf, X509_get_subject_name(issuer));

    std::string san;
    for (const auto& d : spec.dns_names) san += (san.empty() ? "DNS:" : ",DNS:") + d;
    for (const auto& ip : spec.ip_addresses) san += (san.empty() ? "IP:" : ",IP:") + ip;
    add_ext(leaf, issuer, NID_basic_constraints, "critical,CA:FALSE");
    // A keyUsage without keyCertSign would stop OpenSSL from seeing a self-signed leaf
    // as its own issuer, so self-signed leaves go without one (as `openssl req -x509` does).
    if (!spec.self_signed) add_ext(leaf, issuer, NID_key_usage, "critical,digitalSignature");
    add_ext(leaf, issuer, NID_ext_key_usage, "serverAuth");
    if (!san.empty()) add_ext(leaf, issuer, NID_subject_alt_name, san);
    add_ext(leaf, issuer, NID_subject_key_identifier, "hash");
    if (!spec.self_signed) add_ext(leaf, issuer, NID_authority_key_identifier, "keyid:always");
    EVP_PKEY* signer = spec.self_signed ? key.get() : keys_->ca_key.get();
    check(X509_sign(leaf, signer, EVP_sha256()) > 0, "signing a leaf failed");

    const std::string base = "leaf" + std::to_string(++issued_);
    CertificateFiles files;
    files.cert_file = write_file(dir_ / (base + ".crt"), to_pem(leaf));
    files.key_file = write_file(dir_ / (base + ".key"), to_pem(key.get()));
    return files;
}

namespace {

LeafSpec local_leaf(std::chrono::seconds from, std::chrono::seconds until) {
    LeafSpec spec;
    spec.dns_names = {"localhost"};
    spec.ip_addresses = {"127.0.0.1"};
    spec.valid_from = from;
    spec.valid_until = until;
    return spec;
}

}  // namespace

CertificateFiles CertificateAuthority::valid() { return issue(local_leaf(-kDay, 365 * kDay)); }

CertificateFiles CertificateAuthority::expired() { return issue(local_leaf(-30 * kDay, -kDay)); }

CertificateFiles CertificateAuthority::not_yet_valid() { return issue(local_leaf(kDay, 30 * kDay)); }

CertificateFiles CertificateAuthority::wrong_host() {
    LeafSpec spec;
    spec.dns_names = {"wrong.example"};
    return issue(spec);
}

CertificateFiles CertificateAuthority::expiring_in(int days) {
    return issue(local_leaf(-30 * kDay, days * kDay));
}

CertificateFiles CertificateAuthority::self_signed() {
    LeafSpec spec = local_leaf(-kDay, 365 * kDay);
    spec.self_signed = true;
    return issue(spec);
}

}  // namespace sitewatch::demo
