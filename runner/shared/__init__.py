"""What the judge and the student interpreters share: the wire format (wire.py, and its hostile reader
wire_decode.py) and, in Pyodide, the finder for modules served on demand (lazy_modules.py). Shipped whole to
both."""
