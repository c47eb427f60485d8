// Loads a week file, prompts/<YYYY-MM-DD>.yaml, into a typed WeekPlan. Checks what the file
// alone can tell (with the config's regions); what needs the posting days (a date on a skip
// date, expiry limits) is the planner's, reported by `checkAll`.
import { basename } from 'node:path';
import { addDays, isLocalDate, mondayOf, weekday, weekdayName } from '../core/time.js';
import type { Config, Loaded, PrayerRequest, Problem, Region, WeekPlan } from '../core/types.js';
import { canonicalTag } from '../i18n/index.js';
import { languageProblem } from './language-fields.js';
import { regionHint } from './load-config.js';
import { rememberSource } from './locations.js';
import { isRecord, listAt, textAt } from './raw.js';
import { cleanText, weekSchema, type RawWeek } from './week-schema.js';
import { parseYamlText, problemAt, readYamlFile, type PathIssue, type YamlSource } from './yaml-source.js';
import { issuesFromZod } from './zod-issues.js';

/** `2026-10-12.yaml` → `2026-10-12`. */
export const WEEK_FILE_NAME = /^(\d{4}-\d{2}-\d{2})\.yaml$/;

/** Loads and validates one week file. `value` is present when it has no errors. */
export async function loadWeekFile(path: string, config: Config): Promise<Loaded<WeekPlan>> {
  return readWeek(path, config.regions);
}

/** Validates a week file's text already in memory (e.g. `import` output before it is written). */
export function loadWeekText(file: string, text: string, config: Config): Loaded<WeekPlan> {
  return readWeekText(text, file, config.regions);
}

/**
 * `loadWeekFile` against the regions known so far: `undefined` when the config could not
 * be read at all (region ids are then not checked).
 */
export async function readWeek(path: string, regions: Region[] | undefined): Promise<Loaded<WeekPlan>> {
  const read = await readYamlFile(path);
  return read.source ? checkWeek(read.source, regions) : { problems: read.problems };
}

/**
 * A week file's text checked exactly as `readWeek` checks the file (the same problems, at
 * the same line:col). `file` labels the problems and is held to the same name rule: a
 * week typed into a form is `<monday>.yaml`.
 */
export function readWeekText(source: string, file: string, regions: Region[] | undefined): Loaded<WeekPlan> {
  const read = parseYamlText(file, source);
  return read.source ? checkWeek(read.source, regions) : { problems: read.problems };
}

function checkWeek(source: YamlSource, regions: Region[] | undefined): Loaded<WeekPlan> {
  const data = source.data;
  if (!isRecord(data)) {
    const what = data === null || data === undefined ? 'the file is empty' : 'the file is not a map';
    return { problems: [problemAt(source, { path: [], message: `${what}; a week file has week, verse and requests`, severity: 'error' })] };
  }
  const issues: PathIssue[] = [];
  const parsed = weekSchema.safeParse(data);
  if (!parsed.success) issues.push(...issuesFromZod(parsed.error, weekSchema, data, (p) => source.sourceText(p)));
  issues.push(...crossChecks(data, source.file, regions));

  const problems: Problem[] = issues.map((issue) => problemAt(source, issue));
  if (!parsed.success || problems.some((p) => p.severity === 'error')) return { problems };
  const value = toWeekPlan(parsed.data, source.file);
  rememberSource(value, source);
  return { value, problems };
}

function crossChecks(data: Record<string, unknown>, file: string, regions: Region[] | undefined): PathIssue[] {
  const issues: PathIssue[] = [];
  const error = (path: PathIssue['path'], message: string, at?: PathIssue['at']) =>
    issues.push({ path, message, severity: 'error', ...(at ? { at } : {}) });

  // The week: a Monday, the one the file is named after.
  const week = textAt(data, 'week');
  const validWeek = week !== undefined && isLocalDate(week) ? week : undefined;
  const named = WEEK_FILE_NAME.exec(basename(file))?.[1];
  if (validWeek !== undefined && weekday(validWeek) !== 1) {
    error(['week'], `week ${validWeek} is a ${weekdayName(validWeek)}; a week starts on a Monday (that week's is ${mondayOf(validWeek)})`);
  } else if (validWeek !== undefined && named !== undefined && named !== validWeek) {
    error(['week'], `week ${validWeek} does not match the file name ${basename(file)}: rename the file or fix the date`);
  }

  issues.push(...translationChecks(data));

  const requests = listAt(data, 'requests');
  if (Array.isArray(data['requests']) && requests.length === 0) {
    issues.push({ path: ['requests'], message: 'no requests: nothing is posted this week', severity: 'warning' });
  }

  const monday = validWeek !== undefined ? mondayOf(validWeek) : undefined;
  const knownIds = new Set(regions?.map((r) => r.id));
  const countByRegion = new Map<string, number>();
  const firstWithId = new Map<string, number>();
  requests.forEach((request, i) => {
    if (!isRecord(request)) return;
    const region = textAt(request, 'region');

    if (region !== undefined && regions !== undefined && !knownIds.has(region)) {
      error(['requests', i, 'region'], `unknown region "${region}"${regionHint(region, regions)}`);
    }

    const date = textAt(request, 'date');
    if (date !== undefined && isLocalDate(date) && monday !== undefined) {
      const sunday = addDays(monday, 6);
      if (date < monday || date > sunday) {
        error(['requests', i, 'date'], `date ${date} is outside this week (Monday ${monday} to Sunday ${sunday})`);
      }
    }

    // Ids: explicit, or `<region>-<n>` with n counting that region's requests from 1.
    let n = 0;
    if (region !== undefined) {
      n = (countByRegion.get(region) ?? 0) + 1;
      countByRegion.set(region, n);
    }
    const explicit = request['id'];
    const id = typeof explicit === 'string' ? explicit : explicit === undefined && region !== undefined ? `${region}-${n}` : undefined;
    if (id === undefined) return;
    const first = firstWithId.get(id);
    if (first === undefined) {
      firstWithId.set(id, i);
    } else if (typeof explicit === 'string') {
      error(['requests', i, 'id'], `duplicate request id "${id}" (request ${first + 1} has it too): ids must be unique in a week`);
    } else {
      error(['requests', i], `request ${i + 1} gets the default id "${id}", which request ${first + 1} already has: give one of them another id`);
    }
  });
  return issues;
}

/** Translation tags are BCP 47; a translation without the title the original has is pointed out. */
function translationChecks(data: Record<string, unknown>): PathIssue[] {
  const issues: PathIssue[] = [];
  const checkTags = (owner: unknown, path: PathIssue['path']) => {
    const translations = isRecord(owner) ? owner['translations'] : undefined;
    if (!isRecord(translations)) return;
    for (const tag of Object.keys(translations)) {
      const problem = languageProblem(tag);
      if (problem) issues.push({ path: [...path, 'translations', tag], at: 'key', message: `translations: ${problem}`, severity: 'error' });
    }
  };
  checkTags(data['verse'], ['verse']);
  listAt(data, 'requests').forEach((request, i) => {
    checkTags(request, ['requests', i]);
    const translations = isRecord(request) ? request['translations'] : undefined;
    const title = textAt(request, 'title');
    if (title === undefined || !isRecord(translations)) return;
    for (const [tag, translation] of Object.entries(translations)) {
      if (isRecord(translation) && translation['title'] === undefined && languageProblem(tag) === undefined) {
        issues.push({
          path: ['requests', i, 'translations', tag],
          at: 'key',
          message: `the "${tag}" translation has no "title": "${tag}" channels show the original title "${title.trim()}" above it`,
          severity: 'warning',
        });
      }
    }
  });
  return issues;
}

/** Translations as read: each entry cleaned like the original, tags in their canonical spelling. */
function byTag<T>(written: Record<string, T>, clean: (entry: T) => T): Record<string, T> {
  return Object.fromEntries(Object.entries(written).map(([tag, entry]) => [canonicalTag(tag) ?? tag, clean(entry)]));
}

function toWeekPlan(raw: RawWeek, source: string): WeekPlan {
  const counts = new Map<string, number>();
  const requests = raw.requests.map((r): PrayerRequest => {
    const n = (counts.get(r.region) ?? 0) + 1;
    counts.set(r.region, n);
    const id = r.id ?? `${r.region}-${n}`;
    return {
      key: `${raw.week}/${id}`,
      week: raw.week,
      id,
      region: r.region,
      ...(r.title !== undefined ? { title: cleanText(r.title) } : {}),
      text: cleanText(r.text),
      ...(r.date !== undefined ? { date: r.date } : {}),
      audience: r.audience,
      ...(r.expires !== undefined ? { expires: r.expires } : {}),
      ...(r.translations !== undefined
        ? { translations: byTag(r.translations, (t) => ({ text: cleanText(t.text), ...(t.title !== undefined ? { title: cleanText(t.title) } : {}) })) }
        : {}),
    };
  });
  const notes = raw.notes == null ? undefined : cleanText(raw.notes);
  return {
    source,
    week: raw.week,
    verse: {
      text: cleanText(raw.verse.text),
      reference: cleanText(raw.verse.reference),
      ...(raw.verse.translations !== undefined
        ? { translations: byTag(raw.verse.translations, (t) => ({ text: cleanText(t.text), reference: cleanText(t.reference) })) }
        : {}),
    },
    requests,
    ...(notes ? { notes } : {}),
  };
}
