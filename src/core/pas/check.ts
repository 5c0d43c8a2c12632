// What a profile validator cannot check on a PAS request Bundle, checked here: the Claim comes first, fullUrls are
// present and unique, each resource appears once, every literal reference resolves inside the Bundle, and the Claim's
// sequence numbers (the keys items, diagnoses, supporting info and care team are linked and traced by) are unique
// and the item's pointers land on existing ones. Also the Bundle's own identifier and timestamp, so that a channel
// can run this before sending without the (test-only) profile validator, and the data a payer cannot act without:
// the Claim's parties and items, the member id, and a way to reach the requesting practitioner (US Core pd-1).
import type { Bundle, Claim } from '@medplum/fhirtypes';
import type { Issue } from '../fhir/outcome.ts';
import { restBaseOf } from './assemble.ts';

export function checkPasBundle(bundle: Bundle): Issue[] {
  const issues: Issue[] = [];
  if (bundle.type !== 'collection') {
    issues.push(error('value', `a PAS request Bundle is a collection, not '${bundle.type}'`, 'Bundle.type'));
  }
  if (!bundle.identifier?.system || !bundle.identifier.value) {
    issues.push(
      error('required', 'the Bundle needs an identifier with system and value (X12 BHT03)', 'Bundle.identifier'),
    );
  }
  if (!bundle.timestamp) issues.push(error('required', 'the Bundle needs a timestamp', 'Bundle.timestamp'));
  const entries = bundle.entry ?? [];
  const first = entries[0]?.resource;
  if (first?.resourceType !== 'Claim') {
    issues.push(error('structure', 'the first entry must be the Claim (ClaimFirst)', 'Bundle.entry[0].resource'));
  }
  // A Claim, or a Claim Update and the Claim it updates.
  const claims = entries.filter((entry) => entry.resource?.resourceType === 'Claim').length;
  if (claims > 2) issues.push(error('structure', `${claims} Claims where at most 2 belong`, 'Bundle.entry'));
  issues.push(...checkEntries(bundle), ...checkReferences(bundle));
  if (first?.resourceType === 'Claim') issues.push(...checkSequences(first), ...checkClaimParties(first));
  issues.push(...checkPartyResources(bundle));
  return issues;
}

function checkClaimParties(claim: Claim): Issue[] {
  const at = 'Bundle.entry[0].resource';
  const required: [string, unknown][] = [
    ['patient', claim.patient?.reference],
    ['insurer', claim.insurer?.reference],
    ['provider', claim.provider?.reference],
    ['insurance', claim.insurance?.[0]?.coverage.reference],
    ['item', claim.item?.[0]],
  ];
  return required.flatMap(([element, value]) =>
    value === undefined ? [error('required', `the Claim has no ${element}`, `${at}.${element}`)] : [],
  );
}

function checkPartyResources(bundle: Bundle): Issue[] {
  return (bundle.entry ?? []).flatMap((entry, index): Issue[] => {
    const resource = entry.resource;
    const at = `Bundle.entry[${index}].resource`;
    if (resource?.resourceType === 'PractitionerRole' && !resource.telecom?.length && !resource.endpoint?.length) {
      return [error('required', 'the PractitionerRole has no contact details (telecom or endpoint, pd-1)', at)];
    }
    if (resource?.resourceType === 'Patient' && !resource.identifier?.length) {
      return [error('required', 'the Patient has no identifier (e.g. the medical record number)', `${at}.identifier`)];
    }
    if (resource?.resourceType === 'Coverage' && !resource.subscriberId && !resource.identifier?.length) {
      return [error('required', 'the Coverage has no member id (subscriberId)', `${at}.subscriberId`)];
    }
    return [];
  });
}

function checkEntries(bundle: Bundle): Issue[] {
  const issues: Issue[] = [];
  const fullUrls = new Map<string, number>();
  const resources = new Map<string, number>();
  (bundle.entry ?? []).forEach((entry, index) => {
    const location = `Bundle.entry[${index}]`;
    if (!entry.fullUrl) issues.push(error('required', 'entry has no fullUrl', `${location}.fullUrl`));
    else duplicate(fullUrls, entry.fullUrl, index, `fullUrl ${entry.fullUrl}`, `${location}.fullUrl`, issues);
    for (const key of ['request', 'response', 'search'] as const) {
      if (entry[key] !== undefined)
        issues.push(error('structure', `a collection entry has no ${key}`, `${location}.${key}`));
    }
    const resource = entry.resource;
    if (!resource) {
      issues.push(error('required', 'entry has no resource', `${location}.resource`));
      return;
    }
    if (resource.id) {
      const key = `${resource.resourceType}/${resource.id}`;
      duplicate(resources, key, index, key, `${location}.resource.id`, issues);
    }
  });
  return issues;
}

function duplicate(
  seen: Map<string, number>,
  key: string,
  index: number,
  what: string,
  location: string,
  issues: Issue[],
): void {
  const earlier = seen.get(key);
  if (earlier === undefined) seen.set(key, index);
  else issues.push(error('duplicate', `${what} appears twice (also at Bundle.entry[${earlier}])`, location));
}

/** Literal references resolve against fullUrls; relative ones (`Type/id`) against the referencing entry's base. */
function checkReferences(bundle: Bundle): Issue[] {
  const entries = bundle.entry ?? [];
  const fullUrls = new Set(entries.flatMap((entry) => (entry.fullUrl ? [entry.fullUrl] : [])));
  const issues: Issue[] = [];
  entries.forEach((entry, index) => {
    const base = entry.fullUrl && entry.resource ? restBaseOf(entry.fullUrl) : undefined;
    forEachReference(entry.resource, `Bundle.entry[${index}].resource`, (reference, location) => {
      const resolves =
        fullUrls.has(reference) ||
        (base !== undefined && isRelative(reference) && fullUrls.has(`${base}/${reference}`));
      if (!resolves)
        issues.push(error('not-found', `reference ${reference} does not resolve within the Bundle`, location));
    });
  });
  return issues;
}

function isRelative(reference: string): boolean {
  return /^[A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/.test(reference);
}

function forEachReference(value: unknown, path: string, visit: (reference: string, location: string) => void): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      forEachReference(item, `${path}[${index}]`, visit);
    });
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, inner] of Object.entries(value)) {
    // '#id' points at a contained resource, which travels inside its container.
    if (key === 'reference' && typeof inner === 'string' && !inner.startsWith('#')) visit(inner, `${path}.reference`);
    else if (key !== 'contained') forEachReference(inner, `${path}.${key}`, visit);
  }
}

function checkSequences(claim: Claim): Issue[] {
  const at = 'Bundle.entry[0].resource';
  const issues: Issue[] = [];
  const unique = (name: string, sequences: (number | undefined)[]): Set<number> => {
    const seen = new Set<number>();
    sequences.forEach((sequence, index) => {
      if (sequence === undefined) return;
      if (seen.has(sequence)) {
        issues.push(
          error('duplicate', `${name} sequence ${sequence} is not unique`, `${at}.${name}[${index}].sequence`),
        );
      }
      seen.add(sequence);
    });
    return seen;
  };
  const careTeam = unique(
    'careTeam',
    (claim.careTeam ?? []).map((c) => c.sequence),
  );
  const diagnosis = unique(
    'diagnosis',
    (claim.diagnosis ?? []).map((d) => d.sequence),
  );
  const information = unique(
    'supportingInfo',
    (claim.supportingInfo ?? []).map((s) => s.sequence),
  );
  unique(
    'item',
    (claim.item ?? []).map((i) => i.sequence),
  );
  (claim.item ?? []).forEach((item, index) => {
    const pointers: [string, number[] | undefined, Set<number>][] = [
      ['careTeamSequence', item.careTeamSequence, careTeam],
      ['diagnosisSequence', item.diagnosisSequence, diagnosis],
      ['informationSequence', item.informationSequence, information],
    ];
    for (const [name, values, targets] of pointers) {
      for (const value of values ?? []) {
        if (!targets.has(value)) {
          issues.push(error('not-found', `item ${name} ${value} names no such entry`, `${at}.item[${index}].${name}`));
        }
      }
    }
  });
  return issues;
}

function error(code: Issue['code'], message: string, location: string): Issue {
  return { severity: 'error', code, message, location };
}
