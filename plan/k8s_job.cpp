#include "plan/k8s_job.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace knsim::plan {

std::string k8s_job_name(const std::string& base) {
  std::string s;
  for (char c : base) {
    const char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if ((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9')) s += l;
    else if (!s.empty() && s.back() != '-') s += '-';
  }
  if (s.size() > 52) s.resize(52);
  while (!s.empty() && s.back() == '-') s.pop_back();
  return s.empty() ? "knsim-sweep" : s;
}

std::string k8s_job_yaml(const K8sJobOptions& opt) {
  const std::string name = k8s_job_name(opt.name);
  YAML::Emitter e;
  e << YAML::BeginMap;
  e << YAML::Key << "apiVersion" << YAML::Value << "batch/v1";
  e << YAML::Key << "kind" << YAML::Value << "Job";
  e << YAML::Key << "metadata" << YAML::Value << YAML::BeginMap;
  e << YAML::Key << "name" << YAML::Value << name;
  e << YAML::Key << "labels" << YAML::Value << YAML::BeginMap << YAML::Key << "app.kubernetes.io/name" << YAML::Value
    << "knsim" << YAML::Key << "app.kubernetes.io/component" << YAML::Value << "sweep" << YAML::EndMap;
  e << YAML::EndMap;
  e << YAML::Key << "spec" << YAML::Value << YAML::BeginMap;
  e << YAML::Key << "completionMode" << YAML::Value << "Indexed";
  e << YAML::Key << "completions" << YAML::Value << opt.shards;
  e << YAML::Key << "parallelism" << YAML::Value << std::min(opt.parallelism, opt.shards);
  e << YAML::Key << "backoffLimitPerIndex" << YAML::Value << opt.backoff_limit_per_index;
  e << YAML::Key << "template" << YAML::Value << YAML::BeginMap;
  e << YAML::Key << "metadata" << YAML::Value << YAML::BeginMap << YAML::Key << "labels" << YAML::Value << YAML::BeginMap
    << YAML::Key << "app.kubernetes.io/name" << YAML::Value << "knsim" << YAML::Key << "app.kubernetes.io/component"
    << YAML::Value << "sweep" << YAML::EndMap << YAML::EndMap;
  e << YAML::Key << "spec" << YAML::Value << YAML::BeginMap;
  e << YAML::Key << "restartPolicy" << YAML::Value << "Never";
  e << YAML::Key << "containers" << YAML::Value << YAML::BeginSeq << YAML::BeginMap;
  e << YAML::Key << "name" << YAML::Value << "knsim";
  e << YAML::Key << "image" << YAML::Value << opt.image;
  e << YAML::Key << "workingDir" << YAML::Value << "/data";
  e << YAML::Key << "env" << YAML::Value << YAML::BeginSeq << YAML::BeginMap;
  e << YAML::Key << "name" << YAML::Value << "JOB_COMPLETION_INDEX";
  e << YAML::Key << "valueFrom" << YAML::Value << YAML::BeginMap << YAML::Key << "fieldRef" << YAML::Value << YAML::BeginMap
    << YAML::Key << "fieldPath" << YAML::Value << "metadata.annotations['batch.kubernetes.io/job-completion-index']"
    << YAML::EndMap << YAML::EndMap;
  e << YAML::EndMap << YAML::EndSeq;
  e << YAML::Key << "command" << YAML::Value << YAML::Flow << YAML::BeginSeq << "knsim" << YAML::EndSeq;
  // Every argument double-quoted: args are strings, and an unquoted `2` would be read as an integer.
  std::vector<std::string> args{"sweep", "shard"};
  args.insert(args.end(), opt.sweep_args.begin(), opt.sweep_args.end());
  args.insert(args.end(), {"--index", "$(JOB_COMPLETION_INDEX)", "--of", std::to_string(opt.shards), "--jobs", "1",
                           "--quiet", "--out", opt.results});
  e << YAML::Key << "args" << YAML::Value << YAML::BeginSeq;
  for (const auto& a : args) e << YAML::DoubleQuoted << a;
  e << YAML::EndSeq;
  e << YAML::Key << "resources" << YAML::Value << YAML::BeginMap;
  for (const char* k : {"requests", "limits"})
    e << YAML::Key << k << YAML::Value << YAML::BeginMap << YAML::Key << "cpu" << YAML::Value << YAML::DoubleQuoted
      << opt.cpu << YAML::Key << "memory" << YAML::Value << opt.memory << YAML::EndMap;
  e << YAML::EndMap;
  e << YAML::Key << "volumeMounts" << YAML::Value << YAML::BeginSeq << YAML::BeginMap << YAML::Key << "name"
    << YAML::Value << "data" << YAML::Key << "mountPath" << YAML::Value << "/data" << YAML::EndMap << YAML::EndSeq;
  e << YAML::EndMap << YAML::EndSeq;  // container, containers
  e << YAML::Key << "volumes" << YAML::Value << YAML::BeginSeq << YAML::BeginMap << YAML::Key << "name" << YAML::Value
    << "data" << YAML::Key << "persistentVolumeClaim" << YAML::Value << YAML::BeginMap << YAML::Key << "claimName"
    << YAML::Value << opt.claim << YAML::EndMap << YAML::EndMap << YAML::EndSeq;
  e << YAML::EndMap << YAML::EndMap;  // pod spec, template
  e << YAML::EndMap << YAML::EndMap;  // job spec, document
  return std::string("# knsim sweep as a Kubernetes Indexed Job (docs/sweeps.md). Copy the scenario to the volume\n"
                     "# `") + opt.claim + "` first; then `knsim sweep collect " + opt.results + "` merges the shards.\n" +
         e.c_str() + "\n";
}

}  // namespace knsim::plan
