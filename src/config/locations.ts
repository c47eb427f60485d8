// Where each loaded Config and WeekPlan came from, so a problem found later (by the planner)
// can be reported as file:line:col. Kept here, off the domain types.
import type { YamlSource } from './yaml-source.js';

const sources = new WeakMap<object, YamlSource>();

export function rememberSource(value: object, source: YamlSource): void {
  sources.set(value, source);
}

/** The parsed file a loaded Config or WeekPlan was built from (undefined for hand-made ones). */
export function sourceOf(value: object): YamlSource | undefined {
  return sources.get(value);
}
