// Logging with PHI kept out. Request and response bodies are never logged; error logs carry codes and locations,
// not messages that could quote a value; and as a second line of defence pino redacts the fields that hold
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
      // Only the route and method: a query string could carry an identifier.
      req: (req: { method?: string; routeOptions?: { url?: string }; url?: string; id?: string }) => ({
        method: req.method,
        route: req.routeOptions?.url ?? req.url?.split('?')[0],
        id: req.id,
      }),
    },
  };
}
