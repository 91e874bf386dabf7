"""`python -m runner build --track TRACK.json`: every step's page, each in a folder named by its slug, and an index
that lists the steps in order (issue 36). Each step's page is the site `build` writes for one exercise; one
site a student moves through without reloading Python is issue 37's."""
import html
from pathlib import Path

from runner.site.build import build

INDEX = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
  body {{ font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; background: #fff; }}
  a {{ color: #0b57d0; }}
  li {{ margin: 0.5rem 0; }}
  .builds-on {{ color: #4a4a4a; font-size: 0.9rem; }}
  @media (prefers-color-scheme: dark) {{
    body {{ color: #e8e8e8; background: #15171a; }}
    a {{ color: #8ab4f8; }}
    .builds-on {{ color: #b8b8b8; }}
  }}
</style>
</head>
<body>
<main>
<h1>{title}</h1>
<p>The steps of this track, in order. Each step's page grades your code in your browser.</p>
<ol>
{steps}
</ol>
</main>
</body>
</html>
"""


def build_track(track, out, pyodide_cdn=False):
    """Write each step's site to out/<slug>/ and the track's index to out/index.html; returns `out`."""
    out = Path(out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    titles = {step.slug: step.exercise.data["title"] for step in track.steps}
    items = []
    for step in track.steps:
        build(step.exercise, out / step.slug, pyodide_cdn=pyodide_cdn)
        after = ", ".join(html.escape(titles[name]) for name in step.builds_on)
        note = f' <span class="builds-on">(builds on {after})</span>' if after else ""
        items.append(f'<li><a href="{html.escape(step.slug)}/">{html.escape(titles[step.slug])}</a>{note}</li>')
    (out / "index.html").write_text(INDEX.format(title=html.escape(track.title), steps="\n".join(items)),
                                    encoding="utf-8")
    return out
