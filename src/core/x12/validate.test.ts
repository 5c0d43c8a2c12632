import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { formatIssue, type X12Issue } from './issues.ts';
import { parseX12 } from './parse.ts';
import {
  ACK_SAMPLES,
  CLEAN_SAMPLES,
  HL_PARENT_DEFECT,
  INTELIGENZ_SAMPLES,
  SE01_DEFECTS,
  hasSamples,
  readSample,
} from '../../testing/x12-samples.ts';
import { validateX12, validateX12Stream, validateX12Text } from './validate.ts';

const errors = (issues: X12Issue[]) => issues.filter((issue) => issue.severity === 'error');
const validate = (name: string) => validateX12(parseX12(readSample(name)));

describe.skipIf(!hasSamples())('validateX12 on ../shared/x12-samples', () => {
  it.each(CLEAN_SAMPLES)('%s validates clean (no errors, no warnings)', (name) => {
    const report = validate(name);
    expect(report.issues.map(formatIssue)).toEqual([]);
    expect(report.valid).toBe(true);
    expect(report.transactions).toHaveLength(1);
  });

  it.each([
    [SE01_DEFECTS[0] ?? '', '25', '26', 28],
    [SE01_DEFECTS[1] ?? '', '19', '20', 22],
  ])('rejects %s for its SE01 count', (name, declared, actual, segmentIndex) => {
    const report = validate(name);
    expect(report.valid).toBe(false);
    expect(errors(report.issues)).toEqual([
      {
        severity: 'error',
        rule: 'segment-count',
        message: `SE01 is ${declared}, expected ${actual} (segments from ST to SE inclusive)`,
        location: { segmentIndex, segmentId: 'SE', element: 1, value: declared },
      },
    ]);
  });

  it('rejects the transportation request whose service lines hang under another 2000F', () => {
    const report = validate(HL_PARENT_DEFECT);
    const parentErrors = report.issues.filter((issue) => issue.rule === 'hl-parent-level');
    expect(
      parentErrors.map((issue) => [issue.location.segmentInTransaction, issue.location.value, issue.location.loopId]),
    ).toEqual([
      [30, '5', '2000F'],
      [32, '6', '2000F'],
    ]);
    expect(parentErrors[0]?.message).toBe('2000F (HL 6) has parent HL 5, a 2000F; expected 2000E');
    // HL04 = 0 on a level that (wrongly) has children follows from the same defect.
    expect(new Set(errors(report.issues).map((issue) => issue.rule))).toEqual(
      new Set(['hl-parent-level', 'hl-child-code']),
    );
    // The services are still attributed to the event, so no decision is lost.
    expect(report.transactions[0]?.transaction.events[0]?.services).toHaveLength(3);
  });

  it.each(INTELIGENZ_SAMPLES)('%s: BOM and layout tolerated (warnings), the 4010/X279 envelope rejected', (name) => {
    const report = validate(name);
    const rules = report.issues.map((issue) => `${issue.severity} ${issue.rule}`);
    expect(rules).toEqual(
      expect.arrayContaining([
        'warning byte-order-mark',
        'warning layout-whitespace',
        'error isa-version',
        'error version-mismatch',
      ]),
    );
    const mismatch = report.issues.find((issue) => issue.rule === 'version-mismatch');
    expect(mismatch?.message).toBe('ST03 005010X217 does not match GS08 005010X279');
  });

  it('finds the shifted NM1 (one * short) in the pended response and the 9-character TRN03', () => {
    const report = validate(INTELIGENZ_SAMPLES[5] ?? '');
    const elementErrors = errors(report.issues).filter((issue) => issue.rule === 'element-length');
    expect(
      elementErrors.map((issue) => [
        issue.location.segmentId,
        issue.location.element,
        issue.location.loopId,
        issue.location.value,
      ]),
    ).toEqual([
      ['NM1', 8, '2010B', '8189991234'],
      ['TRN', 3, '2000E', '987654321'],
    ]);
  });

  it.each(ACK_SAMPLES)('%s: a 999 envelope validates without errors', (name) => {
    expect(validate(name).valid).toBe(true);
  });
});

describe('validateX12 (synthetic defects)', () => {
  const isa =
    'ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *260101*1200*^*00501*000000007*0*T*:~';
  const body = [
    'ST*278*0001*005010X217',
    'BHT*0007*13*T1*20260101*1200',
    'HL*1**20*1',
    'NM1*X3*2*PAYER*****PI*12345',
    'HL*2*1*21*1',
    'NM1*1P*1*DOE*JAN****XX*1234567893',
    'HL*3*2*22*1',
    'NM1*IL*1*ROE*RAY****MI*M1',
    'HL*4*3*EV*0',
    'UM*HS*I*3*11:B',
    'HI*ABK:M545',
  ];
  const wrap = (segments: string[], trailer = `SE*${segments.length + 1}*0001~GE*1*7~IEA*1*000000007~`) =>
    `${isa}GS*HI*SENDER*RECEIVER*20260101*1200*7*X*005010X217~${segments.map((s) => `${s}~`).join('')}${trailer}`;

  it('accepts a minimal referral', () => {
    expect(validateX12(parseX12(wrap(body))).issues).toEqual([]);
  });

  it('reports an ST02 used twice in a group, however far apart, streamed or not', async () => {
    // 3,000 sets numbered 0001…3000, then 0001 again and one out of order (2999 is taken, 5000 is not).
    const set = (control: string) =>
      [`ST*278*${control}*005010X217`, ...body.slice(1), `SE*${body.length + 1}*${control}`]
        .map((s) => `${s}~`)
        .join('');
    const controls = [
      ...Array.from({ length: 3000 }, (_, i) => String(i + 1).padStart(4, '0')),
      '0001',
      '2999',
      '5000',
    ];
    const text =
      `${isa}GS*HI*SENDER*RECEIVER*20260101*1200*7*X*005010X217~${controls.map(set).join('')}` +
      `GE*${controls.length}*7~IEA*1*000000007~`;
    const expected = [
      { control: '0001', segmentIndex: 3 + 3000 * (body.length + 1) },
      { control: '2999', segmentIndex: 3 + 3001 * (body.length + 1) },
    ].map(({ control, segmentIndex }) => ({
      severity: 'error',
      rule: 'duplicate-control-number',
      message: `ST02 ${control} is used twice in group 7`,
      location: { segmentIndex, segmentId: 'ST', element: 2, value: control },
    }));
    expect(validateX12(parseX12(text)).issues).toEqual(expected);
    const chunks = text.match(/[^]{1,4096}/g) ?? [];
    const streamed = await validateX12Stream(Readable.from(chunks.map((c) => Buffer.from(c))), {
      retainTransactions: false,
    });
    expect(streamed.issues).toEqual(expected);
    expect(streamed.transactionCount).toBe(controls.length);
  });

  it('reports control-number disagreement on every trailer', () => {
    const report = validateX12(parseX12(wrap(body, 'SE*12*0002~GE*2*8~IEA*2*000000009~')));
    expect(
      report.issues.map((issue) => `${issue.location.segmentId}${issue.location.element ?? ''} ${issue.rule}`),
    ).toEqual([
      'SE2 control-number-mismatch',
      'GE1 segment-count',
      'GE2 control-number-mismatch',
      'IEA1 segment-count',
      'IEA2 control-number-mismatch',
    ]);
  });

  it('reports missing trailers, a response-only HCR in a request, a bad code and a bad date', () => {
    const segments = [...body.slice(0, 9), 'UM*XX*I*3*11:B', 'HCR*A1*1', 'DTP*472*D8*20261340', 'HI*ABK:M545'];
    const report = validateX12(
      parseX12(`${isa}GS*HI*SENDER*RECEIVER*20260101*1200*7*X*005010X217~${segments.map((s) => `${s}~`).join('')}`),
    );
    expect(report.issues.map((issue) => `${issue.severity} ${issue.rule} ${issue.location.segmentId ?? ''}`)).toEqual(
      expect.arrayContaining([
        'error missing-trailer ST',
        'error missing-trailer GS',
        'error missing-trailer ISA',
        'error response-only-segment HCR',
        'error element-code UM',
        'error element-type DTP',
      ]),
    );
  });

  it('rejects a patient event under the subscriber when the patient is a dependent', () => {
    const segments = [...body.slice(0, 8), 'HL*4*3*23*1', 'NM1*QC*1*ROE*KIM', 'HL*5*3*EV*0', ...body.slice(9)];
    const report = validateX12(parseX12(wrap(segments)));
    expect(report.issues.map((issue) => `${issue.rule} ${issue.location.value ?? ''}`)).toEqual([
      'hl-parent-level 3',
      'hl-child-code 1',
    ]);
  });

  it('warns (not errors) on unverified code values and segments', () => {
    const report = validateX12(parseX12(wrap([...body, 'CR7*AI*5*2'])));
    expect(report.valid).toBe(true);
    expect(report.issues.map((issue) => `${issue.severity} ${issue.rule}`)).toEqual(['warning unverified-segment']);
  });
});

describe.skipIf(!hasSamples())('one-pass validation agrees with document validation', () => {
  const names = [...CLEAN_SAMPLES, ...SE01_DEFECTS, HL_PARENT_DEFECT, ...INTELIGENZ_SAMPLES, ...ACK_SAMPLES];

  it.each(names)('%s: validateX12Text and validateX12Stream report what validateX12 reports', async (name) => {
    const text = readSample(name);
    const expected = validate(name);
    const fromText = validateX12Text(text);
    expect(fromText.issues).toEqual(expected.issues);
    expect(fromText.transactions).toEqual(expected.transactions);
    const fromStream = await validateX12Stream(Readable.from([Buffer.from(text)]), { retainTransactions: false });
    expect(fromStream.issues).toEqual(expected.issues);
    expect(fromStream.transactionCount).toBe(expected.transactionCount);
    expect(fromStream.transactions).toEqual([]);
  });

  it('caps the findings it keeps but still counts them all', () => {
    const text = readSample(HL_PARENT_DEFECT);
    const report = validateX12Text(text, { maxIssues: 1 });
    expect(report.issues).toHaveLength(1);
    expect(report.errorCount).toBe(4);
    expect(report.issuesTruncated).toBe(true);
  });
});
