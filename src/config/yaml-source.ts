// Safe YAML reading that keeps where every value came from.
//
// js-yaml with the YAML 1.2 core schema: maps, lists, text, numbers, true/false and null
// only. Any other tag (`!!binary`, `!!js/function`, `!foo`, …) is an error; the file size,
// the nesting depth and alias expansion are bounded; duplicate keys are errors. One parse
// gives the events that both build the data and say where each node starts, so a problem
// found later (by a schema or by the planner) is reported as `file:line:col`.
import { readFile, stat } from 'node:fs/promises';
import { CORE_SCHEMA, constructFromEvents, YAMLException, type Event } from 'js-yaml';
import type { Problem } from '../core/types.js';
import { buildTree, findNode, MAX_ALIASES, type Anchor } from './yaml-tree.js';
import { lineIndex, parseYamlEvents, type Position, type YamlError } from './yaml-syntax.js';

export type { Anchor } from './yaml-tree.js';
export type { Position } from './yaml-syntax.js';

/** Larger files are refused before parsing. */
export const MAX_FILE_BYTES = 1024 * 1024;

/** A path into a YAML document: map keys and list indexes, as in `['requests', 2, 'date']`. */
export type YamlPath = ReadonlyArray<string | number>;

/** A problem found at a path, before it is given a line and column. */
export interface PathIssue {
  /** Where it points: the value (or with `at: 'key'`, the key) at this path. */
  path: YamlPath;
  /** The field it is about, when not `path` (a missing field points at the map that lacks it). */
  field?: YamlPath;
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
  const path = fieldPath(issue.field ?? issue.path);
  return { file: source.file, line, col, severity: issue.severity, message: issue.message, ...(path ? { path } : {}) };
}

/** `['requests', 2, 'date']` → `requests[2].date`; undefined for the whole file. */
export function fieldPath(path: YamlPath): string | undefined {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out === '' ? undefined : out;
}

/** A problem with the file as a whole (missing, too large): reported at 1:1. */
export function fileProblem(file: string, message: string, severity: Problem['severity'] = 'error'): Problem {
  return { file, line: 1, col: 1, severity, message };
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
  const at = lineIndex(text);
  const toProblems = (errors: YamlError[]): Problem[] =>
    errors.map((e) => ({ file, ...at(e.offset), severity: 'error' as const, message: e.message }));

  const parsed = parseYamlEvents(text);
  if (!parsed.events) return { problems: toProblems(parsed.errors) };
  const tree = buildTree(text, parsed.events);
  if (tree.errors.length > 0) return { problems: toProblems(tree.errors) };
  const data = construct(text, parsed.events);
  if ('error' in data) return { problems: toProblems([data.error]) };

  const root = tree.root;
  const locate = (path: YamlPath, anchor: Anchor = 'value'): Position => at(findNode(root, path, anchor).offset);
  const sourceText = (path: YamlPath): string | undefined => {
    const found = findNode(root, path, 'value');
    return found.complete && found.node?.kind === 'scalar' ? found.node.written : undefined;
  };
  return { source: { file, data: data.value, locate, sourceText }, problems: [] };
}

/**
 * The data, from the events already checked. js-yaml's own limits stay on as a second line
 * of defence; anything it still refuses is reported where it says.
 */
function construct(text: string, events: Event[]): { value: unknown } | { error: YamlError } {
  try {
    const [value] = constructFromEvents(events, { source: text, schema: CORE_SCHEMA, maxAliases: MAX_ALIASES });
    return { value: value ?? null };
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    const offset = error.mark?.position ?? 0;
    if (/duplicated mapping key/.test(error.reason)) {
      return { error: { offset, message: 'duplicate key: each key may appear once in a map (written another way above)' } };
    }
    // `!<tag:yaml.org,2002:int>` as written: `!!int`.
    return { error: { offset, message: `YAML: ${error.reason.replace(/!<tag:yaml\.org,2002:([^>]*)>/g, '!!$1')}` } };
  }
}
