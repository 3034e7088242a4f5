#!/usr/bin/env bash
# The all-mpnet-base-v2 teacher and its MiniLM students on a GPU machine, in one go (issue #19).
# Every step is scripts/train_verifier.py; this only chains them inside a fixed time budget.
#
#   scripts/train_verifier_gpu.sh MPNET_PARTS... -- BUNDLE OUT
#
# MPNET_PARTS: the folders `scripts/int8_transfer.py pack` wrote (or one folder of full weights).
# BUNDLE holds what the machine cannot build itself (it has no corpus index):
#   data/         corpus/abstracts.jsonl.gz, claims/scifact/claims_dev.jsonl, claims/healthver/healthver_dev.csv
#   verifier/     the student's starting weights (models/verifier)
#   teacher-1.jsonl.gz  teacher-2.jsonl.gz  pool.jsonl.gz   (train_verifier.py --write-pairs)
# OUT gets every stage's training.json as a line of figures.jsonl, this log, and each student's
# fp16 weights in three pieces (`cat student-a.safetensors.* > model.safetensors`): eight files.
set -euo pipefail
parts=()
while [[ $1 != -- ]]; do parts+=("$1"); shift; done
bundle=$2 out=$3
work=${WORK:-/tmp/factcheck-gpu}
mkdir -p "$work" "$out"
exec > >(tee -a "$out/log.txt") 2>&1

if [[ -f ${parts[0]}/model.safetensors ]]; then mpnet=${parts[0]}; else
  mpnet=$work/mpnet
  python3 scripts/int8_transfer.py unpack "$mpnet" "${parts[@]}"
fi
train() { python3 scripts/train_verifier.py --data "$bundle/data" --device "${DEVICE:-cuda}" --batch-size 32 \
          --save-every 100000 --healthver-dev "${HEALTHVER_DEV:-0}" "$@"; }
keep() { python3 -c 'import json,sys; print(json.dumps({"run": sys.argv[1], **json.load(open(sys.argv[2]))}))' \
                 "$1" "$work/$1/training.json" >> "$out/figures.jsonl"; }

# teacher: every source (2 epochs), then the health claims with mined and easy negatives
train --base "$mpnet" --pairs "$bundle/teacher-1.jsonl.gz" --epochs 2 --lr 3e-5 --max-minutes "${T1:-2.8}" \
      --out "$work/teacher-1" --checkpoints "$work/ck-teacher-1"
keep teacher-1
train --base "$work/teacher-1" --pairs "$bundle/teacher-2.jsonl.gz" --epochs 2 --lr 2e-5 --max-minutes "${T2:-1.6}" \
      --out "$work/teacher" --checkpoints "$work/ck-teacher"
keep teacher

# students: today's verifier taught by the teacher's probabilities; C is the shipped one
student() {  # name alpha temperature batch
  train --base "$bundle/verifier" --teacher "$work/teacher" --pairs "$bundle/pool.jsonl.gz" --epochs 2 --lr 3e-5 \
        --alpha "$2" --temperature "$3" --batch-size "$4" --max-minutes "${S:-1.6}" --out "$work/$1" \
        --checkpoints "$work/ck-$1"
  keep "$1"
  split -n 3 -d "$work/$1/model.safetensors" "$out/$1.safetensors."
}
student student-c 0.3 0.5 64
if (( SECONDS < ${SECOND_STUDENT_BEFORE:-400} )); then student student-b 0.5 1.0 64; fi
echo "done in ${SECONDS}s"
