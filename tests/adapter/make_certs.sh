#!/usr/bin/env bash
# Makes the test PKI in DIR with the openssl CLI (Debian `openssl`): a CA, a server certificate for
# 127.0.0.1 / localhost / kubernetes.test signed by it, a client certificate (CN=alice) signed by
# it, and an unrelated CA (for the "wrong CA" test). Keys are EC P-256: fast to make.
set -euo pipefail
dir="$1"
mkdir -p "$dir"
cd "$dir"
ossl() { openssl "$@" 2>/dev/null; }
newkey() { ossl ecparam -name prime256v1 -genkey -noout -out "$1"; }
newkey ca.key
ossl req -x509 -new -key ca.key -subj "/CN=knsim-test-ca" -days 2 -out ca.crt
newkey other-ca.key
ossl req -x509 -new -key other-ca.key -subj "/CN=some-other-ca" -days 2 -out other-ca.crt
newkey server.key
ossl req -new -key server.key -subj "/CN=kube-apiserver" -out server.csr
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes.test\nextendedKeyUsage=serverAuth\n' > server.ext
ossl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 -extfile server.ext -out server.crt
newkey client.key
ossl req -new -key client.key -subj "/O=system:masters/CN=alice" -out client.csr
printf 'extendedKeyUsage=clientAuth\n' > client.ext
ossl x509 -req -in client.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 -extfile client.ext -out client.crt
# An EC key in SEC1 form ("BEGIN EC PRIVATE KEY") is what kubeadm writes too; libcurl reads it.
