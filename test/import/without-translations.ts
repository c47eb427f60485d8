// A repository sample week as `import` writes it: without the `translations:` a coordinator
// added to it by hand afterwards (import never writes any).
export function withoutTranslations(text: string): string {
  const kept: string[] = [];
  let skipDeeperThan = -1;
  for (const line of text.replace(/\n$/, '').split('\n')) {
    const indent = line.length - line.trimStart().length;
    if (skipDeeperThan >= 0 && (line.trim() === '' || indent > skipDeeperThan)) continue;
    skipDeeperThan = /^\s*translations:\s*$/.test(line) ? indent : -1;
    if (skipDeeperThan < 0) kept.push(line);
  }
  return `${kept.join('\n')}\n`;
}
