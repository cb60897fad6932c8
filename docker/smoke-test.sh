#!/usr/bin/env bash
# Smoke test of docker/compose.yaml with a real Docker engine (run by .ci/run):
#   1. builds the image with docker/Dockerfile and brings the stack up with two workers;
#   2. registers a tiny model from LANGSCORE_MODELS through the REST API, with the API token;
#   3. submits Futrell2018 and a SyntaxGym suite, and docker-kills the worker that runs a job;
#   4. checks that every job ends SUCCEEDED with one score each, finished by another worker;
#   5. checks that `down` then `up` keeps the scores;
#   6. removes everything it created (containers, volumes, network, its image, temp files), also
#      when it fails.
# It ends with one line: "docker smoke test: PASS ..." or "docker smoke test: FAIL: <reason>".
#
# Images: LANGSCORE_BASE_IMAGE, LANGSCORE_BUILD_IMAGE, LANGSCORE_POSTGRES_IMAGE and
# LANGSCORE_RABBITMQ_IMAGE when set; otherwise the stand-ins of docker/local-images.sh (built once and
# kept). LANGSCORE_SHARED_DIR: the reference data and fixtures (default ../shared beside the repository).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${LANGSCORE_SHARED_DIR:-$repo/../shared}"
fixture="$shared/fixtures/hf-tiny/gpt2-realtok-0"
suite=syntaxgym-center_embed
started=$SECONDS

log() { echo "smoke [$((SECONDS - started))s]: $*" >&2; }
verdict=""
fail() {
  verdict="FAIL: $*"
  echo "docker smoke test: $verdict"
  exit 1
}
# A command that fails unexpectedly (set -e) still ends in a FAIL line that names it.
trap 'failed_command="line $LINENO: $BASH_COMMAND"' ERR

for tool in docker docker-compose curl jq; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool is not installed"
done
docker info >/dev/null 2>&1 || fail "the Docker daemon does not answer"
[[ -d "$fixture" ]] || fail "missing fixture $fixture"
[[ -d "$shared/data/naturalstories" ]] || fail "missing reference data $shared/data"

if [[ -z "${LANGSCORE_BASE_IMAGE:-}" ]]; then
  log "stand-in images from docker/local-images.sh"
  exports="$("$repo/docker/local-images.sh")" || fail "docker/local-images.sh failed"
  eval "$exports"
fi

# Everything this run creates carries its name: the compose project, the image, the temp folder.
project="langscore-smoke-$$"
work="$(mktemp -d /tmp/langscore-smoke.XXXXXX)"
export LANGSCORE_IMAGE="$project:latest"
export LANGSCORE_MODELS="$work/models" LANGSCORE_DATA="$shared/data"
export LANGSCORE_API_TOKENS="smoke-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export LANGSCORE_DB_PASSWORD="$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export LANGSCORE_AMQP_PASSWORD="$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
# A free loopback port; the machine's own PostgreSQL and RabbitMQ are left alone (not published).
for _ in $(seq 1 50); do
  LANGSCORE_PORT=$((20000 + RANDOM % 20000))
  (exec 3<>"/dev/tcp/127.0.0.1/$LANGSCORE_PORT") 2>/dev/null || break
done
export LANGSCORE_PORT LANGSCORE_BIND=127.0.0.1
api="http://127.0.0.1:$LANGSCORE_PORT"
compose=(docker-compose -p "$project" -f "$repo/docker/compose.yaml")
dangling_before="$(docker images -q --filter dangling=true | sort)"

cleanup() {
  local status=$?
  set +e
  if [[ $status -ne 0 && -z "$verdict" ]]; then
    echo "docker smoke test: FAIL: exit $status after ${failed_command:-an unknown command}"
  fi
  if [[ $status -ne 0 ]]; then
    echo "---- last log lines of the stack" >&2
    "${compose[@]}" logs --no-color --tail=40 >&2 2>/dev/null
  fi
  "${compose[@]}" down -v --remove-orphans --timeout 10 >/dev/null 2>&1
  docker rmi -f "$LANGSCORE_IMAGE" >/dev/null 2>&1
  # The build stage's layers this run left behind (untagged); older ones are not ours to remove.
  comm -13 <(echo "$dangling_before") <(docker images -q --filter dangling=true | sort) \
    | xargs -r docker rmi -f >/dev/null 2>&1
  rm -rf "$work"
  log "removed the containers, volumes, network and image of $project and $work"
}
trap cleanup EXIT
trap 'fail "interrupted by a signal"' INT TERM

mkdir -p "$LANGSCORE_MODELS"
cp -r "$fixture" "$LANGSCORE_MODELS/gpt2-tiny"
chmod -R a+rX "$work"

# get PATH / post PATH JSON: the API's answer on stdout; fails on an HTTP error.
get() { curl -fsS "$api$1"; }
post() {
  curl -fsS -X POST -H "Authorization: Bearer $LANGSCORE_API_TOKENS" -H 'Content-Type: application/json' \
    --data "$2" "$api$1"
}
wait_ready() {
  local deadline=$((SECONDS + $1))
  until curl -fsS "$api/q/health/ready" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || fail "$api/q/health/ready did not answer 200 within $1 s"
    sleep 2
  done
}
# The container of a worker id ("<pid>-<hostname>-<consumer>"; a container's hostname is its short id).
container_of() {
  local id
  for id in $("${compose[@]}" ps -q worker); do
    if [[ "$1" == *"-${id:0:12}"* ]]; then
      echo "$id"
    fi
  done
}

log "building the image and starting the stack with two workers (project $project, port $LANGSCORE_PORT)"
# The command of README.md, "Run it with Docker".
"${compose[@]}" up -d --build --scale worker=2 >&2 || fail "docker-compose up --build failed"
wait_ready 300
build_seconds=$((SECONDS - started))
log "ready at $api/q/health/ready"
[[ "$("${compose[@]}" ps -q worker | wc -l)" -eq 2 ]] || fail "expected two worker containers"

# Writes without the token are refused.
code="$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
  --data '{"path": "/models/gpt2-tiny"}' "$api/api/models")"
[[ "$code" == 401 ]] || fail "POST /api/models without a token answered $code, expected 401"

model="$(post /api/models '{"path": "/models/gpt2-tiny", "identifier": "smoke-gpt2-tiny"}')" \
  || fail "POST /api/models was refused"
model_id="$(jq -r .id <<<"$model")"
log "registered model $model_id from /models/gpt2-tiny"
submitted="$(post /api/evaluations \
  "{\"model\": \"$model_id\", \"benchmarks\": [\"Futrell2018-pearsonr\", \"$suite\"]}")" \
  || fail "POST /api/evaluations was refused"
[[ "$(jq '.jobs | length' <<<"$submitted")" -eq 2 ]] || fail "expected two jobs, got: $submitted"

# Kill the worker that runs Futrell2018 (the longer job) while it runs.
killed_worker=""
deadline=$((SECONDS + 300))
while [[ -z "$killed_worker" ]]; do
  ((SECONDS < deadline)) || fail "the Futrell2018 job never ran"
  job="$(get "/api/jobs?model=$model_id&benchmark=Futrell2018-pearsonr" | jq -c '.items[0]')"
  state="$(jq -r .state <<<"$job")"
  [[ "$state" == SUCCEEDED ]] && fail "the Futrell2018 job ended before a worker could be killed"
  # Past the model load and into the text, so that the kill interrupts real work.
  if [[ "$state" == RUNNING ]] && jq -e '.progress > 0' <<<"$job" >/dev/null; then
    worker_id="$(jq -r .workerId <<<"$job")"
    container="$(container_of "$worker_id")"
    [[ -n "$container" ]] || fail "no worker container for worker id $worker_id"
    docker kill "$container" >/dev/null || fail "docker kill $container failed"
    killed_worker="$worker_id"
    log "killed worker $worker_id (container ${container:0:12}) while it ran Futrell2018"
  else
    sleep 0.5
  fi
done

log "waiting for both jobs to end"
deadline=$((SECONDS + 900))
while :; do
  jobs="$(get "/api/jobs?model=$model_id")"
  if [[ "$(jq '[.items[] | select(.state == "SUCCEEDED" or .state == "FAILED" or .state == "CANCELLED")] | length' <<<"$jobs")" -eq 2 ]]; then
    break
  fi
  ((SECONDS < deadline)) || fail "jobs did not end within 900 s: $(jq -c '[.items[] | {benchmark, state, attempts, workerId, lastError}]' <<<"$jobs")"
  sleep 3
done
summary="$(jq -c '[.items[] | {benchmark, state, attempts, workerId, scoreId, lastError}]' <<<"$jobs")"
log "jobs: $summary"
[[ "$(jq '[.items[] | select(.state == "SUCCEEDED" and .scoreId != null)] | length' <<<"$jobs")" -eq 2 ]] \
  || fail "not every job SUCCEEDED with a score: $summary"
futrell_worker="$(jq -r '.items[] | select(.benchmark == "Futrell2018-pearsonr") | .workerId' <<<"$jobs")"
[[ "$futrell_worker" != "$killed_worker" ]] || fail "the killed worker $killed_worker is still named for Futrell2018"

scores_of_model() {
  get "/api/scores?model=$model_id" | jq -c '[.items[] | {id, benchmark, value}] | sort_by(.benchmark)'
}
scores="$(scores_of_model)"
log "scores: $scores"
[[ "$(jq 'length' <<<"$scores")" -eq 2 ]] || fail "expected two scores, got $scores"
[[ "$(jq '[.[].benchmark] | unique | length' <<<"$scores")" -eq 2 ]] || fail "expected one score per benchmark: $scores"

log "down, then up again"
"${compose[@]}" down --timeout 20 >&2 || fail "docker-compose down failed"
"${compose[@]}" up -d --scale worker=2 >&2 || fail "docker-compose up (again) failed"
wait_ready 300
after="$(scores_of_model)"
[[ "$after" == "$scores" ]] || fail "the scores changed across down and up: before $scores, after $after"

verdict=PASS
echo "docker smoke test: PASS (2 jobs SUCCEEDED with one score each after killing worker $killed_worker; scores kept across down/up; built and ready after ${build_seconds}s, total $((SECONDS - started))s)"
