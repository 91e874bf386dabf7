// The code editor: CodeMirror 6 with Python, line numbers, auto-indent, bracket matching and undo history.
// Tab indents; Escape then Tab leaves the editor (CodeMirror's tab-focus mode), so keyboard users are never
// trapped. Bundled by esbuild into editor.bundle.js (CodeMirror ships bare module specifiers).
import { EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection,
  highlightSpecialChars, dropCursor } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab, undo } from "@codemirror/commands";
import { EditorState, Compartment } from "@codemirror/state";
import { bracketMatching, indentOnInput, syntaxHighlighting, HighlightStyle, indentUnit } from "@codemirror/language";
import { tags } from "@lezer/highlight";

// Colours come from CSS variables (styles.css), so they meet contrast in both light and dark schemes.
const highlightStyle = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.definitionKeyword, tags.moduleKeyword, tags.operatorKeyword], color: "var(--syn-keyword)" },
  { tag: [tags.string, tags.docString, tags.special(tags.string)], color: "var(--syn-string)" },
  { tag: [tags.comment, tags.lineComment], color: "var(--syn-comment)", fontStyle: "italic" },
  { tag: [tags.number, tags.bool, tags.null], color: "var(--syn-number)" },
  { tag: [tags.function(tags.definition(tags.variableName)), tags.definition(tags.className)], color: "var(--syn-definition)" },
  { tag: [tags.standard(tags.variableName), tags.self, tags.className], color: "var(--syn-builtin)" },
]);

/**
 * @param {{parent: HTMLElement, doc: string, label: string, onChange: (text: string) => void,
 *          onRun: () => void}} options
 */
export function createEditor({ parent, doc, label, onChange, onRun }) {
  // Python support (parser, highlighting, indentation rules) is a separate chunk, loaded once the editor is
  // up: it was a third of the editor's start-up (issue 6). Until then the editor is plain text.
  const language = new Compartment();
  import("@codemirror/lang-python").then(({ python }) => {
    view.dispatch({ effects: language.reconfigure(python()) });
    parent.dataset.language = "python";
  });
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(), highlightActiveLineGutter(), highlightSpecialChars(), history(), drawSelection(),
        dropCursor(), indentOnInput(), bracketMatching(), highlightActiveLine(),
        syntaxHighlighting(highlightStyle),
        language.of([]), indentUnit.of("    "), EditorState.tabSize.of(4),
        keymap.of([{ key: "Mod-Enter", run: () => { onRun(); return true; } },
          ...defaultKeymap, ...historyKeymap, indentWithTab]),
        // tabindex: the content is focusable anyway (contenteditable); saying so lets axe see that the
        // scrolling editor can be reached by keyboard (scrollable-region-focusable, on a phone)
        EditorView.contentAttributes.of({ "aria-label": label, tabindex: "0" }),
        EditorView.updateListener.of((update) => { if (update.docChanged) onChange(update.state.doc.toString()); }),
      ],
    }),
  });
  return {
    view,
    getText: () => view.state.doc.toString(),
    /** Replace the whole text as one undoable change. */
    setText(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, userEvent: "input.replace" });
    },
    undo: () => undo(view),
    goToLine(line) {
      const target = view.state.doc.line(Math.max(1, Math.min(line, view.state.doc.lines)));
      view.dispatch({ selection: { anchor: target.from }, scrollIntoView: true });
      view.focus();
    },
    focus: () => view.focus(),
  };
}
