#include "core/api/condition.hpp"

namespace knsim::core::api {

const char* to_string(ConditionStatus s) {
  switch (s) {
    case ConditionStatus::kTrue: return "True";
    case ConditionStatus::kFalse: return "False";
    case ConditionStatus::kUnknown: break;
  }
  return "Unknown";
}

}  // namespace knsim::core::api
