#!/bin/sh
# Create a self-signed certificate for the TLS sidecar demo
# and store it as a Secret of type kubernetes.io/tls.
# Usage: sh samples/multi-container-patterns/make-cert.sh
set -eu
DIR="$(mktemp -d)"
openssl req -x509 -newkey rsa:2048 -nodes -days 30 \
  -subj "/CN=legacy-app.local" \
  -keyout "$DIR/tls.key" -out "$DIR/tls.crt"
kubectl create secret tls legacy-app-tls \
  --cert="$DIR/tls.crt" --key="$DIR/tls.key"
rm -rf "$DIR"
