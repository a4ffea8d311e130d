#include "monitor/probe/detail/certificate_reader.h"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/x509v3.h>

#include <cctype>
#include <cstdio>
#include <ctime>
#include <memory>

namespace sitewatch::probe_detail {
namespace {

std::string name_to_string(const X509_NAME* name) {
    if (!name) return {};
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
    if (!bio) return {};
    // RFC 2253 order, but keep UTF-8 readable instead of \-escaping every byte.
    X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
    char* data = nullptr;
    long len = BIO_get_mem_data(bio.get(), &data);
    return len > 0 ? std::string(data, static_cast<std::size_t>(len)) : std::string();
}

TimePoint to_time_point(const ASN1_TIME* t) {
    std::tm tm{};
    if (!t || ASN1_TIME_to_tm(t, &tm) != 1) return {};
    return Clock::from_time_t(timegm(&tm));
}

std::string hex(const unsigned char* data, std::size_t len) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out(len * 2, '0');
    for (std::size_t i = 0; i < len; ++i) {
        out[2 * i] = digits[data[i] >> 4];
        out[2 * i + 1] = digits[data[i] & 0xf];
    }
    return out;
}

std::string serial_hex(const X509* cert) {
    const ASN1_INTEGER* serial = X509_get0_serialNumber(cert);
    BIGNUM* bn = serial ? ASN1_INTEGER_to_BN(serial, nullptr) : nullptr;
    if (!bn) return {};
    std::string out;
    if (char* s = BN_bn2hex(bn)) {
        out = s;
        OPENSSL_free(s);
    }
    BN_free(bn);
    for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return out;
}

std::string ip_to_string(const ASN1_OCTET_STRING* ip) {
    const unsigned char* p = ASN1_STRING_get0_data(ip);
    int len = ASN1_STRING_length(ip);
    char buf[64];
    if (len == 4) {
        std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", p[0], p[1], p[2], p[3]);
        return buf;
    }
    if (len == 16) {
        std::string out;
        for (int i = 0; i < 16; i += 2) {
            std::snprintf(buf, sizeof buf, "%s%x", i ? ":" : "", (p[i] << 8) | p[i + 1]);
            out += buf;
        }
        return out;
    }
    return {};
}

void read_alt_names(X509* cert, CertificateInfo& info) {
    auto* names =
        static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
    if (!names) return;
    for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
        const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, i);
        if (name->type == GEN_DNS) {
            const ASN1_IA5STRING* s = name->d.dNSName;
            info.dns_names.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                                        static_cast<std::size_t>(ASN1_STRING_length(s)));
        } else if (name->type == GEN_IPADD) {
            if (auto ip = ip_to_string(name->d.iPAddress); !ip.empty())
                info.ip_addresses.push_back(std::move(ip));
        }
    }
    GENERAL_NAMES_free(names);
}

}  // namespace

CertificateInfo read_certificate(X509* cert) {
    CertificateInfo info;
    if (!cert) return info;
    info.subject = name_to_string(X509_get_subject_name(cert));
    info.issuer = name_to_string(X509_get_issuer_name(cert));
    read_alt_names(cert, info);
    info.not_before = to_time_point(X509_get0_notBefore(cert));
    info.not_after = to_time_point(X509_get0_notAfter(cert));
    info.serial_hex = serial_hex(cert);
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int md_len = 0;
    if (X509_digest(cert, EVP_sha256(), md, &md_len) == 1)
        info.fingerprint_sha256 = hex(md, md_len);
    // Signature check too, so a leaf merely naming itself as issuer does not count.
    info.self_signed = X509_self_signed(cert, 1) == 1;
    return info;
}

}  // namespace sitewatch::probe_detail
