#!/usr/bin/env bash
# Distributed load test on Kubernetes: N shard pods (an Indexed Job) start together against staging, then one
# merge Job builds and audits the combined run.json. Needs kubectl and envsubst (gettext).
#   NAMESPACE=loadtest ./examples/k8s/run.sh
set -euo pipefail
cd "$(dirname "$0")"
ns=${NAMESPACE:-loadtest}
k() { kubectl -n "$ns" "$@"; }
# Waits until a Job is Complete (0) or Failed (1).
finished() {
  local state
  for _ in $(seq $(( $2 / 5 ))); do
    state=$(k get job "$1" -o jsonpath='{.status.conditions[?(@.status=="True")].type}')
    case "$state" in *Complete*) return 0 ;; *Failed*) return 1 ;; esac
    sleep 5
  done
  echo "job/$1 did not finish within $2 s" >&2
  return 1
}

k apply -f config.yaml
k delete job scale-audit-shards scale-audit-merge --ignore-not-found
# Clear results of an earlier run: merge refuses a shard given twice, and stale shards are of another plan.
k run scale-audit-clean --rm -i --restart=Never --image=busybox \
  --overrides='{"spec":{"volumes":[{"name":"r","persistentVolumeClaim":{"claimName":"scale-audit-results"}}],"containers":[{"name":"c","image":"busybox","command":["sh","-c","rm -f /results/*.json /results/*.md"],"volumeMounts":[{"name":"r","mountPath":"/results"}]}]}}'

# Every shard waits for the same instant: long enough for all pods to be scheduled and pull the image.
export START_AT=$(( $(date +%s) + ${START_DELAY_S:-120} ))
envsubst '${START_AT}' < shards-job.yaml | k apply -f -
# Each shard's measured time plus warmup, drain and the start delay.
finished scale-audit-shards 1800 || { k logs -l role=shard --tail=50 --prefix; echo "a shard failed" >&2; exit 1; }

k apply -f merge-job.yaml
status=0
finished scale-audit-merge 600 || status=1
k logs job/scale-audit-merge
exit "$status"
