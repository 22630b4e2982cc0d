import { notFound } from '../../platform/errors.js';
import { AREAS, CERTIFICATION_FRAMEWORK, COMPETENCES } from '../domain/rules.js';
import type { CertificationDeps } from './dependencies.js';

/** One pupil's certification in the livret scolaire's shape (pix-domain.md §5). */
export interface OrganizationCertification {
  id: string;
  firstName?: string;
  lastName?: string;
  birthdate?: string;
  nationalStudentId?: string;
  status: 'validated' | 'rejected' | 'pending';
  pixScore?: number;
  verificationCode?: string;
  date: string;
  deliveredAt?: string;
  certificationCenter: string;
  competenceResults: Array<{ competenceId: string; level: number }>;
}

const PAGE = 200;

/**
 * The certifications of one school (UAI) for the livret scolaire: published results
 * (validated / rejected) page by page, and, on the first page, the candidates of
 * finalised sessions whose results are not published yet (`pending`). Identity fields
 * appear only when the school gave them. The caller checks the academy first.
 */
export async function listOrganizationCertifications(
  input: { uai: string; academyId: string; cursor?: string; limit?: number },
  deps: Pick<CertificationDeps, 'centres' | 'sessions' | 'courses' | 'results'>,
) {
  const centre = await deps.centres.find(input.uai);
  if (!centre || centre.academyId !== input.academyId) throw notFound('ORGANIZATION_NOT_FOUND', `No certification centre ${input.uai} in your academy.`);
  const limit = Math.min(input.limit ?? PAGE, PAGE);
  const after = decodeCursor(input.cursor);
  const page = await deps.results.listByCentre(centre.uai, { after, limit });
  const certifications: OrganizationCertification[] = page.map((r) => ({
    id: r.id,
    ...identity(r.candidate),
    status: r.status,
    pixScore: r.pixScore,
    verificationCode: r.verificationCode,
    date: `${r.certifiedOn}T00:00:00.000Z`,
    deliveredAt: r.publishedAt.toISOString(),
    certificationCenter: r.centre.name,
    competenceResults: r.competenceLevels.map((c) => ({ competenceId: c.competenceId, level: c.level })),
  }));
  if (!after) {
    for (const session of (await deps.sessions.listByCentre(centre.uai)).filter((s) => s.status === 'finalised')) {
      for (const course of (await deps.courses.listBySession(session.id)).filter((c) => c.score)) {
        certifications.push({ id: course.id, ...identity(course.candidate), status: 'pending', date: `${session.date}T00:00:00.000Z`, certificationCenter: centre.name, competenceResults: [] });
      }
    }
  }
  const last = page.at(-1);
  return {
    data: {
      uai: centre.uai,
      framework: CERTIFICATION_FRAMEWORK,
      certifications,
      competences: COMPETENCES.map((c) => ({ id: c.id, name: c.name, area: AREAS.find((a) => a.id === c.area)! })),
    },
    meta: { nextCursor: page.length === limit && last ? encodeCursor(last.publishedAt, last.id) : null },
  };
}

function identity(c: { firstName?: string; lastName?: string; birthdate?: string; nationalStudentId?: string }) {
  const out: Pick<OrganizationCertification, 'firstName' | 'lastName' | 'birthdate' | 'nationalStudentId'> = {};
  if (c.firstName) out.firstName = c.firstName;
  if (c.lastName) out.lastName = c.lastName;
  if (c.birthdate) out.birthdate = c.birthdate;
  if (c.nationalStudentId) out.nationalStudentId = c.nationalStudentId;
  return out;
}

function encodeCursor(publishedAt: Date, id: string): string {
  return Buffer.from(`${publishedAt.toISOString()}|${id}`).toString('base64url');
}

function decodeCursor(cursor?: string): { publishedAt: Date; id: string } | undefined {
  if (!cursor) return undefined;
  const [date, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const publishedAt = new Date(date ?? '');
  if (!id || Number.isNaN(publishedAt.getTime())) throw notFound('CURSOR_INVALID', 'This page cursor is not valid; start again without it.');
  return { publishedAt, id };
}
