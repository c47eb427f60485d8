import { describe, expect, it } from 'vitest';
import { channelPostsOf, planWeek, splitIntoParts } from './plan/plan.js';
import { testConfig, testWeek } from './plan/testing.js';
import { postDocument } from './post-document.js';
import { renderText } from './render-text.js';

const SECRET_WORDS = 'the shelter in the harbour district';

function tuesdayParts(limits = { maxRequests: 10, maxChars: 10_000 }) {
  const config = testConfig();
  const week = testWeek('2026-10-12', [
    { region: 'latin-america', text: `Pray for ${SECRET_WORDS} and its staff.\n` },
    { region: 'global-office', title: 'Day of prayer', text: 'Pray for unity across our teams.\n', date: '2026-10-13' },
  ]);
  const tuesday = planWeek(config, week).days.find((d) => d.date === '2026-10-13')!;
  const [post] = channelPostsOf(config, week, tuesday);
  return splitIntoParts(post!, limits);
}

describe('postDocument', () => {
  it('names the date in the title and only regions in the fallback, never request text', () => {
    const doc = postDocument(tuesdayParts()[0]!);
    expect(doc.title).toBe('Prayer for Tuesday, October 13, 2026');
    expect(doc.fallback).toBe("Today's prayer: Latin America, Global Office & Partners");
    expect(doc.fallback).not.toContain(SECRET_WORDS);
    expect(doc.title).not.toContain(SECRET_WORDS);
    expect(doc.sections).toEqual([
      { heading: 'Latin America', items: [{ text: `Pray for ${SECRET_WORDS} and its staff.` }] },
      { heading: 'Global Office & Partners', items: [{ title: 'Day of prayer', text: 'Pray for unity across our teams.' }] },
    ]);
    expect(doc.verse).toEqual({ text: 'Seek justice, defend the oppressed.', reference: 'Isaiah 1:17' });
    expect(doc.footer).toBe('React 🙏 when you have prayed.');
  });

  it('numbers the parts of a split post', () => {
    const docs = tuesdayParts({ maxRequests: 1, maxChars: 10_000 }).map(postDocument);
    expect(docs.map((d) => d.title)).toEqual([
      'Prayer for Tuesday, October 13, 2026 (1 of 2)',
      'Prayer for Tuesday, October 13, 2026 (2 of 2)',
    ]);
    expect(docs.map((d) => d.fallback)).toEqual([
      "Today's prayer: Latin America (1 of 2)",
      "Today's prayer: Global Office & Partners (2 of 2)",
    ]);
  });
});

describe('renderText', () => {
  it('reads like the post: title, region headings, request titles and text, verse, footer', () => {
    const text = renderText(postDocument(tuesdayParts()[0]!));
    expect(text).toBe(
      [
        'Prayer for Tuesday, October 13, 2026',
        '════════════════════════════════════',
        '',
        'LATIN AMERICA',
        `Pray for ${SECRET_WORDS} and its staff.`,
        '',
        'GLOBAL OFFICE & PARTNERS',
        '▸ Day of prayer',
        'Pray for unity across our teams.',
        '',
        '“Seek justice, defend the oppressed.”',
        '  — Isaiah 1:17',
        '',
        'React 🙏 when you have prayed.',
      ].join('\n'),
    );
  });

  it('wraps long text at the width and indents every line', () => {
    const doc = postDocument(tuesdayParts()[0]!);
    const text = renderText({ ...doc, sections: [{ heading: 'X', items: [{ text: 'word '.repeat(40) }] }] }, { width: 30, indent: '    ' });
    for (const line of text.split('\n')) {
      expect(line.length).toBeLessThanOrEqual(30);
      if (line !== '') expect(line.startsWith('    ')).toBe(true);
    }
    expect(text).toContain('    word word word word word');
  });
});
