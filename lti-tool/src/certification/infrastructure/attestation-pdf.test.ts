import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { PublicCertificate } from '../domain/certification-result.js';
import { COMPETENCE_IDS } from '../domain/rules.js';
import { frenchDate, renderAttestationPdf } from './attestation-pdf.js';

const certificate: PublicCertificate = {
  verificationCode: 'P-7KD3XBQ9',
  firstName: 'Léa',
  lastName: 'Martin',
  status: 'validated',
  pixScore: 412,
  competenceLevels: COMPETENCE_IDS.map((competenceId, i) => ({ competenceId, level: i % 7 })),
  certifiedOn: '2026-03-01',
  validUntil: '2029-03-01',
  centre: { uai: '0781234A', name: 'Collège Jean Moulin' },
  framework: 'CORE',
};

/** The text pdfkit drew: hex strings of the uncompressed content stream, WinAnsi ≈ Latin-1. */
function drawnText(pdf: Buffer): string {
  const content = pdf.toString('latin1');
  return [...content.matchAll(/\[([^\]]*)\]\s*TJ/g)].map((m) => [...m[1]!.matchAll(/<([0-9a-fA-F]+)>/g)].map((h) => Buffer.from(h[1]!, 'hex').toString('latin1')).join('')).join('\n');
}

describe('the PDF attestation', () => {
  it('is a one-page A4 PDF in French with the score, the levels, the centre and the code', async () => {
    const pdf = await renderAttestationPdf(certificate, { verificationUrl: 'https://pix-lti.example.org/certifications/verification?code=P-7KD3XBQ9', compress: false });
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(1);
    const { width, height } = doc.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
    const text = drawnText(pdf);
    for (const expected of ['Attestation de certification Pix', 'Léa Martin', 'Collège Jean Moulin (UAI 0781234A)', '1er mars 2026', '412 pix', 'Niveau 6', 'P-7KD3XBQ9', '5.2']) {
      expect(text).toContain(expected);
    }
  });

  it('leaves out the name when the school did not give it, and the levels when rejected', async () => {
    const pdf = await renderAttestationPdf({ ...certificate, firstName: undefined, lastName: undefined, status: 'rejected', pixScore: 0, competenceLevels: [] }, { verificationUrl: 'https://x.example/v', compress: false });
    const text = drawnText(pdf);
    expect(text).not.toContain('Candidat');
    expect(text).toContain('Certification non validée');
    expect(text).not.toContain('Niveau');
  });

  it('writes French dates', () => {
    expect(frenchDate('2026-08-15')).toBe('15 août 2026');
    expect(frenchDate('2026-12-01')).toBe('1er décembre 2026');
  });
});
