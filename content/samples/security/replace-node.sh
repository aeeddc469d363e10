#!/bin/sh
# Replace one worker node during an upgrade, the manual
# way (managed node pools run the same steps for you).
# Usage: sh samples/security/replace-node.sh OLD_NODE
set -eu
OLD_NODE="$1"

# 1. Cordon: no new Pods are scheduled on the old node.
kubectl cordon "$OLD_NODE"

# 2. Drain: evict its Pods (PodDisruptionBudgets apply);
#    controllers recreate them on other nodes.
kubectl drain "$OLD_NODE" --ignore-daemonsets \
  --delete-emptydir-data --timeout=10m

# 3. Stop: remove the node object, then shut the machine
#    down with your provider's tools.
kubectl delete node "$OLD_NODE"

# 4. New node: create a machine with the new Kubernetes
#    version (same labels and taints as the old one).

# 5. Join: on the new machine run the join command that a
#    control-plane node prints with
#      kubeadm token create --print-join-command
printf 'Create and join the new node, then press Enter: '
read -r _

# 6. Ready: wait until every node reports Ready.
kubectl wait --for=condition=Ready node --all --timeout=10m
kubectl get nodes -o wide
