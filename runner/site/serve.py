"""`python -m runner serve`: builds the site and serves it on 127.0.0.1 (the README's start command)."""
import functools
import http.server
import mimetypes
import sys

MIME_TYPES = {".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript",
              ".json": "application/json", ".whl": "application/zip", ".zip": "application/zip",
              ".svg": "image/svg+xml", ".woff2": "font/woff2"}


class StaticHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**mimetypes.types_map, **MIME_TYPES}

    def log_message(self, format, *args):
        pass


def make_server(directory, host="127.0.0.1", port=8000):
    handler = functools.partial(StaticHandler, directory=str(directory))
    return http.server.ThreadingHTTPServer((host, port), handler)


def serve(directory, host, port):
    server = make_server(directory, host, port)
    print(f"Serving {directory} at http://{host}:{server.server_address[1]}/  (Ctrl+C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
