// Revision naming (kmeta.ChildName) and MD5.
#include "core/serving/revision_naming.hpp"

#include <gtest/gtest.h>

#include "core/serving/md5.hpp"

namespace {

using namespace knsim::core::serving;

TEST(Md5, Rfc1321TestSuite) {
  EXPECT_EQ(md5_hex(""), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(md5_hex("a"), "0cc175b9c0f1b6a831c399e269772661");
  EXPECT_EQ(md5_hex("abc"), "900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(md5_hex("message digest"), "f96b697d7cb7938d525a2f31aaf161d0");
  EXPECT_EQ(md5_hex(std::string(58, 'a')), "dc2f2f2462a0d72358b2f99389458606");
  EXPECT_EQ(md5_hex("12345678901234567890123456789012345678901234567890123456789012345678901234567890"),
            "57edf4a22be3c955ac49da2e2107b67a");
}

TEST(RevisionNaming, Table) {
  struct Row {
    std::string config;
    long long generation;
    std::string want;
  } rows[] = {
      {"hello", 1, "hello-00001"},
      {"hello", 42, "hello-00042"},
      {"hello", 123456, "hello-123456"},
      {std::string(57, 'a'), 3, std::string(57, 'a') + "-00003"},  // exactly 63: kept
      // 58 characters: the first 25 kept, then the MD5 of the whole name, then the suffix.
      {std::string(58, 'a'), 3, std::string(25, 'a') + "dc2f2f2462a0d72358b2f99389458606-00003"},
  };
  for (const auto& r : rows) {
    const std::string got = revision_name(r.config, r.generation);
    EXPECT_EQ(got, r.want) << r.config;
    EXPECT_LE(got.size(), 63u);
  }
}

TEST(RevisionNaming, ChildNameWithAVeryLongSuffixHashesEverything) {
  const std::string suffix(40, 'x');
  EXPECT_EQ(child_name("parent", suffix), "parent" + suffix);  // 46 characters fit
  const std::string parent(30, 'p');
  const std::string got = child_name(parent, suffix);
  EXPECT_EQ(got, parent + md5_hex(parent + suffix) + "x");  // 30 + 32 + 1 = 63
}

}  // namespace
