#include "tests/support/gzip_bomb.h"

#include <array>
#include <cstdint>

namespace sitewatch::testing {
namespace {

// Deflate packs bits least-significant first; Huffman codes go most-significant bit first.
class BitWriter {
  public:
    explicit BitWriter(std::string& out) : out_(out) {}
    void bits(std::uint32_t value, int count) {
        for (int i = 0; i < count; ++i) bit((value >> i) & 1u);
    }
    void code(std::uint32_t value, int length) {
        for (int i = length - 1; i >= 0; --i) bit((value >> i) & 1u);
    }
    void flush() {
        if (used_) out_.push_back(static_cast<char>(acc_));
        acc_ = 0;
        used_ = 0;
    }

  private:
    void bit(std::uint32_t b) {
        acc_ |= static_cast<std::uint8_t>(b << used_);
        if (++used_ == 8) flush();
    }
    std::string& out_;
    std::uint8_t acc_ = 0;
    int used_ = 0;
};

std::uint32_t crc32_of_zeros(std::size_t n) {
    std::array<std::uint32_t, 256> table{};
    for (std::uint32_t i = 0; i < 256; ++i) {
        std::uint32_t c = i;
        for (int k = 0; k < 8; ++k) c = (c & 1u) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
    std::uint32_t crc = 0xFFFFFFFFu;
    for (std::size_t i = 0; i < n; ++i) crc = table[crc & 0xFFu] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}

void put_le32(std::string& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFFu));
}

}  // namespace

std::string make_gzip_bomb(std::size_t decoded_size) {
    std::string out = {'\x1f', '\x8b', '\x08', '\0', '\0', '\0', '\0', '\0', '\0', '\x03'};
    BitWriter w(out);
    w.bits(1, 1);  // final block
    w.bits(1, 2);  // fixed Huffman codes
    std::size_t produced = 0;
    if (decoded_size > 0) {
        w.code(0x30, 8);  // literal 0
        produced = 1;
    }
    while (decoded_size - produced >= 258 && produced > 0) {
        w.code(0xC5, 8);  // length symbol 285 = 258 bytes
        w.code(0, 5);     // distance code 0 = distance 1
        produced += 258;
    }
    while (produced < decoded_size) {
        w.code(0x30, 8);
        ++produced;
    }
    w.code(0, 7);  // end of block (symbol 256)
    w.flush();
    put_le32(out, crc32_of_zeros(decoded_size));
    put_le32(out, static_cast<std::uint32_t>(decoded_size));
    return out;
}

}  // namespace sitewatch::testing
