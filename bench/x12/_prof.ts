import { generateBatch } from './generate.ts';
import { validateX12Text } from '../../src/core/x12/index.ts';
const text = generateBatch(10000);
for (let i = 0; i < 8; i++) { const s = performance.now(); const r = validateX12Text(text, { retainTransactions: false }); console.log((performance.now() - s).toFixed(0), r.errorCount); }
