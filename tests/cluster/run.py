#!/usr/bin/env python3
"""The cluster suite (`make test-cluster`, README "A cluster"): tests/cluster/test_*.py against
one local cluster (tools/cluster.sh: three Galera nodes, two web hosts, the sanitizer build);
ends with "N passed, N failed". Arguments: substrings of module file names, as for the
integration suite."""
import importlib, os, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cluster  # noqa: E402  (puts tests/integration on the path)
import harness  # noqa: E402

here = os.path.dirname(os.path.abspath(__file__))
names = sorted(f[:-3] for f in os.listdir(here) if f.startswith("test_") and f.endswith(".py"))
if sys.argv[1:]:
    names = [n for n in names if any(a in n + ".py" for a in sys.argv[1:])]
if not names:
    sys.exit(f"no cluster module matches {' '.join(sys.argv[1:])}")
print(f"modules: {' '.join(names)}", flush=True)
modules = [importlib.import_module(n) for n in names]
c = cluster.Cluster()
t0 = time.time()
try:
    c.start()
    print(f"cluster up in {time.time() - t0:.1f}s: nodes on {c.base + 1}-{c.base + 3}, hosts on {c.a.port} and "
          f"{c.b.port} ({c.dir})", flush=True)
    passed, failed = harness.run_tests(modules, c)
finally:
    c.stop()
reports = c.sanitizer_reports()
if reports:
    failed += 1
    print("FAIL sanitizers: the workers reported errors or leaks:")
    for r in reports:
        print(r[:4000])
else:
    passed += 1
    print("ok   sanitizers: no ASan/UBSan/LSan reports from the workers")
if failed == 0:
    c.cleanup()
else:
    print(f"(cluster folder kept for inspection: {c.dir})")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
