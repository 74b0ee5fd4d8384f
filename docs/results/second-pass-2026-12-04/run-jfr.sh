#!/bin/bash
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
cd /work/main
for i in 1 2; do
  for mode in off parse-off parse-on; do
    case $mode in
      off) flags="";;
      parse-off) flags="-XX:StartFlightRecording:settings=default,filename=/tmp/jfr-$mode-$i.jfr,+dev.jsonarena.Parse#enabled=false";;
      parse-on) flags="-XX:StartFlightRecording:settings=default,filename=/tmp/jfr-$mode-$i.jfr,+dev.jsonarena.Parse#enabled=true";;
    esac
    echo "== $mode round $i load $(cut -d' ' -f1-3 /proc/loadavg) flags: $flags"
    $J $flags -Djsonarena.impls=JSONARENA -cp /tmp/jfr.jar dev.jsonarena.bench.ParseCpuTime 8 300 2>&1 | grep -v "^\[\|Use jcmd\|Started recording"
  done
done
