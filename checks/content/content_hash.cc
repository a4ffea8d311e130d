#include "checks/content/content_hash.h"

#include <openssl/evp.h>

#include <algorithm>
#include <memory>

namespace sitewatch::checks {

namespace {

std::vector<uint64_t> distinct(std::vector<uint64_t> v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
}

size_t intersection_size(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
    size_t n = 0;
    for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
        if (a[i] < b[j]) {
            ++i;
        } else if (b[j] < a[i]) {
            ++j;
        } else {
            ++n, ++i, ++j;
        }
    }
    return n;
}

}  // namespace

std::string sha256_hex(std::string_view data) {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1 ||
        EVP_DigestUpdate(ctx.get(), data.data(), data.size()) != 1 ||
        EVP_DigestFinal_ex(ctx.get(), digest, &len) != 1)
        return {};
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(2 * len);
    for (unsigned int i = 0; i < len; ++i) {
        out.push_back(kHex[digest[i] >> 4]);
        out.push_back(kHex[digest[i] & 0x0F]);
    }
    return out;
}

std::string content_hash(const PageFeatures& features) {
    static const TextNormaliser kBuiltIn;
    return content_hash(features, kBuiltIn);
}

std::string content_hash(const PageFeatures& features, const TextNormaliser& normaliser) {
    // NUL separators: text cannot move between fields and still hash the same.
    std::string input = normaliser.normalise(features.title);
    input.push_back('\0');
    input += normaliser.normalise(features.visible_text);
    input.push_back('\0');
    input += features.skeleton;
    return sha256_hex(input);
}

double block_similarity(const std::vector<uint64_t>& baseline_blocks,
                        const std::vector<uint64_t>& current_blocks) {
    const auto base = distinct(baseline_blocks);
    if (base.empty()) return 1.0;
    const auto cur = distinct(current_blocks);
    return static_cast<double>(intersection_size(base, cur)) / static_cast<double>(base.size());
}

double block_jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
    const auto da = distinct(a);
    const auto db = distinct(b);
    const size_t both = intersection_size(da, db);
    const size_t either = da.size() + db.size() - both;
    return either == 0 ? 1.0 : static_cast<double>(both) / static_cast<double>(either);
}

std::vector<uint64_t> block_hashes(const PageFeatures& features) {
    std::vector<uint64_t> out;
    out.reserve(features.blocks.size());
    for (const auto& b : features.blocks) out.push_back(b.hash);
    return out;
}

}  // namespace sitewatch::checks
