// `klivira pull`: a patient's record for one order from an EHR's FHIR server, as the collection Bundle `klivira
// check` takes; with --client-id and --key, authenticated by SMART Backend Services. The bundle goes to stdout (or
// --out), warnings and a summary to stderr. Returns the exit code: 2 for bad arguments, 1 when the pull fails.
import { readFileSync, writeFileSync } from 'node:fs';
import type { JWK } from 'jose';
import { backendServicesAuth } from '../ehr/pull/backend-services.ts';
import { assertionAlgorithm } from '../oauth/client-assertion.ts';
import { pullRecord } from '../ehr/pull/pull-record.ts';
import { PullInputError } from '../ehr/pull/targets.ts';
import type { CliIo } from './main.ts';

export interface PullFlags {
  fhir: string;
  patient: string;
  order: string;
  out?: string;
  clientId?: string;
  key?: string;
  scope?: string;
}

class BadArguments extends Error {}

function fhirBase(text: string): string {
  if (!URL.canParse(text) || !/^https?:$/.test(new URL(text).protocol))
    throw new BadArguments(`--fhir '${text}' is not an http(s) URL`);
  return text.replace(/\/$/, '');
}

function privateKey(file: string): JWK {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new BadArguments(`cannot read the key ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let jwk: unknown;
  try {
    jwk = JSON.parse(text);
  } catch {
    throw new BadArguments(`the key ${file} is not JSON (a private JWK is expected)`);
  }
  if (jwk === null || typeof jwk !== 'object' || Array.isArray(jwk))
    throw new BadArguments(`the key ${file} is not a JWK object`);
  try {
    assertionAlgorithm(jwk);
  } catch (error) {
    throw new BadArguments(`the key ${file}: ${(error as Error).message}`);
  }
  return jwk;
}

function authOf(flags: PullFlags, base: string) {
  if ((flags.clientId === undefined) !== (flags.key === undefined))
    throw new BadArguments('--client-id and --key go together (SMART Backend Services)');
  if (flags.clientId === undefined || flags.key === undefined) return undefined;
  return backendServicesAuth({
    fhirBase: base,
    clientId: flags.clientId,
    privateJwk: privateKey(flags.key),
    ...(flags.scope ? { scope: flags.scope } : {}),
  });
}

export async function pullCommand(flags: PullFlags, io: CliIo): Promise<number> {
  try {
    const base = fhirBase(flags.fhir);
    const auth = authOf(flags, base);
    const { bundle, warnings, stats } = await pullRecord({
      fhirBase: base,
      ...(auth ? { auth } : {}),
      patient: flags.patient,
      order: flags.order,
    });
    const json = `${JSON.stringify(bundle, null, 2)}\n`;
    if (flags.out) writeFileSync(flags.out, json);
    else io.out(json);
    for (const warning of warnings) io.err(`warning: ${warning}\n`);
    io.err(
      `pulled ${stats.resources} resources (${stats.bytes} bytes, ${stats.requests} requests) in ${stats.durationMs} ms${flags.out ? ` to ${flags.out}` : ''}\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof BadArguments || error instanceof PullInputError) {
      io.err(`${error.message}\n`);
      return 2;
    }
    io.err(`klivira pull failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
