// Integration: GET /api/cases/:id/notes/:ref on both storages: the note comes back decoded exactly as the evidence
// reader saw it (an HTML note too), so every citation's offsets select its quoted span; unknown notes, other
// organizations' cases and malformed references are refused; each read is in the case's audit log.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lumbarMriCase, note } from '../../../testing/fixtures.ts';
import { fullTestApi } from '../../../testing/api.ts';
import { TEST_DATABASES } from '../../../testing/databases.ts';
import type { OpenDatabase } from '../../db/database.ts';
import type { Determination } from '../../../core/determination/index.ts';

const NOTE_TEXT =
  'Assessment: low back pain radiating down the left leg for 10 weeks. Completed 6 weeks of physical therapy ' +
  'without improvement. Exam: left L5 weakness and diminished reflexes.';
const HTML_NOTE = `<h1>Follow-up</h1><p>${NOTE_TEXT.replace('10 weeks', '10&nbsp;weeks')}</p>`;

describe.each(TEST_DATABASES)('the note route ($name)', (testDatabase) => {
  let database: OpenDatabase;
  let app: FastifyInstance;
  let headers: Record<string, string>;
  let caseId: string;
  let determination: Determination;

  beforeAll(async () => {
    database = await testDatabase.open();
    const api = await fullTestApi(database);
    app = api.app;
    headers = { authorization: `Bearer ${api.adminKey}` };
    const created = await app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { ...headers, 'content-type': 'application/fhir+json' },
      payload: JSON.stringify(
        lumbarMriCase([note('note-1', NOTE_TEXT), note('note-2', HTML_NOTE, '2026-02-28', 'text/html')]),
      ),
    });
    expect(created.statusCode).toBe(201);
    determination = created.json<Determination>();
    caseId = determination.caseId ?? '';
  });

  afterAll(async () => {
    await app.close();
    await database.close();
  });

  const read = (ref: string, id = caseId) =>
    app.inject({ method: 'GET', url: `/api/cases/${id}/notes/${encodeURIComponent(ref)}`, headers });

  it('answers the note as decoded text, so every cited span sits at its offsets', async () => {
    const citations = determination.criteria
      .flatMap((c) => c.evidence)
      .filter((e) => e.start !== undefined && e.end !== undefined);
    expect(citations.length).toBeGreaterThan(0);
    for (const citation of citations) {
      const response = await read(citation.reference);
      expect(response.statusCode).toBe(200);
      const body = response.json<{ reference: string; text: string; contentType: string }>();
      expect(body.reference).toBe(citation.reference);
      expect(body.text.slice(citation.start, citation.end)).toBe(citation.text);
    }
  });

  it('decodes an HTML note to its text, as the reader did', async () => {
    const response = await read('DocumentReference/note-2');
    expect(response.statusCode).toBe(200);
    const body = response.json<{ text: string; contentType: string; date: string }>();
    expect(body).toMatchObject({ contentType: 'text/html', date: '2026-02-28' });
    expect(body.text).toContain('Follow-up\n');
    expect(body.text).toContain('for 10 weeks.'); // &nbsp; read as a space
    expect(body.text).not.toContain('<p>');
  });

  it('refuses an unknown note, another case and a malformed reference, naming no note text', async () => {
    const missing = await read('DocumentReference/nope');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('DocumentReference/nope');
    expect((await read('DocumentReference/note-1', '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await read('Patient/pat-1')).statusCode).toBe(400);
    expect((await read('DocumentReference/a b')).statusCode).toBe(400);
  });

  it('needs a key, and each read is audited as a view of the case', async () => {
    const anonymous = await app.inject({ method: 'GET', url: `/api/cases/${caseId}/notes/DocumentReference%2Fnote-1` });
    expect(anonymous.statusCode).toBe(401);
    await read('DocumentReference/note-1');
    const audit = await app.inject({ method: 'GET', url: `/api/cases/${caseId}/audit`, headers });
    const entries = audit.json<{ entries?: { route: string; action: string }[] }>().entries ?? [];
    expect(entries).toContainEqual(expect.objectContaining({ route: 'GET /api/cases/:id/notes/:ref', action: 'view' }));
  });
});
