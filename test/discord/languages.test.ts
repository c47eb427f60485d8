// Discord in other languages: the slash commands' descriptions as members see them, and
// posts whose translations are longer than the original still fit Discord's limits.
import { describe, expect, it } from 'vitest';
import { channelLocale } from '../../src/core/language.js';
import { channelPostsOf, MESSAGE_LIMITS, planWeek, splitIntoParts } from '../../src/core/plan/plan.js';
import { testConfig, testWeek, VOLUNTEERS_DISCORD } from '../../src/core/plan/testing.js';
import { postDocumentIn } from '../../src/core/post-document.js';
import { commandDefinitions } from '../../src/platforms/discord/commands.js';
import { DISCORD, embedChars, postMessageBody } from '../../src/platforms/discord/render.js';

describe('slash command descriptions', () => {
  it('stay English by default and come in every shipped language Discord has a locale for', () => {
    const [pray, staff] = commandDefinitions() as Array<{ description: string; description_localizations: Record<string, string>; options: Array<{ name: string; description: string; description_localizations: Record<string, string> }> }>;
    expect(pray!.description).toBe("Today's prayer, or the latest request for a region");
    expect(Object.keys(pray!.description_localizations).sort()).toEqual(['de', 'es-419', 'es-ES', 'fr', 'ko', 'nl', 'pt-BR', 'zh-TW']);
    expect(pray!.description_localizations['es-419']).toBe('La oración de hoy, o la última petición de una región');
    expect(pray!.description_localizations['zh-TW']).toBe('今日的禱告，或某地區最新的代禱事項');
    expect(pray!.options[0]!.description_localizations['de']).toBe('Eine Region (leer lassen für den heutigen Beitrag)');
    // Names stay as typed everywhere: /pray understands its keywords in English.
    expect(staff!.options.map((o) => o.name)).toEqual(['stats', 'week', 'retract', 'coordinator', 'help']);
    expect(staff!.options.map((o) => o.description_localizations['ko'])).toEqual(['기도한 사람 수, 지역별·플랫폼별', '이번 주 계획, 날짜별', '기도 제목을 지금 모든 곳에서 내리기', '코디네이터 페이지 로그인 링크 (본인만 볼 수 있음)', '코디네이터 명령어 안내']);
  });
});

describe('a post in a language longer than the original', () => {
  it('is split by the longer text, so every part fits one Discord message', () => {
    const channel = { ...VOLUNTEERS_DISCORD, language: 'es' };
    const config = testConfig({ channels: [channel] });
    // Three English requests fit one message (3 × 1,400 characters); their Spanish does not.
    const english = (n: number) => `Pray for the fictional team number ${n}. ${'Words of the request. '.repeat(62)}`.slice(0, 1_400);
    const spanish = (n: number) => `Oren por el equipo ficticio número ${n}. ${'Palabras de la petición. '.repeat(80)}`.slice(0, 2_000);
    const week = testWeek('2026-11-16', [1, 2, 3].map((n) => ({ region: 'africa-europe', audience: 'everyone' as const, text: english(n), translations: { es: { text: spanish(n) } } })));
    const monday = planWeek(config, week).days[0]!;
    const parts = splitIntoParts(channelPostsOf(config, week, monday)[0]!, MESSAGE_LIMITS.discord);
    expect(parts.map((p) => p.sections.flatMap((s) => s.requests.map((r) => r.id)))).toEqual([['africa-europe-1', 'africa-europe-2'], ['africa-europe-3']]);
    for (const part of parts) {
      const body = postMessageBody(postDocumentIn(channelLocale(config, channel), part), part.ledgerKey);
      expect(body.embeds?.[0]?.title).toMatch(/^Oración para el lunes, 16 de noviembre de 2026 \(\d de 2\)$/);
      expect(embedChars(body.embeds ?? [])).toBeLessThanOrEqual(DISCORD.embedCharsPerMessage);
    }
  });
});
