#!/usr/bin/env bash
# Coverage-guided fuzzing of the request-body readers with SharpFuzz + AFL++ (installs both when missing).
#   fuzz/run.sh [MINUTES per target, default 10] [TARGET ...]   targets: json-syntax json-body csv-import (default: all)
# Each target runs on one core for MINUTES; findings go to fuzz/findings/TARGET/default/{crashes,hangs}, and every crash is
# replayed at the end with the exception it throws. Turn each finding into a regression test before fixing it.
set -euo pipefail
cd "$(dirname "$0")/.."
minutes="${1:-10}"; shift || true
targets=("$@"); [ ${#targets[@]} -gt 0 ] || targets=(json-syntax json-body csv-import)

command -v afl-fuzz >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++ >/dev/null; }
dotnet tool restore >/dev/null

out=fuzz/out
rm -rf "$out/bin"
dotnet publish fuzz/Ecommerce.Fuzz -c Release -o "$out/bin" --nologo -v quiet
# Only the product's own assemblies are instrumented: coverage of what we wrote guides AFL.
for dll in Ecommerce.Shared Ecommerce.Orders Ecommerce.Payments Ecommerce.Notifications Ecommerce.Dashboard; do
  dotnet sharpfuzz "$out/bin/$dll.dll" >/dev/null
done

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
status=0
for target in "${targets[@]}"; do
  findings="fuzz/findings/$target"
  rm -rf "$findings"; mkdir -p fuzz/findings
  echo "== $target: $minutes min"
  afl-fuzz -i "fuzz/corpus/$target" -o "$findings" -t 10000 -m none -V $((minutes * 60)) -- dotnet "$out/bin/Ecommerce.Fuzz.dll" "$target" >"$out/$target.log" 2>&1 || true
  stats="$findings/default/fuzzer_stats"
  if [ ! -f "$stats" ]; then echo "afl-fuzz did not start; see $out/$target.log"; tail -20 "$out/$target.log"; status=1; continue; fi
  grep -E '^(execs_done|execs_per_sec|corpus_count|bitmap_cvg|saved_crashes|saved_hangs|run_time) ' "$stats"
  crashes=("$findings"/default/crashes/id*)
  if [ -e "${crashes[0]}" ]; then
    status=1
    dotnet "$out/bin/Ecommerce.Fuzz.dll" "$target" "${crashes[@]}" | grep -E '^(FAIL|ok)' | cut -c1-400 || true
  fi
done
exit $status
