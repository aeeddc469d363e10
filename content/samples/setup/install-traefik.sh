#!/bin/sh
# An ingress controller that also implements the Gateway API:
# Traefik Proxy v3.7, from its Helm chart 41.3.0. Install the
# Gateway API CRDs first (install.sh does both in order).
# The workshop defines the IngressClass, the GatewayClass and
# the Gateway itself (ingress-class.yaml, gateway.yaml), so
# the chart's own ones are switched off.
set -eu
helm repo add traefik https://traefik.github.io/charts
helm repo update traefik
helm upgrade --install traefik traefik/traefik \
  --version 41.3.0 --namespace traefik --create-namespace \
  --wait --values - <<'VALUES'
providers:
  kubernetesIngress:
    enabled: true
  kubernetesGateway:
    enabled: true
ingressClass:
  enabled: false
gatewayClass:
  enabled: false
gateway:
  enabled: false
# kind has no cloud load balancer: reach Traefik through
# kubectl port-forward instead.
service:
  spec:
    type: ClusterIP
resources:
  requests:
    cpu: 50m
    memory: 64Mi
  limits:
    cpu: 500m
    memory: 256Mi
VALUES
