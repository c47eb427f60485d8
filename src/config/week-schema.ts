// The shape of a week file, prompts/<YYYY-MM-DD>.yaml, as written. Strict objects: a typo
// in a field name (`regoin:`) is reported, never silently ignored.
import * as z from 'zod';
import { localDate, nonEmptyText } from './fields.js';

/** A request's text must fit one Slack section or Discord embed. */
export const MAX_REQUEST_CHARS = 2800;

/** Request ids appear in keys (`<week>/<id>`), commands and ledger entries. */
export const REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Trims what YAML adds around text: a `|` block's trailing newline, stray outer spaces. */
export function cleanText(text: string): string {
  return text.trim();
}

/** Length as a person counts it (an emoji is one character). */
export function charCount(text: string): number {
  return [...text].length;
}

/**
 * Text that must fit one post section: not empty, at most MAX_REQUEST_CHARS as a person
 * counts them. `empty` and `tooLong` finish the messages with what to do.
 */
function sectionText(empty: string, tooLong: (max: string) => string) {
  return z.string().superRefine((value, ctx) => {
    const text = cleanText(value);
    if (text === '') {
      ctx.addIssue({ code: 'custom', message: `"text" is empty: ${empty}` });
    } else if (charCount(text) > MAX_REQUEST_CHARS) {
      ctx.addIssue({ code: 'custom', message: `"text" is ${charCount(text).toLocaleString('en-US')} characters; ${tooLong(MAX_REQUEST_CHARS.toLocaleString('en-US'))}` });
    }
  });
}

const requestText = sectionText('write the request, or remove it', (max) => `a request holds at most ${max} so it fits one post section: split it into two requests`);

/** A translation must fit one post section as the original does. */
const translationText = sectionText(
  'write the translation, or remove it (the original is shown instead)',
  (max) => `a translation holds at most ${max}, like the request, so it fits one post section: shorten it`,
);

/**
 * Translations by BCP 47 tag (`es`, `pt-BR`); the tags themselves are checked with the
 * week's cross-checks, so each bad one is reported at its key.
 */
function translations<T extends z.ZodType>(entry: T) {
  return z.record(z.string(), entry).optional();
}

const requestId = z.string().superRefine((value, ctx) => {
  if (!REQUEST_ID.test(value)) {
    ctx.addIssue({
      code: 'custom',
      message: `${JSON.stringify(value)} is not a valid request id: use letters, digits, ".", "_" and "-" (no spaces or "/"), starting with a letter or digit`,
    });
  }
});

export const requestSchema = z.strictObject({
  region: z.string(),
  id: requestId.optional(),
  title: nonEmptyText.optional(),
  text: requestText,
  date: localDate.optional(),
  audience: z.enum(['staff', 'everyone']).default('staff'),
  expires: localDate.optional(),
  /** Written by people, never machine-translated; a channel whose language is missing gets the original. */
  translations: translations(z.strictObject({ text: translationText, title: nonEmptyText.optional() })),
});

export const weekSchema = z.strictObject({
  week: localDate,
  verse: z.strictObject({
    text: nonEmptyText,
    reference: nonEmptyText,
    translations: translations(z.strictObject({ text: nonEmptyText, reference: nonEmptyText })),
  }),
  requests: z.array(requestSchema),
  notes: z.string().nullable().optional(),
});

export type RawWeek = z.output<typeof weekSchema>;
