// SKS mode, numActivators, effective mode and ProxyFor (kpa.go, serverlessservice.go).
#include "core/autoscaler/sks_mode.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace {

using namespace knsim::core::autoscaler;
namespace api = knsim::core::api;

TEST(SksMode, SpecModeTable) {
  struct Row {
    int want, ebc;
    bool inactive;
    api::SksMode mode;
  } rows[] = {
      {0, 5, false, api::SksMode::kProxy},    // scaled to zero
      {3, -1, false, api::SksMode::kProxy},   // negative EBC
      {3, 0, false, api::SksMode::kServe},    // EBC 0 counts as non-negative
      {3, 50, true, api::SksMode::kServe},    // want > 0 wins over Inactive
      {-1, 10, true, api::SksMode::kProxy},   // no metrics, already scaled down
      {-1, 10, false, api::SksMode::kServe},  // no metrics after a restart, still serving
  };
  for (const auto& r : rows) {
    EXPECT_EQ(sks_spec_mode(r.want, r.ebc, r.inactive).mode, r.mode) << r.want << " " << r.ebc << " " << r.inactive;
  }
}

TEST(SksMode, DefaultsKeepTheActivatorUntilThreePods) {
  // EBC = floor(ready * 100 - 211 - 0) with the default TBC and CC 0 (TotalValue 100).
  for (int ready = 0; ready <= 4; ++ready) {
    const int ebc = static_cast<int>(std::floor(ready * 100.0 - 211.0));
    EXPECT_EQ(sks_spec_mode(ready == 0 ? 1 : ready, ebc, false).mode,
              ready >= 3 ? api::SksMode::kServe : api::SksMode::kProxy)
        << ready;
  }
}

TEST(SksMode, NumActivatorsTable) {
  EXPECT_EQ(num_activators(10, 100, 0, 100), 2);     // TBC 0
  EXPECT_EQ(num_activators(0, 100, 211, 100), 3);    // ceil(211/100)
  EXPECT_EQ(num_activators(3, 100, 211, 100), 6);    // ceil(511/100)
  EXPECT_EQ(num_activators(5, 100, -1, 100), 5);     // TBC -1: ready capacity only
  EXPECT_EQ(num_activators(1, 10, -1, 100), 2);      // at least 2
}

TEST(SksMode, EffectiveModeForcedByEndpoints) {
  EXPECT_EQ(effective_sks_mode(api::SksMode::kServe, 0, 3), api::SksMode::kProxy);
  EXPECT_EQ(effective_sks_mode(api::SksMode::kProxy, 4, 0), api::SksMode::kServe);
  EXPECT_EQ(effective_sks_mode(api::SksMode::kServe, 4, 3), api::SksMode::kServe);
  EXPECT_EQ(effective_sks_mode(api::SksMode::kProxy, 4, 3), api::SksMode::kProxy);
}

TEST(SksMode, ProxyForCountsFromTheSwitchToProxy) {
  api::ServerlessServiceSpec spec;
  api::ServerlessServiceStatus status;
  spec.mode = api::SksMode::kServe;
  update_sks_status(spec, 2, 2, 10, status);
  EXPECT_DOUBLE_EQ(status.proxy_for(15), 0);
  spec.mode = api::SksMode::kProxy;
  update_sks_status(spec, 2, 2, 20, status);
  update_sks_status(spec, 2, 2, 25, status);  // unchanged: keeps the transition time
  EXPECT_DOUBLE_EQ(status.proxy_for(50), 30);
  EXPECT_EQ(status.effective_mode, api::SksMode::kProxy);
}

TEST(SksMode, ActivatorSubsetIsDeterministicAndSized) {
  const std::vector<std::string> acts = {"10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5"};
  const auto a = activator_subset(acts, 2, "default/hello-00001");
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a, activator_subset(acts, 2, "default/hello-00001"));
  EXPECT_EQ(activator_subset(acts, 9, "x").size(), 5u);
  // Growing n keeps the earlier choices (rendezvous hashing is monotone).
  const auto b = activator_subset(acts, 3, "default/hello-00001");
  for (const auto& ip : a) EXPECT_NE(std::find(b.begin(), b.end(), ip), b.end());
}

}  // namespace

namespace knsim::core::autoscaler {
namespace {

// The reason of an effective-mode change (serverlessservice.go): forced modes name their cause.
TEST(SksModeReason, ForcedModesNameTheirCause) {
  EXPECT_EQ(effective_mode_reason(api::SksMode::kServe, 0, 1, "Serve"), "NoReadyEndpoints");
  EXPECT_EQ(effective_mode_reason(api::SksMode::kServe, 2, 1, "Serve"), "Serve");
  EXPECT_EQ(effective_mode_reason(api::SksMode::kProxy, 2, 0, "NegativeExcessBurstCapacity"), "NoReadyActivators");
  EXPECT_EQ(effective_mode_reason(api::SksMode::kProxy, 0, 2, "ScaledToZero"), "ScaledToZero");
}

}  // namespace
}  // namespace knsim::core::autoscaler
