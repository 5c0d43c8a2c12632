// The application's document renderer port, implemented with the pdfmake renderers of this folder.
import type { DocumentRenderer } from '../../app/documents.ts';
import { appealPacketPdf } from './appeal-packet-pdf.ts';
import { peerToPeerBriefPdf } from './p2p-brief-pdf.ts';

export const pdfRenderer: DocumentRenderer = {
  async appealPacket(packet, letter) {
    return (await appealPacketPdf(packet, letter)).bytes;
  },
  async peerToPeerBrief(build) {
    return (await peerToPeerBriefPdf(build)).bytes;
  },
};
