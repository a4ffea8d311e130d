#pragma once
#include "monitor/demo/closed_port.h"

namespace sitewatch::testing {
// A loopback port where connections are refused.
using ClosedPort = sitewatch::demo::ClosedPort;
}  // namespace sitewatch::testing
