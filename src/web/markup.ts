// Slack mrkdwn and Discord markdown as the apps show them, for the previews: bold, italic,
// strike-through, underline and code spans. Everything else is text, escaped by the
// templates like all text on the page. Request text is sent to the platforms as written, so
// a `*` in it shows as formatting there, and does here too.
import { html } from 'hono/html';
import type { Html } from './layout.js';

type Mark = 'strong' | 'em' | 's' | 'u' | 'code';

interface Rule {
  pattern: RegExp;
  mark: Mark;
}

// Slack: one character on each side, at word boundaries, on one line.
const SLACK_RULES: Rule[] = [
  { pattern: /`([^`\n]+)`/u, mark: 'code' },
  { pattern: /(?<![\p{L}\p{N}*])\*(?!\s)([^*\n]*?[^\s*])\*(?![\p{L}\p{N}*])/u, mark: 'strong' },
  { pattern: /(?<![\p{L}\p{N}_])_(?!\s)([^_\n]*?[^\s_])_(?![\p{L}\p{N}_])/u, mark: 'em' },
  { pattern: /(?<![\p{L}\p{N}~])~(?!\s)([^~\n]*?[^\s~])~(?![\p{L}\p{N}~])/u, mark: 's' },
];

// Discord: doubled markers first, so `**x**` is bold and not two italics.
const DISCORD_RULES: Rule[] = [
  { pattern: /`([^`\n]+)`/u, mark: 'code' },
  // Bold may hold an italic: `**A *court***` is bold "A " then italic "court".
  { pattern: /\*\*(?!\s)((?:\*[^*\n]+\*|[^*])+?)\*\*/u, mark: 'strong' },
  { pattern: /__(?!\s)([\s\S]*?\S)__/u, mark: 'u' },
  { pattern: /~~(?!\s)([\s\S]*?\S)~~/u, mark: 's' },
  { pattern: /\*(?![\s*])([^*]*?[^\s*])\*/u, mark: 'em' },
  { pattern: /(?<![\p{L}\p{N}_])_(?![\s_])([^_]*?[^\s_])_(?![\p{L}\p{N}_])/u, mark: 'em' },
];

function wrap(mark: Mark, inner: Html): Html {
  switch (mark) {
    case 'strong':
      return html`<strong>${inner}</strong>`;
    case 'em':
      return html`<em>${inner}</em>`;
    case 's':
      return html`<s>${inner}</s>`;
    case 'u':
      return html`<u>${inner}</u>`;
    case 'code':
      return html`<code>${inner}</code>`;
  }
}

function format(text: string, rules: Rule[], plain: (t: string) => string, depth = 0): Html[] {
  const out: Html[] = [];
  let rest = text;
  while (rest.length > 0) {
    let best: { index: number; length: number; inner: string; mark: Mark } | undefined;
    for (const rule of rules) {
      const m = rule.pattern.exec(rest);
      if (m && (best === undefined || m.index < best.index)) best = { index: m.index, length: m[0].length, inner: m[1]!, mark: rule.mark };
    }
    if (!best) {
      out.push(html`${plain(rest)}`);
      break;
    }
    if (best.index > 0) out.push(html`${plain(rest.slice(0, best.index))}`);
    const inner = best.mark === 'code' || depth > 3 ? [html`${plain(best.inner)}`] : format(best.inner, rules, plain, depth + 1);
    out.push(wrap(best.mark, html`${inner}`));
    rest = rest.slice(best.index + best.length);
  }
  return out;
}

/** Slack sends `&`, `<` and `>` escaped in mrkdwn and shows them as the characters. */
function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export function slackMrkdwn(text: string): Html {
  return html`${format(text, SLACK_RULES, unescapeSlack)}`;
}

export function discordMarkdown(text: string): Html {
  return html`${format(text, DISCORD_RULES, (t) => t)}`;
}
