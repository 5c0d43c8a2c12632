// Schema validation with Fastify's own Ajv compiler, in two modes: the query string, path parameters and headers
// arrive as text, so their values are coerced to the declared types (`?limit=20`); a JSON body already has types,
// so it is validated strictly (a number is not a string). Every date-time must also be an instant the database
// can store.
import { AjvCompiler, type BuildCompilerFromPool } from '@fastify/ajv-compiler';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { isStorableInstant } from './instant.ts';

// ajv-formats defines date-time as a definition object (RFC 3339 with real month lengths and leap seconds).
const rfc3339 = fullFormats['date-time'] as { validate: (text: string) => boolean };

type CompileForRoute = (route: {
  schema: unknown;
  method: string;
  url: string;
  httpPart?: string;
}) => ReturnType<ReturnType<BuildCompilerFromPool>>;

export function validatorFactory(): BuildCompilerFromPool {
  const pool = AjvCompiler();
  return (externalSchemas) => {
    // Fastify calls the compiler with the route definition; the package's types describe it as taking a schema.
    const compiler = (coerceTypes: 'array' | false) =>
      pool(externalSchemas, {
        customOptions: { coerceTypes, removeAdditional: false },
        onCreate(ajv) {
          ajv.addFormat('date-time', {
            type: 'string',
            validate: (text: string) => rfc3339.validate(text) && isStorableInstant(text),
          });
        },
      }) as unknown as CompileForRoute;
    const strict = compiler(false);
    const coercing = compiler('array');
    const compile: CompileForRoute = (route) => (route.httpPart === 'body' ? strict(route) : coercing(route));
    return compile as unknown as ReturnType<BuildCompilerFromPool>;
  };
}
