import type QRCodeModule from 'qrcode';
import type { PublicCertificate } from '../domain/certification-result.js';
import { COMPETENCES, AREAS } from '../domain/rules.js';

const INK = '#1f2a44';
const MUTED = '#4a5568';
const ACCENT = '#3d2fa0';

/**
 * The PDF attestation of a certification (pdfkit, A4, French). It shows exactly what
 * the public verification shows, plus a QR code of the verification URL. The standard
 * Helvetica fonts cover French (WinAnsi). `compress: false` is for tests reading the text.
 */
export async function renderAttestationPdf(
  certificate: PublicCertificate,
  options: { verificationUrl: string; compress?: boolean; now?: Date },
): Promise<Buffer> {
  // Loaded on first use: pdfkit costs about a second at start-up, and most processes never render an attestation.
  const [{ default: PDFDocument }, { default: QRCode }] = await Promise.all([import('pdfkit'), import('qrcode')]);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    compress: options.compress ?? true,
    lang: 'fr-FR',
    displayTitle: true,
    info: {
      Title: `Attestation de certification Pix ${certificate.verificationCode}`,
      Subject: 'Attestation de certification des compétences numériques',
      Author: certificate.centre.name,
      Keywords: `Pix, certification, ${certificate.verificationCode}`,
      CreationDate: options.now ?? new Date(),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const name = [certificate.firstName, certificate.lastName].filter(Boolean).join(' ');
  doc.fillColor(ACCENT).font('Helvetica-Bold').fontSize(22).text('Attestation de certification Pix');
  doc.moveDown(0.3).fillColor(MUTED).font('Helvetica').fontSize(11).text('Certification des compétences numériques');
  doc.moveDown(1.2).fillColor(INK).fontSize(12);
  if (name) line(doc, 'Candidat·e', name);
  line(doc, 'Centre de certification', `${certificate.centre.name} (UAI ${certificate.centre.uai})`);
  line(doc, 'Date de la certification', frenchDate(certificate.certifiedOn));
  line(doc, 'Valable jusqu’au', frenchDate(certificate.validUntil));
  line(doc, 'Statut', certificate.status === 'validated' ? 'Certification validée' : 'Certification non validée');

  if (certificate.status === 'validated') {
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(28).fillColor(ACCENT).text(`${certificate.pixScore} pix`, { continued: true });
    doc.font('Helvetica').fontSize(12).fillColor(MUTED).text('  sur 895 possibles');
    doc.moveDown(0.8).fillColor(INK).font('Helvetica-Bold').fontSize(13).text('Niveau atteint par compétence (0 à 7)');
    doc.moveDown(0.4);
    const levels = new Map(certificate.competenceLevels.map((c) => [c.competenceId, c.level]));
    for (const area of AREAS) {
      doc.font('Helvetica-Bold').fontSize(10.5).fillColor(MUTED).text(`${area.id}. ${area.name}`);
      for (const competence of COMPETENCES.filter((c) => c.area === area.id)) {
        const y = doc.y;
        doc.font('Helvetica').fontSize(10.5).fillColor(INK).text(`${competence.id}  ${competence.name}`, 60, y, { width: 400 });
        doc.font('Helvetica-Bold').text(`Niveau ${levels.get(competence.id) ?? 0}`, 470, y, { width: 80, align: 'right' });
        doc.x = 48;
      }
      doc.moveDown(0.3);
    }
  }

  doc.moveDown(1).fillColor(INK).font('Helvetica-Bold').fontSize(12).text(`Code de vérification : ${certificate.verificationCode}`, 48);
  doc.font('Helvetica').fontSize(10).fillColor(MUTED).text(`Vérifiez cette attestation sur ${options.verificationUrl}`, { link: options.verificationUrl });
  drawQr(doc, QRCode, options.verificationUrl, doc.page.width - 48 - 84, doc.page.height - 48 - 84, 84);
  doc.end();
  return done;
}

function line(doc: PDFKit.PDFDocument, label: string, value: string): void {
  doc.font('Helvetica').fillColor(MUTED).text(`${label} : `, { continued: true }).font('Helvetica-Bold').fillColor(INK).text(value);
  doc.moveDown(0.2);
}

/** Draws the QR code as vector squares (no image decoding, stays sharp when printed). */
function drawQr(doc: PDFKit.PDFDocument, QRCode: typeof QRCodeModule, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const count = qr.modules.size;
  const cell = size / count;
  doc.save().fillColor('#000000');
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (qr.modules.get(row, col)) doc.rect(x + col * cell, y + row * cell, cell, cell);
    }
  }
  doc.fill().restore();
}

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

export function frenchDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return `${d === 1 ? '1er' : d} ${MONTHS[m - 1]} ${y}`;
}
