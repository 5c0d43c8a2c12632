// Where a radiation history reached, for the Mohs AUC modifier "previously irradiated skin": the modifier is irradiated
// skin at the tumour's site, not a history of radiation anywhere. The field a record names ("external beam radiation
// - prostate/pelvis") is read from the words about the radiation, not the rest of their sentence, and on the trunk it
// reaches only its own part.
import { bodyRegionsOf, type AnatomicSite, type BodyRegion } from '../evidence/codesets.ts';
import type { Fact } from '../evidence/fact.ts';

/** The skin over the organs radiation is given for: a pelvic field is not the skin of the upper back. */
interface RadiationField {
  field: RegExp;
  regions: readonly BodyRegion[];
  /** The trunk sites the field's beams cross; a trunk site outside them was not irradiated. */
  trunk: RegExp;
}
const RADIATION_FIELDS: readonly RadiationField[] = [
  {
    field: /\b(?:prostat\w*|pelvi[cs]|rect(?:um|al)|cervi(?:x|cal cancer)|uter\w*|endometri\w*|bladder|anal canal)\b/i,
    regions: ['trunk', 'genitals'],
    trunk:
      /\b(?:low(?:er)? back|lumbar|lumbosacral|sacr\w*|coccy\w*|butt\w*|gluteal|natal cleft|groin|inguinal|pubic|suprapubic|lower abdom\w*|hip|perine\w*|pelvi\w*)\b/i,
  },
  {
    field: /\b(?:breast|chest(?: wall)?|lung|mediastin\w*|thorac\w*|esophag\w*)\b/i,
    regions: ['trunk'],
    trunk:
      /\b(?:chest|breast|infra-?mammary|axill\w*|sternal|sternum|clavic\w*|thorac\w*|back|scapul\w*|shoulder|flank|upper abdom\w*)\b/i,
  },
  {
    field: /\b(?:abdom\w*|pancrea\w*|gastric|stomach|liver)\b/i,
    regions: ['trunk'],
    trunk: /\b(?:abdom\w*|umbilic\w*|epigastr\w*|flank|back|lumbar|lower chest)\b/i,
  },
  {
    field: /\b(?:brain|cranial|whole[- ]brain|head and neck|laryn\w*|pharyn\w*|tonsil\w*|parotid|thyroid)\b/i,
    regions: ['face', 'scalp', 'neck'],
    trunk: /\b(?:upper chest|supraclavic\w*|clavic\w*)\b/i,
  },
];

/** Where the fact says the radiation went, leaving out the places it denies ("no radiation to the chest, back"). */
function fieldText(fact: Fact): string {
  const text = `${fact.kind === 'risk_factor' ? (fact.detail ?? '') : ''} ${radiationClause(fact.source.text)}`;
  return text.replace(/\b(?:no|not|never|without)\b[^;.]*/gi, ' ');
}

/** The words about the radiation itself ("prior prostate radiation (2018)"), not the rest of its sentence ("hx of
 * recurrent BCC (L shoulder …) and hx of prior radiation therapy (prostate, 2018)"). */
function radiationClause(text: string): string {
  const m = /irradiat|radiat|\bXRT\b|\bEBRT\b|radiotherapy|\bIMRT\b/i.exec(text);
  if (!m) return text;
  const before = text.slice(Math.max(0, m.index - 30), m.index);
  const cut = Math.max(
    before.lastIndexOf(','),
    before.lastIndexOf(';'),
    before.lastIndexOf('.'),
    before.lastIndexOf(')'),
  );
  const end = text.slice(m.index).search(/[.;](?:\s|$)/);
  return `${before.slice(cut + 1)}${text.slice(m.index, end < 0 ? undefined : m.index + end)}`;
}

function namesField(fact: Fact): boolean {
  const text = fieldText(fact);
  return bodyRegionsOf(text).length > 0 || RADIATION_FIELDS.some((f) => f.field.test(text));
}

/** Unless a statement names a field at the site, radiation the record also tells without a field is the same
 * course ("Prior radiation: YES" beside "EBRT prostate 2015"). */
export function mayHaveIrradiatedAny(facts: readonly Fact[], site: AnatomicSite | undefined): Fact[] {
  const located = facts.filter(namesField);
  if (located.length > 0 && !located.some((f) => mayHaveIrradiated(f, site))) return [];
  return facts.filter((f) => mayHaveIrradiated(f, site));
}

function mayHaveIrradiated(fact: Fact, site: AnatomicSite | undefined): boolean {
  if (!site || fact.kind !== 'risk_factor') return true;
  const text = fieldText(fact);
  const named = bodyRegionsOf(text);
  const fields = RADIATION_FIELDS.filter((f) => f.field.test(text));
  if (named.length === 0 && fields.length === 0) return true;
  if (site.regions.some((r) => named.includes(r))) return true;
  return fields.some(
    (f) =>
      site.regions.some((r) => r !== 'trunk' && f.regions.includes(r)) ||
      (site.regions.includes('trunk') && f.regions.includes('trunk') && f.trunk.test(site.site)),
  );
}
