#!/bin/sh
# Seal secret.yaml for the current cluster: installs the
# Sealed Secrets controller v0.36.6, then encrypts with the
# kubeseal CLI (install it from the same release first).
# Commit sealed-db-credentials.yaml; never secret.yaml.
# Usage: sh samples/concepts/seal-secret.sh
set -eu
kubectl apply -f https://github.com/bitnami-labs/sealed-secrets/releases/download/v0.36.6/controller.yaml
kubectl rollout status -n kube-system deployment/sealed-secrets-controller
kubeseal --format yaml \
  < samples/concepts/secret.yaml > sealed-db-credentials.yaml
kubectl apply -f sealed-db-credentials.yaml
# The controller decrypts it into an ordinary Secret.
kubectl get secret db-credentials
