#pragma once
// serving.knative.dev/v1 Configuration (pkg/apis/serving/v1/configuration_types.go).
#include <string>

#include "core/api/condition.hpp"
#include "core/api/object_meta.hpp"
#include "core/api/revision.hpp"

namespace knsim::core::api {

struct ConfigurationSpec {
  RevisionTemplate revision_template;  // spec.template ("template" is a C++ keyword)

  bool operator==(const ConfigurationSpec&) const = default;
};

struct ConfigurationStatus {
  std::string latest_created_revision_name;
  std::string latest_ready_revision_name;  // traffic with latestRevision: true goes here
  std::int64_t observed_generation = 0;
  Condition ready;
};

struct Configuration {
  ObjectMeta metadata;
  ConfigurationSpec spec;
  ConfigurationStatus status;
};

}  // namespace knsim::core::api
