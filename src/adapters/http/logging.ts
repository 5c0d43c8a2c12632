// Logging with PHI kept out. Request and response bodies are never logged, nor paths (only route patterns); error
// logs carry codes and locations, not messages that could quote a value; and as a second line of defence pino redacts the fields that hold
// names, birth dates, member ids, identifiers, note text and credentials wherever they appear.
import type { LoggerOptions } from 'pino';

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.body',
  'res.body',
  '*.name',
  '*.birthDate',
  '*.subscriberId',
  '*.identifier',
  '*.address',
  '*.telecom',
  '*.data',
  '*.text',
  '*.patient',
  '*.bundle',
];

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      // Only the method and the route pattern: a path or query string can carry an identifier or a name.
      req: (req: { method?: string; routeOptions?: { url?: string }; id?: string }) => ({
        method: req.method,
        route: req.routeOptions?.url ?? '(no route)',
        id: req.id,
      }),
      // An error's message and properties can quote input (a database error carries its query parameters): only
      // its type, code and call stack are logged.
      err: (err: Error & { code?: unknown }) => ({
        type: err.name,
        code: err.code,
        stack: err.stack
          ?.split('\n')
          .filter((line) => line.startsWith('    at '))
          .join('\n'),
      }),
    },
  };
}
