#include "plan/plan_file.hpp"

#include <filesystem>

#include <yaml-cpp/yaml.h>

namespace knsim::plan {

namespace {

int line_of(const YAML::Node& n) { return n.Mark().line >= 0 ? n.Mark().line + 1 : 0; }

std::optional<std::uint64_t> as_count(const YAML::Node& n, const std::string& file, const std::string& field,
                                      manifests::Diagnostics& diags) {
  try {
    if (n.IsScalar() && n.Scalar().find_first_not_of("0123456789") == std::string::npos) return n.as<std::uint64_t>();
  } catch (const YAML::Exception&) {
  }
  diags.error(file, line_of(n), field, "expected an unsigned integer");
  return std::nullopt;
}

void read_params(const YAML::Node& n, const std::string& file, manifests::Diagnostics& diags, PlanFile& p) {
  if (!n.IsMap()) {
    diags.error(file, line_of(n), "params", "expected a map KEY: [values] or KEY: \"LOW..HIGH:STEP\"");
    return;
  }
  for (const auto& kv : n) {
    const std::string key = kv.first.as<std::string>();
    const std::string field = "params." + key;
    std::string values;
    if (kv.second.IsScalar()) {
      values = kv.second.Scalar();
    } else if (kv.second.IsSequence() && kv.second.size() > 0) {
      for (const auto& v : kv.second) {
        if (!v.IsScalar() || v.Scalar().empty() || v.Scalar().find(',') != std::string::npos) {
          diags.error(file, line_of(v), field, "each value must be a non-empty scalar without commas");
          continue;
        }
        values += (values.empty() ? "" : ",") + v.Scalar();
      }
    } else {
      diags.error(file, line_of(kv.second), field, "expected a list of values or a range \"LOW..HIGH:STEP\"");
      continue;
    }
    p.params.push_back(key + "=" + values);
  }
}

}  // namespace

PlanFile read_plan_file(const std::string& path, manifests::Diagnostics& diags) {
  PlanFile p;
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    diags.error(path, 0, "", "cannot read the plan file");
    return p;
  } catch (const YAML::ParserException& e) {
    diags.error(path, e.mark.line + 1, "", "YAML: " + e.msg);
    return p;
  }
  if (!root.IsMap()) {
    diags.error(path, line_of(root), "", "a plan is a YAML map (scenario, seeds, set, params, ...)");
    return p;
  }
  const auto dir = std::filesystem::path(path).parent_path();
  for (const auto& kv : root) {
    const std::string field = kv.first.as<std::string>();
    const YAML::Node& v = kv.second;
    if (field == "kind") {
      p.kind = v.as<std::string>("");
      if (p.kind != "SweepPlan" && p.kind != "OptimizePlan")
        diags.error(path, line_of(v), field, "expected SweepPlan or OptimizePlan");
    } else if (field == "scenario") {
      if (!v.IsScalar() || v.Scalar().empty()) diags.error(path, line_of(v), field, "expected a path");
      else p.scenario = (dir / v.Scalar()).lexically_normal().string();
    } else if (field == "seeds") {
      if (v.IsSequence()) {
        for (const auto& s : v)
          if (auto c = as_count(s, path, field, diags)) p.seed_list.push_back(*c);
        if (p.seed_list.empty()) diags.error(path, line_of(v), field, "an empty list");
      } else if (auto c = as_count(v, path, field, diags)) {
        if (*c == 0) diags.error(path, line_of(v), field, "at least 1");
        p.seed_count = c;
      }
    } else if (field == "set") {
      if (!v.IsMap()) diags.error(path, line_of(v), field, "expected a map KEY: VALUE");
      else
        for (const auto& s : v) p.sets.push_back(s.first.as<std::string>() + "=" + s.second.as<std::string>(""));
    } else if (field == "params") {
      read_params(v, path, diags, p);
    } else if (field == "minimize") {
      p.minimize = v.as<std::string>("");
    } else if (field == "constraints") {
      if (!v.IsSequence()) diags.error(path, line_of(v), field, "expected a list like [\"latency_p99_ms<=300\"]");
      else
        for (const auto& c : v) p.constraints.push_back(c.as<std::string>(""));
    } else if (field == "budget") {
      p.budget = as_count(v, path, field, diags);
    } else {
      diags.error(path, line_of(kv.first), field,
                  "unknown field (known: kind, scenario, seeds, set, params, minimize, constraints, budget)");
    }
  }
  return p;
}

}  // namespace knsim::plan
