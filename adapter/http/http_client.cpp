// libcurl easy interface, one handle per thread reset before each request: libcurl keeps its
// connection cache and TLS sessions across curl_easy_reset, so back-to-back requests to the same
// server reuse one kept-alive connection (the shadow sends several per second; a new TLS handshake
// each time would cost more than the request). libcurl only reuses a connection whose TLS settings
// (CA, client certificate, verification) and proxy match the request's. See http_client.hpp.
#include "adapter/http/http_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>

namespace knsim::adapter {
namespace {

void global_init_once() {
  static std::once_flag flag;
  std::call_once(flag, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Sink {
  const HttpRequest* request = nullptr;
  HttpResponse* response = nullptr;
  long status = 0;
  CURL* curl = nullptr;
};

size_t on_body(char* data, size_t size, size_t n, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const size_t len = size * n;
  if (sink->status == 0) curl_easy_getinfo(sink->curl, CURLINFO_RESPONSE_CODE, &sink->status);
  // Error answers are always collected whole, so the caller can read their Status body.
  const bool stream = sink->request->on_data && sink->status >= 200 && sink->status < 300;
  if (!stream) {
    sink->response->body.append(data, len);
    return len;
  }
  if (!sink->request->on_data(data, len)) {
    sink->response->stopped_by_reader = true;
    return 0;  // makes libcurl abort the transfer with CURLE_WRITE_ERROR
  }
  return len;
}

size_t on_header(char* data, size_t size, size_t n, void* user) {
  auto* response = static_cast<HttpResponse*>(user);
  const std::string line(data, size * n);
  const auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    std::string value = line.substr(colon + 1);
    const auto b = value.find_first_not_of(" \t");
    const auto e = value.find_last_not_of(" \t\r\n");
    value = b == std::string::npos ? "" : value.substr(b, e - b + 1);
    auto& slot = response->headers[name];
    slot = slot.empty() ? value : slot + ", " + value;
  }
  return size * n;
}

curl_blob blob_of(const std::string& s) {
  curl_blob b{};
  b.data = const_cast<char*>(s.data());
  b.len = s.size();
  b.flags = CURL_BLOB_COPY;
  return b;
}

TransportError to_error(CURLcode code, const char* detail, const std::string& url) {
  const std::string text = std::string(curl_easy_strerror(code)) + (detail[0] ? std::string(": ") + detail : "");
  switch (code) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
      return {TransportError::Kind::kUnreachable, "cannot reach " + url + " (" + text + ")"};
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_ISSUER_ERROR:
      return {TransportError::Kind::kTls, "TLS with " + url + " failed (" + text +
                                              "): is the cluster's CA (certificate-authority) the right one?"};
    case CURLE_OPERATION_TIMEDOUT:
      return {TransportError::Kind::kTimeout, "timed out talking to " + url + " (" + text + ")"};
    default:
      return {TransportError::Kind::kOther, "request to " + url + " failed (" + text + ")"};
  }
}

CURL* thread_handle() {
  thread_local std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> handle(curl_easy_init(), &curl_easy_cleanup);
  return handle.get();
}

}  // namespace

HttpResponse http_send(const HttpRequest& request, const TlsSettings& tls) {
  global_init_once();
  CURL* c = thread_handle();
  if (c == nullptr) throw TransportError(TransportError::Kind::kOther, "libcurl: cannot create a handle");
  curl_easy_reset(c);
  HttpResponse response;
  Sink sink{&request, &response, 0, c};
  char error[CURL_ERROR_SIZE] = {0};

  curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(c, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");  // gzip when the server offers it
  if (request.timeout_s > 0) {
    curl_easy_setopt(c, CURLOPT_TIMEOUT, request.timeout_s);
  } else {
    // A silent watch is a dead watch: less than 1 byte/s for 2 minutes ends it.
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, 120L);
  }
  if (request.method == "GET") {
    curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
  } else {
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.c_str());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(request.body.size()));
  }
  curl_slist* headers = nullptr;
  for (const auto& h : request.headers) headers = curl_slist_append(headers, h.c_str());
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> header_guard(headers, &curl_slist_free_all);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, &on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &response);

  // TLS: verify unless the kubeconfig explicitly says insecure-skip-tls-verify (the caller warns).
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, tls.insecure_skip_verify ? 0L : 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, tls.insecure_skip_verify ? 0L : 2L);
  curl_blob ca = blob_of(tls.ca_pem), cert = blob_of(tls.client_cert_pem), key = blob_of(tls.client_key_pem);
  if (!tls.ca_pem.empty()) curl_easy_setopt(c, CURLOPT_CAINFO_BLOB, &ca);
  if (!tls.client_cert_pem.empty()) {
    curl_easy_setopt(c, CURLOPT_SSLCERT_BLOB, &cert);
    curl_easy_setopt(c, CURLOPT_SSLCERTTYPE, "PEM");
    curl_easy_setopt(c, CURLOPT_SSLKEY_BLOB, &key);
    curl_easy_setopt(c, CURLOPT_SSLKEYTYPE, "PEM");
  }
  // tls-server-name: connect to the URL's address but verify (and send SNI for) another name is
  // not offered by libcurl directly; CURLOPT_CONNECT_TO maps the name onto the URL's host instead.
  // The caller rewrites the URL's host to tls_server_name and passes the mapping here.
  curl_slist* connect_to = nullptr;
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> connect_guard(nullptr, &curl_slist_free_all);
  if (!tls.tls_server_name.empty()) {
    connect_to = curl_slist_append(nullptr, tls.tls_server_name.c_str());
    connect_guard.reset(connect_to);
    curl_easy_setopt(c, CURLOPT_CONNECT_TO, connect_to);
  }
  if (!tls.proxy_url.empty()) curl_easy_setopt(c, CURLOPT_PROXY, tls.proxy_url.c_str());

  const CURLcode rc = curl_easy_perform(c);
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
  if (rc != CURLE_OK && !(rc == CURLE_WRITE_ERROR && response.stopped_by_reader)) {
    // A stream the server ended mid-way after a 2xx answer is a normal end for a watch.
    if (request.on_data && response.status >= 200 && response.status < 300 &&
        (rc == CURLE_PARTIAL_FILE || rc == CURLE_RECV_ERROR || rc == CURLE_OPERATION_TIMEDOUT)) {
      return response;
    }
    const TransportError e = to_error(rc, error, request.url);
    if (tls.proxy_url.empty()) throw e;
    // A proxy URL may carry user:password@: never print that part.
    std::string shown = tls.proxy_url;
    const auto scheme = shown.find("://"), at = shown.rfind('@');
    if (at != std::string::npos) shown = shown.substr(0, scheme == std::string::npos ? 0 : scheme + 3) + "***@" + shown.substr(at + 1);
    throw TransportError(e.kind(), std::string(e.what()) + " [through proxy-url " + shown + "]");
  }
  return response;
}

std::string url_escape(const std::string& s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char ch : s) {
    if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '~') {
      out.push_back(static_cast<char>(ch));
    } else {
      out.push_back('%');
      out.push_back(kHex[ch >> 4]);
      out.push_back(kHex[ch & 15]);
    }
  }
  return out;
}

}  // namespace knsim::adapter
