// The sandbox EHR's chart: the product's demo cases, the Synthea patients of ../shared (when present), the demo
// users' Practitioners, and for three Synthea patients a payer coverage and a lumbar MRI order so they make cases.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Operator } from '@medplum/core';
import type { FhirRepository } from '@medplum/fhir-router';
import type { Bundle, Coverage, Encounter, Organization, Resource, ServiceRequest } from '@medplum/fhirtypes';
import { PAYER_ID_SYSTEM } from '../../../demo/builders/admin.ts';
import { DEFAULT_TODAY, generateDemoCases } from '../../../demo/index.ts';
import { PAYERS, SOP, type PayerSpec } from '../../../demo/payers.ts';
import { DEMO_USERS, practitionerOf } from './users.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** The folder of shared test data beside the repository (`../shared/<parts>`). */
export function sharedDataPath(...parts: string[]): string {
  return path.join(repoRoot, '..', 'shared', ...parts);
}

export const SYNTHEA_BUNDLES = sharedDataPath('fhir-samples', 'bulk-10-patients-bundles');

export interface SeedOptions {
  /** Number of demo cases to load (default 24). */
  demoCases?: number;
  /** Folder of Synthea per-patient Bundles; null skips them. */
  syntheaDir?: string | null;
  warn?: (message: string) => void;
}

/** A chart the sandbox holds that a prior-authorization case can start from. */
export interface SandboxCase {
  id: string;
  title: string;
  patient: string;
  order: string;
  encounter?: string;
}

export interface SeedSummary {
  resources: number;
  cases: SandboxCase[];
  syntheaPatients: number;
}

/** The Synthea patients given a coverage and an order (CPT 72148, MRI lumbar spine without contrast). */
export const SYNTHEA_SCENARIOS = [
  { patientId: 'ca15b832-01e4-41dd-6a52-97bd3e5510cb', name: 'Corrin41 Jast432', payer: PAYERS.uhcChoicePlus },
  { patientId: 'fb7c882a-f897-e7c5-67e0-825e7fd55d15', name: 'Karena692 OKeefe54', payer: PAYERS.uhcChoicePlus },
  { patientId: '8e1a0a7c-e308-444b-075a-3c2b1f60f881', name: 'Rocky100 Streich926', payer: PAYERS.aetnaOpenAccess },
] as const;

const CHRONIC_LOW_BACK_PAIN = '278860009';

type ReferenceMap = Map<string, string>;

/** Rewrites `urn:uuid:` and conditional (`Practitioner?identifier=system|value`) references to literal ones. */
function rewriteReferences<T>(value: T, references: ReferenceMap): T {
  if (Array.isArray(value)) return value.map((v: unknown) => rewriteReferences(v, references)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = k === 'reference' && typeof v === 'string' ? (references.get(v) ?? v) : rewriteReferences(v, references);
  }
  return out as T;
}

function identifierKeys(resource: Resource): string[] {
  const identifiers = 'identifier' in resource && Array.isArray(resource.identifier) ? resource.identifier : [];
  return identifiers.flatMap((i: { system?: string; value?: string }) =>
    i.system && i.value ? [`${resource.resourceType}?identifier=${i.system}|${i.value}`] : [],
  );
}

class Loader {
  readonly references: ReferenceMap = new Map();
  count = 0;

  constructor(private readonly repo: FhirRepository) {}

  async add(resources: readonly Resource[], fullUrls: readonly (string | undefined)[] = []): Promise<void> {
    resources.forEach((r, i) => {
      const literal = `${r.resourceType}/${r.id ?? ''}`;
      const fullUrl = fullUrls[i];
      if (fullUrl) this.references.set(fullUrl, literal);
      for (const conditional of identifierKeys(r)) this.references.set(conditional, literal);
    });
    for (const resource of resources) {
      await this.repo.createResource(rewriteReferences(resource, this.references));
      this.count++;
    }
  }

  async addBundle(bundle: Bundle): Promise<void> {
    const entries = (bundle.entry ?? []).filter((e) => e.resource?.id);
    await this.add(
      entries.map((e) => e.resource as Resource),
      entries.map((e) => e.fullUrl),
    );
  }
}

function readNdjson(file: string): Resource[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Resource);
}

async function loadDemoCases(loader: Loader, count: number): Promise<SandboxCase[]> {
  const cases: SandboxCase[] = [];
  for (const demo of generateDemoCases({ seed: 1, count })) {
    await loader.addBundle(demo.bundle);
    const resources = (demo.bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));
    const order = resources.find((r): r is ServiceRequest => r.resourceType === 'ServiceRequest');
    const patient = resources.find((r) => r.resourceType === 'Patient');
    if (!order || !patient) continue;
    const encounter = order.encounter?.reference ? loader.references.get(order.encounter.reference) : undefined;
    cases.push({
      id: demo.id,
      title: demo.title,
      patient: `Patient/${patient.id ?? ''}`,
      order: `ServiceRequest/${order.id ?? ''}`,
      ...(encounter ? { encounter } : {}),
    });
  }
  return cases;
}

function payerOrganization(payer: PayerSpec): Organization {
  return {
    resourceType: 'Organization',
    id: `sandbox-payer-${payer.payerId.toLowerCase()}`,
    identifier: [{ system: PAYER_ID_SYSTEM, value: payer.payerId }],
    active: true,
    type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/organization-type', code: 'pay' }] }],
    name: payer.name,
  };
}

/** Coverage and order for one Synthea patient, the order's requester being the clinician of the latest visit. */
async function addScenario(
  repo: FhirRepository,
  scenario: (typeof SYNTHEA_SCENARIOS)[number],
): Promise<SandboxCase | undefined> {
  const patient = `Patient/${scenario.patientId}`;
  const exists = await repo.readResource('Patient', scenario.patientId).catch(() => undefined);
  if (!exists) return undefined;
  const encounters = await repo.searchResources<Encounter>({
    resourceType: 'Encounter',
    filters: [{ code: 'patient', operator: Operator.EQUALS, value: patient }],
    sortRules: [{ code: 'date', descending: true }],
  });
  const latest = encounters[0];
  const requester = latest?.participant?.find((p) => p.individual?.reference?.startsWith('Practitioner/'))
    ?.individual ?? { reference: 'Practitioner/sandbox-clinician' };
  const conditions = await repo.searchResources({
    resourceType: 'Condition',
    filters: [
      { code: 'patient', operator: Operator.EQUALS, value: patient },
      { code: 'code', operator: Operator.EQUALS, value: CHRONIC_LOW_BACK_PAIN },
    ],
  });
  const payer = await repo.createResource(payerOrganization(scenario.payer));
  const short = scenario.patientId.slice(0, 8);
  const coverage = await repo.createResource<Coverage>({
    resourceType: 'Coverage',
    id: `sandbox-coverage-${short}`,
    status: 'active',
    type: {
      coding: [{ system: 'https://nahdo.org/sopt', code: scenario.payer.sop, display: SOP[scenario.payer.sop] }],
    },
    subscriber: { reference: patient },
    subscriberId: `9${scenario.patientId.replace(/\D/g, '').slice(0, 10)}`,
    beneficiary: { reference: patient },
    relationship: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/subscriber-relationship', code: 'self' }],
    },
    period: { start: '2024-01-01' },
    payor: [{ reference: `Organization/${payer.id}`, display: payer.name }],
    class: [
      {
        type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/coverage-class', code: 'plan' }] },
        value: scenario.payer.plan.value,
        name: scenario.payer.plan.name,
      },
    ],
  });
  const order = await repo.createResource<ServiceRequest>({
    resourceType: 'ServiceRequest',
    id: `sandbox-order-${short}`,
    status: 'active',
    intent: 'order',
    code: {
      coding: [
        { system: 'http://www.ama-assn.org/go/cpt', code: '72148', display: 'MRI lumbar spine without contrast' },
      ],
    },
    subject: { reference: patient, display: scenario.name },
    ...(latest ? { encounter: { reference: `Encounter/${latest.id}` } } : {}),
    authoredOn: `${DEFAULT_TODAY}T16:00:00Z`,
    requester,
    reasonReference: conditions.map((c) => ({ reference: `Condition/${c.id}` })),
    insurance: [{ reference: `Coverage/${coverage.id}` }],
  });
  return {
    id: `synthea-${short}`,
    title: `${scenario.name}: lumbar MRI (${scenario.payer.label})`,
    patient,
    order: `ServiceRequest/${order.id}`,
    ...(latest ? { encounter: `Encounter/${latest.id}` } : {}),
  };
}

async function loadSynthea(repo: FhirRepository, loader: Loader, dir: string): Promise<number> {
  // Practitioners, organizations and locations are shared, so the export keeps them out of the patient bundles.
  const ndjson = path.join(dir, '..', 'bulk-10-patients-ndjson');
  for (const type of ['Organization', 'Location', 'Practitioner', 'PractitionerRole'])
    await loader.add(readNdjson(path.join(ndjson, `${type}.000.ndjson`)));
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  for (const file of files) await loader.addBundle(JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Bundle);
  return files.length;
}

export async function seedSandbox(repo: FhirRepository, options: SeedOptions = {}): Promise<SeedSummary> {
  const loader = new Loader(repo);
  await loader.add(DEMO_USERS.map(practitionerOf));
  const cases = await loadDemoCases(loader, options.demoCases ?? 24);
  const dir = options.syntheaDir === undefined ? SYNTHEA_BUNDLES : options.syntheaDir;
  let syntheaPatients = 0;
  if (dir !== null && existsSync(dir)) {
    syntheaPatients = await loadSynthea(repo, loader, dir);
    for (const scenario of SYNTHEA_SCENARIOS) {
      const added = await addScenario(repo, scenario);
      if (added) cases.push(added);
    }
  } else if (dir !== null) {
    options.warn?.(`sandbox EHR: ${dir} is absent; loading the demo cases only`);
  }
  return { resources: loader.count, cases, syntheaPatients };
}
