// ApiServerSource watching Knative Serving objects (docs/spec/eventing.md §6.2): the Simulation's
// object_change events (a Service/Configuration/Revision/Route/Deployment added, updated, deleted)
// become dev.knative.apiserver.{resource,ref}.{add,update,delete} events for the sources whose
// spec.resources list the kind, in their namespace; objects alive when the run starts arrive as
// adds (the informer's initial list). Counts worked out by hand.
#include "tests/sim/eventing_test_util.hpp"

namespace knsim::sim {
namespace {

using namespace eventing_test;

std::string trigger(const std::string& name, const std::string& type) {
  return "---\napiVersion: eventing.knative.dev/v1\nkind: Trigger\nmetadata: {name: " + name +
         "}\nspec:\n  broker: default\n  filter: {attributes: {type: " + type +
         "}}\n  subscriber: {uri: http://audit.example.com}\n";
}

TEST(EventingApiServer, ServingObjectChangesOfATimelineRolloutReachTheSink) {
  // t = 0: Service hello -> Configuration hello, Route hello, Revision hello-00001 and its
  // Deployment (all in the initial list). 30 s: apply hello with a new image: Service and
  // Configuration update (the Route's spec is unchanged), Revision hello-00002 + Deployment add;
  // once hello-00002 is Ready: Revision update, then the Route's traffic moves: Route and Service
  // update. 60 s: delete the Service: Service, Configuration, Route, 2 Revisions, 2 Deployments.
  // Source `serving` (Resource mode: Service, Revision, Route):
  //   add 3 (list) + 1 (hello-00002) = 4; update Service (30 s), Revision (Ready), Route and
  //   Service (traffic) = 4; delete Service, Route, 2 Revisions = 4. Total 12.
  // Source `refs` (Reference mode: Configuration, Deployment): add 2 (list) + 1 = 3; update 1
  //   (Configuration at 30 s); delete Configuration + 2 Deployments = 3. Total 7.
  // Source `other` watches Services of namespace `other`: nothing.
  // Every trigger of the Broker receives all 19 events.
  const Outputs o = run_yaml(R"(
apiVersion: serving.knative.dev/v1
kind: Service
metadata: {name: hello}
spec:
  template:
    spec:
      containers: [{image: example.com/hello:1}]
---
apiVersion: eventing.knative.dev/v1
kind: Broker
metadata: {name: default}
)" + trigger("adds", "dev.knative.apiserver.resource.add") +
                             trigger("updates", "dev.knative.apiserver.resource.update") +
                             trigger("deletes", "dev.knative.apiserver.resource.delete") +
                             trigger("ref-adds", "dev.knative.apiserver.ref.add") +
                             trigger("ref-deletes", "dev.knative.apiserver.ref.delete") + R"(
---
apiVersion: sources.knative.dev/v1
kind: ApiServerSource
metadata: {name: serving}
spec:
  mode: Resource
  resources:
    - {apiVersion: serving.knative.dev/v1, kind: Service}
    - {apiVersion: serving.knative.dev/v1, kind: Revision}
    - {apiVersion: serving.knative.dev/v1, kind: Route}
  sink: {ref: {apiVersion: eventing.knative.dev/v1, kind: Broker, name: default}}
---
apiVersion: sources.knative.dev/v1
kind: ApiServerSource
metadata: {name: refs}
spec:
  resources:
    - {apiVersion: serving.knative.dev/v1, kind: Configuration}
    - {apiVersion: apps/v1, kind: Deployment}
  sink: {ref: {apiVersion: eventing.knative.dev/v1, kind: Broker, name: default}}
---
apiVersion: sources.knative.dev/v1
kind: ApiServerSource
metadata: {name: other, namespace: other}
spec:
  resources: [{apiVersion: serving.knative.dev/v1, kind: Service}]
  sink: {uri: http://audit.example.com}
---
apiVersion: knsim.dev/v1alpha1
kind: Scenario
metadata: {name: apiserver-serving}
spec:
  duration: 90s
)" + kCluster + R"(
  timeline:
    - at: 30s
      apply:
        apiVersion: serving.knative.dev/v1
        kind: Service
        metadata: {name: hello}
        spec:
          template:
            spec:
              containers: [{image: example.com/hello:2}]
    - at: 60s
      delete: {kind: Service, name: hello}
)");
  const auto& ev = o.summary["eventing"];
  EXPECT_EQ(find(ev["sources"], "apiserversource/default/serving")["sent"], 12);
  EXPECT_EQ(find(ev["sources"], "apiserversource/default/serving")["accepted"], 12);
  EXPECT_EQ(find(ev["sources"], "apiserversource/default/refs")["sent"], 7);
  EXPECT_EQ(find(ev["sources"], "apiserversource/other/other")["sent"], 0);
  const auto& t = ev["triggers"];
  for (const char* name : {"default/adds", "default/updates", "default/deletes", "default/ref-adds", "default/ref-deletes"})
    EXPECT_EQ(find(t, name)["received"], 19) << name;
  EXPECT_EQ(find(t, "default/adds")["delivered"], 4);
  EXPECT_EQ(find(t, "default/updates")["delivered"], 4);
  EXPECT_EQ(find(t, "default/deletes")["delivered"], 4);
  EXPECT_EQ(find(t, "default/ref-adds")["delivered"], 3);
  EXPECT_EQ(find(t, "default/ref-deletes")["delivered"], 3);
  // events.jsonl: the object changes after t = 0 that the sources saw (a 30 s apply, readiness,
  // traffic, the 60 s delete) are there with their kind and change.
  std::map<std::string, int> changes;
  for (const auto& e : o.events)
    if (e["kind"] == "object_change" && e["t_s"].get<double>() > 0)
      ++changes[e["object_kind"].get<std::string>() + " " + e["change"].get<std::string>()];
  const std::map<std::string, int> want{{"Configuration delete", 1}, {"Configuration update", 1},
                                        {"Deployment add", 1},       {"Deployment delete", 2},
                                        {"Revision add", 1},         {"Revision delete", 2},
                                        {"Revision update", 1},      {"Route delete", 1},
                                        {"Route update", 1},         {"Service delete", 1},
                                        {"Service update", 2}};
  EXPECT_EQ(changes, want);
  expect_balanced(o.summary);
  end_process();
}

}  // namespace
}  // namespace knsim::sim
