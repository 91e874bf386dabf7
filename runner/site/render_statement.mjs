// Build step: renders the exercise statement (Markdown with $inline$ and $$display$$ TeX) to HTML with
// marked and KaTeX, so the page ships neither. The maths is MathML, which browsers lay out themselves: no
// KaTeX stylesheet or fonts to download, and a first layout several times cheaper than KaTeX's HTML
// (issue 6: that layout held up the editor). Usage: node render_statement.mjs statement.md ASSET_PREFIX
import { readFileSync } from "node:fs";
import { Marked } from "marked";
import katex from "katex";

const [file, assetPrefix = ""] = process.argv.slice(2);
const tex = (text, displayMode) => katex.renderToString(text, { displayMode, throwOnError: true, output: "mathml" });

const marked = new Marked({
  extensions: [
    {
      name: "displayMath", level: "block",
      start: (src) => src.indexOf("$$"),
      tokenizer(src) {
        const match = /^\$\$\s*([\s\S]+?)\s*\$\$(?:\n|$)/.exec(src);
        if (match) return { type: "displayMath", raw: match[0], text: match[1] };
      },
      // focusable: a wide formula scrolls sideways on a phone, and keyboard users must be able to scroll it
      renderer: (token) => `<div class="math-display" tabindex="0">${tex(token.text, true)}</div>\n`,
    },
    {
      name: "inlineMath", level: "inline",
      start: (src) => src.indexOf("$"),
      tokenizer(src) {
        const match = /^\$(?!\s)([^$\n]+?)\$/.exec(src);
        if (match) return { type: "inlineMath", raw: match[0], text: match[1] };
      },
      renderer: (token) => tex(token.text, false),
    },
  ],
  renderer: {
    image({ href, title, text }) {
      const src = /^[a-z]+:|^\//i.test(href) ? href : assetPrefix + href;
      const escape = (value) => String(value).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
      // The caption repeats the alt text for sighted readers; screen readers get the alt text once.
      return `<img src="${escape(src)}" alt="${escape(text)}"${title ? ` title="${escape(title)}"` : ""}>` +
        `<span class="caption" aria-hidden="true">${escape(text)}</span>`;
    },
  },
});

// The page's header already shows the title: drop the statement's own leading "# Title" line.
const markdown = readFileSync(file, "utf8").replace(/^\s*# [^\n]*\n/, "");
// Code blocks scroll sideways on a phone: focusable, so that a keyboard can scroll them too (axe:
// scrollable-region-focusable).
process.stdout.write(marked.parse(markdown).replaceAll("<pre>", '<pre tabindex="0">'));
