// Cedar syntax for CodeMirror: a small stream tokenizer (Cedar has no CodeMirror package).
import { StreamLanguage, type StreamParser } from "@codemirror/language";

const KEYWORDS = new Set(["permit", "forbid", "when", "unless", "in", "has", "like", "is", "if", "then", "else"]);
const VARIABLES = new Set(["principal", "action", "resource", "context"]);
const ATOMS = new Set(["true", "false"]);

const parser: StreamParser<Record<string, never>> = {
  name: "cedar",
  startState: () => ({}),
  token(stream) {
    if (stream.eatSpace()) return null;
    if (stream.match("//")) {
      stream.skipToEnd();
      return "comment";
    }
    if (stream.match(/^@[A-Za-z_][A-Za-z0-9_]*/)) return "meta";
    if (stream.peek() === '"') {
      stream.next();
      let escaped = false;
      for (let ch = stream.next(); ch !== undefined && ch !== null; ch = stream.next()) {
        if (ch === '"' && !escaped) break;
        escaped = !escaped && ch === "\\";
      }
      return "string";
    }
    if (stream.match(/^-?\d+(\.\d+)?/)) return "number";
    const word = stream.match(/^[A-Za-z_][A-Za-z0-9_]*/);
    if (word) {
      const text = (word as RegExpMatchArray)[0];
      if (stream.match(/^::/, false)) return "typeName";
      if (KEYWORDS.has(text)) return "keyword";
      if (VARIABLES.has(text)) return "variableName.special";
      if (ATOMS.has(text)) return "atom";
      return "propertyName";
    }
    if (stream.match("::")) return "punctuation";
    if (stream.match(/^(==|!=|<=|>=|&&|\|\||[<>!+\-*])/)) return "operator";
    stream.next();
    return "punctuation";
  },
  languageData: { commentTokens: { line: "//" } },
};

export const cedarLanguage = StreamLanguage.define(parser);
