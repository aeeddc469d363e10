#!/bin/sh
# A laptop cluster for every demo of this workshop: kind with
# one control-plane node and three workers. Each worker carries
# the zone label that cloud providers set, so zone spreading,
# node affinity and anti-affinity behave as they would on a
# cloud. Needs Docker or Podman and kind v0.32.0 or newer.
# Usage: sh samples/setup/create-cluster.sh [NAME]
set -eu
NAME="${1:-zero-to-hero}"

kind create cluster --name "$NAME" --config - <<'CONFIG'
kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
nodes:
  - role: control-plane
  - role: worker
    labels:
      topology.kubernetes.io/zone: zone-a
  - role: worker
    labels:
      topology.kubernetes.io/zone: zone-b
  - role: worker
    labels:
      topology.kubernetes.io/zone: zone-c
CONFIG

kubectl get nodes -L topology.kubernetes.io/zone
