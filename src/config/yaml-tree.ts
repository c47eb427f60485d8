// One walk over js-yaml's events that enforces the rules for hand-edited files and keeps
// where every node starts, so a path (`['requests', 2, 'date']`) leads back to line:col.
//
// Rules: plain YAML only (maps, lists, text, numbers, true/false, null: no other tag), one
// document, keys that are text, each key once per map, and aliases bounded both in number
// and in how much they expand (a few aliases of aliases are a "billion laughs").
import { EVENT_ID, SCALAR_STYLE, getScalarValue, type Event, type MappingEvent, type ScalarEvent, type SequenceEvent } from 'js-yaml';
import type { YamlError } from './yaml-syntax.js';

/** Aliases (`*name`) allowed per file. Hand-edited files need a few at most. */
export const MAX_ALIASES = 20;
/** Nodes that all the aliases of a file may expand to, together. */
export const MAX_ALIAS_EXPANSION = 100;

const ALLOWED_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));
const CORE_PREFIX = 'tag:yaml.org,2002:';

export interface ScalarNode {
  kind: 'scalar';
  /** Where a problem about it points: the value, its opening quote, or its `|`; -1 when empty. */
  start: number;
  /** The text exactly as written (for plain scalars), e.g. `112233445566778899`. */
  written: string;
  /** Absent for the stand-in of an alias that could not be followed. */
  event?: ScalarEvent;
  size: number;
}
export interface SeqNode {
  kind: 'seq';
  start: number;
  items: TreeNode[];
  /** Undefined while the list is still being read (an alias to it then would never end). */
  size?: number;
}
export interface MapEntry {
  key: string;
  keyStart: number;
  value: TreeNode;
}
export interface MapNode {
  kind: 'map';
  start: number;
  entries: MapEntry[];
  size?: number;
}
export interface AliasNode {
  kind: 'alias';
  /** The `*`. */
  start: number;
  target: TreeNode;
}
export type TreeNode = ScalarNode | SeqNode | MapNode | AliasNode;

interface SeqFrame {
  kind: 'seq';
  node: SeqNode;
}
interface MapFrame {
  kind: 'map';
  node: MapNode;
  /** The key read, waiting for its value; null when the key was refused. */
  key?: { text: string; start: number } | null;
  seen: Set<string>;
}
type Frame = SeqFrame | MapFrame;
type NodeEvent = ScalarEvent | SequenceEvent | MappingEvent;

/** The document's tree, or the rule violations found (every one, not only the first). */
export function buildTree(text: string, events: Event[]): { root?: TreeNode; errors: YamlError[] } {
  const errors: YamlError[] = [];
  const error = (offset: number, message: string) => errors.push({ offset, message });
  const anchors = new Map<string, TreeNode>();
  const stack: Frame[] = [];
  let root: TreeNode | undefined;
  let handles: Record<string, string> = {};
  let documents = 0;
  let lastEnd = 0;
  let aliases = 0;
  let expansion = 0;
  let firstAlias: number | undefined;
  let aliasLimitHit = false;

  const attach = (node: TreeNode) => {
    const frame = stack[stack.length - 1];
    if (!frame) {
      root = node;
    } else if (frame.kind === 'seq') {
      frame.node.items.push(node);
    } else {
      const map = frame;
      if (map.key === undefined) {
        map.key = keyOf(node);
        if (map.key === null) {
          error(node.start, 'a key must be plain text, not a list or a map');
        } else if (map.seen.has(map.key.text)) {
          error(map.key.start, `duplicate key "${map.key.text}": each key may appear once in a map`);
        } else {
          map.seen.add(map.key.text);
        }
      } else {
        if (map.key !== null) map.node.entries.push({ key: map.key.text, keyStart: map.key.start, value: node });
        map.key = undefined;
      }
    }
  };

  // A key as the data has it: quotes and escapes decoded.
  const keyOf = (node: TreeNode): { text: string; start: number } | null => {
    const target = node.kind === 'alias' ? node.target : node;
    if (target.kind !== 'scalar') return null;
    return { text: target.start < 0 || !target.event ? target.written : getScalarValue(text, target.event), start: node.start };
  };

  const checkTag = (event: NodeEvent) => {
    if (event.tagStart < 0) return;
    const written = text.slice(event.tagStart, event.tagEnd);
    if (written === '!') return;
    const tag = resolveTag(written, handles);
    if (!ALLOWED_TAGS.has(tag)) {
      error(event.tagStart, `tag ${showTag(tag)} is not allowed: only plain YAML (maps, lists, text, numbers, true/false)`);
    }
  };

  const anchor = (event: NodeEvent, node: TreeNode) => {
    if (event.anchorStart >= 0) anchors.set(text.slice(event.anchorStart, event.anchorEnd), node);
  };

  for (const [index, event] of events.entries()) {
    switch (event.type) {
      case EVENT_ID.DOCUMENT: {
        documents++;
        if (documents > 1) {
          error(secondDocument(text, lastEnd, events[index + 1]), 'YAML syntax: Source contains multiple documents; a file holds one ("---" starts another)');
          return { errors };
        }
        handles = {};
        for (const d of event.directives) if (d.kind === 'tag') handles[d.handle] = d.prefix;
        break;
      }
      case EVENT_ID.SCALAR: {
        checkTag(event);
        const node = scalarNode(text, event, lastEnd);
        if (event.valueEnd >= 0) lastEnd = Math.max(lastEnd, event.valueEnd + (isQuoted(event) ? 1 : 0));
        anchor(event, node);
        attach(node);
        break;
      }
      case EVENT_ID.SEQUENCE:
      case EVENT_ID.MAPPING: {
        checkTag(event);
        const node: SeqNode | MapNode =
          event.type === EVENT_ID.SEQUENCE ? { kind: 'seq', start: event.start, items: [] } : { kind: 'map', start: event.start, entries: [] };
        lastEnd = Math.max(lastEnd, event.start + 1);
        anchor(event, node);
        attach(node);
        stack.push(node.kind === 'seq' ? { kind: 'seq', node } : { kind: 'map', node, seen: new Set() });
        break;
      }
      case EVENT_ID.ALIAS: {
        const name = text.slice(event.anchorStart, event.anchorEnd);
        const start = event.anchorStart - 1;
        lastEnd = Math.max(lastEnd, event.anchorEnd);
        const target = anchors.get(name);
        const size = target && sizeOf(target);
        if (!target || size === undefined) {
          error(start, target ? `alias *${name} is inside its own anchor &${name}: it would never end` : `alias *${name} has no anchor &${name} before it`);
          // A stand-in, so the map it is in still pairs its keys and values.
          attach({ kind: 'scalar', start, written: `*${name}`, size: 1 });
          break;
        }
        firstAlias ??= start;
        aliases++;
        expansion += size;
        if (!aliasLimitHit && aliases > MAX_ALIASES) {
          aliasLimitHit = true;
          error(start, `more than ${MAX_ALIASES} aliases (*name) in one file: write the values out`);
        } else if (!aliasLimitHit && expansion > MAX_ALIAS_EXPANSION) {
          aliasLimitHit = true;
          error(firstAlias, `aliases expand too much (more than ${MAX_ALIAS_EXPANSION} expansions): write the values out`);
        }
        attach({ kind: 'alias', start, target });
        break;
      }
      case EVENT_ID.POP: {
        const frame = stack.pop();
        if (frame) frame.node.size = childrenSize(frame.node);
        break;
      }
    }
  }
  return root ? { root, errors } : { errors };
}

function sizeOf(node: TreeNode): number | undefined {
  return node.kind === 'alias' ? sizeOf(node.target) : node.size;
}

function childrenSize(node: SeqNode | MapNode): number {
  const children = node.kind === 'seq' ? node.items : node.entries.map((e) => e.value);
  // Each key counts as one node too.
  return children.reduce((sum, child) => sum + (sizeOf(child) ?? 0), 1 + (node.kind === 'map' ? node.entries.length : 0));
}

function isQuoted(event: ScalarEvent): boolean {
  return event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED;
}

function scalarNode(text: string, event: ScalarEvent, lastEnd: number): ScalarNode {
  const node = (start: number, written: string): ScalarNode => ({ kind: 'scalar', start, written, event, size: 1 });
  if (event.valueStart < 0) return node(-1, '');
  const written = text.slice(event.valueStart, event.valueEnd);
  if (isQuoted(event)) return node(event.valueStart - 1, written);
  if (event.style === SCALAR_STYLE.PLAIN) return node(event.valueStart, written);
  // A `|` or `>` block: its content starts on the line after the header; point at the `|`.
  const headerEnd = Math.max(text.lastIndexOf('\n', event.valueStart - 1), text.lastIndexOf('\r', event.valueStart - 1));
  const headerStart = Math.max(text.lastIndexOf('\n', headerEnd - 1), text.lastIndexOf('\r', headerEnd - 1)) + 1;
  const from = Math.max(headerStart, lastEnd, event.tagEnd, event.anchorEnd);
  const header = text.slice(from, headerEnd < 0 ? undefined : headerEnd).search(/[|>]/);
  return node(header < 0 ? event.valueStart : from + header, written);
}

/** Where the second document starts: its `---`, else its first node. */
function secondDocument(text: string, after: number, next: Event | undefined): number {
  const marker = /^---(?=[ \t\r\n]|$)/m.exec(text.slice(after));
  if (marker) return after + marker.index;
  if (next && 'start' in next) return next.start;
  if (next && 'valueStart' in next && next.valueStart >= 0) return next.valueStart;
  return after;
}

/** `!!str` → `tag:yaml.org,2002:str`, through the document's %TAG handles. */
function resolveTag(written: string, handles: Record<string, string>): string {
  if (written.startsWith('!<') && written.endsWith('>')) return written.slice(2, -1);
  const m = /^(![\w-]*!|!!|!)(.*)$/.exec(written);
  if (!m) return written;
  const handle = m[1]!;
  const suffix = m[2]!;
  const prefix = handles[handle] ?? (handle === '!!' ? CORE_PREFIX : handle === '!' ? '!' : undefined);
  return prefix === undefined ? written : prefix + suffix;
}

function showTag(tag: string): string {
  return tag.startsWith(CORE_PREFIX) ? `!!${tag.slice(CORE_PREFIX.length)}` : tag.startsWith('!') ? tag : `!<${tag}>`;
}

/** Which part of a node a problem points at: its value, or (for unknown fields) its key. */
export type Anchor = 'value' | 'key';

export interface Found {
  /** The node the path leads to (or the deepest one it reaches). */
  node?: TreeNode;
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
export function findNode(root: TreeNode | undefined, path: ReadonlyArray<string | number>, anchor: Anchor): Found {
  let node = root;
  let offset = root && root.start >= 0 ? root.start : 0;
  for (const [i, segment] of path.entries()) {
    const last = i === path.length - 1;
    while (node?.kind === 'alias') node = node.target;
    if (node?.kind === 'map') {
      const entry = node.entries.find((e) => e.key === String(segment));
      if (!entry) return { node, offset, complete: false };
      const keyStart = entry.keyStart >= 0 ? entry.keyStart : offset;
      if (last && anchor === 'key') return { node: entry.value, offset: keyStart, complete: true };
      if (entry.value.start < 0) return { node: entry.value, offset: keyStart, complete: last };
      node = entry.value;
      offset = node.start;
    } else if (node?.kind === 'seq' && typeof segment === 'number') {
      const item = node.items[segment];
      if (!item || item.start < 0) return { node, offset, complete: false };
      node = item;
      offset = item.start;
    } else {
      return { ...(node ? { node } : {}), offset, complete: false };
    }
  }
  return { ...(node ? { node } : {}), offset, complete: true };
}
