#pragma once
// The last few response times of a site, for the UI's sparklines. A fixed ring of floats, so
// SiteStatus stays cheap to copy for 10,000 sites and never allocates.
#include <array>
#include <cstddef>
#include <vector>

namespace sitewatch {

class RecentResponseTimes {
public:
    static constexpr std::size_t kCapacity = 30;

    void push(double milliseconds) {
        values_[(start_ + size_) % kCapacity] = static_cast<float>(milliseconds);
        if (size_ < kCapacity)
            ++size_;
        else
            start_ = (start_ + 1) % kCapacity;
    }
    std::size_t size() const { return size_; }
    // The i-th oldest kept value.
    float at(std::size_t i) const { return values_[(start_ + i) % kCapacity]; }
    std::vector<float> oldest_first() const {
        std::vector<float> out;
        out.reserve(size_);
        for (std::size_t i = 0; i < size_; ++i) out.push_back(at(i));
        return out;
    }

private:
    std::array<float, kCapacity> values_{};
    std::size_t start_ = 0;
    std::size_t size_ = 0;
};

}  // namespace sitewatch
