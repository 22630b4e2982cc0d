import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/**
 * Structured JSON logs (one object per line) for operators' log pipelines.
 * Secrets and tokens are redacted wherever they appear in a logged object.
 */
export function createLogger(options: { level: LoggerOptions['level']; name?: string; pretty?: boolean }): Logger {
  return pino({
    // Human-readable lines for a person at a terminal (`npm start`); JSON everywhere else.
    transport: options.pretty ? { target: 'pino-pretty', options: { ignore: 'pid,hostname', translateTime: 'HH:MM:ss' } } : undefined,
    name: options.name ?? 'pix-lti',
    level: options.level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.password',
        '*.encryptionKey',
        '*.privateKey',
        '*.id_token',
        '*.client_secret',
      ],
      censor: '***',
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

/** A logger that writes nothing, for tests that do not look at logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
