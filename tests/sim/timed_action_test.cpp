// sim/timed_action: a timed event's callable, inline when small and trivially copyable, else on the
// heap. Calls reach the callable, moves leave the source empty, and a heap callable (with what it
// captured) is destroyed exactly once, whether it ran, was reset (a cancelled event) or moved.
#include "sim/timed_action.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace knsim::sim {
namespace {

TEST(TimedAction, SmallTriviallyCopyableCallablesAreCalledAfterMoves) {
  int hits = 0;
  int* where = &hits;
  const std::uint32_t id = 7, seq = 3;
  TimedAction a([where, id, seq] { *where += static_cast<int>(id + seq); });  // 16 bytes: inline
  ASSERT_TRUE(a);
  TimedAction b(std::move(a));
  EXPECT_FALSE(a);  // NOLINT(bugprone-use-after-move): moved-from is empty by contract
  b();
  TimedAction c;
  c = std::move(b);
  c();
  EXPECT_EQ(hits, 20);
  c.reset();
  EXPECT_FALSE(c);
}

TEST(TimedAction, LargeOrOwningCallablesLiveOnTheHeapAndAreDestroyedOnce) {
  auto token = std::make_shared<int>(0);
  std::string name = "a-capture-longer-than-the-small-string-buffer";
  {
    TimedAction a([token, name] { *token += static_cast<int>(name.size()); });  // owns: heap
    EXPECT_EQ(token.use_count(), 2);
    TimedAction b(std::move(a));
    EXPECT_EQ(token.use_count(), 2) << "moved, not copied";
    b();
    EXPECT_EQ(*token, static_cast<int>(name.size()));
    b.reset();  // a cancelled event: its captures go now
    EXPECT_EQ(token.use_count(), 1);
    TimedAction c([token] { ++*token; });
    TimedAction d([token] { ++*token; });
    EXPECT_EQ(token.use_count(), 3);
    c = std::move(d);  // c's own callable is destroyed, d's moves in
    EXPECT_EQ(token.use_count(), 2);
  }
  EXPECT_EQ(token.use_count(), 1) << "the last one went with its TimedAction";
  std::vector<TimedAction> v;
  for (int i = 0; i < 100; ++i) v.emplace_back([token, i] { *token += i; });  // reallocations move them
  for (auto& f : v) f();
  EXPECT_EQ(token.use_count(), 101);
  v.clear();
  EXPECT_EQ(token.use_count(), 1);
}

}  // namespace
}  // namespace knsim::sim
