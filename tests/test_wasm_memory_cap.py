"""The 2 GiB cap on the interpreters' WebAssembly memory (runner/pyodide_engine/wasm_memory_cap.mjs, issue 28): a memory
grows to the cap and no further, other memories are left alone, and `instanceof` still holds. Its effect on
a memory bomb in a real browser is in tests/browser/test_every_browser.py."""
import json
import subprocess

from helpers import ROOT

SCRIPT = """
const { capWasmMemory, MAX_MEMORY_BYTES } = await import(process.argv[1]);
const PAGE = 65536;
const before = new WebAssembly.Memory({ initial: 1, maximum: 65536 });
capWasmMemory();
const capped = new WebAssembly.Memory({ initial: 1, maximum: 65536 });
const small = new WebAssembly.Memory({ initial: 1, maximum: 10 });
const grow = (memory, pages) => { try { memory.grow(pages); return true; } catch { return false; } };
const toCap = MAX_MEMORY_BYTES / PAGE - 1;
console.log(JSON.stringify({
  to_the_cap: grow(capped, toCap), past_the_cap: grow(capped, 1), bytes: capped.buffer.byteLength,
  uncapped_before: grow(before, toCap + 1), small_keeps_its_maximum: !grow(small, 10),
  is_memory: capped instanceof WebAssembly.Memory,
}));
"""


def test_pyodide_memory_stops_at_2_gib():
    module = (ROOT / "runner" / "pyodide_engine" / "wasm_memory_cap.mjs").as_uri()
    out = subprocess.run(["node", "--input-type=module", "-e", SCRIPT, module], capture_output=True, text=True,
                         check=True, timeout=60).stdout
    assert json.loads(out) == {"to_the_cap": True, "past_the_cap": False, "bytes": 2 * 1024 ** 3,
                               "uncapped_before": True, "small_keeps_its_maximum": True, "is_memory": True}
