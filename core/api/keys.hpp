#pragma once
// Label and annotation keys of serving.knative.dev used by the control logic
// (pkg/apis/serving/register.go, vendor/knative.dev/networking/pkg/apis/networking/register.go).
// The autoscaling.knative.dev/* annotation keys live in core/config/revision_annotations.hpp.

namespace knsim::core::api::keys {

// Labels stamped on a Revision by the Configuration reconciler.
inline constexpr const char* kConfigurationLabel = "serving.knative.dev/configuration";
inline constexpr const char* kConfigurationGenerationLabel = "serving.knative.dev/configurationGeneration";
inline constexpr const char* kServiceLabel = "serving.knative.dev/service";
inline constexpr const char* kRouteLabel = "serving.knative.dev/route";
// routingState: pending at creation, active when a Route references the revision, reserve otherwise.
inline constexpr const char* kRoutingStateLabel = "serving.knative.dev/routingState";
inline constexpr const char* kVisibilityLabel = "networking.knative.dev/visibility";

// Annotations.
inline constexpr const char* kRolloutDurationAnnotation = "serving.knative.dev/rollout-duration";
inline constexpr const char* kProgressDeadlineAnnotation = "serving.knative.dev/progress-deadline";
inline constexpr const char* kCreatorAnnotation = "serving.knative.dev/creator";
inline constexpr const char* kLastModifierAnnotation = "serving.knative.dev/lastModifier";
inline constexpr const char* kRoutesAnnotation = "serving.knative.dev/routes";

}  // namespace knsim::core::api::keys
