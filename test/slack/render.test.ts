// Pure pieces of the Slack adapter: timestamps and escaping.
import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, slackTsToMicros } from '../../src/platforms/slack/index.js';
import { splitForEscapedLimit } from '../../src/platforms/slack/render.js';

describe('slackTsToMicros', () => {
  it('reads event_ts exactly, as integer microseconds', () => {
    expect(slackTsToMicros('1712345678.000100')).toBe(1_712_345_678_000_100);
    expect(slackTsToMicros('1791234567.999999')).toBe(1_791_234_567_999_999);
    expect(slackTsToMicros('1712345678.1')).toBe(1_712_345_678_100_000);
    expect(slackTsToMicros('1712345678')).toBe(1_712_345_678_000_000);
    // 1791234567.000007 * 1e6 in floating point is 1791234567000007.2 or so; digits are exact.
    expect(slackTsToMicros('1791234567.000007')).toBe(1_791_234_567_000_007);
  });

  it('refuses what is not a Slack ts', () => {
    for (const bad of ['', 'abc', '-1.5', '1.2.3', '1e9']) expect(slackTsToMicros(bad)).toBeUndefined();
  });
});

describe('escapeMrkdwn', () => {
  it('turns every control sequence into text', () => {
    expect(escapeMrkdwn('<!channel> & <@U0X|name> <#C0Y> <!subteam^S0Z>')).toBe(
      '&lt;!channel&gt; &amp; &lt;@U0X|name&gt; &lt;#C0Y&gt; &lt;!subteam^S0Z&gt;',
    );
    expect(escapeMrkdwn('&amp;')).toBe('&amp;amp;');
  });
});

describe('splitForEscapedLimit', () => {
  it('keeps each escaped piece within the limit, cutting at spaces and never inside an escape', () => {
    const text = 'a & b < c > d '.repeat(30);
    const pieces = splitForEscapedLimit(text, 50);
    expect(pieces.join('')).toBe(text);
    for (const p of pieces) expect(escapeMrkdwn(p).length).toBeLessThanOrEqual(50);
    expect(pieces.slice(0, -1).every((p) => p.endsWith(' '))).toBe(true);
  });

  it('does not split surrogate pairs', () => {
    const pieces = splitForEscapedLimit('🙏'.repeat(10), 5);
    expect(pieces.every((p) => /^(🙏)+$/u.test(p))).toBe(true);
  });
});
