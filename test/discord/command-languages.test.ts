// The slash commands' descriptions as Discord shows them to members in other languages.
import { describe, expect, it } from 'vitest';
import { commandDefinitions } from '../../src/platforms/discord/commands.js';

describe('slash command descriptions', () => {
  it('stay English by default and come in every shipped language Discord has a locale for', () => {
    const [pray, staff] = commandDefinitions() as Array<{ description: string; description_localizations: Record<string, string>; options: Array<{ name: string; description: string; description_localizations: Record<string, string> }> }>;
    expect(pray!.description).toBe("Today's prayer, or the latest request for a region");
    expect(Object.keys(pray!.description_localizations).sort()).toEqual(['de', 'es-419', 'es-ES', 'fr', 'ko', 'nl', 'pt-BR', 'zh-TW']);
    expect(pray!.description_localizations['es-419']).toBe('La oración de hoy, o la última petición de una región');
    expect(pray!.description_localizations['zh-TW']).toBe('今日的禱告，或某地區最新的代禱事項');
    expect(pray!.options[0]!.description_localizations['de']).toBe('Eine Region (leer lassen für den heutigen Beitrag)');
    // Names stay as typed everywhere: /pray understands its keywords in English.
    expect(staff!.options.map((o) => o.name)).toEqual(['stats', 'week', 'retract', 'help']);
    expect(staff!.options.map((o) => o.description_localizations['ko'])).toEqual(['기도한 사람 수, 지역별·플랫폼별', '이번 주 계획, 날짜별', '기도 제목을 지금 모든 곳에서 내리기', '코디네이터 명령어 안내']);
  });
});
