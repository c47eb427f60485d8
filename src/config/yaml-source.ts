// Safe YAML reading that keeps where every value came from.
//
// The `yaml` package's Document API with the YAML 1.2 core schema: maps, lists, text,
// numbers, true/false and null only. Any other tag (`!!binary`, `!!set`, `!foo`, …) is an
// error, the file size and alias expansion are bounded, duplicate keys are errors, and every
// node keeps its range so a problem found later (by a schema or by the planner) can be
// reported as `file:line:col`.
import { readFile, stat } from 'node:fs/promises';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import type { Document } from 'yaml';
import type { Problem } from '../core/types.js';

/** Larger files are refused before parsing. */
export const MAX_FILE_BYTES = 1024 * 1024;
/** Alias expansions allowed per file (the `yaml` package's own guard against "billion laughs"). */
export const MAX_ALIAS_COUNT = 100;

/** A path into a YAML document: map keys and list indexes, as in `['requests', 2, 'date']`. */
export type YamlPath = ReadonlyArray<string | number>;

/**
 * Which part of the node at a path a problem points at: the value (default), the key
 * (unknown fields), or the map that holds the key (missing fields: `path` names the map).
 */
export type Anchor = 'value' | 'key';

export interface Position {
  line: number;
  col: number;
}

/** A problem found at a path, before it is given a line and column. */
export interface PathIssue {
  path: YamlPath;
  message: string;
  severity: 'error' | 'warning';
  at?: Anchor;
}

/** A parsed, safe YAML file: its plain data and a way back from a path to line:col. */
export interface YamlSource {
  file: string;
  data: unknown;
  locate(path: YamlPath, at?: Anchor): Position;
  /** A scalar's text exactly as written (`112233445566778899`, before it lost digits). */
  sourceText(path: YamlPath): string | undefined;
}

export function problemAt(source: YamlSource, issue: PathIssue): Problem {
  const { line, col } = source.locate(issue.path, issue.at);
  return { file: source.file, line, col, severity: issue.severity, message: issue.message };
}

/** A problem with the file as a whole (missing, too large): reported at 1:1. */
export function fileProblem(file: string, message: string, severity: Problem['severity'] = 'error'): Problem {
  return { file, line: 1, col: 1, severity, message };
}

const ALLOWED_TAGS = new Set(
  ['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`),
);

function showTag(tag: string): string {
  return tag.replace(/^tag:yaml\.org,2002:/, '!!');
}

function errnoCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/**
 * Reads and parses `file`. `source` is present when the file is readable, syntactically
 * valid and safe; every problem found on the way is in `problems`.
 * `missingHint` is added to the "file not found" message (e.g. how to name another file).
 */
export async function readYamlFile(file: string, missingHint = ''): Promise<{ source?: YamlSource; problems: Problem[] }> {
  let size: number;
  try {
    const info = await stat(file);
    if (info.isDirectory()) return { problems: [fileProblem(file, 'is a folder, not a YAML file')] };
    size = info.size;
  } catch (error) {
    const code = errnoCode(error);
    const message = code === 'ENOENT' ? `file not found${missingHint}` : `cannot read the file (${code ?? String(error)})`;
    return { problems: [fileProblem(file, message)] };
  }
  if (size > MAX_FILE_BYTES) {
    return { problems: [fileProblem(file, `file is ${size.toLocaleString('en-US')} bytes; the limit is 1 MiB (${MAX_FILE_BYTES.toLocaleString('en-US')} bytes)`)] };
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { problems: [fileProblem(file, `cannot read the file (${errnoCode(error) ?? String(error)})`)] };
  }
  return parseYamlText(file, text);
}

/** Parses YAML text already in memory (same rules as `readYamlFile`, the size limit included). */
export function parseYamlText(file: string, text: string): { source?: YamlSource; problems: Problem[] } {
  if (Buffer.byteLength(text, 'utf8') > MAX_FILE_BYTES) {
    return { problems: [fileProblem(file, 'text is larger than 1 MiB')] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    schema: 'core',
    customTags: [],
    merge: false,
    uniqueKeys: true,
    strict: true,
    prettyErrors: false,
    keepSourceTokens: false,
    lineCounter,
  });
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };
  const problems: Problem[] = [];
  const push = (offset: number, message: string, severity: Problem['severity'] = 'error') =>
    problems.push({ file, ...at(offset), severity, message });

  for (const error of doc.errors) {
    if (error.code === 'DUPLICATE_KEY') {
      const key = /^\s*("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^:\n]*?)\s*:/.exec(text.slice(error.pos[0]))?.[1] ?? '';
      push(error.pos[0], key ? `duplicate key "${key}": each key may appear once in a map` : 'duplicate key: each key may appear once in a map');
    } else {
      push(error.pos[0], `YAML syntax: ${error.message}`);
    }
  }
  for (const warning of doc.warnings) {
    // Unknown tags are reported below, once, with the rest of the tag rules.
    if (warning.code !== 'TAG_RESOLVE_FAILED') push(warning.pos[0], `YAML: ${warning.message}`, 'warning');
  }

  let firstAlias: number | undefined;
  visit(doc, {
    Node(_key, node) {
      const start = node.range?.[0] ?? 0;
      if (isAlias(node)) {
        firstAlias ??= start;
        return;
      }
      if (node.tag !== undefined && !ALLOWED_TAGS.has(node.tag)) {
        // The range starts at the value; point at the tag written before it when it is near.
        const shown = showTag(node.tag);
        const written = text.lastIndexOf(shown, start);
        const at = written >= 0 && start - written <= shown.length + 80 ? written : start;
        push(at, `tag ${shown} is not allowed: only plain YAML (maps, lists, text, numbers, true/false)`);
      }
    },
    Pair(_key, pair) {
      if (pair.key !== null && !isScalar(pair.key) && !isAlias(pair.key)) {
        push(startOf(pair.key) ?? 0, 'a key must be plain text, not a list or a map');
      }
    },
  });

  if (problems.some((p) => p.severity === 'error')) return { problems };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const tooMany = /alias count/i.test(message);
    push(
      firstAlias ?? 0,
      tooMany ? `aliases expand too much (more than ${MAX_ALIAS_COUNT} expansions): write the values out` : `YAML: ${message}`,
    );
    return { problems };
  }

  const locate = (path: YamlPath, anchor: Anchor = 'value'): Position => at(findNode(doc, path, anchor).offset);
  const sourceText = (path: YamlPath): string | undefined => {
    const found = findNode(doc, path, 'value');
    return found.complete && isScalar(found.node) && typeof found.node.source === 'string' ? found.node.source : undefined;
  };
  return { source: { file, data, locate, sourceText }, problems };
}

interface Found {
  /** The node the path leads to (or the deepest one it reaches). */
  node: unknown;
  /** Where a problem about it points. */
  offset: number;
  /** True when the whole path was found. */
  complete: boolean;
}

/**
 * Follows `path` as far as the document goes (through aliases too) and falls back to the
 * deepest node found, so a position is always given. An empty value (`text:` with nothing
 * after it) points at its key.
 */
function findNode(doc: Document.Parsed, path: YamlPath, anchor: Anchor): Found {
  let node: unknown = doc.contents;
  let offset = startOf(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    const last = i === path.length - 1;
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) return { node, offset, complete: false };
      const keyStart = startOf(pair.key) ?? offset;
      if (last && anchor === 'key') return { node: pair.key, offset: keyStart, complete: true };
      const value = pair.value;
      const valueStart = startOf(value);
      const empty = value === null || (isScalar(value) && value.value === null && value.range?.[0] === value.range?.[1]);
      if (empty || valueStart === undefined) return { node: value, offset: keyStart, complete: last };
      node = value;
      offset = valueStart;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      const start = startOf(item);
      if (start === undefined) return { node, offset, complete: false };
      node = item;
      offset = start;
    } else {
      return { node, offset, complete: false };
    }
  }
  return { node, offset, complete: true };
}

function startOf(node: unknown): number | undefined {
  if (node && typeof node === 'object' && 'range' in node) {
    const range = (node as { range?: [number, number, number] | null }).range;
    return range?.[0] ?? undefined;
  }
  return undefined;
}
