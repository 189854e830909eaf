#pragma once
// The Eventing object types live in core/eventing/eventing_objects.hpp (so sim/ and the adapter
// need not depend on manifests/); these names keep manifests/ and its users unchanged.
#include "core/eventing/eventing_objects.hpp"

namespace knsim::manifests {
using core::eventing::BrokerObject;
using core::eventing::TriggerObject;
using core::eventing::ChannelObject;
using core::eventing::SubscriptionObject;
using core::eventing::PingSourceObject;
using core::eventing::RateSourceObject;
using core::eventing::ApiServerSourceObject;
using core::eventing::EventingManifests;
}  // namespace knsim::manifests
