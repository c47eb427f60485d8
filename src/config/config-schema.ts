// The shape of config/prayerbot.yaml, as written (snake_case). Objects are strict so a typo
// in a field name is reported rather than silently ignored.
import * as z from 'zod';
import type { PlatformName } from '../core/types.js';
import { cronExpression, holidayCode, localDate, nonEmptyText, slug, timeZone } from './fields.js';
import { languageTag } from './language-fields.js';

const platform = z.enum(['slack', 'discord', 'console'] as const satisfies readonly PlatformName[]);
const id = z.string();

export const channelSchema = z.strictObject({
  platform,
  id,
  audience: z.enum(['staff', 'volunteers']),
  allow_public: z.boolean().default(false),
  /** What the bot writes there; default: the top-level `language`. */
  language: languageTag.optional(),
  // The channel's own calendar: its zone, and dates with no post on top of the top-level ones.
  timezone: timeZone.optional(),
  skip: z.array(localDate).optional(),
  holidays: holidayCode.optional(),
  // A private "I prayed" button on the posts, beside the 🙏 (whose names every member can read).
  prayed_button: z.boolean().default(false),
});

export const staffReportSchema = z.strictObject({ platform, id, language: languageTag.optional() });

export const regionSchema = z.strictObject({
  id: slug,
  name: nonEmptyText,
  aliases: z.array(nonEmptyText).default([]),
  /** The region's name in other languages, by BCP 47 tag (keys are checked with the cross-checks). */
  names: z.record(z.string(), nonEmptyText).optional(),
});

export const configSchema = z.strictObject({
  timezone: timeZone,
  /** The organisation's language (`en` when absent): week files are written in it; channels default to it. */
  language: languageTag.optional(),
  schedule: z.strictObject({
    post: cronExpression,
    digest: cronExpression,
    catch_up_hours: z.number().min(0).max(24).default(6),
  }),
  skip: z.array(localDate).default([]),
  holidays: holidayCode.optional(),
  rotation: z.array(z.string()).min(1),
  regions: z.array(regionSchema).min(1),
  retention_days: z.int().min(1).max(31).default(14),
  retire: z.enum(['delete', 'edit']).default('delete'),
  // The one neutral name both platforms map: Slack "pray" (any skin tone), Discord 🙏 (any).
  reaction: nonEmptyText
    .refine((value) => value.trim() === 'pray', { message: 'reaction must be "pray" (Slack :pray:, Discord 🙏, every skin tone); no other reaction is supported' })
    .default('pray'),
  channels: z.array(channelSchema),
  staff_report: z.array(staffReportSchema).default([]),
  staff: z
    .strictObject({
      slack_users: z.array(id).default([]),
      discord_roles: z.array(id).default([]),
      discord_viewer_roles: z.array(id).optional(),
    })
    .default({ slack_users: [], discord_roles: [] }),
});

export type RawConfig = z.output<typeof configSchema>;
