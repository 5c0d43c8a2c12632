// The `klivira` command line. Exit codes: 0 for any determination, 2 for bad input, 1 for a failure.
import { existsSync, readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { formatIssues, InvalidInputError } from '../../core/fhir/index.ts';
import { PasResponseError } from '../../core/pas/index.ts';
import { SubmissionInputError } from '../../core/submission/index.ts';
import { X12Error } from '../../core/x12/index.ts';
import { loadConfig } from '../config.ts';
import { describeProcessAs } from '../db/data-folder-lock.ts';
import { findPolicy } from '../../core/coverage/index.ts';
import { formatDetermination } from './format.ts';
import { formatFacts } from './facts.ts';
import type { PullFlags } from './pull.ts';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** Thrown for input the user can fix (a missing file, invalid JSON): exit code 2 with a readable message. */
class UsageError extends Error {}

function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file} (${code ?? 'error'})`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

interface CheckFlags {
  order?: string;
  asOf?: string;
  json?: boolean;
  store?: boolean;
  answers?: string;
  receivedAt?: string;
}

/** Exit code set by a command that decides its own (e.g. `x12 validate` on an invalid file). */
let exitCode = 0;

/** The runtime (database, services, policy library) is loaded only by the commands that use it, so commands such as
 * `x12 validate` start small: a streamed batch then runs in the memory the codec needs. */
const runtimeModule = () => import('../runtime.ts');

function existing(file: string): string {
  if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
  return file;
}

/** `klivira keys create`, `klivira check --store`: what a data folder's lock says holds it. */
function commandLine(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  if (command.opts<{ store?: boolean }>().store) names.push('--store');
  return names.join(' ');
}

function program(io: CliIo): Command {
  const cli = new Command('klivira')
    .description('Prior authorization, automated: intake, coverage, evidence, criteria, submission, tracking.')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .hook('preAction', (_cli, action) => {
      describeProcessAs(commandLine(action));
    });

  cli
    .command('check')
    .description(
      'Determine a FHIR Bundle against the payer policy and print the checklist (nothing is stored unless --store)',
    )
    .argument('<bundle>', 'FHIR R4 Bundle JSON file (collection or transaction)')
    .option('--order <reference>', 'the order to evaluate when the bundle has several (ResourceType/id)')
    .option('--as-of <date>', 'evaluation date YYYY-MM-DD (default: the order date, else today)')
    .option('--json', 'print the determination as JSON')
    .option('--store', 'also store the case in the database (embedded by default, DATABASE_URL for a server)')
    .option(
      '--answers <response.json>',
      're-evaluate with a completed QuestionnaireResponse (see klivira questionnaire)',
    )
    .option(
      '--received-at <date-time>',
      'when the payer received the request (ISO with zone): dates the decision deadline',
    )
    .action(async (file: string, flags: CheckFlags) => {
      const bundle = readJsonFile(file);
      const options = {
        ...(flags.order ? { orderReference: flags.order } : {}),
        ...(flags.asOf ? { asOf: flags.asOf } : {}),
        ...(flags.receivedAt ? { receivedAt: flags.receivedAt } : {}),
      };
      const config = loadConfig();
      const { offlineService, startRuntime } = await runtimeModule();
      let determination;
      let library;
      if (flags.answers !== undefined) {
        if (flags.store) throw new UsageError('--answers does not store: store the case, then POST the response');
        const response = readJsonFile(flags.answers);
        const { answersRejected } = await import('./questionnaire.ts');
        const service = offlineService(config);
        library = service.library;
        try {
          determination = service.checkWithAnswers(bundle, options, response).determination;
        } catch (error) {
          const message = answersRejected(error);
          throw message ? new UsageError(message) : error;
        }
      } else if (flags.store) {
        const runtime = await startRuntime(config);
        library = runtime.library;
        try {
          determination = (await runtime.service.create(bundle, options, 'cli')).determination;
        } finally {
          await runtime.database.close();
        }
      } else {
        const service = offlineService(config);
        library = service.library;
        determination = service.check(bundle, options).determination;
      }
      const policy = determination.policy
        ? findPolicy(library, determination.policy.id, determination.asOf)
        : undefined;
      io.out(flags.json ? `${JSON.stringify(determination, null, 2)}\n` : formatDetermination(determination, policy));
    });

  cli
    .command('eval')
    .description(
      'Run a folder of cases (<id>.json bundles beside <id>.expected.json) and print accuracy, the confusion matrix, false meets and disagreements',
    )
    .argument('<folder>', 'folder of cases')
    .option('--json', 'print the report as JSON')
    .action(async (folder: string, flags: { json?: boolean }) => {
      const { offlineService } = await runtimeModule();
      const { evaluateFolder, EvalInputError } = await import('./eval.ts');
      try {
        io.out(evaluateFolder(folder, offlineService(loadConfig()), flags.json === true));
      } catch (error) {
        throw error instanceof EvalInputError ? new UsageError(error.message) : error;
      }
    });

  cli
    .command('facts')
    .description('Print every fact extracted from a bundle, with its provenance')
    .argument('<bundle>', 'FHIR R4 Bundle JSON file')
    .option('--order <reference>', 'the order, when the bundle has several')
    .option('--as-of <date>', 'evaluation date YYYY-MM-DD')
    .option('--json', 'print the facts as JSON')
    .action(async (file: string, flags: CheckFlags) => {
      const { offlineService } = await runtimeModule();
      const result = offlineService(loadConfig()).check(readJsonFile(file), {
        ...(flags.order ? { orderReference: flags.order } : {}),
        ...(flags.asOf ? { asOf: flags.asOf } : {}),
      });
      io.out(
        flags.json
          ? `${JSON.stringify(result.facts, null, 2)}\n`
          : formatFacts(result.facts, result.intake.record.warnings),
      );
    });

  cli
    .command('serve')
    .description('Start the HTTP API (embedded PostgreSQL by default; DATABASE_URL for a server)')
    .option('--demo', 'load the seeded synthetic demo cases and write their bundles to .klivira/demo/')
    .option('--port <port>', 'port to listen on (default: PORT or 3000)')
    .action(async (flags: { demo?: boolean; port?: string }) => {
      // Loaded on demand: `check` and `facts` need no HTTP server.
      const { serve } = await import('./serve.ts');
      await serve(
        loadConfig({ ...process.env, ...(flags.port ? { PORT: flags.port } : {}) }),
        { demo: flags.demo === true },
        io,
      );
    });

  const x12 = cli.command('x12').description('X12 278 (005010X217): parse, validate, build');
  x12
    .command('parse')
    .argument('<file>', 'X12 file (a 278 request or response, 999, TA1)')
    .option('--json', 'print the typed model as JSON')
    .action(async (file: string, flags: { json?: boolean }) => {
      const { x12Parse } = await import('./x12.ts');
      exitCode = x12Parse(existing(file), flags.json === true, io);
    });
  x12
    .command('validate')
    .argument('<file>', 'X12 file')
    .description('Check envelope, counts, HL structure, segments, elements and code lists; exit 2 when invalid')
    .action(async (file: string) => {
      const { x12Validate } = await import('./x12.ts');
      exitCode = await x12Validate(existing(file), io);
    });
  x12
    .command('build')
    .argument('<bundle>', 'FHIR R4 Bundle JSON file')
    .description("Build the 278 request for the bundle's order (control numbers from the database)")
    .action(async (file: string) => {
      const { x12Build } = await import('./x12.ts');
      exitCode = await x12Build(readJsonFile(file), loadConfig(), io);
    });

  const pas = cli.command('pas').description('Da Vinci PAS: build a request, read a response');
  pas
    .command('build')
    .argument('<bundle>', 'FHIR R4 Bundle JSON file')
    .action(async (file: string) => {
      const { pasBuild } = await import('./pas.ts');
      exitCode = pasBuild(readJsonFile(file), loadConfig(), io);
    });
  pas
    .command('read')
    .argument('<response>', 'PAS response Bundle, $inquire Parameters or notification JSON file')
    .option('--json', 'print the decisions as JSON')
    .action(async (file: string, flags: { json?: boolean }) => {
      const { pasRead } = await import('./pas.ts');
      exitCode = pasRead(readJsonFile(file), flags.json === true, io);
    });

  cli
    .command('questionnaire')
    .description(
      "Print the documentation questionnaire (FHIR Questionnaire, DTR style) for a bundle's unknown criteria",
    )
    .argument('<bundle>', 'FHIR R4 Bundle JSON file')
    .option('--order <reference>', 'the order, when the bundle has several')
    .option('--as-of <date>', 'evaluation date YYYY-MM-DD')
    .option('--json', 'print a FHIR Bundle: the Questionnaire, then the prefilled draft QuestionnaireResponse')
    .action(async (file: string, flags: CheckFlags) => {
      const { formatQuestionnaire, questionnaireBundle } = await import('./questionnaire.ts');
      const { offlineService } = await runtimeModule();
      const result = offlineService(loadConfig()).questionnaire(readJsonFile(file), {
        ...(flags.order ? { orderReference: flags.order } : {}),
        ...(flags.asOf ? { asOf: flags.asOf } : {}),
      });
      io.out(
        flags.json
          ? `${JSON.stringify(questionnaireBundle(result.questionnaire, result.draft), null, 2)}\n`
          : formatQuestionnaire(result.questionnaire, result.draft),
      );
    });

  cli
    .command('policies')
    .description('List the policy library (id, version, title, payers, lines of business, codes, PA, dates)')
    .option('--payer <payer>', 'only this payer (id, name or alias)')
    .option('--code <code>', 'only policies covering this CPT/HCPCS/RxNorm code or drug ingredient')
    .option('--json', 'print the listing as JSON')
    .action(async (flags: { payer?: string; code?: string; json?: boolean }) => {
      const { policiesOutput } = await import('./policies.ts');
      const { loadPolicyLibrary } = await import('../policies/load.ts');
      const result = policiesOutput(loadPolicyLibrary(), flags);
      if ('error' in result) throw new UsageError(result.error);
      io.out(result.out);
    });
  cli
    .command('policy')
    .description('One policy of the library')
    .command('show')
    .description('Print a policy readably: criteria tree (all / any / at least), exceptions, exclusions, sources')
    .argument('<id>', 'policy id (see klivira policies)')
    .option('--as-of <date>', 'the version in force on this date (default: the newest)')
    .option('--json', 'print the policy as JSON')
    .action(async (id: string, flags: { json?: boolean; asOf?: string }) => {
      const { policyShowOutput } = await import('./policies.ts');
      const { loadPolicyLibrary } = await import('../policies/load.ts');
      const result = policyShowOutput(loadPolicyLibrary(), id, flags);
      if ('error' in result) throw new UsageError(result.error);
      io.out(result.out);
    });

  const dtr = cli.command('dtr').description('Da Vinci DTR: run a payer questionnaire package');
  dtr
    .command('prefill')
    .description(
      "Print the QuestionnaireResponse a DTR client pre-populates: the package's CQL run over the patient's record",
    )
    .argument(
      '<package>',
      'questionnaire package JSON: a Bundle with the Questionnaire, its Libraries (ELM) and ValueSets',
    )
    .argument('<record>', "the patient's record: a FHIR Bundle (transaction or collection)")
    .option('--order <reference>', 'the order the questionnaire is about, in the record (ResourceType/id)')
    .option('--today <date>', "freeze the CQL clock (Today()) and the response's authored date: YYYY-MM-DD")
    .option('--json', 'print the QuestionnaireResponse as JSON')
    .action(async (pkg: string, record: string, flags: { order?: string; today?: string; json?: boolean }) => {
      const { dtrPrefill } = await import('./dtr.ts');
      const result = await dtrPrefill(pkg, record, flags);
      if ('error' in result) throw new UsageError(result.error);
      io.out(result.out);
      for (const warning of result.warnings) io.err(`warning: ${warning}\n`);
    });

  cli
    .command('keys')
    .description('API keys')
    .command('create')
    .description('Create an API key (printed once; stored hashed) for an organization and role')
    .requiredOption('--org <id>', 'organization (tenant) id')
    .requiredOption('--role <role>', 'admin | coordinator | clinician | read_only')
    .option('--label <text>', 'what the key is for', 'created with the CLI')
    .action(async (flags: { org: string; role: string; label: string }) => {
      const { createKey } = await import('./keys.ts');
      await createKey(loadConfig(), flags, io);
    });

  cli
    .command('sim')
    .description('Test tools')
    .command('payer')
    .description('Start the payer simulator: Da Vinci PAS at /fhir and the X12 278 over CAQH CORE at /core')
    .option('--port <port>', 'port to listen on', '3100')
    .option('--scenarios <file>', 'JSON list of scenario rules ({ match, adjudication }); default: approve everything')
    .option('--core-user <user:password>', 'CORE credentials to require')
    .action(async (flags: { port: string; scenarios?: string; coreUser?: string }) => {
      const { startSimulator } = await import('./sim.ts');
      await startSimulator(
        {
          port: portNumber(flags.port),
          ...(flags.scenarios ? { rules: readJsonFile(flags.scenarios) } : {}),
          ...(flags.coreUser ? { coreUser: flags.coreUser } : {}),
        },
        io,
      );
    });

  cli
    .command('pull')
    .description(
      "Pull a patient's record for one order from an EHR's FHIR server as a collection Bundle (for klivira check)",
    )
    .requiredOption('--fhir <base>', 'FHIR base URL of the EHR')
    .requiredOption('--patient <id>', 'Patient id')
    .requiredOption('--order <reference>', 'ServiceRequest/<id> or MedicationRequest/<id>')
    .option('--out <file>', 'write the bundle to this file (default: stdout)')
    .option('--client-id <id>', 'SMART Backend Services client id (with --key)')
    .option('--key <jwk.json>', 'private JWK (RS384 or ES384) of that client')
    .option('--scope <scope>', 'scopes to request', 'system/*.rs')
    .action(async (flags: PullFlags) => {
      const { pullCommand } = await import('./pull.ts');
      exitCode = await pullCommand(flags, io);
    });

  cli
    .command('sandbox-ehr')
    .description(
      'Start the sandbox EHR: a SMART on FHIR R4 server and OpenID Connect authorization server with synthetic patients',
    )
    .option('--port <port>', 'port to listen on', '3200')
    .action(async (flags: { port: string }) => {
      const { runSandboxEhr } = await import('./sandbox-ehr.ts');
      await runSandboxEhr({ port: portNumber(flags.port) }, io);
    });

  return cli;
}

/** A TCP port from the command line (0 lets the system choose). */
function portNumber(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`'${value}' is not a port number`);
  return port;
}

export async function run(argv: string[], io: CliIo = processIo): Promise<number> {
  exitCode = 0;
  try {
    await program(io).parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof InvalidInputError) {
      io.err(`The bundle was rejected:\n${formatIssues(error.issues).replace(/^/gm, '  - ')}\n`);
      return 2;
    }
    if (error instanceof X12Error || error instanceof PasResponseError || error instanceof SubmissionInputError) {
      io.err(`${error.message}\n`);
      return 2;
    }
    if (error instanceof UsageError) {
      io.err(`${error.message}\n`);
      return 2;
    }
    io.err(`klivira failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
