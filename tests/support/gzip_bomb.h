#pragma once
// A gzip stream that inflates to `decoded_size` zero bytes from a small fraction of that on
// the wire, built by hand (fixed-Huffman deflate: one literal, then back-references of 258
// bytes at distance 1), so tests need no compression library.
#include <cstddef>
#include <string>

namespace sitewatch::testing {

std::string make_gzip_bomb(std::size_t decoded_size);

}  // namespace sitewatch::testing
