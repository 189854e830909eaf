#!/usr/bin/python3
"""Talks to the fake API server with Debian's official Kubernetes client (python3-kubernetes), so
the server is checked against what real clients speak: kubeconfig with a CA and a token, discovery,
paginated lists (limit/_continue), strict typed decoding of Nodes and Pods, and a watch stream.
Prints a JSON summary on stdout; kubernetes_python_client_test.cpp checks it."""
import json
import sys

from kubernetes import client, config, watch


def main():
    config.load_kube_config(config_file=sys.argv[1])
    out = {}
    groups = client.ApisApi().get_api_versions()
    out["groups"] = sorted(g.name for g in groups.groups)
    co = client.CustomObjectsApi()
    names, cont, pages = [], None, 0
    while True:
        kw = {"limit": 2}
        if cont:
            kw["_continue"] = cont
        page = co.list_namespaced_custom_object("serving.knative.dev", "v1", "demo", "revisions", **kw)
        pages += 1
        names += [i["metadata"]["name"] for i in page["items"]]
        cont = page["metadata"].get("continue")
        if not cont:
            break
    out["revisions"], out["pages"] = names, pages
    core = client.CoreV1Api()
    out["nodes"] = {n.metadata.name: n.status.allocatable["cpu"] for n in core.list_node().items}
    pods = core.list_namespaced_pod("demo", label_selector="serving.knative.dev/revision=hello-00007")
    out["pods"] = sorted(p.metadata.name for p in pods.items)
    w = watch.Watch()
    events = []
    for e in w.stream(co.list_namespaced_custom_object, "serving.knative.dev", "v1", "demo", "services",
                      timeout_seconds=2):
        events.append([e["type"], e["object"]["metadata"]["name"]])
    out["watch"] = events
    print(json.dumps(out, sort_keys=True))


if __name__ == "__main__":
    main()
