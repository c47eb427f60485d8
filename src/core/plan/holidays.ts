// Public holidays by place, from the `date-holidays` package (its data ships with it, so this
// works offline and gives every replica with the same package version the same answer).
//
// A code is ISO 3166: a country (`AU`), or a country and one of its subdivisions (`DE-BY`,
// `AU-NSW`); the package also knows some regions below that (`DE-BY-A`). Only holidays of
// `type: public` count. A holiday is matched by the calendar date the package gives it
// (the prefix of its `date`), compared with a channel's local date: asking `isHoliday` about
// an instant would answer for the country's own zone, not the channel's.
import { createRequire } from 'node:module';
import type HolidaysPackage from 'date-holidays';
import type { LocalDate } from '../types.js';

type Holidays = HolidaysPackage;
// The package holds every country's rules: ~27 MiB of resident memory once loaded. It is
// loaded on first use, so a bot whose config names no `holidays` never pays for it.
let holidaysClass: typeof HolidaysPackage | undefined;
function load(): typeof HolidaysPackage {
  holidaysClass ??= createRequire(import.meta.url)('date-holidays') as typeof HolidaysPackage;
  return holidaysClass;
}

// Lists countries and subdivisions only; never asked for holidays.
let catalogue: Holidays | undefined;
function catalogueOf(): Holidays {
  catalogue ??= new (load())();
  return catalogue;
}

/** True when date-holidays knows the place `code` names. */
export function isHolidayCode(code: string): boolean {
  const [country, state, region, ...rest] = code.split('-');
  if (!country || rest.length > 0 || code.trim() !== code) return false;
  const c = catalogueOf();
  if (!(country in c.getCountries('en'))) return false;
  if (state === undefined) return true;
  if (!(state in (c.getStates(country, 'en') ?? {}))) return false;
  if (region === undefined) return true;
  return region in (c.getRegions(country, state, 'en') ?? {});
}

let allCodes: string[] | undefined;
/** Every country and subdivision code, for "did you mean" hints. */
export function holidayCodes(): string[] {
  if (allCodes) return allCodes;
  const c = catalogueOf();
  const codes: string[] = [];
  for (const country of Object.keys(c.getCountries('en'))) {
    codes.push(country);
    for (const state of Object.keys(c.getStates(country, 'en') ?? {})) codes.push(`${country}-${state}`);
  }
  allCodes = codes;
  return codes;
}

const byYear = new Map<string, ReadonlyMap<LocalDate, string>>();

/** The public holidays of `code` in `year`, date → English name. Empty for an unknown code. */
export function publicHolidays(code: string, year: number): ReadonlyMap<LocalDate, string> {
  const cacheKey = `${code}:${year}`;
  const cached = byYear.get(cacheKey);
  if (cached) return cached;
  const found = new Map<LocalDate, string>();
  if (isHolidayCode(code)) {
    const [country, state, region] = code.split('-');
    const Holidays = load();
    const hd = region !== undefined ? new Holidays(country!, state!, region) : state !== undefined ? new Holidays(country!, state) : new Holidays(country!);
    hd.setLanguages('en');
    for (const holiday of hd.getHolidays(year)) {
      if (holiday.type !== 'public') continue;
      const date = holiday.date.slice(0, 10);
      // Two holidays on one date: the first named is enough to say why there is no post.
      if (!found.has(date)) found.set(date, holiday.name);
    }
  }
  byYear.set(cacheKey, found);
  return found;
}

export interface HolidayOn {
  code: string;
  name: string;
}

/** The public holiday on `date` in any of `codes`, if there is one. */
export function holidayOn(codes: readonly string[], date: LocalDate): HolidayOn | undefined {
  const year = Number(date.slice(0, 4));
  for (const code of codes) {
    const name = publicHolidays(code, year).get(date);
    if (name !== undefined) return { code, name };
  }
  return undefined;
}
