#!/usr/bin/env python3
"""A stand-in for Knative's autoscaler and activator metrics endpoints, for tests that run Debian's
real `prometheus` (tests/adapter/prometheus_server.hpp): GET /metrics answers the current contents
of the file given with --file, as Prometheus text exposition (format 0.0.4). The test writes the file
and rewrites it whenever the values should change (replaced atomically by a rename), so the values
follow the test's script. Any other path is 404. Prints "PORT <n>" on stdout once listening on
127.0.0.1 (port chosen by the system).
"""
import argparse
import http.server
import socketserver


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # quiet
        pass

    def do_GET(self):
        if self.path.split("?")[0] != "/metrics":
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        try:
            with open(self.server.file, "rb") as f:
                data = f.read()
        except OSError:
            data = b""
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--file", required=True)
    args = ap.parse_args()
    srv = Server(("127.0.0.1", 0), Handler)
    srv.file = args.file
    print("PORT %d" % srv.server_address[1], flush=True)
    srv.serve_forever()


if __name__ == "__main__":
    main()
