#pragma once
// Replays a loaded trace as an ArrivalProcess (scale and loop as documented in
// models/arrival_process.hpp). Usually reached through make_arrival_process.
#include <memory>

#include "models/arrival_process.hpp"

namespace knsim::models {

// `trace` must not be null (a null trace gives a process without arrivals).
std::unique_ptr<ArrivalProcess> make_trace_arrivals(const TraceSpec& spec, Seconds origin,
                                                    std::shared_ptr<const TraceData> trace);

}  // namespace knsim::models
