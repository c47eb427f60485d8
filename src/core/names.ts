// How names are compared everywhere a person types one (`/pray`, import headings, config
// clashes, did-you-mean): case, accents and punctuation ignored, `&` read as `and`.
export function normalizeName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
