// The domain model shared by every part of prayerbot. Platform-neutral: nothing here knows
// Slack or Discord. Dates without a time are ISO strings (`YYYY-MM-DD`) read in the
// organisation's time zone, or a channel's own where a channel sets one; instants are
// JavaScript `Date`s (UTC underneath).

/** A calendar date, `YYYY-MM-DD` (in the organisation's zone unless said otherwise). */
export type LocalDate = string;

export type PlatformName = 'slack' | 'discord' | 'console';
export const PLATFORM_NAMES: readonly PlatformName[] = ['slack', 'discord', 'console'];

/** Who may see a request. */
export type RequestAudience = 'staff' | 'everyone';
/** Who reads a channel: `staff` channels get every request, `volunteers` only `everyone` ones. */
export type ChannelAudience = 'staff' | 'volunteers';

export interface Region {
  id: string;
  name: string;
  aliases: string[];
  /** The name in other languages, by BCP 47 tag (`es: América Latina`); channels find it by lookup. */
  names?: Readonly<Record<string, string>>;
}

export interface ChannelConfig {
  platform: PlatformName;
  id: string;
  audience: ChannelAudience;
  /** Allows a public or externally shared channel; then only `everyone` requests go there. */
  allowPublic: boolean;
  /** BCP 47 tag of what the bot writes there; absent: the config's `language`, else English. */
  language?: string;
  /** IANA zone its posting days and time of day are read in (default: the config's). */
  timezone?: string;
  /** Its own dates with no post, on top of the config's `skip` (channel-local dates). */
  skip?: LocalDate[];
  /** Its place's public holidays (ISO 3166 code: `AU`, `DE-BY`), on top of the config's. */
  holidays?: string;
  /** Posts carry a private "I prayed" button next to the 🙏 (`prayed_button: true`). */
  prayedButton?: boolean;
}

export interface StaffReportTarget {
  platform: PlatformName;
  id: string;
  /** BCP 47 tag of the digest and alerts sent there; absent: the config's `language`. */
  language?: string;
}

export interface Config {
  /** The file it was read from, for messages. */
  source: string;
  timezone: string;
  /** BCP 47 tag: the organisation's language, in which week files are written (default `en`). */
  language?: string;
  schedule: {
    post: string;
    digest: string;
    catchUpHours: number;
  };
  skip: LocalDate[];
  /** Public holidays with no post (ISO 3166 code: `US`, `DE-BY`), in every channel. */
  holidays?: string;
  rotation: string[];
  regions: Region[];
  retentionDays: number;
  retire: 'delete' | 'edit';
  /** Neutral reaction name, mapped per platform (`pray` → Slack `pray`, Discord 🙏). */
  reaction: string;
  channels: ChannelConfig[];
  staffReport: StaffReportTarget[];
  staff: {
    slackUsers: string[];
    discordRoles: string[];
    /** Roles allowed to see staff channels; defaults to `discordRoles`. */
    discordViewerRoles: string[];
  };
}

export interface Verse {
  text: string;
  reference: string;
  /** The verse in other languages, by BCP 47 tag, written by people (never machine-translated). */
  translations?: Readonly<Record<string, { text: string; reference: string }>>;
}

/** A request in another language; a missing title keeps the original's. */
export interface RequestTranslation {
  text: string;
  title?: string;
}

export interface PrayerRequest {
  /** `<week>/<id>`: the request's key everywhere (ledger, retract, audit). */
  key: string;
  week: LocalDate;
  /** Defaults to `<region>-<n>`, n counting that region's requests in the week from 1. */
  id: string;
  region: string;
  title?: string;
  /** At most 2,800 characters, so one request fits one Slack section or Discord embed. */
  text: string;
  /** Post on this date instead of the region's rotation day. */
  date?: LocalDate;
  audience: RequestAudience;
  /** Explicit expiry date (the request expires at 00:00 on it, org zone). */
  expires?: LocalDate;
  /** The request in other languages, by BCP 47 tag; a channel whose language is missing gets the original. */
  translations?: Readonly<Record<string, RequestTranslation>>;
}

export interface WeekPlan {
  /** The week file it was read from, for messages. */
  source: string;
  /** The week's Monday. */
  week: LocalDate;
  verse: Verse;
  requests: PrayerRequest[];
  notes?: string;
}

/** A request placed on a day, with its expiry resolved. */
export interface ScheduledRequest extends PrayerRequest {
  /** The day it is posted (a date of its calendar's zone). */
  postDate: LocalDate;
  /**
   * The expiry date actually in force (explicit, or the latest date any channel posts it
   * + retention_days), the same in every calendar.
   */
  expiresOn: LocalDate;
  /** 00:00 of `expiresOn` in the org zone. */
  expiresAt: Date;
}

/** One posting day of a week, for the channels that follow one calendar. */
export interface PlanDay {
  /** A date of the calendar's zone. */
  date: LocalDate;
  /** The key of the calendar (zone, skip dates, holidays) whose day this is. */
  calendar: string;
  /** The calendar's zone. */
  timezone: string;
  /** The instant the day's post is due (the post cron's time of day, DST-adjusted). */
  postAt: Date;
  /** Region posted by rotation that day, if the day is a cron day. */
  rotationRegions: string[];
  /** Requests of the day, in the week file's order. */
  requests: ScheduledRequest[];
  week: LocalDate;
}

/** Requests of one region inside a post, under the region's heading. */
export interface PostSection {
  region: Region;
  requests: ScheduledRequest[];
}

/** What one channel receives on one day: one message, or several parts when too long. */
export interface ChannelPost {
  date: LocalDate;
  postAt: Date;
  week: LocalDate;
  channel: ChannelConfig;
  verse: Verse;
  sections: PostSection[];
}

/** One message of a channel's post. Each part has its own ledger entry and its own 🙏. */
export interface PostPart extends ChannelPost {
  /** 0-based. */
  part: number;
  partCount: number;
  /** `platform:channel:date:part`. */
  ledgerKey: string;
}

/** A validation problem with its place, printed as `file:line:col: message`. */
export interface Problem {
  file: string;
  line: number;
  col: number;
  severity: 'error' | 'warning';
  message: string;
  /**
   * The field it is about, for a form to show the problem beside it: `requests[2].date`,
   * `verse.text`, `channels[0].id`. Absent for problems with the file as a whole.
   */
  path?: string;
}

export function formatProblem(p: Problem): string {
  const tag = p.severity === 'warning' ? 'warning: ' : '';
  return `${p.file}:${p.line}:${p.col}: ${tag}${p.message}`;
}

export function ledgerKeyOf(platform: PlatformName, channelId: string, date: LocalDate, part: number): string {
  return `${platform}:${channelId}:${date}:${part}`;
}

export function parseLedgerKey(key: string): { platform: PlatformName; channelId: string; date: LocalDate; part: number } {
  const m = /^(slack|discord|console):(.+):(\d{4}-\d{2}-\d{2}):(\d+)$/.exec(key);
  if (!m) throw new Error(`not a ledger key: ${key}`);
  return { platform: m[1] as PlatformName, channelId: m[2]!, date: m[3]!, part: Number(m[4]) };
}

/**
 * A problem found while planning, located by its path in the source document
 * (e.g. `['requests', 2, 'date']` in a week file, `['schedule', 'post']` in the config).
 * `check` turns the path into `file:line:col`.
 */
export interface PlanIssue {
  severity: 'error' | 'warning';
  /** Which file: the config or the week file. */
  file: 'config' | 'week';
  path: Array<string | number>;
  message: string;
}

/** Result of loading a file: the value when usable, and every problem found. */
export interface Loaded<T> {
  value?: T;
  problems: Problem[];
}
