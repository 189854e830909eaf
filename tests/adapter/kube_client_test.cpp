// KubeClient and Reflector against the loopback fake API server (tests/adapter/fake_apiserver.py):
// every auth form, 401/403/wrong CA/unreachable errors, pagination with an expiring continue token,
// watch resume / 410 re-list / reconnect, discovery, server-side apply with dry run and conflicts.
#include "adapter/kube/kube_client.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "adapter/kube/reflector.hpp"
#include "tests/adapter/fake_cluster.hpp"

namespace {
using namespace knsim::adapter;
using knsim::test::FakeCluster;
using knsim::test::scratch;
using knsim::test::slurp;
using knsim::test::write_text;
using nlohmann::json;
namespace fs = std::filesystem;

ClusterAccess access_of(const fs::path& kubeconfig) { return load_kubeconfig_files({kubeconfig}, ""); }

const char* kRevisions = "/apis/serving.knative.dev/v1/revisions";

TEST(KubeClient, TokenListPaginatesAndFillsKind) {
  FakeCluster fc(scratch("list"));
  KubeClient c(access_of(fc.token_kubeconfig()));
  const ListResult l = c.list(kRevisions, "", 2);
  EXPECT_EQ(l.pages, 3);   // 5 revisions, 2 per page
  ASSERT_EQ(l.items.size(), 5u);
  EXPECT_EQ(l.items[0]["kind"], "Revision");
  EXPECT_EQ(l.items[0]["apiVersion"], "serving.knative.dev/v1");
  EXPECT_FALSE(l.resource_version.empty());
  const ListResult sel = c.list("/api/v1/namespaces/demo/pods", "labelSelector=" + url_escape("serving.knative.dev/revision=hello-00007"));
  EXPECT_EQ(sel.items.size(), 3u);
  const auto requests = fc.admin("/_test/requests");
  EXPECT_EQ(requests[0]["query"]["limit"], "2");
  EXPECT_TRUE(requests[1]["query"].contains("continue"));
  EXPECT_EQ(requests[0]["auth"], "token");
}

TEST(KubeClient, ExpiredContinueTokenRestartsTheList) {
  FakeCluster fc(scratch("expired"));
  int calls = 0;
  // After the first page the server compacts: the continue token expires (410) and the list restarts.
  KubeClient c(access_of(fc.token_kubeconfig()), {}, [&](const HttpRequest& r, const TlsSettings& t) {
        HttpResponse resp = http_send(r, t);
        if (++calls == 1) fc.admin("/_test/compact");
        return resp;
      }, unix_now, [](double) {});
  const ListResult l = c.list(kRevisions, "", 2);
  EXPECT_EQ(l.restarts, 1);
  EXPECT_EQ(l.items.size(), 5u);
  EXPECT_EQ(calls, 5);   // page 1, the 410, then 3 pages again
}

TEST(KubeClient, AuthErrorsNeverShowTheToken) {
  FakeCluster fc(scratch("auth"));
  const std::string secret = "wrong-token-d41d8cd9";
  KubeClient c(access_of(fc.kubeconfig("bad", "    token: " + secret + "\n")));
  try {
    c.list(kRevisions);
    ADD_FAILURE();
  } catch (const KubeError& e) {
    EXPECT_EQ(e.status(), 401);
    EXPECT_NE(std::string(e.what()).find("401 Unauthorized"), std::string::npos);
    EXPECT_EQ(std::string(e.what()).find(secret), std::string::npos);
  }
  fc.admin("/_test/forbid", {{"verb", "list"}, {"resource", "nodes"}});
  KubeClient ok(access_of(fc.token_kubeconfig()));
  try {
    ok.list("/api/v1/nodes");
    ADD_FAILURE();
  } catch (const KubeError& e) {
    EXPECT_EQ(e.status(), 403);
    EXPECT_NE(std::string(e.what()).find("missing permission \"list\" on nodes (cluster scope)"), std::string::npos)
        << e.what();
  }
}

TEST(KubeClient, WrongCaAndUnreachableServer) {
  FakeCluster fc(scratch("tls"));
  const auto wrong = fc.kubeconfig("wrong-ca", std::string("    token: ") + FakeCluster::kToken + "\n",
                                   "    certificate-authority: pki/other-ca.crt\n", false);
  try {
    KubeClient(access_of(wrong)).get("/version");
    ADD_FAILURE();
  } catch (const TransportError& e) {
    EXPECT_EQ(e.kind(), TransportError::Kind::kTls) << e.what();
    EXPECT_NE(std::string(e.what()).find("certificate-authority"), std::string::npos);
  }
  // tls-server-name: verified against a name of the certificate, connected to 127.0.0.1.
  const auto named = fc.kubeconfig("named", std::string("    token: ") + FakeCluster::kToken + "\n",
                                   "    tls-server-name: kubernetes.test\n");
  EXPECT_EQ(KubeClient(access_of(named)).get("/version")["gitVersion"], "v1.30.0-fake");
  const auto misnamed = fc.kubeconfig("misnamed", std::string("    token: ") + FakeCluster::kToken + "\n",
                                      "    tls-server-name: not-in-the-cert.test\n");
  EXPECT_THROW(KubeClient(access_of(misnamed)).get("/version"), TransportError);
  // insecure-skip-tls-verify: no CA needed (the CLI warns).
  const auto insecure = fc.kubeconfig("insecure", std::string("    token: ") + FakeCluster::kToken + "\n",
                                      "    insecure-skip-tls-verify: true\n", false);
  EXPECT_EQ(KubeClient(access_of(insecure)).get("/version")["major"], "1");
  ClusterAccess gone = access_of(fc.token_kubeconfig());
  gone.server = "https://127.0.0.1:1";
  try {
    KubeClient(gone).get("/version");
    ADD_FAILURE();
  } catch (const TransportError& e) {
    EXPECT_EQ(e.kind(), TransportError::Kind::kUnreachable) << e.what();
  }
}

TEST(KubeClient, ClientCertificatesFromFilesAndData) {
  FakeCluster fc(scratch("mtls"));
  const auto files = fc.kubeconfig("files", "    client-certificate: pki/client.crt\n    client-key: pki/client.key\n");
  const auto data = fc.kubeconfig("data", "    client-certificate-data: " + base64_encode(slurp(fc.pki("client.crt"))) +
                                              "\n    client-key-data: " + base64_encode(slurp(fc.pki("client.key"))) + "\n");
  for (const auto& k : {files, data}) {
    KubeClient c(access_of(k));
    EXPECT_EQ(c.list("/api/v1/nodes").items.size(), 3u) << k;
  }
  const auto requests = fc.admin("/_test/requests");
  EXPECT_EQ(requests.back()["auth"], "client-certificate");
}

TEST(KubeClient, ExecPluginRerunAfter401AndTokenFileRotation) {
  FakeCluster fc(scratch("exec"));
  // The plugin's first answer is a stale token; its second the valid one.
  const fs::path plugin = fc.dir() / "plugin.sh";
  write_text(plugin, "#!/bin/sh\nif [ -f \"" + (fc.dir() / "ran").string() + "\" ]; then t=" + FakeCluster::kToken +
                         "; else t=stale; touch \"" + (fc.dir() / "ran").string() + "\"; fi\n"
                         "echo '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"'$t'\"}}'\n");
  fs::permissions(plugin, fs::perms::owner_all);
  KubeClient c(access_of(fc.kubeconfig("exec", "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n"
                                              "      command: ./plugin.sh\n      interactiveMode: Never\n")));
  EXPECT_EQ(c.list("/api/v1/nodes").items.size(), 3u);
  EXPECT_EQ(c.credentials().exec_runs(), 2);
  EXPECT_EQ(c.requests(), 2);
  // tokenFile: the server rotates to a new token; the 401 makes the client re-read the file.
  write_text(fc.dir() / "token-file", FakeCluster::kToken);
  KubeClient t(access_of(fc.kubeconfig("tf", "    tokenFile: token-file\n")));
  EXPECT_EQ(t.list("/api/v1/nodes").items.size(), 3u);
  write_text(fc.tokens_file(), "rotated-token\n");
  write_text(fc.dir() / "token-file", "rotated-token\n");
  EXPECT_EQ(t.list("/api/v1/nodes").items.size(), 3u);
  EXPECT_EQ(t.credentials().token_file_reads(), 2);
}

TEST(KubeClient, DiscoveryWithAndWithoutEventing) {
  for (bool eventing : {true, false}) {
    FakeCluster fc(scratch(eventing ? "disc1" : "disc0"), {eventing, ""});
    KubeClient c(access_of(fc.token_kubeconfig()));
    const Discovery d = c.discover();
    EXPECT_TRUE(d.serving());
    EXPECT_TRUE(d.has("autoscaling.internal.knative.dev", "v1alpha1"));
    EXPECT_EQ(d.eventing(), eventing);
  }
}

TEST(Reflector, WatchResumesRelistsOn410AndReconnects) {
  FakeCluster fc(scratch("reflector"));
  KubeClient c(access_of(fc.token_kubeconfig()));
  std::vector<std::string> changes;
  Reflector r(c, "/apis/serving.knative.dev/v1/namespaces/demo/services",
              [&](const std::string& type, const json& o) { changes.push_back(type + " " + o["metadata"].value("name", "")); });
  auto svc = [](const std::string& name) {
    return json{{"apiVersion", "serving.knative.dev/v1"}, {"kind", "Service"},
                {"metadata", {{"name", name}, {"namespace", "demo"}}}, {"spec", json::object()}};
  };
  std::thread driver([&] {
    auto pause = [] { std::this_thread::sleep_for(std::chrono::milliseconds(400)); };
    pause();
    fc.admin("/_test/mutate", {{"put", {svc("two")}}});
    pause();
    fc.admin("/_test/drop-watches");   // cut stream: resume from the last resourceVersion
    pause();
    fc.admin("/_test/mutate", {{"put", {svc("three")}}, {"delete", {svc("hello")}}});
    pause();
    fc.admin("/_test/compact");        // history gone ...
    fc.admin("/_test/drop-watches");   // ... so the resumed watch gets 410 and re-lists
    pause();
    fc.admin("/_test/mutate", {{"put", {svc("four")}}});
  });
  const bool done = r.run([](const Reflector::Store& s) { return s.count("demo/four") > 0; }, 50, 5);
  driver.join();
  ASSERT_TRUE(done);
  EXPECT_GE(r.lists(), 2);
  EXPECT_GE(r.reconnects(), 2);
  EXPECT_EQ(r.store().size(), 3u);   // two, three, four; hello deleted
  EXPECT_EQ(r.store().count("demo/hello"), 0u);
  EXPECT_EQ(changes.front(), "ADDED hello");
  EXPECT_NE(std::find(changes.begin(), changes.end(), "DELETED hello"), changes.end());
}

TEST(KubeClient, ServerSideApplyDryRunConflictsAndWebhookAnswers) {
  FakeCluster fc(scratch("apply"));
  KubeClient c(access_of(fc.token_kubeconfig()));
  const std::string path = "/apis/serving.knative.dev/v1/namespaces/demo/services/hello";
  auto body = [](const std::string& key, const std::string& value) {
    return json{{"apiVersion", "serving.knative.dev/v1"}, {"kind", "Service"},
                {"metadata", {{"name", "hello"}, {"namespace", "demo"}}},
                {"spec", {{"template", {{"metadata", {{"annotations", {{key, value}}}}}}}}}};
  };
  // A new key: the dry run answers the object as it would be stored; nothing changes.
  const json dry = c.apply(path, body("autoscaling.knative.dev/window", "90s"), "knsim", true);
  EXPECT_EQ(dry["spec"]["template"]["metadata"]["annotations"]["autoscaling.knative.dev/window"], "90s");
  EXPECT_FALSE(c.get(path)["spec"]["template"]["metadata"]["annotations"].contains("autoscaling.knative.dev/window"));
  // A field another manager owns with another value: 409, never forced.
  try {
    c.apply(path, body("autoscaling.knative.dev/target", "20"), "knsim", true);
    ADD_FAILURE();
  } catch (const KubeError& e) {
    EXPECT_EQ(e.status(), 409);
    EXPECT_NE(std::string(e.what()).find("kubectl-client-side-apply"), std::string::npos) << e.what();
  }
  // The webhook's answer to an invalid value.
  try {
    c.apply(path, body("autoscaling.knative.dev/window", "90s"), "knsim", false);
    c.apply(path, body("autoscaling.knative.dev/target", "0"), "knsim", true, true);
    ADD_FAILURE();
  } catch (const KubeError& e) {
    EXPECT_EQ(e.status(), 400);
    EXPECT_NE(std::string(e.what()).find("validation.webhook.serving.knative.dev"), std::string::npos) << e.what();
  }
  EXPECT_EQ(c.get(path)["spec"]["template"]["metadata"]["annotations"]["autoscaling.knative.dev/window"], "90s");
}

}  // namespace

namespace {

// No server: a scripted transport answers; the clock only moves when the client sleeps.
TEST(KubeClient, RateLimitQps5Burst10AndProxyUrl) {
  ClusterAccess a;
  a.server = "https://cluster.invalid";
  a.token = "t";
  double now = 1000;
  std::vector<double> sleeps;
  int sent = 0;
  KubeClient c(a, {}, [&](const HttpRequest&, const TlsSettings&) {
        ++sent;
        HttpResponse r;
        r.status = 200;
        r.body = "{}";
        return r;
      }, [&] { return now; }, [&](double s) { sleeps.push_back(s); now += s; });
  for (int i = 0; i < 15; ++i) c.get("/version");
  EXPECT_EQ(sent, 15);
  // Ten at once, then one every 0.2 s.
  ASSERT_EQ(sleeps.size(), 5u);
  for (double s : sleeps) EXPECT_NEAR(s, 0.2, 1e-9);
  EXPECT_NEAR(c.waited_for_rate_limit(), 1.0, 1e-9);

  // proxy-url is used: a proxy that is not there fails the request (the server is never tried).
  ClusterAccess p = a;
  p.server = "https://127.0.0.1:9";
  p.proxy_url = "http://proxyuser:proxy-secret@127.0.0.1:1";
  try {
    KubeClient(p).get("/version");
    ADD_FAILURE();
  } catch (const TransportError& e) {
    EXPECT_NE(std::string(e.what()).find("through proxy-url http://***@127.0.0.1:1"), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find("proxy-secret"), std::string::npos) << e.what();
  }
}

}  // namespace
