#!/bin/sh
# Create a self-signed certificate for the TLS sidecar demo
# and store it as a Secret of type kubernetes.io/tls.
set -eu
openssl req -x509 -newkey rsa:2048 -nodes -days 30 \
  -subj "/CN=legacy-app.local" \
  -keyout tls.key -out tls.crt
kubectl create secret tls legacy-app-tls \
  --cert=tls.crt --key=tls.key
