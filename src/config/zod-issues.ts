// Turns zod's issues into messages a person editing YAML understands, each at a path.
import * as z from 'zod';
import { didYouMean, oneOf } from './suggest.js';
import type { PathIssue, YamlPath } from './yaml-source.js';

type Schema = z.ZodType;

/** The schema that validates the value at `path` (through lists, optionals and defaults). */
export function schemaAt(root: Schema, path: YamlPath): Schema | undefined {
  let schema: Schema | undefined = unwrap(root);
  for (const segment of path) {
    if (!schema) return undefined;
    if (schema instanceof z.ZodObject && typeof segment === 'string') {
      schema = unwrap(schema.shape[segment] as Schema | undefined);
    } else if (schema instanceof z.ZodArray && typeof segment === 'number') {
      schema = unwrap(schema.element as Schema);
    } else {
      return undefined;
    }
  }
  return schema;
}

function unwrap(schema: Schema | undefined): Schema | undefined {
  let s = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodDefault || s instanceof z.ZodNullable) s = s.unwrap() as Schema;
  if (s instanceof z.ZodPipe) return unwrap(s.in as Schema);
  return s;
}

function fieldNames(schema: Schema | undefined): string[] {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function enumValues(schema: Schema | undefined): string[] | undefined {
  return schema instanceof z.ZodEnum ? (schema.options as Array<string | number>).map(String) : undefined;
}

function valueAt(data: unknown, path: YamlPath): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

/** The field a path names, for messages: `catch_up_hours`, or `skip` for an entry of `skip`. */
export function fieldName(path: YamlPath): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const segment = path[i];
    if (typeof segment === 'string') return segment;
  }
  return 'the file';
}

const KINDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a map',
};

/** How a YAML value reads in a message. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  return 'a map';
}

/** Fields whose values are ids: a number there is always a mistake (quote it). */
const ID_FIELDS = new Set(['id', 'slack_users', 'discord_roles', 'discord_viewer_roles']);

/**
 * Messages for zod's issues. `source(path)` gives a value's text exactly as written in the
 * file, for "quote it" hints (a long number has already lost digits in `data`).
 */
export function issuesFromZod(
  zodError: z.ZodError,
  root: Schema,
  data: unknown,
  sourceText: (path: YamlPath) => string | undefined,
): PathIssue[] {
  const out: PathIssue[] = [];
  for (const issue of zodError.issues) {
    const path = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
    const field = fieldName(path);
    const value = valueAt(data, path);
    const error = (message: string, at?: PathIssue['at'], where: YamlPath = path) =>
      out.push({ path: where, message, severity: 'error', ...(at ? { at } : {}) });
    // A missing field points at the map that lacks it; a form shows it beside the field.
    const missing = (message: string) => out.push({ path: path.slice(0, -1), field: path, message, severity: 'error' });

    switch (issue.code) {
      case 'unrecognized_keys': {
        const known = fieldNames(schemaAt(root, path));
        for (const key of issue.keys) {
          const hint = didYouMean(key, known);
          error(
            hint ? `unknown field "${key}"${hint}` : `unknown field "${key}"; expected ${oneOf(known.map((k) => `"${k}"`))}`,
            'key',
            [...path, key],
          );
        }
        break;
      }
      case 'invalid_type': {
        const expected = KINDS[issue.expected] ?? issue.expected;
        const options = enumValues(schemaAt(root, path));
        const choices = options ? `: ${oneOf(options)}` : '';
        if (value === undefined) {
          // Missing: point at the map that should hold it.
          missing(`missing "${field}"${choices}`);
        } else if (value === null) {
          error(`"${field}" is empty; expected ${options ? oneOf(options) : expected}`);
        } else if (issue.expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
          const written = sourceText(path) ?? String(value);
          const inList = typeof path[path.length - 1] === 'number';
          const quoted = inList ? `"${written}"` : `${field}: "${written}"`;
          if (ID_FIELDS.has(field) && typeof value === 'number') {
            error(`an id written as a number loses digits (this one reads as ${value}); quote it: ${quoted}`);
          } else {
            error(`"${field}" must be text, not a ${typeof value}; quote it: ${quoted}`);
          }
        } else if (issue.expected === 'int' && typeof value === 'number') {
          error(`"${field}" must be a whole number, not ${value}`);
        } else {
          error(`"${field}" must be ${options ? oneOf(options) : expected}, not ${describe(value)}`);
        }
        break;
      }
      case 'invalid_value': {
        const options = issue.values.map(String);
        if (value === undefined) {
          missing(`missing "${field}": ${oneOf(options)}`);
          break;
        }
        const hint = typeof value === 'string' ? didYouMean(value, options) : '';
        error(`"${field}" must be ${oneOf(options)}, not ${describe(value)}${hint}`);
        break;
      }
      case 'too_small':
      case 'too_big': {
        const small = issue.code === 'too_small';
        const bound = small ? issue.minimum : issue.maximum;
        if (issue.origin === 'array') {
          error(small ? `"${field}" needs at least ${bound} ${Number(bound) === 1 ? 'entry' : 'entries'}` : `"${field}" has more than ${bound} entries`);
        } else if (issue.origin === 'string') {
          error(small ? `"${field}" is empty` : `"${field}" is longer than ${bound} characters`);
        } else {
          error(`"${field}" must be ${small ? 'at least' : 'at most'} ${bound}, not ${describe(value)}`);
        }
        break;
      }
      default:
        error(issue.message.replaceAll('{field}', field));
    }
  }
  return out;
}
