// Parsing YAML text into js-yaml's events, with syntax errors a person can act on.
//
// js-yaml stops at the first syntax error and names it the way a parser sees it: an
// unclosed quote shows up lines later as "deficient indentation". Here such an error is
// traced back to the quote or bracket left open, and the rest of the file (each top-level
// key on its own) is parsed again so one run reports every broken entry, not only the first.
import { COLLECTION_STYLE, EVENT_ID, parseEvents, YAMLException, type Event } from 'js-yaml';

/** Maps and lists inside each other (the whole file is one); the config and week files need three. */
export const MAX_DEPTH = 10;
// js-yaml counts the text or number inside the innermost list as a level too.
const PARSER_OPTIONS = { maxDepth: MAX_DEPTH + 1 };
/** Syntax errors reported per file: past a few, the rest are usually echoes of the first. */
const MAX_SYNTAX_ERRORS = 10;

export interface Position {
  line: number;
  col: number;
}

/** A problem at a zero-based offset into the text, before it is given a line and column. */
export interface YamlError {
  offset: number;
  message: string;
}

/** Offsets to 1-based line:col (line breaks are \n, \r\n or \r, as YAML counts them). */
export function lineIndex(text: string): (offset: number) => Position {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return (offset) => {
    const at = Math.max(0, Math.min(offset, text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: at - starts[lo]! + 1 };
  };
}

/** The text's events, or every syntax error found when it does not parse. */
export function parseYamlEvents(text: string): { events: Event[]; errors?: undefined } | { events?: undefined; errors: YamlError[] } {
  try {
    return { events: parseEvents(text, PARSER_OPTIONS) };
  } catch (error) {
    const first = explain(text, error);
    const errors = [first, ...laterErrors(text, first.offset)];
    const seen = new Set<string>();
    return {
      errors: errors
        .filter((e) => {
          const key = `${e.offset}\0${e.message}`;
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        })
        .slice(0, MAX_SYNTAX_ERRORS),
    };
  }
}

/** The first error of `text`, if any (no recovery). */
function firstError(text: string): YamlError | undefined {
  try {
    parseEvents(text, PARSER_OPTIONS);
    return undefined;
  } catch (error) {
    return explain(text, error);
  }
}

function reasonOf(error: unknown): { reason: string; offset: number } {
  if (error instanceof YAMLException) return { reason: error.reason, offset: error.mark?.position ?? 0 };
  return { reason: error instanceof Error ? error.message : String(error), offset: 0 };
}

/** A js-yaml exception as a message at the place to fix. */
function explain(text: string, error: unknown): YamlError {
  const { reason, offset } = reasonOf(error);
  if (/exceeded maxDepth/.test(reason)) {
    return { offset, message: `maps and lists are nested more than ${MAX_DEPTH} levels deep: write them flatter` };
  }
  // Ran into the end of the file inside a quote or a bracket.
  const open = openedAtEnd(text, reason);
  if (open) return open;
  // Ran on past the end of a line inside a quote or a bracket, and tripped over the next line.
  // (Only when the error is at the start of its line: past that, the line itself is wrong.)
  const lineStart = startOfLine(text, offset);
  const atLineStart = /^[ \t]*$/.test(text.slice(lineStart, offset));
  if (/indentation|document separator is expected|can not read a block mapping entry/.test(reason)) {
    if (lineStart > 0 && atLineStart) {
      const beforeBreak = text.charCodeAt(lineStart - 2) === 13 && text.charCodeAt(lineStart - 1) === 10 ? lineStart - 2 : lineStart - 1;
      const prefix = text.slice(0, beforeBreak);
      try {
        parseEvents(prefix, PARSER_OPTIONS);
      } catch (prefixError) {
        const traced = openedAtEnd(prefix, reasonOf(prefixError).reason);
        if (traced) return traced;
      }
    }
    const misread = misreadValue(text, lineStart, offset, reason);
    if (misread) return misread;
  }
  if (/unknown escape sequence/.test(reason) && text[offset - 1] === '\\') {
    const sequence = text.slice(offset - 1, offset + 1);
    return { offset: offset - 1, message: `YAML syntax: unknown escape sequence ${sequence} in double quotes (write \\\\ for a backslash)` };
  }
  if (/tab characters must not be used in indentation/.test(reason)) {
    return { offset, message: 'YAML syntax: a tab in the indentation: indent with spaces only' };
  }
  return { offset, message: `YAML syntax: ${reason}` };
}

/** What js-yaml calls "bad indentation" when the line's value is the real problem. */
function misreadValue(text: string, lineStart: number, offset: number, reason: string): YamlError | undefined {
  if (!/bad indentation of a mapping entry/.test(reason)) return undefined;
  const before = text.slice(lineStart, offset);
  if (/["'][ \t]+$/.test(before)) {
    return { offset, message: 'YAML syntax: text after the closing quote: put all of the value inside the quotes' };
  }
  const reserved = text[offset];
  if ((reserved === '@' || reserved === '`') && /:[ \t]+$|^[ \t]*-[ \t]+$/.test(before)) {
    return { offset, message: `YAML syntax: a value cannot start with ${reserved}: put it in quotes` };
  }
  // `key: some: text`: the second ": " would start a map inside the value.
  const keyAndValue = /^([ \t]*(?:-[ \t]+)*(?:"[^"]*"|'[^']*'|[^\s#"'][^:#]*?)[ \t]*:[ \t]+)[^\s#]/.exec(before);
  if (keyAndValue && text[offset] === ':') {
    return { offset: lineStart + keyAndValue[1]!.length, message: 'YAML syntax: ": " inside a value: put the value in quotes' };
  }
  return undefined;
}

/** When `reason` says the text ended inside a quote or a bracket: where that was opened. */
function openedAtEnd(text: string, reason: string): YamlError | undefined {
  const quote = /end of the (?:stream|document) within a (double|single) quoted scalar/.exec(reason)?.[1];
  if (quote === 'double') {
    const at = lastUnescapedDoubleQuote(text);
    if (at !== undefined) return { offset: at, message: 'YAML syntax: Missing closing "quote' };
  } else if (quote === 'single') {
    const at = openingSingleQuote(text);
    if (at !== undefined) return { offset: at, message: "YAML syntax: Missing closing 'quote" };
  } else if (/end of the stream within a flow collection/.test(reason)) {
    const at = innermostOpenBracket(text);
    if (at !== undefined) {
      const [open, close] = text[at] === '[' ? ['[', ']'] : ['{', '}'];
      return { offset: at, message: `YAML syntax: this ${open} has no closing ${close}` };
    }
  }
  return undefined;
}

function startOfLine(text: string, offset: number): number {
  const n = text.lastIndexOf('\n', offset - 1);
  const r = text.lastIndexOf('\r', offset - 1);
  return Math.max(n, r) + 1;
}

/** Inside an open double-quoted scalar every `"` is escaped, so the opening one is the last bare one. */
function lastUnescapedDoubleQuote(text: string): number | undefined {
  for (let i = text.lastIndexOf('"'); i >= 0; i = text.lastIndexOf('"', i - 1)) {
    let slashes = 0;
    while (text[i - 1 - slashes] === '\\') slashes++;
    if (slashes % 2 === 0) return i;
    if (i === 0) break;
  }
  return undefined;
}

/** Inside an open single-quoted scalar quotes come doubled (`''`): the opening one is the last odd run's first. */
function openingSingleQuote(text: string): number | undefined {
  let i = text.lastIndexOf("'");
  while (i >= 0) {
    let start = i;
    while (text[start - 1] === "'") start--;
    if ((i - start + 1) % 2 === 1) return start;
    if (start === 0) break;
    i = text.lastIndexOf("'", start - 1);
  }
  return undefined;
}

/**
 * The innermost `[` or `{` still open at the end of `text`: the brackets that, added at the
 * end, let the text parse say which collections were open, innermost first.
 */
function innermostOpenBracket(text: string): number | undefined {
  for (const closers of [']', '}', '}]', ']}', ']]', '}}']) {
    let events: Event[];
    try {
      events = parseEvents(text + closers, PARSER_OPTIONS);
    } catch {
      continue; // Not these brackets.
    }
    // The last flow collections to close are the ones the added brackets closed.
    const stack: Array<number | undefined> = [];
    const closed: number[] = [];
    for (const event of events) {
      if (event.type === EVENT_ID.SEQUENCE || event.type === EVENT_ID.MAPPING) {
        stack.push(event.style === COLLECTION_STYLE.FLOW ? event.start : undefined);
      } else if (event.type === EVENT_ID.POP) {
        const start = stack.pop();
        if (start !== undefined) closed.push(start);
      }
    }
    return closed[closed.length - closers.length];
  }
  return undefined;
}

/**
 * Errors after the first one: each later top-level entry of a block-map file, parsed on its
 * own. Only when the file is a map of keys at column 0, as the config and week files are.
 */
function laterErrors(text: string, firstOffset: number): YamlError[] {
  const lines = linesOf(text);
  const firstContent = lines.find((l) => /^[^\s#]/.test(l.text));
  if (!firstContent || /^(?:-[ \t]|-$|\[|\{|---|%)/.test(firstContent.text)) return [];
  const starts: number[] = [];
  let stop = text.length;
  for (const line of lines) {
    if (/^(?:---|\.\.\.)(?:[ \t]|$)/.test(line.text) && line.start > firstOffset) {
      stop = line.start;
      break;
    }
    if (/^[^\s#\-:%]/.test(line.text)) starts.push(line.start);
  }
  const firstLineStart = startOfLine(text, firstOffset);
  const errors: YamlError[] = [];
  const later = starts.filter((s) => s > firstLineStart);
  for (const [i, start] of later.entries()) {
    if (errors.length >= MAX_SYNTAX_ERRORS) break;
    const end = later[i + 1] ?? stop;
    const error = firstError(text.slice(start, end));
    if (error) errors.push({ offset: start + error.offset, message: error.message });
  }
  return errors;
}

function linesOf(text: string): Array<{ start: number; text: string }> {
  const lines: Array<{ start: number; text: string }> = [];
  const breaks = /\r\n|\r|\n/g;
  let start = 0;
  for (const m of text.matchAll(breaks)) {
    lines.push({ start, text: text.slice(start, m.index) });
    start = m.index + m[0].length;
  }
  lines.push({ start, text: text.slice(start) });
  return lines;
}
