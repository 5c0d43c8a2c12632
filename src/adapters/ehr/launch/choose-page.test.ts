import { describe, expect, it } from 'vitest';
import { choosePage } from './choose-page.ts';

describe('the order choice page', () => {
  it('links each order to /smart/choose and escapes what the EHR wrote', () => {
    const html = choosePage('k-1', [
      { reference: 'ServiceRequest/a', label: 'MRI <lumbar> & "spine" (2026-10-24)' },
      { reference: 'ServiceRequest/b', label: 'PET/CT' },
    ]);
    expect(html).toContain(
      '<a href="/smart/choose?choice=k-1&amp;order=ServiceRequest%2Fa">MRI &lt;lumbar&gt; &amp; &quot;spine&quot; (2026-10-24)</a>',
    );
    expect(html).toContain('order=ServiceRequest%2Fb">PET/CT</a>');
  });
});
