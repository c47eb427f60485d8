// A post as terminal text: `prayerbot preview` and the console chat print it.
import type { PostDocument } from './ports.js';

export interface RenderTextOptions {
  /** Wrap lines at this many columns (default 78). */
  width?: number;
  /** Put this before every line (e.g. "  " to indent a post inside a listing). */
  indent?: string;
}

/** Word-wraps one paragraph; a word longer than the width stays whole on its own line. */
function wrapParagraph(text: string, width: number): string[] {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line.length === 0) line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

/** Wraps text, keeping its own line breaks (a blank line stays a blank line). */
export function wrapText(text: string, width: number): string[] {
  return text
    .trim()
    .split('\n')
    .flatMap((line) => (line.trim() === '' ? [''] : wrapParagraph(line, width)));
}

export function renderText(doc: PostDocument, options: RenderTextOptions = {}): string {
  const indent = options.indent ?? '';
  const width = Math.max(20, (options.width ?? 78) - indent.length);
  const title = wrapText(doc.title, width);
  const lines: string[] = [...title, '═'.repeat(Math.max(0, ...title.map((l) => [...l].length)))];
  for (const section of doc.sections) {
    lines.push('', section.heading.toUpperCase());
    section.items.forEach((item, i) => {
      if (i > 0) lines.push('');
      if (item.title) lines.push(`▸ ${item.title}`);
      lines.push(...wrapText(item.text, width));
    });
  }
  lines.push('', ...wrapText(`“${doc.verse.text}”`, width), `  — ${doc.verse.reference}`);
  if (doc.footer) lines.push('', ...wrapText(doc.footer, width));
  return lines.map((l) => (l === '' ? '' : indent + l)).join('\n');
}
