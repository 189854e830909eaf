#pragma once
// `knsim cluster apply SCENARIO [--yes]` (docs/adapter.md "apply"): compares the scenario's
// autoscaling settings - autoscaling.knative.dev/* annotations on Service templates and the data
// of knative-serving's config-autoscaler and config-defaults - with the live cluster, and sends
// each difference as server-side apply (PATCH application/apply-patch+yaml, fieldManager=knsim,
// force=false) with dryRun=All first, reporting what Knative's webhooks answer and any conflict
// with another field manager. Only with `yes` and when every dry run passed are the same patches
// sent for real. Nothing else ever writes.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "adapter/kube/kube_client.hpp"

namespace knsim::adapter {

// One object's difference and the patch that would settle it.
struct SettingChange {
  std::string key;
  std::string live;    // "" with live_set false: not set
  bool live_set = false;
  std::string wanted;
};

struct ApplyItem {
  std::string kind, namespace_name, name, path;   // path: the object's REST path
  std::string where;                              // "spec.template.metadata.annotations" or "data"
  std::vector<SettingChange> changes;
  nlohmann::json patch;                           // the SSA body (only the changed keys)
  std::string dry_run_answer;                     // "accepted", or the server's error
  bool dry_run_ok = false;
  bool written = false;
};

struct ApplyResult {
  std::vector<ApplyItem> items;   // objects with differences
  bool all_dry_runs_ok = true;
  bool wrote = false;
};

// The Knative documents of a scenario file or folder (every *.yaml/*.yml in it), as JSON.
// Throws std::runtime_error naming the file on bad YAML.
std::vector<nlohmann::json> read_scenario_documents(const std::filesystem::path& path);

// Diffs, dry-runs and (with yes) applies. `out` gets the human-readable report.
ApplyResult apply_settings(KubeClient& client, const std::vector<nlohmann::json>& documents, bool yes, std::ostream& out);

constexpr const char* kFieldManager = "knsim";

}  // namespace knsim::adapter
