#!/bin/sh
# The Vertical Pod Autoscaler is not part of Kubernetes: its
# three components (recommender, updater, admission
# controller) come from the kubernetes/autoscaler project.
# This installs release 1.7.1 with the project's own script,
# which needs git, openssl and kubectl. Optional: without it,
# only the two VPA demos (chapters 4 and 10) cannot run.
set -eu
WORK="$(mktemp -d)"
git clone --quiet --depth 1 \
  --branch vertical-pod-autoscaler-1.7.1 \
  https://github.com/kubernetes/autoscaler.git "$WORK/autoscaler"
(cd "$WORK/autoscaler/vertical-pod-autoscaler" && ./hack/vpa-up.sh)
rm -rf "$WORK"
kubectl get pods -n kube-system -l 'app in (vpa-recommender,vpa-updater,vpa-admission-controller)'
