#pragma once
// Helpers shared by the eventing vector tests: load knative-eventing-tests.json and convert its
// JSON shapes into core eventing values.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/eventing/cloud_event.hpp"
#include "core/eventing/delivery.hpp"
#include "core/eventing/filter.hpp"

namespace knsim::test::eventing {

// Every case of the given kind (asserts the file loads).
std::vector<nlohmann::json> load_vectors(const std::string& kind);

knsim::core::eventing::CloudEvent event_from_json(const nlohmann::json& j);
knsim::core::eventing::DeliverySpec delivery_from_json(const nlohmann::json& j);
// A SubscriptionsAPI filter object, "$stub" and "$nofilter" test doubles included.
knsim::core::eventing::CompiledFilter compiled_filter_from_json(const nlohmann::json& j);
// The same object as a manifest-level filter; nullopt when it contains test doubles.
std::optional<knsim::core::eventing::SubscriptionsApiFilter> api_filter_from_json(const nlohmann::json& j);
knsim::core::eventing::FilterResult result_from_name(const std::string& name);

}  // namespace knsim::test::eventing
