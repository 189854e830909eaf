#include "manifests/yaml_reader.hpp"

#include <gtest/gtest.h>

#include "manifests/documents.hpp"
#include "tests/manifests/manifest_test_util.hpp"

namespace knsim::manifests {
namespace {

using testing::has_diag;

// Reads field `key` of a one-line YAML map with the given reader and returns the diagnostics.
struct ReadCase {
  const char* yaml;     // "v: ..." on line 1
  const char* as;       // which reader
  bool ok;
  const char* message;  // expected error substring when !ok
};

bool read_as(const Field& f, const std::string& as) {
  if (as == "number") return f.number().has_value();
  if (as == "integer") return f.integer().has_value();
  if (as == "boolean") return f.boolean().has_value();
  if (as == "duration") return f.duration().has_value();
  if (as == "bytes") return f.bytes().has_value();
  if (as == "quantity") return f.quantity().has_value();
  if (as == "string") return f.string().has_value();
  if (as == "list") return f.list().has_value();
  return f.map().valid();
}

TEST(YamlReader, ConvertsScalarsOrReportsTheField) {
  const ReadCase cases[] = {
      {"v: 2.5", "number", true, ""},
      {"v: abc", "number", false, "must be a number, got \"abc\""},
      {"v: .nan", "number", false, "must be a number"},
      {"v: 1e400", "number", false, "number out of range"},
      {"v: [1]", "number", false, "must be a string, got a list"},
      {"v: 42", "integer", true, ""},
      {"v: 4.2", "integer", false, "must be an integer, got \"4.2\""},
      {"v: 99999999999999999999", "integer", false, "integer out of range"},
      {"v: true", "boolean", true, ""},
      {"v: yes", "boolean", false, "must be true or false, got \"yes\""},
      {"v: 1m30s", "duration", true, ""},
      {"v: 30", "duration", false, "a duration needs a unit, got \"30\" (write e.g. \"30s\")"},
      {"v: soon", "duration", false, "not a duration: \"soon\""},
      {"v: 50MiB", "bytes", true, ""},
      {"v: lots", "bytes", false, "not a Kubernetes quantity"},
      {"v: 500m", "quantity", true, ""},
      {"v: {a: 1}", "string", false, "must be a string, got a mapping"},
      {"v: abc", "list", false, "must be a list, got \"abc\""},
      {"v: [1, 2]", "map", false, "must be a mapping, got a list"},
  };
  for (const auto& c : cases) {
    Diagnostics diags;
    const auto docs = parse_documents(c.yaml, "t.yaml", "t.yaml", diags);
    ASSERT_EQ(docs.size(), 1u) << c.yaml;
    MapReader m(docs[0].ctx, docs[0].root, "", 1, true);
    EXPECT_EQ(read_as(m.get("v"), c.as), c.ok) << c.yaml;
    if (!c.ok) EXPECT_TRUE(has_diag(diags, 1, "v", c.message)) << c.yaml << "\n" << diags.to_string();
    else EXPECT_FALSE(diags.has_errors()) << c.yaml << "\n" << diags.to_string();
  }
}

TEST(YamlReader, NamesUnknownAndDuplicateFields) {
  Diagnostics diags;
  const auto docs = parse_documents("duration: 1m\ndurtion: 2m\nseed: 1\nseed: 2\n", "t.yaml", "t.yaml", diags);
  ASSERT_EQ(docs.size(), 1u);
  MapReader m(docs[0].ctx, docs[0].root, "spec", 1, true);
  EXPECT_EQ(m.get("duration").duration(), 60.0);
  m.get("seed");
  m.finish();
  EXPECT_TRUE(has_diag(diags, 2, "spec.durtion", "unknown field \"durtion\" (did you mean \"duration\"?)"))
      << diags.to_string();
  EXPECT_TRUE(has_diag(diags, 4, "spec.seed", "duplicate key")) << diags.to_string();
  EXPECT_EQ(diags.error_count(), 2u);
}

TEST(YamlReader, RequiredFieldAndNullAsAbsent) {
  Diagnostics diags;
  const auto docs = parse_documents("a: null\nb: ~\n", "t.yaml", "t.yaml", diags);
  MapReader m(docs[0].ctx, docs[0].root, "x", 1, true);
  EXPECT_FALSE(m.get("a").string().has_value());
  EXPECT_FALSE(diags.has_errors());
  m.required("b");
  m.required("c");
  EXPECT_TRUE(has_diag(diags, 2, "x.b", "missing required field"));
  EXPECT_TRUE(has_diag(diags, 1, "x.c", "missing required field"));
}

TEST(YamlReader, SuggestsCloseNames) {
  EXPECT_EQ(suggest_name("poison", {"poisson", "constant"}), "poisson");
  EXPECT_EQ(suggest_name("NodePools", {"nodePools"}), "nodePools");
  EXPECT_EQ(suggest_name("zzzzzz", {"poisson", "constant"}), "");
}

TEST(Documents, SplitsDocumentsAndKeepsFileLines) {
  Diagnostics diags;
  const std::string text =
      "# comment\n"
      "apiVersion: v1\nkind: A\n"        // lines 2-3
      "---\n"
      "apiVersion: v1\nkind: [B\n"        // line 5-6: syntax error
      "---\n"
      "\n"
      "apiVersion: v1\nkind: C\n"        // lines 9-10
      "--- \n"
      "# only a comment\n";
  const auto docs = parse_documents(text, "m.yaml", "m.yaml", diags);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].kind, "A");
  EXPECT_EQ(docs[0].line, 2);
  EXPECT_EQ(docs[1].kind, "C");
  EXPECT_EQ(docs[1].line, 9);
  ASSERT_EQ(diags.error_count(), 1u);
  EXPECT_EQ(diags.items()[0].file, "m.yaml");
  EXPECT_GE(diags.items()[0].line, 6);
  EXPECT_LE(diags.items()[0].line, 7);
  EXPECT_NE(diags.items()[0].message.find("YAML syntax error"), std::string::npos);
}

TEST(Documents, ReportsNonMappingsAndExpandsLists) {
  Diagnostics diags;
  const auto docs = parse_documents(
      "just a string\n---\napiVersion: v1\nkind: List\nitems:\n  - {apiVersion: v1, kind: X}\n  - {apiVersion: v1, kind: Y}\n",
      "l.yaml", "l.yaml", diags);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].kind, "X");
  EXPECT_EQ(docs[0].field_prefix, "items[0]");
  EXPECT_EQ(docs[1].kind, "Y");
  EXPECT_TRUE(has_diag(diags, 1, "", "a manifest must be a mapping, got \"just a string\""));
}

TEST(Documents, ReadsJsonWithYamlOrNlohmann) {
  Diagnostics diags;
  const auto docs = parse_documents("{\n\t\"apiVersion\": \"v1\",\n\t\"kind\": \"Z\"\n}\n", "j.json", "j.json", diags);
  ASSERT_EQ(docs.size(), 1u) << diags.to_string();
  EXPECT_EQ(docs[0].kind, "Z");
  Diagnostics bad;
  EXPECT_TRUE(parse_documents("{\n \"a\": 1,\n \"b\": [1, 2}\n", "b.json", "b.json", bad).empty());
  ASSERT_TRUE(bad.has_errors());
  EXPECT_EQ(bad.items()[0].line, 3);
}

TEST(Documents, FolderFilesInNameOrder) {
  testing::write_file("b.yaml", "a: 1\n");
  testing::write_file("a.yml", "a: 1\n");
  testing::write_file("c.json", "{}\n");
  testing::write_file("notes.txt", "x\n");
  Diagnostics diags;
  const auto files = scenario_files(testing::scratch_dir(), diags);
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[0].filename(), "a.yml");
  EXPECT_EQ(files[1].filename(), "b.yaml");
  EXPECT_EQ(files[2].filename(), "c.json");
  Diagnostics missing;
  EXPECT_TRUE(scenario_files(testing::scratch_dir() / "nope", missing).empty());
  EXPECT_TRUE(has_diag(missing, 0, "", "no such file or folder"));
}

TEST(Diagnostics, FormatsAndSortsByFileThenLine) {
  Diagnostics d;
  d.error("a.yaml", 14, "spec.traffic", "traffic targets sum to 90, want 100");
  d.warning("a.yaml", 3, "kind", "unknown kind X");
  d.error("b.yaml", 0, "", "no such file or folder");
  EXPECT_EQ(d.to_string(),
            "a.yaml:3: warning: kind: unknown kind X\n"
            "a.yaml:14: spec.traffic: traffic targets sum to 90, want 100\n"
            "b.yaml: no such file or folder\n");
  EXPECT_EQ(d.error_count(), 2u);
  EXPECT_EQ(d.warning_count(), 1u);
}

}  // namespace
}  // namespace knsim::manifests
