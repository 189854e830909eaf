// Credentials: exec plugins (v1 and v1beta1, cache until expiry, re-run after 401), token files
// re-read, RFC 3339 expiry parsing, the rate limiter. Time is stepped by hand.
#include "adapter/kube/credentials.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "adapter/kube/rate_limiter.hpp"
#include "adapter/kube/watch_decoder.hpp"
#include "tests/adapter/fake_cluster.hpp"

namespace {
using namespace knsim::adapter;
using knsim::test::scratch;
using knsim::test::slurp;
using knsim::test::write_text;
namespace fs = std::filesystem;

TEST(Rfc3339, Table) {
  struct Case {
    std::string text;
    std::optional<double> unix;
  };
  const std::vector<Case> cases = {
      {"1970-01-01T00:00:00Z", 0.0},
      {"2026-11-27T03:00:00Z", 1795748400.0},
      {"2026-11-27T03:00:00.5Z", 1795748400.5},
      {"2026-11-27T04:00:00+01:00", 1795748400.0},
      {"2000-02-29T00:00:00Z", 951782400.0},
      {"2026-11-27 03:00:00Z", std::nullopt},
      {"2026-13-01T00:00:00Z", std::nullopt},
      {"tomorrow", std::nullopt},
  };
  for (const auto& c : cases) EXPECT_EQ(parse_rfc3339(c.text), c.unix) << c.text;
}

// A plugin script that counts its runs, records KUBERNETES_EXEC_INFO and its env, and prints
// an ExecCredential whose token carries the run number.
fs::path write_plugin(const fs::path& dir, const std::string& api_version, const std::string& expiry) {
  const fs::path p = dir / "plugin.sh";
  write_text(p, "#!/bin/sh\nn=$(cat \"" + (dir / "runs").string() + "\" 2>/dev/null || echo 0)\nn=$((n+1))\n"
                "echo $n > \"" + (dir / "runs").string() + "\"\n"
                "printf '%s' \"$KUBERNETES_EXEC_INFO\" > \"" + (dir / "info.json").string() + "\"\n"
                "printf '%s %s' \"$1\" \"$PLUGIN_MODE\" > \"" + (dir / "argv").string() + "\"\n"
                "echo '{\"apiVersion\":\"" + api_version + "\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"exec-token-'$n'\"" +
                (expiry.empty() ? "" : ",\"expirationTimestamp\":\"" + expiry + "\"") + "}}'\n");
  fs::permissions(p, fs::perms::owner_all);
  return p;
}

TEST(ExecPlugin, CachedUntilExpiryAndRerunAfter401) {
  for (const std::string version : {"client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"}) {
    const fs::path dir = scratch("exec-" + version.substr(version.size() - 2));
    ClusterAccess a;
    a.server = "https://127.0.0.1:1";
    a.ca_pem = "CA";
    a.exec = ExecConfig{version, write_plugin(dir, version, "2026-11-27T03:00:00Z").string(), {"token"},
                        {{"PLUGIN_MODE", "ci"}}, true, "Never", ""};
    double now = 1795748400.0 - 120;   // two minutes before expiry
    CredentialSource c(a, [&] { return now; });
    EXPECT_EQ(c.current().authorization, "Bearer exec-token-1");
    now += 60;
    EXPECT_EQ(c.current().authorization, "Bearer exec-token-1");   // cached
    EXPECT_EQ(c.exec_runs(), 1);
    now += 60;                                                      // expired: re-run
    EXPECT_EQ(c.current().authorization, "Bearer exec-token-2");
    EXPECT_TRUE(c.refresh_after_unauthorized());                    // a 401: re-run once more
    EXPECT_EQ(c.current().authorization, "Bearer exec-token-3");
    EXPECT_EQ(c.exec_runs(), 3);
    const auto info = nlohmann::json::parse(slurp(dir / "info.json"));
    EXPECT_EQ(info["apiVersion"], version);
    EXPECT_EQ(info["kind"], "ExecCredential");
    EXPECT_EQ(info["spec"]["interactive"], false);
    EXPECT_EQ(info["spec"]["cluster"]["server"], "https://127.0.0.1:1");      // provideClusterInfo
    EXPECT_EQ(info["spec"]["cluster"]["certificate-authority-data"], "Q0E=");
    EXPECT_EQ(slurp(dir / "argv"), "token ci");
  }
}

TEST(ExecPlugin, NoExpiryMeansProcessLifetime) {
  const fs::path dir = scratch("exec-noexp");
  ClusterAccess a;
  a.exec = ExecConfig{"client.authentication.k8s.io/v1", write_plugin(dir, "client.authentication.k8s.io/v1", "").string(),
                      {}, {}, false, "Never", ""};
  double now = 0;
  CredentialSource c(a, [&] { return now; });
  c.current();
  now += 1e6;
  EXPECT_EQ(c.current().authorization, "Bearer exec-token-1");
  const auto info = nlohmann::json::parse(slurp(dir / "info.json"));
  EXPECT_FALSE(info["spec"].contains("cluster"));
}

TEST(ExecPlugin, BadAnswersAreClearErrors) {
  struct Case {
    std::string out, expect;
  };
  const std::string v1 = "client.authentication.k8s.io/v1";
  const std::vector<Case> cases = {
      {"not json", "not a JSON ExecCredential"},
      {R"({"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"secret-x"}})",
       "answered apiVersion"},
      {R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{}})", "neither token"},
      {R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"secret-x","expirationTimestamp":"soon"}})",
       "not RFC 3339"},
  };
  for (const auto& c : cases) {
    try {
      parse_exec_credential(c.out, v1);
      ADD_FAILURE() << c.out;
    } catch (const CredentialError& e) {
      EXPECT_NE(std::string(e.what()).find(c.expect), std::string::npos) << e.what();
      EXPECT_EQ(std::string(e.what()).find("secret-x"), std::string::npos) << "the token leaked: " << e.what();
    }
  }
  const auto cert = parse_exec_credential(
      R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"clientCertificateData":"C","clientKeyData":"K"}})", v1);
  EXPECT_EQ(cert.client_cert_pem, "C");
  EXPECT_EQ(cert.client_key_pem, "K");
  // A plugin that is not there: exit 127 and the install hint.
  ClusterAccess a;
  a.exec = ExecConfig{v1, "/nonexistent/knsim-plugin", {}, {}, false, "Never", "install it with apt"};
  CredentialSource c(a, [] { return 0.0; });
  try {
    c.current();
    ADD_FAILURE();
  } catch (const CredentialError& e) {
    EXPECT_NE(std::string(e.what()).find("install it with apt"), std::string::npos);
  }
}

TEST(TokenFile, RereadEveryMinuteAndAfter401) {
  const fs::path dir = scratch("tokenfile");
  write_text(dir / "token", "one\n");
  ClusterAccess a;
  a.token_file = (dir / "token").string();
  double now = 1000;
  CredentialSource c(a, [&] { return now; });
  EXPECT_EQ(c.current().authorization, "Bearer one");
  write_text(dir / "token", "two\n");          // the kubelet rotates the projected token
  now += 59;
  EXPECT_EQ(c.current().authorization, "Bearer one");
  now += 1;
  EXPECT_EQ(c.current().authorization, "Bearer two");
  write_text(dir / "token", "three");
  EXPECT_TRUE(c.refresh_after_unauthorized());   // new token on disk: worth a retry
  EXPECT_EQ(c.current().authorization, "Bearer three");
  EXPECT_FALSE(c.refresh_after_unauthorized());  // unchanged: no retry
}

TEST(StaticCredentials, TokenBasicAndCertificates) {
  ClusterAccess a;
  a.token = "static";
  a.client_cert_pem = "C";
  a.client_key_pem = "K";
  CredentialSource c(a, [] { return 0.0; });
  const AuthMaterial m = c.current();
  EXPECT_EQ(m.authorization, "Bearer static");
  EXPECT_EQ(m.client_cert_pem, "C");
  EXPECT_FALSE(c.refresh_after_unauthorized());
  ClusterAccess b;
  b.username = "admin";
  b.password = "pw";
  EXPECT_EQ(CredentialSource(b, [] { return 0.0; }).current().authorization, "Basic YWRtaW46cHc=");
}

TEST(RateLimiter, ClientGoDefaultsQps5Burst10) {
  RateLimiter r(5, 10);
  // 12 requests at t = 0: ten go at once, then 0.2 s and 0.4 s waits.
  std::vector<double> waits;
  for (int i = 0; i < 12; ++i) waits.push_back(r.reserve(0));
  for (int i = 0; i < 10; ++i) EXPECT_DOUBLE_EQ(waits[i], 0);
  EXPECT_NEAR(waits[10], 0.2, 1e-12);
  EXPECT_NEAR(waits[11], 0.4, 1e-12);
  // At t = 10 s the bucket is full again (capped at 10, not 50).
  RateLimiter s(5, 10);
  for (int i = 0; i < 10; ++i) s.reserve(0);
  int free = 0;
  for (int i = 0; i < 20; ++i) free += s.reserve(10) == 0 ? 1 : 0;
  EXPECT_EQ(free, 10);
}

TEST(WatchDecoder, EventsSplitAtEveryByteBoundary) {
  const std::string stream =
      R"({"type":"ADDED","object":{"metadata":{"name":"a","resourceVersion":"5"}}})" "\n"
      R"({"type":"BOOKMARK","object":{"kind":"Service","metadata":{"resourceVersion":"9"}}})" "\n"
      R"({"type":"DELETED","object":{"metadata":{"name":"a","resourceVersion":"10"}}})" "\n";
  for (std::size_t cut1 = 0; cut1 <= stream.size(); ++cut1) {
    for (std::size_t cut2 = cut1; cut2 <= stream.size(); cut2 += 7) {
      WatchDecoder d;
      std::vector<WatchEvent> all;
      for (auto [b, e] : {std::pair{std::size_t{0}, cut1}, {cut1, cut2}, {cut2, stream.size()}}) {
        for (auto& ev : d.feed(stream.data() + b, e - b)) all.push_back(std::move(ev));
      }
      ASSERT_EQ(all.size(), 3u);
      EXPECT_EQ(all[0].type, "ADDED");
      EXPECT_EQ(all[1].object["metadata"]["resourceVersion"], "9");
      EXPECT_EQ(all[2].type, "DELETED");
      EXPECT_EQ(d.pending_bytes(), 0u);
    }
  }
  WatchDecoder d;
  EXPECT_TRUE(d.feed("{\"type\":\"ADD", 12).empty());
  EXPECT_EQ(d.pending_bytes(), 12u);
  EXPECT_THROW(d.feed("\n", 1), std::runtime_error);
}

}  // namespace
