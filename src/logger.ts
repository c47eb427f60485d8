// pino, pretty on a terminal and JSON otherwise. Every line passes through a redaction
// stream that removes the environment's secret values and anything shaped like a Slack or
// Discord token, wherever it appears (fields, error messages, stack traces).
import { Transform, type Writable } from 'node:stream';
import pino, { type Logger } from 'pino';

const TOKEN_SHAPES = [
  /xox[abposre]-[A-Za-z0-9-]+/g, // Slack bot/user/refresh tokens
  /xapp-[A-Za-z0-9-]+/g, // Slack app-level tokens
  /[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,40}/g, // Discord bot tokens
];

export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret) out = out.split(secret).join('[redacted]');
  for (const shape of TOKEN_SHAPES) out = out.replace(shape, '[redacted]');
  return out;
}

export function redactingStream(secrets: readonly string[], destination: Writable | NodeJS.WritableStream): Transform {
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, redact(chunk.toString('utf8'), secrets));
    },
  });
  stream.pipe(destination as Writable);
  return stream;
}

export interface LoggerOptions {
  level: string;
  secrets: readonly string[];
  /** Where lines go; default stdout (the console chat sends them to stderr). */
  destination?: NodeJS.WritableStream;
  pretty?: boolean;
}

export async function createLogger(options: LoggerOptions): Promise<Logger> {
  const out = options.destination ?? process.stdout;
  const isTty = 'isTTY' in out && Boolean((out as { isTTY?: boolean }).isTTY);
  // pino-pretty is loaded only for a terminal: JSON lines need none of it.
  const target =
    options.pretty ?? isTty
      ? (await import('pino-pretty')).default({ destination: out as Writable, colorize: isTty, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' })
      : out;
  return pino(
    {
      level: options.level,
      base: undefined,
      // Belt and braces: fields that could carry a person's id or a secret never print.
      redact: { paths: ['userId', 'user', 'token', '*.token', 'headers.authorization', 'authorization'], censor: '[redacted]' },
      serializers: { err: pino.stdSerializers.err },
    },
    redactingStream(options.secrets, target),
  );
}
