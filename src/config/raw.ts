// Careful reading of parsed YAML data whose shape is not yet known to be right, so checks
// across fields can run (and report) even when the schema found other mistakes.

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The entries of a list, or none when it is not a list. */
export function listAt(record: unknown, key: string): unknown[] {
  const value = isRecord(record) ? record[key] : undefined;
  return Array.isArray(value) ? value : [];
}

export function textAt(record: unknown, key: string): string | undefined {
  const value = isRecord(record) ? record[key] : undefined;
  return typeof value === 'string' ? value : undefined;
}
