// Coverage discovery as data (`policies/coverage.yaml`): per payer × line of business × service family, who reviews
// the request (the payer itself or a radiology/utilization benefit manager), the channels it accepts, and the decision
// clocks that bind the reviewer. One TypeBox definition gives the JSON Schema and the TypeScript types.
import Type, { type Static } from 'typebox';
import { Compile } from 'typebox/compile';
import { LINES_OF_BUSINESS } from '../policy/schema.ts';
import { holidaySpecErrors } from './holidays.ts';

const Str = Type.String({ minLength: 1 });
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Strings = Type.Array(Str, { minItems: 1 });

export const CHANNELS = ['x12-278', 'pas', 'portal', 'fax', 'phone', 'ncpdp-epa'] as const;
export type Channel = (typeof CHANNELS)[number];
export const BENEFITS = ['medical', 'pharmacy'] as const;
export type Benefit = (typeof BENEFITS)[number];

/** Where a coverage fact was read, and when: such facts go stale (RBM contracts change), so the date matters. */
const FactSource = Type.Object(
  { name: Str, url: Type.Optional(Str), read: IsoDate, note: Type.Optional(Str) },
  { additionalProperties: false },
);
export type FactSource = Static<typeof FactSource>;

/** A service family: CPT/HCPCS codes or ranges (`70010-79999`), and/or every drug order. */
const ServiceFamily = Type.Object(
  {
    description: Str,
    codes: Type.Optional(Strings),
    /** Drug orders (MedicationRequest, or HCPCS J-codes) belong to this family. */
    drugs: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** What a route or a clock applies to. Every stated dimension must match; an absent one matches anything. */
const Match = Type.Object(
  {
    payers: Type.Optional(Strings),
    linesOfBusiness: Type.Optional(Type.Array(Type.Enum(LINES_OF_BUSINESS), { minItems: 1 })),
    families: Type.Optional(Strings),
    codes: Type.Optional(Strings),
    benefit: Type.Optional(Type.Enum(BENEFITS)),
  },
  { additionalProperties: false },
);
export type Match = Static<typeof Match>;

const Route = Type.Object(
  {
    match: Match,
    reviewer: Type.Optional(
      Type.Object(
        { name: Str, kind: Type.Union([Type.Literal('payer'), Type.Literal('rbm')]), source: FactSource },
        { additionalProperties: false },
      ),
    ),
    channels: Type.Optional(Type.Array(Type.Enum(CHANNELS), { minItems: 1 })),
    channelsSource: Type.Optional(FactSource),
  },
  { additionalProperties: false },
);
export type Route = Static<typeof Route>;

/** The holidays business-day clocks skip: a country's (and optionally a state's) public holidays with their observed
 * days, computed for any year (see holidays.ts), plus or minus listed days (a plan's own closures or openings). */
const HolidaySpec = Type.Object(
  {
    /** ISO 3166-1 alpha-2 country code, e.g. `US` (federal holidays). */
    country: Type.String({ pattern: '^[A-Z]{2}$' }),
    /** ISO 3166-2 subdivision code without the country, e.g. `NY`: adds the state's holidays. */
    state: Type.Optional(Type.String({ pattern: '^[A-Z0-9]{1,3}$' })),
    extra: Type.Optional(Type.Array(IsoDate)),
    exclude: Type.Optional(Type.Array(IsoDate)),
  },
  { additionalProperties: false },
);
export type HolidaySpec = Static<typeof HolidaySpec>;

/** A time limit: hours (absolute), calendar days or business days (weekends and holidays skipped). */
const Limit = Type.Object(
  {
    amount: Type.Integer({ minimum: 1 }),
    unit: Type.Union([Type.Literal('hours'), Type.Literal('calendar_days'), Type.Literal('business_days')]),
    /** Due at the end of the last day (23:59:59 local) instead of the receipt's time of day. Default: business days. */
    endOfDay: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type Limit = Static<typeof Limit>;

const Clock = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$' }),
    /** Short name shown in the determination, e.g. `CMS-0057-F`. */
    label: Str,
    match: Match,
    /** The clock applies to requests received on or after this date (and before `expires`). */
    effective: Type.Optional(IsoDate),
    expires: Type.Optional(IsoDate),
    /** Drug requests are outside this clock (the CMS-0057-F prior-authorization provisions exclude drugs). */
    excludesDrugs: Type.Optional(Type.Boolean()),
    /** Only drug requests (e.g. Part D / Part B drug clocks). */
    drugsOnly: Type.Optional(Type.Boolean()),
    expedited: Limit,
    standard: Limit,
    /** IANA time zone the days are counted in; default: the directory's. */
    timeZone: Type.Optional(Str),
    /** Holidays skipped by business days; default: the directory's (a payer's or state plan's clock names its own). */
    holidays: Type.Optional(HolidaySpec),
    source: FactSource,
  },
  { additionalProperties: false },
);
export type Clock = Static<typeof Clock>;

export const CoverageDirectorySchema = Type.Object(
  {
    /** Default IANA time zone for day counting. */
    timeZone: Str,
    /** Default holidays skipped when counting business days. */
    holidays: HolidaySpec,
    serviceFamilies: Type.Record(Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$' }), ServiceFamily),
    /** Drug ingredients by benefit: self-administered products go through the pharmacy benefit. */
    benefits: Type.Object(
      { pharmacyIngredients: Type.Array(Str), medicalIngredients: Type.Array(Str) },
      { additionalProperties: false },
    ),
    /** Ordered most specific first: the first matching route that names a reviewer (or channels) decides it. */
    routes: Type.Array(Route),
    /** Ordered most specific first: the first clock in force that matches decides the deadline. */
    clocks: Type.Array(Clock),
  },
  { additionalProperties: false },
);
export type CoverageDirectory = Static<typeof CoverageDirectorySchema>;

const compiled = Compile(CoverageDirectorySchema);

/** Schema errors with JSON pointers, then consistency errors (unknown families, bad ranges, unknown payers). */
export function coverageDirectoryErrors(data: unknown, payerIds?: ReadonlySet<string>): string[] {
  if (!compiled.Check(data)) {
    return [...compiled.Errors(data)]
      .filter((e) => e.keyword !== 'boolean')
      .map((e) => `${e.instancePath || '/'}: ${e.message}`);
  }
  const errors: string[] = [];
  const families = new Set(Object.keys(data.serviceFamilies));
  const checkMatch = (match: Match, path: string): void => {
    for (const family of match.families ?? []) {
      if (!families.has(family)) errors.push(`${path}/match/families: unknown service family '${family}'`);
    }
    for (const payer of match.payers ?? []) {
      if (payerIds && !payerIds.has(payer)) errors.push(`${path}/match/payers: '${payer}' is not in payers.yaml`);
    }
  };
  for (const [name, family] of Object.entries(data.serviceFamilies)) {
    for (const code of family.codes ?? []) {
      if (!/^[0-9A-Z]{5}(-[0-9A-Z]{5})?$/.test(code))
        errors.push(`/serviceFamilies/${name}: bad code or range '${code}'`);
    }
  }
  data.routes.forEach((route, i) => {
    checkMatch(route.match, `/routes/${String(i)}`);
    if (!route.reviewer && !route.channels) errors.push(`/routes/${String(i)}: names neither a reviewer nor channels`);
  });
  const ids = new Set<string>();
  data.clocks.forEach((clock, i) => {
    checkMatch(clock.match, `/clocks/${String(i)}`);
    if (ids.has(clock.id)) errors.push(`/clocks/${String(i)}: duplicate clock id '${clock.id}'`);
    ids.add(clock.id);
    if (clock.effective && clock.expires && clock.expires <= clock.effective)
      errors.push(`/clocks/${String(i)}: expires must be after effective`);
    for (const zone of [clock.timeZone].filter((z): z is string => z !== undefined)) {
      if (!isTimeZone(zone)) errors.push(`/clocks/${String(i)}/timeZone: unknown time zone '${zone}'`);
    }
    if (clock.holidays)
      errors.push(...holidaySpecErrors(clock.holidays).map((e) => `/clocks/${String(i)}/holidays: ${e}`));
  });
  if (!isTimeZone(data.timeZone)) errors.push(`/timeZone: unknown time zone '${data.timeZone}'`);
  errors.push(...holidaySpecErrors(data.holidays).map((e) => `/holidays: ${e}`));
  return errors;
}

export function isCoverageDirectory(data: unknown): data is CoverageDirectory {
  return compiled.Check(data);
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A policy library that may carry the coverage directory (loaded from `coverage.yaml` beside the policies). */
export interface CoverageLibrary {
  coverage?: CoverageDirectory;
}
