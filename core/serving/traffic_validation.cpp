// Route traffic validation (pkg/apis/serving/v1/route_validation.go validateTrafficList,
// TrafficTarget.Validate).
#include <map>

#include "core/serving/dns_names.hpp"
#include "core/serving/validation.hpp"

namespace knsim::core::serving {
namespace {

std::string join(const std::vector<std::string>& items) {
  std::string s;
  for (std::size_t i = 0; i < items.size(); ++i) s += (i ? ", " : "") + items[i];
  return s;
}

// TrafficTarget.Validate in a spec, paths relative to the target.
void validate_target(const api::TrafficTarget& tt, bool default_config, api::FieldErrors& errs) {
  // validateLatestRevision: the pin and latestRevision senses must match.
  if (tt.latest_revision) {
    const bool pinned = !tt.revision_name.empty();
    if (pinned == *tt.latest_revision) {
      errs.push_back({"latestRevision", "may not set revisionName \"" + tt.revision_name + "\" when latestRevision is " +
                                            (*tt.latest_revision ? "true" : "false"),
                      ""});
    }
  }
  // validateRevisionAndConfiguration.
  if (default_config && !tt.configuration_name.empty()) {
    errs.push_back(api::err_disallowed_fields("configurationName"));
  } else if (!tt.revision_name.empty() && !tt.configuration_name.empty()) {
    errs.push_back(api::err_multiple_one_of("revisionName, configurationName"));
  } else if (!tt.revision_name.empty()) {
    if (auto el = is_qualified_name(tt.revision_name); !el.empty()) {
      errs.push_back(api::err_invalid_key_name(tt.revision_name, "revisionName", join(el)));
    }
  } else if (!tt.configuration_name.empty()) {
    if (auto el = is_qualified_name(tt.configuration_name); !el.empty()) {
      errs.push_back(api::err_invalid_key_name(tt.configuration_name, "configurationName", join(el)));
    }
  } else if (!default_config) {
    errs.push_back(api::err_missing_one_of("revisionName, configurationName"));
  }
  // validateTrafficPercentage.
  if (tt.percent && (*tt.percent < 0 || *tt.percent > 100)) {
    errs.push_back(api::err_out_of_bounds(*tt.percent, 0, 100, "percent"));
  }
  // validateURL: never in spec.
  if (!tt.url.empty()) errs.push_back(api::err_disallowed_fields("url"));
}

}  // namespace

api::FieldErrors validate_traffic(const std::vector<api::TrafficTarget>& traffic, bool default_config,
                             const std::string& path) {
  api::FieldErrors errs;
  std::map<std::string, std::size_t> first_with_tag;
  std::int64_t sum = 0;
  for (std::size_t i = 0; i < traffic.size(); ++i) {
    const auto& tt = traffic[i];
    const std::size_t from = errs.size();
    validate_target(tt, default_config, errs);
    api::prefix_paths(errs, from, api::join_path(path, api::index_path("", i)));
    if (tt.percent) sum += *tt.percent;
    if (tt.tag.empty()) continue;
    if (auto msgs = is_dns1035_label(tt.tag); !msgs.empty()) {
      errs.push_back(api::err_invalid_value("not a DNS 1035 label: " + go_string_slice(msgs),
                                       api::join_path(path, api::index_path("", i)) + ".tag"));
    }
    if (auto it = first_with_tag.find(tt.tag); it != first_with_tag.end()) {
      errs.push_back({api::join_path(path, api::index_path("", i)) + ".tag, " + api::join_path(path, api::index_path("", it->second)) + ".tag",
                      "Multiple definitions for \"" + tt.tag + "\"", ""});
    } else {
      first_with_tag[tt.tag] = i;
    }
  }
  if (sum != 100) errs.push_back({path, "Traffic targets sum to " + std::to_string(sum) + ", want 100", ""});
  return errs;
}

}  // namespace knsim::core::serving
