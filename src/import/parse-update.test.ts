import { describe, expect, it } from 'vitest';
import { sampleConfig } from '../../test/import/config.js';
import { parseUpdate } from './parse-update.js';

const regions = sampleConfig().regions;

function headings(text: string) {
  return parseUpdate(text, regions).sections.map((s) => [s.heading, s.region.id]);
}

describe('headings', () => {
  it('finds a region by name, alias or a heading that contains one, in any case and decoration', () => {
    const text = [
      'Africa and Europe',
      'Pray for A.',
      'LatAm',
      'Pray for B.',
      '## Southeast Asia:',
      'Pray for C.',
      '**India**',
      'Pray for D.',
      'IJM Global Office & Partners',
      'Pray for E.',
    ].join('\n');
    expect(headings(text)).toEqual([
      ['Africa and Europe', 'africa-europe'],
      ['LatAm', 'latin-america'],
      ['Southeast Asia', 'asia-pacific'],
      ['India', 'south-asia'],
      ['IJM Global Office & Partners', 'global-office'],
    ]);
  });

  it('does not take a sentence, a long line or a short request for a heading', () => {
    const text = [
      'South Asia',
      'Pray for India',
      'Our partners in India met the district court.',
      'Our partners in India and across the region met the district court this week without',
    ].join('\n');
    expect(headings(text)).toEqual([['South Asia', 'south-asia']]);
  });

  it('files a heading naming two regions under the longest name, with a warning', () => {
    const parsed = parseUpdate('Africa, Europe & South Asia\nPray for A.', regions);
    expect(parsed.sections.map((s) => s.region.id)).toEqual(['africa-europe']);
    expect(parsed.warnings[0]?.message).toMatch(/also names South Asia/);
  });

  it('keeps an unknown title-case line as a paragraph, flagged as heading-like', () => {
    const parsed = parseUpdate('Latin America\nPray for A.\nMiddle East\nPray for B.', regions);
    expect(parsed.sections).toHaveLength(1);
    expect(parsed.sections[0]!.paragraphs).toEqual([
      { text: 'Pray for A.', line: 2 },
      { text: 'Middle East', line: 3, headingLike: true },
      { text: 'Pray for B.', line: 4 },
    ]);
  });
});

describe('the verse', () => {
  it('reads a curly-quoted verse wrapped over lines, with an em-dash reference', () => {
    const parsed = parseUpdate('“Seek justice,\ndefend the oppressed.”\n— Isaiah 1:17\nSouth Asia\nPray.', regions);
    expect(parsed.verse).toEqual({ text: 'Seek justice, defend the oppressed.', reference: 'Isaiah 1:17', line: 1 });
    expect(parsed.preamble).toEqual([]);
  });

  it('reads a straight-quoted verse with its reference on the same line or on a bare line', () => {
    expect(parseUpdate('"Seek justice." - Isaiah 1:17\nSouth Asia\nPray.', regions).verse).toMatchObject({
      text: 'Seek justice.',
      reference: 'Isaiah 1:17',
    });
    expect(parseUpdate('"Seek justice."\n1 John 3:18\nSouth Asia\nPray.', regions).verse).toMatchObject({
      text: 'Seek justice.',
      reference: '1 John 3:18',
    });
  });

  it('reads an unquoted verse above a dash reference, and keeps a greeting as preamble', () => {
    const parsed = parseUpdate('Dear friends,\n\nSeek justice.\n– Isaiah 1:17\nSouth Asia\nPray.', regions);
    expect(parsed.verse).toMatchObject({ text: 'Seek justice.', reference: 'Isaiah 1:17' });
    expect(parsed.preamble).toEqual([{ text: 'Dear friends,', line: 1 }]);
  });

  it('is not taken for a heading when short and naming a region', () => {
    const parsed = parseUpdate('“Go to all nations, Africa and Europe”\n– Fictional 1:1\nSouth Asia\nPray.', regions);
    expect(parsed.verse?.text).toBe('Go to all nations, Africa and Europe');
    expect(parsed.sections.map((s) => s.region.id)).toEqual(['south-asia']);
  });

  it('finds none when there is none', () => {
    const parsed = parseUpdate('Weekly update\nSouth Asia\nPray.', regions);
    expect(parsed.verse).toBeUndefined();
    expect(parsed.preamble.map((p) => p.text)).toEqual(['Weekly update']);
  });
});

describe('paragraphs', () => {
  it('takes each line as a paragraph when the update has no blank lines', () => {
    const parsed = parseUpdate('South Asia\nPray for A.\nPraise God for B.', regions);
    expect(parsed.sections[0]!.paragraphs.map((p) => p.text)).toEqual(['Pray for A.', 'Praise God for B.']);
  });

  it('joins lines a mail program wrapped, with CRLF endings', () => {
    const text = [
      'South Asia',
      '',
      'Pray for the caseworkers in our new regional office as they meet their first',
      'clients this month, and for patience while the courts reopen.',
      '',
      'Praise God for B.',
    ].join('\r\n');
    const parsed = parseUpdate(text, regions);
    expect(parsed.sections[0]!.paragraphs).toEqual([
      {
        text: 'Pray for the caseworkers in our new regional office as they meet their first clients this month, and for patience while the courts reopen.',
        line: 3,
      },
      { text: 'Praise God for B.', line: 6 },
    ]);
  });

  it('drops the sensitivity notice however it is split', () => {
    const split = [
      'South Asia',
      'Pray for A.',
      'The updates we share on survivors or their cases can become sensitive over time. To respect and protect',
      'them,',
      'please refrain from posting these prayer requests online.',
    ].join('\n');
    const bySentence = [
      'South Asia',
      'Pray for A.',
      'The updates we share on survivors or their cases can become sensitive over time.',
      'To respect and protect them, please refrain from posting these prayer requests online.',
    ].join('\n');
    for (const text of [split, bySentence]) {
      const parsed = parseUpdate(text, regions);
      expect(parsed.sections[0]!.paragraphs.map((p) => p.text)).toEqual(['Pray for A.']);
      expect(parsed.notice.map((p) => p.text).join(' ')).toMatch(/^The updates we share .* online\.$/);
    }
  });
});
