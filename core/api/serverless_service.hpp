#pragma once
// networking.internal.knative.dev/v1alpha1 ServerlessService (SKS): whether the revision's public
// endpoints are the activators (Proxy) or the revision's pods (Serve)
// (vendor/knative.dev/networking/pkg/apis/networking/v1alpha1/serverlessservice_{types,lifecycle}.go).
#include <cstdint>

#include "core/api/condition.hpp"

namespace knsim::core::api {

enum class SksMode { kServe, kProxy };

struct ServerlessServiceSpec {
  SksMode mode = SksMode::kProxy;    // asked by the KPA reconciler
  std::int32_t num_activators = 2;   // size of the activator subset in Proxy mode
};

struct ServerlessServiceStatus {
  // ActivatorEndpointsPopulated: True iff the public endpoints are activators
  // (no serving endpoints, or spec mode Proxy). Its transition instant defines ProxyFor().
  Condition activator_endpoints_populated;
  bool ready = false;
  SksMode effective_mode = SksMode::kProxy;  // mode actually programmed (see core/autoscaler/sks_mode.hpp)

  // serverlessservice_lifecycle.go ProxyFor: time since the activators were put in the path,
  // 0 when they are not in the path.
  Seconds proxy_for(Seconds now) const {
    return activator_endpoints_populated.is_true() ? now - activator_endpoints_populated.last_transition_time : 0;
  }
};

struct ServerlessService {
  ServerlessServiceSpec spec;
  ServerlessServiceStatus status;
};

const char* to_string(SksMode m);

}  // namespace knsim::core::api
