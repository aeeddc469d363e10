#!/bin/sh
# Everything the demos need, in order, on a fresh cluster
# (create-cluster.sh makes one). Run it from the folder
# that holds samples/: sh samples/setup/install.sh [--with-vpa]
# Needs kubectl and helm (v3 or v4).
set -eu
SETUP="$(dirname "$0")"

echo "== metrics-server (kubectl top, the HPA, the VPA)"
kubectl apply -k "$SETUP/metrics-server/"

echo "== Gateway API v1.5.1 CRDs, standard channel"
kubectl apply --server-side -f \
  https://github.com/kubernetes-sigs/gateway-api/releases/download/v1.5.1/standard-install.yaml
kubectl wait --for=condition=Established --timeout=1m \
  crd/gatewayclasses.gateway.networking.k8s.io crd/gateways.gateway.networking.k8s.io

echo "== Traefik: ingress controller and Gateway API implementation"
sh "$SETUP/install-traefik.sh"
kubectl apply -f "$SETUP/ingress-class.yaml"
kubectl apply -f "$SETUP/gateway.yaml"

if [ "${1:-}" = "--with-vpa" ]; then
  echo "== Vertical Pod Autoscaler"
  sh "$SETUP/install-vpa.sh"
fi

kubectl wait --for=condition=Available --timeout=3m \
  -n kube-system deployment/metrics-server
kubectl get gateway -n infra public
