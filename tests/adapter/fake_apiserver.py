#!/usr/bin/python3
"""A loopback Kubernetes API server for knsim's adapter tests (Python 3 standard library + PyYAML).

It holds Knative objects (tests/data/adapter/cluster.json) with the semantics real clients rely on
(docs/spec/adapter.md): a global resourceVersion, list pagination with continue tokens that expire
(410 Expired) after a compaction, chunked watch streams whose chunks are cut at arbitrary byte
boundaries (seeded), BOOKMARK events, 410 for watches older than the compaction, 401 without a
valid bearer token or trusted client certificate, 403 for forbidden verbs, discovery, and
server-side apply (fieldManager required, field ownership, 409 conflicts unless force=true,
dryRun=All, webhook-style validation answers). It binds to 127.0.0.1 only.

Test-only endpoints (no auth, loopback only): POST /_test/compact, /_test/mutate, /_test/forbid,
/_test/drop-watches, /_test/watch-410-mode, /_test/shadow-script; GET /_test/requests (the request
log: method, path, query, auth kind; never tokens).

The shadow script (for `knsim cluster shadow`, docs/adapter.md "Tests"): a namespace and one row per
shadow second. The script's clock is the number of pod LISTs with a serving.knative.dev/revision
label selector in that namespace (the shadow lists once at the start of every second), so a run
is in lock-step with the server however fast it goes. Each such list first installs row k: its
pods (Ready, with a podIP), PodAutoscalers (status.desiredScale/actualScale, Active) and
ServerlessServices (spec.mode); objects of the namespace missing from the row are deleted. The pod
proxy GET /api/v1/namespaces/NS/pods/NAME:PORT/proxy/metrics answers the row's Stat for that pod
as protobuf (application/protobuf; encoded here by hand, field numbers of Knative's stat.proto),
or the row's "status" code for that pod (scrape failures).

Usage: fake_apiserver.py --cert C --key K --client-ca CA --tokens FILE --fixture F [--no-eventing]
Prints "PORT <n>" on stdout once listening.
"""
import argparse
import base64
import copy
import http.server
import json
import random
import socket
import socketserver
import ssl
import struct
import sys
import threading
import time
import urllib.parse

try:
    import yaml
except ImportError:  # JSON bodies still work
    yaml = None

# kind -> (group, version, plural, namespaced)
RESOURCES = {
    "Namespace": ("", "v1", "namespaces", False),
    "Node": ("", "v1", "nodes", False),
    "Pod": ("", "v1", "pods", True),
    "ConfigMap": ("", "v1", "configmaps", True),
    "Deployment": ("apps", "v1", "deployments", True),
    "Service": ("serving.knative.dev", "v1", "services", True),
    "Configuration": ("serving.knative.dev", "v1", "configurations", True),
    "Revision": ("serving.knative.dev", "v1", "revisions", True),
    "Route": ("serving.knative.dev", "v1", "routes", True),
    "PodAutoscaler": ("autoscaling.internal.knative.dev", "v1alpha1", "podautoscalers", True),
    "ServerlessService": ("networking.internal.knative.dev", "v1alpha1", "serverlessservices", True),
    "Broker": ("eventing.knative.dev", "v1", "brokers", True),
    "Trigger": ("eventing.knative.dev", "v1", "triggers", True),
    "Channel": ("messaging.knative.dev", "v1", "channels", True),
    "InMemoryChannel": ("messaging.knative.dev", "v1", "inmemorychannels", True),
    "Subscription": ("messaging.knative.dev", "v1", "subscriptions", True),
    "PingSource": ("sources.knative.dev", "v1", "pingsources", True),
    "ApiServerSource": ("sources.knative.dev", "v1", "apiserversources", True),
    "ContainerSource": ("sources.knative.dev", "v1", "containersources", True),
    "SinkBinding": ("sources.knative.dev", "v1", "sinkbindings", True),
    "Sequence": ("flows.knative.dev", "v1", "sequences", True),
    "Parallel": ("flows.knative.dev", "v1", "parallels", True),
}
EVENTING_GROUPS = {"eventing.knative.dev", "messaging.knative.dev", "sources.knative.dev", "flows.knative.dev"}
PLURALS = {(g, p): (k, v, ns) for k, (g, v, p, ns) in RESOURCES.items()}


def status(code, reason, message, causes=None):
    s = {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
         "message": message, "reason": reason, "code": code}
    if causes:
        s["details"] = {"causes": causes}
    return s


class Store:
    def __init__(self, objects, eventing):
        self.cond = threading.Condition()
        self.rv = 1000
        self.objects = {}      # (group, plural, ns, name) -> object
        self.history = []      # (rv, type, key, object)
        self.compacted = 0     # watches from an rv below this get 410
        self.owners = {}       # key -> {field path: manager}
        self.forbidden = set()  # (verb, plural)
        self.requests = []
        self.watch_generation = 0
        self.watch_410_http = False
        self.eventing = eventing
        self.script = None       # the shadow script (see the module doc)
        self.script_tick = -1
        for o in objects:
            self.put(o, "ADDED", manager="kubectl-client-side-apply", record=False)

    def key_of(self, o):
        g, _, p, _ = RESOURCES[o["kind"]]
        m = o["metadata"]
        return (g, p, m.get("namespace", ""), m["name"])

    def put(self, o, event_type, manager=None, record=True, paths=None):
        self.rv += 1
        o = copy.deepcopy(o)
        o["metadata"]["resourceVersion"] = str(self.rv)
        o["metadata"].setdefault("uid", "uid-%d" % self.rv)
        o["metadata"].setdefault("creationTimestamp", "2026-11-20T10:00:00Z")
        o["metadata"].setdefault("generation", 1)
        key = self.key_of(o)
        if manager:
            own = self.owners.setdefault(key, {})
            for p in (paths if paths is not None else leaf_paths(o)):
                own[p] = manager
            o["metadata"]["managedFields"] = managed_fields(own, o["apiVersion"])
        self.objects[key] = o
        if record:
            self.history.append((self.rv, event_type, key, o))
            self.cond.notify_all()
        return o

    def delete(self, key):
        o = self.objects.pop(key)
        self.rv += 1
        o = copy.deepcopy(o)
        o["metadata"]["resourceVersion"] = str(self.rv)
        self.history.append((self.rv, "DELETED", key, o))
        self.cond.notify_all()


def leaf_paths(o, prefix=()):
    """Field paths of the leaves (lists are atomic), without the object's identity fields."""
    out = []
    if isinstance(o, dict):
        for k, v in o.items():
            p = prefix + (k,)
            if p in (("apiVersion",), ("kind",), ("status",), ("metadata", "name"), ("metadata", "namespace"),
                     ("metadata", "resourceVersion"), ("metadata", "uid"), ("metadata", "generation"),
                     ("metadata", "creationTimestamp"), ("metadata", "managedFields")):
                continue
            if isinstance(v, dict) and v:
                out += leaf_paths(v, p)
            else:
                out.append(p)
    return out


def get_path(o, p):
    for k in p:
        if not isinstance(o, dict) or k not in o:
            return None
        o = o[k]
    return o


def deep_merge(base, patch):
    for k, v in patch.items():
        if isinstance(v, dict) and isinstance(base.get(k), dict):
            deep_merge(base[k], v)
        else:
            base[k] = copy.deepcopy(v)


def managed_fields(owners, api_version):
    by_manager = {}
    for path, mgr in owners.items():
        node = by_manager.setdefault(mgr, {})
        for k in path:
            node = node.setdefault("f:" + k, {})
    return [{"manager": m, "operation": "Apply" if m == "knsim" else "Update", "apiVersion": api_version,
             "fieldsType": "FieldsV1", "fieldsV1": f, "time": "2026-11-20T10:00:00Z"}
            for m, f in sorted(by_manager.items())]


def parse_duration(s):
    try:
        if s.endswith("ms"):
            return float(s[:-2]) / 1000
        if s.endswith("s"):
            return float(s[:-1])
        if s.endswith("m"):
            return float(s[:-1]) * 60
        if s.endswith("h"):
            return float(s[:-1]) * 3600
    except ValueError:
        return None
    return None


def webhook_validate(o):
    """A few of Knative's admission webhook checks, with its wording (for dry-run answers)."""
    causes = []
    if o["kind"] == "Service":
        ann = get_path(o, ("spec", "template", "metadata", "annotations")) or {}
        t = ann.get("autoscaling.knative.dev/target")
        if t is not None:
            try:
                ok = 0.01 <= float(t) <= 2147483647
            except ValueError:
                ok = False
            if not ok:
                return ("admission webhook \"validation.webhook.serving.knative.dev\" denied the request: "
                        "validation failed: expected 0.01 <= %s <= 2147483647: "
                        "spec.template.metadata.annotations.autoscaling.knative.dev/target" % t)
    if o["kind"] == "ConfigMap" and o["metadata"]["name"] == "config-autoscaler":
        up = (o.get("data") or {}).get("max-scale-up-rate")
        if up is not None:
            try:
                ok = float(up) > 1.0
            except ValueError:
                ok = False
            if not ok:
                return ("admission webhook \"config.webhook.serving.knative.dev\" denied the request: "
                        "validation failed: max-scale-up-rate = %s, must be greater than 1.0" % up)
        sw = (o.get("data") or {}).get("stable-window")
        if sw is not None:
            d = parse_duration(sw)
            if d is None or d < 6 or d > 3600:
                return ("admission webhook \"config.webhook.serving.knative.dev\" denied the request: "
                        "validation failed: stable-window = %s, must be in [6s, 1h0m0s] range" % sw)
    return None if not causes else causes


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "fake-apiserver"

    def log_message(self, fmt, *args):  # quiet
        pass

    def setup(self):
        super().setup()
        # Headers and body go out in separate writes: without TCP_NODELAY, Nagle's algorithm and the
        # client's delayed ACK stall every kept-alive answer by ~40 ms.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    # ---- plumbing ----
    def send_json(self, code, body, extra_headers=()):
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in extra_headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    def auth_kind(self):
        auth = self.headers.get("Authorization", "")
        if auth.startswith("Bearer "):
            with open(self.server.args.tokens) as f:   # re-read: tests rotate tokens
                valid = {line.strip() for line in f if line.strip()}
            if auth[7:] in valid:
                return "token"
            return None
        try:
            cert = self.connection.getpeercert()
        except (AttributeError, ValueError):
            cert = None
        if cert:
            return "client-certificate"
        return None

    # ---- routing ----
    def do_GET(self):
        self.route("GET")

    def do_PATCH(self):
        self.route("PATCH")

    def do_POST(self):
        self.route("POST")

    def route(self, method):
        url = urllib.parse.urlsplit(self.path)
        if len(url.path) > 1 and url.path.endswith("/"):
            url = url._replace(path=url.path.rstrip("/"))
        q = {k: v[-1] for k, v in urllib.parse.parse_qs(url.query, keep_blank_values=True).items()}
        st = self.server.store
        if url.path.startswith("/_test/"):
            return self.test_endpoint(method, url.path, q)
        kind = self.auth_kind()
        with st.cond:
            st.requests.append({"method": method, "path": url.path, "query": q, "auth": kind or "none",
                                "content_type": self.headers.get("Content-Type", "")})
        if kind is None:
            return self.send_json(401, status(401, "Unauthorized", "Unauthorized"))
        parts = [p for p in url.path.split("/") if p]
        if url.path == "/version":
            return self.send_json(200, {"major": "1", "minor": "30", "gitVersion": "v1.30.0-fake"})
        if url.path == "/api":
            return self.send_json(200, {"kind": "APIVersions", "versions": ["v1"]})
        if url.path == "/apis":
            return self.send_json(200, self.group_list())
        if parts[:1] == ["apis"] and len(parts) == 3 or parts == ["api", "v1"]:
            return self.resource_list(parts)
        if parts[:2] == ["api", "v1"]:
            group, rest = "", parts[2:]
        elif parts[:1] == ["apis"] and len(parts) >= 4:
            group, rest = parts[1], parts[3:]
        else:
            return self.send_json(404, status(404, "NotFound", "the server could not find the requested resource"))
        ns = ""
        if len(rest) >= 2 and rest[0] == "namespaces" and len(rest) >= 3:
            ns, rest = rest[1], rest[2:]
        if group == "" and len(rest) >= 3 and rest[0] == "pods" and rest[2] == "proxy" and method == "GET":
            return self.pod_proxy(ns, rest[1], "/".join(rest[3:]))
        if group == "" and rest[:1] == ["pods"] and len(rest) == 1 and method == "GET" and st.script \
                and ns == st.script["namespace"] and "serving.knative.dev/revision" in q.get("labelSelector", "") \
                and not q.get("continue") and q.get("watch", "") not in ("1", "true"):
            install_script_row(st)
        plural = rest[0]
        name = rest[1] if len(rest) > 1 else None
        if (group, plural) not in PLURALS or (group in EVENTING_GROUPS and not st.eventing):
            return self.send_json(404, status(404, "NotFound", "the server could not find the requested resource"))
        verb = {"GET": "get" if name else ("watch" if q.get("watch", "").lower() in ("1", "true") else "list"),
                "PATCH": "patch", "POST": "create"}[method]
        if (verb, plural) in st.forbidden:
            where = ' in the namespace "%s"' % ns if ns else " at the cluster scope"
            msg = '%s%s is forbidden: User "system:serviceaccount:test:knsim" cannot %s resource "%s" in API group "%s"%s' % (
                plural, "." + group if group else "", verb, plural, group, where)
            return self.send_json(403, status(403, "Forbidden", msg))
        if verb == "watch":
            return self.watch(group, plural, ns, q)
        if verb == "list":
            return self.list(group, plural, ns, q)
        if verb == "get":
            with st.cond:
                o = st.objects.get((group, plural, ns, name))
            if o is None:
                return self.send_json(404, status(404, "NotFound", '%s "%s" not found' % (plural, name)))
            return self.send_json(200, o)
        if verb == "patch":
            return self.apply(group, plural, ns, name, q)
        return self.send_json(405, status(405, "MethodNotAllowed", "not supported here"))

    def group_list(self):
        groups = {}
        for k, (g, v, p, _) in RESOURCES.items():
            if g and (g not in EVENTING_GROUPS or self.server.store.eventing):
                groups.setdefault(g, v)
        return {"kind": "APIGroupList", "apiVersion": "v1", "groups": [
            {"name": g, "versions": [{"groupVersion": g + "/" + v, "version": v}],
             "preferredVersion": {"groupVersion": g + "/" + v, "version": v}} for g, v in sorted(groups.items())]}

    def resource_list(self, parts):
        group, version = ("", "v1") if parts[0] == "api" else (parts[1], parts[2])
        res = [{"name": p, "singularName": k.lower(), "namespaced": ns, "kind": k,
                "verbs": ["get", "list", "watch", "patch"]}
               for k, (g, v, p, ns) in RESOURCES.items() if g == group and v == version]
        if not res or (group in EVENTING_GROUPS and not self.server.store.eventing):
            return self.send_json(404, status(404, "NotFound", "the server could not find the requested resource"))
        gv = version if not group else group + "/" + version
        return self.send_json(200, {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": gv, "resources": res})

    def matching(self, group, plural, ns, selector):
        want = {}
        for term in filter(None, (selector or "").split(",")):
            k, eq, v = term.partition("=")
            want[k] = v.lstrip("=") if eq else None   # a bare key: the label exists
        for key in sorted(self.server.store.objects):
            g, p, n, _ = key
            if g != group or p != plural or (ns and n != ns):
                continue
            o = self.server.store.objects[key]
            labels = o["metadata"].get("labels") or {}
            if all((k in labels) if v is None else labels.get(k) == v for k, v in want.items()):
                yield key, o

    # ---- list with limit/continue ----
    def list(self, group, plural, ns, q):
        st = self.server.store
        kind, version, _ = PLURALS[(group, plural)]
        limit = int(q.get("limit") or 0)
        start_after = None
        with st.cond:
            list_rv = st.rv
            if q.get("continue"):
                try:
                    tok = json.loads(base64.urlsafe_b64decode(q["continue"].encode()))
                except ValueError:
                    return self.send_json(400, status(400, "BadRequest", "continue key is not valid"))
                if tok["rv"] < st.compacted:
                    return self.send_json(410, status(
                        410, "Expired", "The provided continue parameter is too old to display a consistent "
                        "list result. You can start a new list without the continue parameter."))
                list_rv, start_after = tok["rv"], tuple(tok["after"])
            items = [(k, o) for k, o in self.matching(group, plural, ns, q.get("labelSelector"))
                     if start_after is None or k > start_after]
            meta = {"resourceVersion": str(list_rv)}
            if limit and len(items) > limit:
                items = items[:limit]
                tok = {"rv": list_rv, "after": list(items[-1][0])}
                meta["continue"] = base64.urlsafe_b64encode(json.dumps(tok).encode()).decode()
            out = []
            for _, o in items:
                o = copy.deepcopy(o)
                o.pop("kind", None)       # real lists omit kind/apiVersion on items
                o.pop("apiVersion", None)
                out.append(o)
        gv = version if not group else group + "/" + version
        return self.send_json(200, {"kind": kind + "List", "apiVersion": gv, "metadata": meta, "items": out})

    # ---- watch: chunked NDJSON cut at random byte boundaries ----
    def write_chunks(self, data, rnd):
        i = 0
        while i < len(data):
            n = rnd.randint(1, 23)
            piece = data[i:i + n]
            self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            self.wfile.flush()
            i += n

    def watch(self, group, plural, ns, q):
        st = self.server.store
        kind, version, _ = PLURALS[(group, plural)]
        gv = version if not group else group + "/" + version
        rv = q.get("resourceVersion", "")
        timeout = min(float(q.get("timeoutSeconds") or 30), 60)
        bookmarks = q.get("allowWatchBookmarks", "").lower() in ("true", "1")
        with st.cond:
            too_old = rv not in ("", "0") and int(rv) < st.compacted
            if too_old and st.watch_410_http:
                return self.send_json(410, status(410, "Expired", "too old resource version: %s (%d)" % (rv, st.compacted)))
            generation = st.watch_generation
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        rnd = random.Random(self.server.args.seed + int(rv or 0))

        def line(t, o):
            return (json.dumps({"type": t, "object": o}) + "\n").encode()

        if too_old:
            self.write_chunks(line("ERROR", status(410, "Expired", "too old resource version: %s (%d)" % (rv, st.compacted))), rnd)
            self.wfile.write(b"0\r\n\r\n")
            return
        deadline = time.time() + timeout
        sent_rv = int(rv or 0)
        with st.cond:
            if rv in ("", "0"):   # no resourceVersion: current state as ADDED first
                data = b"".join(line("ADDED", o) for _, o in self.matching(group, plural, ns, None))
                sent_rv = st.rv
            else:
                data = b""
        self.write_chunks(data, rnd)
        last_bookmark = time.time()
        while time.time() < deadline:
            with st.cond:
                st.cond.wait(timeout=0.2)
                if st.watch_generation != generation:
                    self.close_connection = True
                    return   # dropped: no terminating chunk, the client sees a cut stream
                events = [(r, t, k, o) for r, t, k, o in st.history
                          if r > sent_rv and k[0] == group and k[1] == plural and (not ns or k[2] == ns)]
                current = st.rv
            data = b""
            for r, t, k, o in events:
                data += line(t, o)
                sent_rv = r
            if bookmarks and time.time() - last_bookmark > 0.5:
                data += line("BOOKMARK", {"kind": kind, "apiVersion": gv, "metadata": {"resourceVersion": str(current)}})
                sent_rv = max(sent_rv, current)
                last_bookmark = time.time()
            try:
                self.write_chunks(data, rnd)
            except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
                return
        self.wfile.write(b"0\r\n\r\n")

    # ---- server-side apply ----
    def apply(self, group, plural, ns, name, q):
        st = self.server.store
        raw = self.body()
        ctype = self.headers.get("Content-Type", "")
        if ctype != "application/apply-patch+yaml":
            return self.send_json(415, status(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml"))
        manager = q.get("fieldManager", "")
        if not manager:
            return self.send_json(422, status(422, "Invalid", 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch'))
        try:
            patch = yaml.safe_load(raw) if yaml else json.loads(raw)
        except Exception:
            return self.send_json(400, status(400, "BadRequest", "error decoding YAML"))
        force = q.get("force") == "true"
        dry = q.get("dryRun") == "All"
        key = (group, plural, ns, name)
        with st.cond:
            cur = st.objects.get(key)
            merged = copy.deepcopy(cur) if cur else {"apiVersion": patch.get("apiVersion"), "kind": patch.get("kind"),
                                                     "metadata": {"name": name, "namespace": ns}}
            owners = st.owners.get(key, {})
            conflicts = []
            paths = leaf_paths(patch)
            for p in paths:
                owner = owners.get(p)
                if owner and owner != manager and get_path(cur, p) != get_path(patch, p):
                    conflicts.append({"type": "FieldManagerConflict",
                                      "message": 'conflict with "%s" using %s' % (owner, merged["apiVersion"]),
                                      "field": "." + ".".join(p)})
            if conflicts and not force:
                msg = "Apply failed with %d conflict%s: %s" % (
                    len(conflicts), "" if len(conflicts) == 1 else "s",
                    "; ".join("%s: %s" % (c["message"], c["field"]) for c in conflicts))
                return self.send_json(409, status(409, "Conflict", msg, conflicts))
            deep_merge(merged, {k: v for k, v in patch.items() if k not in ("apiVersion", "kind")})
            denial = webhook_validate(merged)
            if denial:
                return self.send_json(400, status(400, "BadRequest", denial))
            if get_path(cur, ("spec",)) != merged.get("spec") and cur:
                merged["metadata"]["generation"] = cur["metadata"].get("generation", 1) + 1
            if dry:
                out = copy.deepcopy(merged)
                own = dict(owners)
                for p in paths:
                    own[p] = manager
                out["metadata"]["managedFields"] = managed_fields(own, merged["apiVersion"])
                return self.send_json(200, out)
            out = st.put(merged, "MODIFIED" if cur else "ADDED", manager=manager, paths=paths)
        return self.send_json(200, out, [("Warning", '299 - "knsim fake apiserver: applied"')] if False else ())

    # ---- test control ----
    def test_endpoint(self, method, path, q):
        st = self.server.store
        if method == "GET" and path == "/_test/requests":
            with st.cond:
                return self.send_json(200, st.requests)
        body = json.loads(self.body() or b"{}")
        with st.cond:
            if path == "/_test/compact":
                st.rv += 1   # as if writes happened; everything before is compacted away
                st.compacted = st.rv
                st.history = []
            elif path == "/_test/mutate":
                for o in body.get("put", []):
                    st.put(o, "MODIFIED" if st.key_of(o) in st.objects else "ADDED", manager="kubectl-edit")
                for o in body.get("delete", []):
                    st.delete(st.key_of(o))
            elif path == "/_test/forbid":
                st.forbidden.add((body["verb"], body["resource"]))
            elif path == "/_test/drop-watches":
                st.watch_generation += 1
                st.cond.notify_all()
            elif path == "/_test/watch-410-mode":
                st.watch_410_http = bool(body.get("http"))
            elif path == "/_test/shadow-script":
                st.script = body
                st.script_tick = -1
            elif path == "/_test/direct-listener":
                return self.send_json(200, {"port": start_direct_listener(st)})
            else:
                return self.send_json(404, {})
            rv = st.rv
        return self.send_json(200, {"resourceVersion": str(rv)})


    # ---- the shadow script's pod proxy ----
    def pod_proxy(self, ns, name_port, path):
        st = self.server.store
        if ("get", "pods/proxy") in st.forbidden:
            msg = 'pods "%s" is forbidden: User "system:serviceaccount:test:knsim" cannot get resource "pods/proxy" ' \
                  'in API group "" in the namespace "%s"' % (name_port, ns)
            return self.send_json(403, status(403, "Forbidden", msg))
        name, _, port = name_port.partition(":")
        with st.cond:
            row = script_row(st)
            pod = (row or {}).get("pods", {}).get(name) if st.script and ns == st.script["namespace"] else None
        if pod is None or port != "9090" or path != "metrics":
            return self.send_json(503, status(503, "ServiceUnavailable", "error trying to reach service: dial tcp"))
        if pod.get("status", 200) != 200:
            return self.send_json(pod["status"], status(pod["status"], "ServiceUnavailable", "scripted failure"))
        data = encode_stat(name, pod["stat"])
        self.send_response(200)
        self.send_header("Content-Type", "application/protobuf")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def script_row(st):
    if not st.script or st.script_tick < 0:
        return None
    ticks = st.script["ticks"]
    return ticks[min(st.script_tick, len(ticks) - 1)]


def varint(n):
    out = b""
    n &= (1 << 64) - 1
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out += bytes([b | 0x80])
        else:
            return out + bytes([b])


def encode_stat(pod_name, s):
    """Knative's Stat (pkg/autoscaler/metrics/stat.proto) in protobuf wire format; proto3 omits zeros."""
    name = pod_name.encode()
    out = b"\x0a" + varint(len(name)) + name
    for field, key in ((2, "c"), (3, "pc"), (4, "rc"), (5, "prc"), (6, "up")):
        v = float(s.get(key, 0.0))
        if v != 0.0:
            out += bytes([(field << 3) | 1]) + struct.pack("<d", v)
    if s.get("ts", 0):
        out += b"\x38" + varint(int(s["ts"]))
    return out


class DirectHandler(http.server.BaseHTTPRequestHandler):
    """Plain HTTP queue-proxy :9090/metrics for `--scrape direct`: the row's pod whose podIP is the
    address this connection reached (the tests use one pod per loopback address)."""
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def do_GET(self):
        st = self.server.store
        ip = self.connection.getsockname()[0]
        with st.cond:
            st.requests.append({"method": "GET", "path": "direct:" + ip + self.path, "query": {}, "auth": "none",
                                "content_type": self.headers.get("Accept", "")})
            row = script_row(st) or {}
            pods = [(n, p) for n, p in row.get("pods", {}).items() if p.get("ip", "127.0.0.1") == ip]
        if self.path != "/metrics" or not pods or self.headers.get("Accept") != "application/protobuf":
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        data = encode_stat(pods[0][0], pods[0][1]["stat"])
        self.send_response(200)
        self.send_header("Content-Type", "application/protobuf")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def start_direct_listener(st):
    srv = Server(("127.0.0.1", 0), DirectHandler)
    srv.store = st
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv.server_address[1]


def install_script_row(st):
    """The next second of the script: its pods, PodAutoscalers and ServerlessServices."""
    with st.cond:
        st.script_tick += 1
        row = script_row(st)
        ns = st.script["namespace"]
        want = {}
        for name, p in row.get("pods", {}).items():
            want[("", "pods", ns, name)] = {
                "apiVersion": "v1", "kind": "Pod",
                "metadata": {"name": name, "namespace": ns, "labels": {"serving.knative.dev/revision": p["revision"]}},
                "status": {"phase": "Running", "podIP": p.get("ip", "127.0.0.1"),
                           "conditions": [{"type": "Ready", "status": "True" if p.get("ready", True) else "False"}]}}
        for name, pa in row.get("pas", {}).items():
            status_ = {"actualScale": pa.get("actual", 0),
                       "conditions": [{"type": "Active", "status": pa.get("active", "True")}]}
            if pa.get("desired") is not None:
                status_["desiredScale"] = pa["desired"]
            want[("autoscaling.internal.knative.dev", "podautoscalers", ns, name)] = {
                "apiVersion": "autoscaling.internal.knative.dev/v1alpha1", "kind": "PodAutoscaler",
                "metadata": {"name": name, "namespace": ns, "annotations": pa.get("annotations", {})},
                "spec": {"containerConcurrency": pa.get("containerConcurrency", 0), "reachability": "Reachable"},
                "status": status_}
        for name, mode in row.get("sks", {}).items():
            want[("networking.internal.knative.dev", "serverlessservices", ns, name)] = {
                "apiVersion": "networking.internal.knative.dev/v1alpha1", "kind": "ServerlessService",
                "metadata": {"name": name, "namespace": ns}, "spec": {"mode": mode}}
        for key in [k for k in st.objects if k[2] == ns and k[1] in ("pods", "podautoscalers", "serverlessservices")]:
            if key not in want:
                st.delete(key)
        for key, o in want.items():
            st.put(o, "MODIFIED" if key in st.objects else "ADDED")


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cert", required=True)
    ap.add_argument("--key", required=True)
    ap.add_argument("--client-ca", required=True)
    ap.add_argument("--tokens", required=True)
    ap.add_argument("--fixture", required=True)
    ap.add_argument("--no-eventing", action="store_true")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    with open(args.fixture) as f:
        objects = json.load(f)["objects"]
    eventing = not args.no_eventing
    if not eventing:
        objects = [o for o in objects if RESOURCES[o["kind"]][0] not in EVENTING_GROUPS]
    srv = Server(("127.0.0.1", 0), Handler)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(args.cert, args.key)
    ctx.load_verify_locations(args.client_ca)
    ctx.verify_mode = ssl.CERT_OPTIONAL
    srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    srv.args = args
    srv.store = Store(objects, eventing)
    print("PORT %d" % srv.server_address[1], flush=True)
    srv.serve_forever()


if __name__ == "__main__":
    main()
