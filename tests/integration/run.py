#!/usr/bin/env python3
"""Runs the tests/integration/test_*.py modules against one stack; ends with "N passed, N failed".
Arguments: substrings of module file names (run only the modules that contain one: "ysqgk" runs
every module of the disclosure requests, "test_ysqgk.py" that one). ORDER=reverse
runs the modules in reverse order of their names, ORDER=shuffle in the order of SEED (a seed is
picked and printed when SEED is not given); a module's own tests run in the order of their names."""
import importlib, os, random, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness


def module_names(filters, order, seed):
    names = sorted(f[:-3] for f in os.listdir(os.path.dirname(os.path.abspath(__file__)))
                   if f.startswith("test_") and f.endswith(".py"))
    if filters:
        names = [n for n in names if any(a in n + ".py" for a in filters)]
    if order == "reverse":
        names.reverse()
    elif order == "shuffle":
        random.Random(seed).shuffle(names)
    elif order != "name":
        sys.exit(f"ORDER={order}: name, reverse or shuffle")
    return names


order = os.environ.get("ORDER") or "name"
seed = int(os.environ.get("SEED") or random.randrange(1 << 16))
names = module_names(sys.argv[1:], order, seed)
if not names:
    sys.exit(f"no integration module matches {' '.join(sys.argv[1:])}")
print(f"modules ({order}{f', SEED={seed}' if order == 'shuffle' else ''}): {' '.join(names)}", flush=True)
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
