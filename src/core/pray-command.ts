// Parsing what follows `/pray` and matching regions. Pure: no store, no platform.
import { normalizeName } from './names.js';
import type { Region } from './types.js';

export { normalizeName };

export type PrayIntent =
  | { kind: 'today' }
  | { kind: 'help' }
  | { kind: 'week' }
  | { kind: 'stats' }
  | { kind: 'coordinator' }
  | { kind: 'retract'; id: string }
  | { kind: 'retract-usage' }
  | { kind: 'region'; region: Region }
  | { kind: 'unknown'; typed: string; ambiguous: Region[] };

// Regions come from the config object, which hot reload replaces whole: normalised names are
// kept per region object, so /pray does not re-normalise every name on every request. A
// region's names in other languages (`regions[].names`) match too, in every channel.
const normalised = new WeakMap<Region, string[]>();

function namesOf(region: Region): string[] {
  let names = normalised.get(region);
  if (!names) {
    names = [region.id, region.name, ...region.aliases, ...Object.values(region.names ?? {})].map(normalizeName);
    normalised.set(region, names);
  }
  return names;
}

/**
 * A region by id, name, alias or translated name (exactly, case- and accent-insensitive), else by an
 * unambiguous prefix of any of those. `ambiguous` lists the candidates of a shared prefix.
 */
export function matchRegion(regions: Region[], typed: string): { region?: Region; ambiguous: Region[] } {
  const wanted = normalizeName(typed);
  if (!wanted) return { ambiguous: [] };
  const exact = regions.filter((r) => namesOf(r).includes(wanted));
  if (exact.length === 1) return { region: exact[0], ambiguous: [] };
  if (exact.length > 1) return { ambiguous: exact };
  const prefixed = regions.filter((r) => namesOf(r).some((n) => n.startsWith(wanted)));
  if (prefixed.length === 1) return { region: prefixed[0], ambiguous: [] };
  return { ambiguous: prefixed };
}

/** Keywords match exactly (one word, any case); anything else is read as a region. */
export function parsePray(text: string, regions: Region[]): PrayIntent {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  if (trimmed === '') return { kind: 'today' };
  const [first = '', ...rest] = trimmed.split(' ');
  const keyword = first.toLowerCase();
  if (rest.length === 0) {
    if (keyword === 'help') return { kind: 'help' };
    if (keyword === 'week') return { kind: 'week' };
    if (keyword === 'stats') return { kind: 'stats' };
    if (keyword === 'coordinator') return { kind: 'coordinator' };
    if (keyword === 'retract') return { kind: 'retract-usage' };
  } else if (keyword === 'retract' && rest.length === 1) {
    return { kind: 'retract', id: rest[0]! };
  }
  const { region, ambiguous } = matchRegion(regions, trimmed);
  if (region) return { kind: 'region', region };
  return { kind: 'unknown', typed: trimmed, ambiguous };
}

/** Autocomplete: regions whose id, name or alias starts with (or contains) what was typed. */
export function regionChoices(regions: Region[], typed: string): Array<{ name: string; value: string }> {
  const wanted = normalizeName(typed);
  const starts = regions.filter((r) => namesOf(r).some((n) => n.startsWith(wanted)));
  const contains = regions.filter((r) => !starts.includes(r) && namesOf(r).some((n) => n.includes(wanted)));
  return [...starts, ...contains].slice(0, 25).map((r) => ({ name: r.name, value: r.id }));
}
