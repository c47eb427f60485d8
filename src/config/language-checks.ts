// The config's language settings, checked beyond their shape: tags of `regions[].names`, and
// languages the bot has no messages for.
import { isRecord, listAt, textAt } from './raw.js';
import { languageProblem, unshippedLanguageWarning } from './language-fields.js';
import type { PathIssue } from './yaml-source.js';

export function languageChecks(data: Record<string, unknown>): PathIssue[] {
  const issues: PathIssue[] = [];
  const warnUnshipped = (value: string | undefined, path: PathIssue['path']) => {
    const message = value === undefined ? undefined : unshippedLanguageWarning(value);
    if (message) issues.push({ path, message, severity: 'warning' });
  };

  warnUnshipped(textAt(data, 'language'), ['language']);
  for (const list of ['channels', 'staff_report']) {
    listAt(data, list).forEach((entry, i) => warnUnshipped(textAt(entry, 'language'), [list, i, 'language']));
  }

  listAt(data, 'regions').forEach((entry, i) => {
    const names = isRecord(entry) ? entry['names'] : undefined;
    if (!isRecord(names)) return;
    for (const tag of Object.keys(names)) {
      const problem = languageProblem(tag);
      if (problem) issues.push({ path: ['regions', i, 'names', tag], at: 'key', message: `names: ${problem}`, severity: 'error' });
    }
  });
  return issues;
}
