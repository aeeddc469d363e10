#!/bin/sh
# A self-signed certificate for shop.example.com, stored as
# the TLS Secret that ingress.yaml names. In production,
# cert-manager creates and renews such Secrets.
# Usage: sh samples/exposing-apps/make-cert.sh
set -eu
DIR="$(mktemp -d)"
openssl req -x509 -newkey rsa:2048 -nodes -days 30 \
  -subj "/CN=shop.example.com" \
  -addext "subjectAltName=DNS:shop.example.com" \
  -keyout "$DIR/tls.key" -out "$DIR/tls.crt"
kubectl create secret tls shop-example-tls \
  --cert="$DIR/tls.crt" --key="$DIR/tls.key"
rm -rf "$DIR"
