#pragma once
// A Kubernetes batch/v1 Job that runs a sweep on a cluster, one shard per completion index:
//   completionMode: Indexed, completions = shards, parallelism, backoffLimitPerIndex (a failing
//   shard is retried alone; needs Kubernetes >= 1.29 or 1.28 with the JobBackoffLimitPerIndex gate),
//   restartPolicy: Never (required by backoffLimitPerIndex).
// Each pod runs `knsim sweep shard <the sweep's arguments> --index $(JOB_COMPLETION_INDEX) --of N
// --out <results>` in workingDir /data, a PersistentVolumeClaim holding the scenario (copied there
// with its traces) and receiving each shard's folder <results>/shard-IIII/. JOB_COMPLETION_INDEX is
// declared from the pod's batch.kubernetes.io/job-completion-index annotation (what the Job
// controller sets), so $(JOB_COMPLETION_INDEX) in args is expanded by the kubelet.
// Then `knsim sweep collect <results>` (on any machine with the volume's files) merges the shards.
#include <cstddef>
#include <string>
#include <vector>

namespace knsim::plan {

struct K8sJobOptions {
  std::string name;                 // metadata.name (made DNS-1123 by k8s_job_name)
  std::string image = "knsim:latest";
  std::size_t shards = 1;           // completions
  std::size_t parallelism = 1;      // pods at a time (<= shards)
  int backoff_limit_per_index = 2;
  std::string claim = "knsim-sweep";  // PersistentVolumeClaim mounted at /data
  std::string results = "results";    // shard output base under /data
  std::vector<std::string> sweep_args;  // after `knsim sweep shard`: SCENARIO, --plan, --param, --set, --seeds
  std::string cpu = "1", memory = "2Gi";  // per pod (one simulation at a time)
};

// A DNS-1123 label from `base`: lower case, [a-z0-9-], starts and ends alphanumeric, <= 52 chars
// (the Job controller appends "-<index>-<5 chars>" to pod names; 63 is the label limit).
std::string k8s_job_name(const std::string& base);

// The Job manifest as YAML.
std::string k8s_job_yaml(const K8sJobOptions& opt);

}  // namespace knsim::plan
