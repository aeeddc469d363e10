#!/bin/sh
# Requested versus used, for one namespace and for nodes.
# Needs metrics-server (kubectl top).
# Usage: sh samples/data-room/requests-vs-usage.sh [NAMESPACE]
set -eu
NS="${1:-default}"
C='.spec.containers[*].resources.requests'

echo "== What the Pods in $NS request =="
kubectl get pods -n "$NS" -o custom-columns="\
POD:.metadata.name,CPU:$C.cpu,MEMORY:$C.memory"

echo "== What they use right now =="
kubectl top pods -n "$NS" --containers

echo "== Per node: requests reserved vs allocatable =="
kubectl describe nodes \
  | grep -E '^Name:|^  (cpu|memory) ' || true
