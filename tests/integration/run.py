#!/usr/bin/env python3
"""Runs every tests/integration/test_*.py module against one stack; ends with "N passed, N failed"."""
import importlib, os, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness

names = sorted(f[:-3] for f in os.listdir(os.path.dirname(os.path.abspath(__file__)))
               if f.startswith("test_") and f.endswith(".py"))
if len(sys.argv) > 1:
    names = [n for n in names if any(a in n for a in sys.argv[1:])]
modules = [importlib.import_module(n) for n in names]
stack = harness.Stack()
t0 = time.time()
try:
    stack.start()
    print(f"stack up in {time.time() - t0:.1f}s on port {stack.port} ({stack.var})", flush=True)
    passed, failed = harness.run_tests(modules, stack)
finally:
    stack.stop()
reports = stack.sanitizer_reports()
if reports:
    failed += 1
    print("FAIL sanitizers: the workers reported errors or leaks:")
    for r in reports:
        print(r[:4000])
else:
    passed += 1
    print("ok   sanitizers: no ASan/UBSan/LSan reports from the workers")
if failed == 0:
    stack.cleanup()
else:
    print(f"(stack folder kept for inspection: {stack.var})")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
