// One error type for the whole bot: a value with a string `code` the caller acts on and a
// message a person can read (like Bolt's coded errors). Platform, store and start-up errors
// extend it. `errorLogFields` is the one way an error becomes log fields: its name and code,
// never its message, which may carry request text, a user id or a URL.

export class CodedError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Log fields for any thrown value: `{ error: <name>, code?: <code> }`. Never the message. */
export function errorLogFields(error: unknown): { error: string; code?: string } {
  const name = error instanceof Error ? error.name : typeof error;
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code === 'string' || typeof code === 'number') return { error: name, code: String(code) };
  return { error: name };
}
