// PDF rendering with pdfmake 0.2 on Node: its bundled Roboto fonts (read from the vfs file it ships, so no font file
// is looked up on disk at run time), embedded as subsets with a Unicode map so that `pdftotext` reads the text back.
// The creation date is the caller's (the date the document is prepared), and pdfkit derives the file id from the
// metadata: the same content renders to the same bytes.
import { createRequire } from 'node:module';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';

const require = createRequire(import.meta.url);

interface PdfKitDocument extends NodeJS.ReadableStream {
  end(): void;
  bufferedPageRange(): { start: number; count: number };
}

type PrinterClass = new (fonts: Record<string, Record<string, Buffer>>) => {
  createPdfKitDocument(definition: TDocumentDefinitions, options?: { bufferPages?: boolean }): PdfKitDocument;
};

let printer: InstanceType<PrinterClass> | undefined;

/** One printer per process: the fonts are decoded once. */
function printerOf(): InstanceType<PrinterClass> {
  if (printer) return printer;
  // pdfmake 0.2's Node entry point is its printer; the @types package describes the 0.3 API, hence the cast.
  const Printer = require('pdfmake') as PrinterClass;
  const vfs = require('pdfmake/build/vfs_fonts.js') as Record<string, string>;
  const font = (name: string): Buffer => Buffer.from(vfs[name] ?? '', 'base64');
  printer = new Printer({
    Roboto: {
      normal: font('Roboto-Regular.ttf'),
      bold: font('Roboto-Medium.ttf'),
      italics: font('Roboto-Italic.ttf'),
      bolditalics: font('Roboto-MediumItalic.ttf'),
    },
  });
  return printer;
}

export interface RenderedPdf {
  bytes: Buffer;
  pages: number;
}

export interface PdfMetadata {
  title: string;
  /** YYYY-MM-DD: the date the document is prepared, its creation date at midnight UTC. */
  preparedOn: string;
}

export const PDF_STYLES = {
  title: { fontSize: 14, bold: true, margin: [0, 0, 0, 6] },
  heading: { fontSize: 11, bold: true, margin: [0, 10, 0, 4] },
  subheading: { fontSize: 9.5, bold: true, margin: [0, 6, 0, 2] },
  small: { fontSize: 8, color: '#444444' },
  quote: { italics: true },
} satisfies TDocumentDefinitions['styles'];

export async function renderPdf(content: Content, meta: PdfMetadata, defaultFontSize = 10): Promise<RenderedPdf> {
  const created = new Date(`${meta.preparedOn}T00:00:00.000Z`);
  const document = printerOf().createPdfKitDocument(
    {
      info: { title: meta.title, creator: 'Klivira', producer: 'Klivira (pdfmake)', creationDate: created },
      pageSize: 'LETTER',
      pageMargins: [54, 54, 54, 54],
      content,
      styles: PDF_STYLES,
      defaultStyle: { font: 'Roboto', fontSize: defaultFontSize, lineHeight: 1.15 },
    },
    { bufferPages: true },
  );
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    document.on('data', (chunk: Buffer) => chunks.push(chunk));
    document.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    document.on('error', reject);
  });
  const pages = document.bufferedPageRange().count;
  document.end();
  return { bytes: await done, pages };
}
