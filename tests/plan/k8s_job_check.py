#!/usr/bin/env python3
"""Checks a `knsim sweep --k8s-job` manifest with Debian's Kubernetes client (python3-kubernetes).

Usage: k8s_job_check.py JOB.yaml  -> prints "ok" and exits 0, or prints the problem and exits 1.
The client's models deserialize the manifest into a V1Job (types checked field by field); every field
the model knows must survive a round trip unchanged. Fields newer than the installed client (e.g.
backoffLimitPerIndex, Kubernetes 1.28+) are checked here against the API's rules instead.
"""
import sys

import yaml
from kubernetes import client

KNOWN_NEWER_JOB_SPEC_FIELDS = {"backoffLimitPerIndex", "maxFailedIndexes", "podFailurePolicy",
                               "podReplacementPolicy", "successPolicy", "managedBy"}


def fail(msg):
    print(msg)
    sys.exit(1)


def main():
    with open(sys.argv[1]) as f:
        docs = [d for d in yaml.safe_load_all(f) if d is not None]
    if len(docs) != 1:
        fail(f"want one document, got {len(docs)}")
    doc = docs[0]
    api = client.ApiClient()
    job = api._ApiClient__deserialize(doc, "V1Job")  # the client's own model deserializer
    back = api.sanitize_for_serialization(job)
    spec_known = {k: v for k, v in doc["spec"].items() if k not in KNOWN_NEWER_JOB_SPEC_FIELDS}
    if back["spec"] != spec_known:
        fail(f"spec changed in the round trip:\n{back['spec']}\nvs\n{spec_known}")
    for key in ("apiVersion", "kind", "metadata"):
        if back[key] != doc[key]:
            fail(f"{key} changed in the round trip")
    if set(doc["spec"]) - set(back["spec"]) - KNOWN_NEWER_JOB_SPEC_FIELDS:
        fail("unknown spec fields: " + str(set(doc["spec"]) - set(back["spec"])))
    # Rules of batch/v1 JobSpec validation (pkg/apis/batch/validation) for what the client cannot check.
    spec = doc["spec"]
    bl = spec.get("backoffLimitPerIndex")
    if bl is not None:
        if not isinstance(bl, int) or bl < 0:
            fail("backoffLimitPerIndex must be an integer >= 0")
        if spec.get("completionMode") != "Indexed":
            fail("backoffLimitPerIndex requires completionMode Indexed")
        if spec["template"]["spec"].get("restartPolicy") != "Never":
            fail("backoffLimitPerIndex requires restartPolicy Never")
    print("ok", job.spec.completion_mode, job.spec.completions, job.spec.parallelism)


if __name__ == "__main__":
    main()
