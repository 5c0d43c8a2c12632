// Clinical notes as DocumentReferences: a note is a title and sections of lines, rendered to plain text (the usual
// "HPI: …" layout) or to simple HTML, and attached as base64 UTF-8.
import type { DocumentReference, Encounter, Reference } from '@medplum/fhirtypes';
import type { CaseContext } from '../context.ts';
import { concept, loinc } from '../codes.ts';
import type { PatientInfo, Requester } from './admin.ts';

export interface NoteSection {
  heading: string;
  lines: string[];
}

export interface NoteSpec {
  date: string;
  kind: 'progress' | 'history_and_physical';
  title: string;
  sections: NoteSection[];
  author: Requester;
  encounter?: Reference<Encounter>;
  format?: 'text' | 'html';
}

const NOTE_TYPES = {
  progress: loinc('11506-3', 'Progress note'),
  history_and_physical: loinc('34117-2', 'History and physical note'),
} as const;

/** MM/DD/YYYY, as dates are written in US clinic notes. */
export function usDate(iso: string): string {
  return `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;
}

function signature(spec: NoteSpec): string {
  return `Electronically signed by ${spec.author.name}, ${spec.author.credentials} on ${usDate(spec.date)}`;
}

export function renderText(spec: NoteSpec): string {
  const header = [spec.title, spec.author.practiceName, `Date of service: ${usDate(spec.date)}`];
  const body = spec.sections.map((s) => `${s.heading}:\n${s.lines.join('\n')}`);
  return `${[header.join('\n'), ...body, signature(spec)].join('\n\n')}\n`;
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function renderHtml(spec: NoteSpec): string {
  const sections = spec.sections.map(
    (s) => `<h3>${escapeHtml(s.heading)}</h3>\n<p>${s.lines.map(escapeHtml).join('<br/>\n')}</p>`,
  );
  return [
    '<!DOCTYPE html>',
    `<html><head><meta charset="utf-8"><title>${escapeHtml(spec.title)}</title></head><body>`,
    `<h2>${escapeHtml(spec.title)}</h2>`,
    `<p>${escapeHtml(spec.author.practiceName)}<br/>Date of service: ${usDate(spec.date)}</p>`,
    ...sections,
    `<p><i>${escapeHtml(signature(spec))}</i></p>`,
    '</body></html>',
    '',
  ].join('\n');
}

export function addNote(ctx: CaseContext, patient: PatientInfo, spec: NoteSpec): Reference<DocumentReference> {
  const html = spec.format === 'html';
  const text = html ? renderHtml(spec) : renderText(spec);
  const when = ctx.at(spec.date);
  return ctx.add<DocumentReference>({
    resourceType: 'DocumentReference',
    status: 'current',
    docStatus: 'final',
    type: concept(NOTE_TYPES[spec.kind]),
    category: [
      {
        coding: [
          {
            system: 'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category',
            code: 'clinical-note',
            display: 'Clinical Note',
          },
        ],
      },
    ],
    subject: patient.ref,
    date: when,
    author: [spec.author.practitioner],
    description: spec.title,
    content: [
      {
        attachment: {
          contentType: html ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8',
          language: 'en-US',
          data: Buffer.from(text, 'utf8').toString('base64'),
          title: spec.title,
          creation: when,
        },
      },
    ],
    context: {
      ...(spec.encounter ? { encounter: [spec.encounter] } : {}),
      period: { start: when, end: when },
    },
  });
}
